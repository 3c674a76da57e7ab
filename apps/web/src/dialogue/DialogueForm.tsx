import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { BilingualField, bindPair } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { CountrySelect, VisibilitySelect } from './Controls.tsx';
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
          <CountrySelect
            id="dialogue-partner"
            label={t('dialogueWeb:dialogue.partner')}
            names={areaNames}
            error={form.fieldErrors.partnerArea}
            value={partner}
            onChange={setPartner}
          />
        )}
        <VisibilitySelect
          id="dialogue-visibility"
          error={form.fieldErrors.visibility}
          value={visibility}
          onChange={setVisibility}
        />
      </div>
      <BilingualField
        idPrefix="dialogue"
        name="title"
        label={t('dialogueWeb:meeting.title')}
        required
        {...bindPair(title, setTitle)}
        errors={form.fieldErrors}
      />
      <BilingualField
        idPrefix="dialogue"
        name="description"
        label={t('dialogueWeb:programme.description')}
        multiline
        {...bindPair(description, setDescription)}
        errors={form.fieldErrors}
      />
      <FormButtons busy={form.busy} submit={t('dialogueWeb:dialogue.create')} />
    </form>
  );
}
