import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { BilingualField, bindPair } from './Bilingual.tsx';
import { orNull, resolveText } from './bilingual.ts';
import { OptionSelect } from './Controls.tsx';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import { flatten } from './tree.ts';
import { NODE_KINDS, type NodeKind, type StrategyDetail, type StrategyNode } from './types.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

/** Which items an item of each kind may go under (the server checks it too). */
const PARENT_KINDS: Record<NodeKind, NodeKind[]> = {
  policy_area: [],
  cross_cutting_theme: [],
  priority: ['policy_area', 'cross_cutting_theme'],
  action: ['priority'],
};

/** The code of the item directly above `node` in the tree, or '' at the top level. */
export function parentCodeOf(nodes: StrategyNode[], node: StrategyNode): string {
  return flatten(nodes).find((n) => n.children.some((c) => c.id === node.id))?.code ?? '';
}

/**
 * Editors: add an item to the tree (a policy area or theme, a priority under one, an action under
 * a priority), or edit one (code, place in the tree, title, responsible; its level stays).
 */
export function NodeForm({
  strategy,
  node,
  onChanged,
  onCancel,
}: {
  strategy: StrategyDetail;
  node?: StrategyNode;
  onChanged: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const form = useForm();
  const [kind, setKind] = useState<NodeKind>(node?.kind ?? 'action');
  const [code, setCode] = useState(node?.code ?? '');
  const [parent, setParent] = useState(node ? parentCodeOf(strategy.nodes, node) : '');
  const [title, setTitle] = useState({ en: node?.titleEn ?? '', ru: node?.titleRu ?? '' });
  const [responsible, setResponsible] = useState({
    en: node?.responsibleEn ?? '',
    ru: node?.responsibleRu ?? '',
  });
  const all = flatten(strategy.nodes).filter((n) => n.id !== node?.id);
  const prefix = node ? `node-${node.id}-edit` : 'node';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      code,
      parent: parent || null,
      titleEn: orNull(title.en),
      titleRu: orNull(title.ru),
      responsibleEn: orNull(responsible.en),
      responsibleRu: orNull(responsible.ru),
    };
    const done = await form.run(() =>
      node
        ? send('patch', paths.node(node.id), body)
        : send('post', paths.strategyNodes(strategy.code), { kind, ...body }),
    );
    if (done === undefined) return;
    if (!node) {
      setCode('');
      setTitle({ en: '', ru: '' });
      setResponsible({ en: '', ru: '' });
    }
    onCancel?.();
    onChanged();
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <div className="form-row">
        {!node && (
          <OptionSelect
            id="node-kind"
            label={t('dialogueWeb:strategy.kind')}
            error={form.fieldErrors.kind}
            value={kind}
            onChange={(value) => {
              setKind(value);
              setParent('');
            }}
            options={NODE_KINDS}
            text={(k) => t(`dialogueWeb:nodeKind.${k}`)}
          />
        )}
        <Field id={`${prefix}-code`} label={t('dialogueWeb:strategy.code')} error={form.fieldErrors.code}>
          {(props) => <input {...props} type="text" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field
          id={`${prefix}-parent`}
          label={t('dialogueWeb:strategy.parent')}
          error={form.fieldErrors.parent}
        >
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
        idPrefix={prefix}
        name="title"
        label={t('dialogueWeb:strategy.itemTitle')}
        required
        {...bindPair(title, setTitle)}
        errors={form.fieldErrors}
      />
      <BilingualField
        idPrefix={prefix}
        name="responsible"
        label={t('dialogueWeb:strategy.responsible')}
        {...bindPair(responsible, setResponsible)}
        errors={form.fieldErrors}
      />
      <FormButtons
        busy={form.busy}
        submit={node ? t('dialogueWeb:form.save') : t('dialogueWeb:strategy.addNodeButton')}
        onCancel={onCancel}
      />
    </form>
  );
}
