import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { BilingualField } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { CENTRAL_ASIA } from './DelegationsSection.tsx';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import type { Visibility } from './types.ts';
import { useCentralAsiaNames } from './useAreaNames.ts';

type Kind = 'regional' | 'bilateral';

/** Editors: a new dialogue series, regional or bilateral with a partner country. */
export function DialogueForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const form = useForm();
  const areaNames = useCentralAsiaNames();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<Kind>('regional');
  const [partner, setPartner] = useState('');
  const [title, setTitle] = useState({ en: '', ru: '' });
  const [description, setDescription] = useState({ en: '', ru: '' });
  const [visibility, setVisibility] = useState<Visibility>('public');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await form.run(() =>
      send('post', paths.dialogues, {
        code,
        kind,
        partnerArea: kind === 'bilateral' ? partner || null : null,
        titleEn: orNull(title.en),
        titleRu: orNull(title.ru),
        descriptionEn: orNull(description.en),
        descriptionRu: orNull(description.ru),
        visibility,
      }),
    );
    if (done === undefined) return;
    setCode('');
    setPartner('');
    setTitle({ en: '', ru: '' });
    setDescription({ en: '', ru: '' });
    onChanged();
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <div className="form-row">
        <Field
          id="dialogue-code"
          label={t('dialogueWeb:strategy.code')}
          hint={t('dialogueWeb:form.codeHint')}
          error={form.fieldErrors.code}
        >
          {(props) => <input {...props} type="text" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field id="dialogue-kind" label={t('dialogueWeb:dialogue.kindLabel')} error={form.fieldErrors.kind}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="regional">{t('dialogueWeb:dialogue.kind.regional')}</option>
              <option value="bilateral">{t('dialogueWeb:dialogue.kind.bilateral')}</option>
            </select>
          )}
        </Field>
        {kind === 'bilateral' && (
          <Field
            id="dialogue-partner"
            label={t('dialogueWeb:dialogue.partner')}
            error={form.fieldErrors.partnerArea}
          >
            {(props) => (
              <select {...props} value={partner} onChange={(e) => setPartner(e.target.value)}>
                <option value="">{t('dialogueWeb:form.none')}</option>
                {CENTRAL_ASIA.map((c) => (
                  <option key={c} value={c}>
                    {areaNames[c] ?? c}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          id="dialogue-visibility"
          label={t('dialogueWeb:meeting.visibility')}
          error={form.fieldErrors.visibility}
        >
          {(props) => (
            <select
              {...props}
              value={visibility}
              onChange={(e) => setVisibility(e.target.value as Visibility)}
            >
              <option value="public">{t('dialogueWeb:visibility.public')}</option>
              <option value="participants">{t('dialogueWeb:visibility.participants')}</option>
            </select>
          )}
        </Field>
      </div>
      <BilingualField
        idPrefix="dialogue"
        name="title"
        label={t('dialogueWeb:meeting.title')}
        required
        en={title.en}
        ru={title.ru}
        errors={form.fieldErrors}
        onChange={(l, v) => setTitle((c) => ({ ...c, [l]: v }))}
      />
      <BilingualField
        idPrefix="dialogue"
        name="description"
        label={t('dialogueWeb:programme.description')}
        multiline
        en={description.en}
        ru={description.ru}
        errors={form.fieldErrors}
        onChange={(l, v) => setDescription((c) => ({ ...c, [l]: v }))}
      />
      <FormButtons
        busy={form.busy}
        submit={t('dialogueWeb:dialogue.create')}
        cancel={t('dialogueWeb:form.cancel')}
      />
    </form>
  );
}
