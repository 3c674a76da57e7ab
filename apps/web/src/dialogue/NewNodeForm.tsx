import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { BilingualField } from './Bilingual.tsx';
import { orNull, resolveText } from './bilingual.ts';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { paths } from './paths.ts';
import { flatten } from './StrategyTree.tsx';
import { NODE_KINDS, type NodeKind, type StrategyDetail } from './types.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

/** Which items an item of each kind may go under (the server checks it too). */
const PARENT_KINDS: Record<NodeKind, NodeKind[]> = {
  policy_area: [],
  cross_cutting_theme: [],
  priority: ['policy_area', 'cross_cutting_theme'],
  action: ['priority'],
};

/** Editors: add an item to the tree (a policy area or theme, a priority under one, an action under a priority). */
export function NewNodeForm({ strategy, onChanged }: { strategy: StrategyDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const form = useForm();
  const [kind, setKind] = useState<NodeKind>('action');
  const [code, setCode] = useState('');
  const [parent, setParent] = useState('');
  const [title, setTitle] = useState({ en: '', ru: '' });
  const [responsible, setResponsible] = useState({ en: '', ru: '' });
  const all = flatten(strategy.nodes);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await form.run(() =>
      send('post', paths.strategyNodes(strategy.code), {
        kind,
        code,
        parent: parent || null,
        titleEn: orNull(title.en),
        titleRu: orNull(title.ru),
        responsibleEn: orNull(responsible.en),
        responsibleRu: orNull(responsible.ru),
      }),
    );
    if (done !== undefined) {
      setCode('');
      setTitle({ en: '', ru: '' });
      setResponsible({ en: '', ru: '' });
      onChanged();
    }
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <div className="form-row">
        <Field id="node-kind" label={t('dialogueWeb:strategy.kind')} error={form.fieldErrors.kind}>
          {(props) => (
            <select
              {...props}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as NodeKind);
                setParent('');
              }}
            >
              {NODE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`dialogueWeb:nodeKind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="node-code" label={t('dialogueWeb:strategy.code')} error={form.fieldErrors.code}>
          {(props) => <input {...props} type="text" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field id="node-parent" label={t('dialogueWeb:strategy.parent')} error={form.fieldErrors.parent}>
          {(props) => (
            <select {...props} value={parent} onChange={(e) => setParent(e.target.value)}>
              <option value="">{t('dialogueWeb:strategy.topLevel')}</option>
              {all
                .filter((n) => PARENT_KINDS[kind].includes(n.kind))
                .map((n) => (
                  <option key={n.id} value={n.code}>
                    {n.code} — {resolveText(lang, n.titleEn, n.titleRu)?.text ?? ''}
                  </option>
                ))}
            </select>
          )}
        </Field>
      </div>
      <BilingualField
        idPrefix="node"
        name="title"
        label={t('dialogueWeb:strategy.itemTitle')}
        required
        en={title.en}
        ru={title.ru}
        errors={form.fieldErrors}
        onChange={(l, v) => setTitle((c) => ({ ...c, [l]: v }))}
      />
      <BilingualField
        idPrefix="node"
        name="responsible"
        label={t('dialogueWeb:strategy.responsible')}
        en={responsible.en}
        ru={responsible.ru}
        errors={form.fieldErrors}
        onChange={(l, v) => setResponsible((c) => ({ ...c, [l]: v }))}
      />
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {t('dialogueWeb:strategy.addNodeButton')}
      </button>
    </form>
  );
}
