import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDetail, Page, SubstanceNode } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BilingualField, bindPair } from './Bilingual.tsx';
import { orNull, resolveText } from './bilingual.ts';
import { CountrySelect, DecimalField, OptionSelect } from './Controls.tsx';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import { flatten } from './tree.ts';
import type { StrategyDetail, StrategyNode, StrategySummary } from './types.ts';
import { useCentralAsiaNames } from './useAreaNames.ts';

const RELATIONS = ['supports', 'contributes_to', 'equivalent'] as const;
type Relation = (typeof RELATIONS)[number];

/** A number from a form field; empty is null (the server refuses what is not a number). */
function numberOrNull(value: string): number | null {
  return value.trim() === '' ? null : Number(value.replace(',', '.'));
}

function flattenSubstances(nodes: SubstanceNode[], depth = 0): { code: string; name: string }[] {
  return nodes.flatMap((n) => [
    { code: n.code, name: `${'\u00a0\u00a0'.repeat(depth)}${n.name}` },
    ...flattenSubstances(n.children, depth + 1),
  ]);
}

/** Editors: link an indicator to an item (country, substance, baseline and target, note). */
export function IndicatorLinkForm({
  node,
  onChanged,
  onCancel,
}: {
  node: StrategyNode;
  onChanged: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const areaNames = useCentralAsiaNames();
  const indicators = useApi<{ items: IndicatorDetail[] }>('indicators');
  const substances = useApi<{ items: SubstanceNode[] }>('substances');
  const [indicator, setIndicator] = useState('');
  const [area, setArea] = useState('');
  const [substance, setSubstance] = useState('');
  const [baselineValue, setBaselineValue] = useState('');
  const [baselineYear, setBaselineYear] = useState('');
  const [targetValue, setTargetValue] = useState('');
  const [targetYear, setTargetYear] = useState('');
  const [note, setNote] = useState({ en: '', ru: '' });
  const prefix = `link-${node.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await form.run(() =>
      send('post', paths.nodeIndicators(node.id), {
        indicator,
        area: area || null,
        substance: substance || null,
        baselineValue: numberOrNull(baselineValue),
        baselineYear: numberOrNull(baselineYear),
        targetValue: numberOrNull(targetValue),
        targetYear: numberOrNull(targetYear),
        noteEn: orNull(note.en),
        noteRu: orNull(note.ru),
      }),
    );
    if (done === undefined) return;
    onCancel();
    onChanged();
  };

  const numberField = (name: string, label: string, value: string, set: (v: string) => void) => (
    <DecimalField
      id={`${prefix}-${name}`}
      label={label}
      error={form.fieldErrors[name]}
      value={value}
      onChange={set}
    />
  );

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <div className="form-row">
        <Field
          id={`${prefix}-indicator`}
          label={t('dialogueWeb:link.indicator')}
          error={form.fieldErrors.indicator}
        >
          {(props) => (
            <select {...props} value={indicator} onChange={(e) => setIndicator(e.target.value)}>
              <option value="">{t('dialogueWeb:form.none')}</option>
              {(indicators.data?.items ?? []).map((i) => (
                <option key={i.code} value={i.code}>
                  {i.name} ({i.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <CountrySelect
          id={`${prefix}-area`}
          label={t('dialogueWeb:delegation.country')}
          names={areaNames}
          error={form.fieldErrors.area}
          value={area}
          onChange={setArea}
        />
        <Field
          id={`${prefix}-substance`}
          label={t('dialogueWeb:link.substance')}
          error={form.fieldErrors.substance}
        >
          {(props) => (
            <select {...props} value={substance} onChange={(e) => setSubstance(e.target.value)}>
              <option value="">{t('dialogueWeb:form.none')}</option>
              {flattenSubstances(substances.data?.items ?? []).map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        {numberField('baselineValue', t('dialogueWeb:link.baselineValue'), baselineValue, setBaselineValue)}
        {numberField('baselineYear', t('dialogueWeb:link.baselineYear'), baselineYear, setBaselineYear)}
        {numberField('targetValue', t('dialogueWeb:link.targetValue'), targetValue, setTargetValue)}
        {numberField('targetYear', t('dialogueWeb:link.targetYear'), targetYear, setTargetYear)}
      </div>
      <BilingualField
        idPrefix={prefix}
        name="note"
        label={t('dialogueWeb:link.note')}
        multiline
        {...bindPair(note, setNote)}
        errors={form.fieldErrors}
      />
      <FormButtons busy={form.busy} submit={t('dialogueWeb:link.addButton')} onCancel={onCancel} />
    </form>
  );
}

/**
 * Editors: align an item of this strategy with an item of another one — an EU strategy item
 * with an item of a national or regional strategy.
 */
export function AlignmentForm({ strategy, onChanged }: { strategy: StrategyDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const form = useForm();
  const isEu = strategy.scope === 'eu';
  const strategies = useApi<Page<StrategySummary>>('strategies', { pageSize: 100 });
  const [own, setOwn] = useState('');
  const [otherCode, setOtherCode] = useState('');
  const other = useApi<StrategyDetail>(otherCode ? paths.strategy(otherCode) : null);
  const [otherNode, setOtherNode] = useState('');
  const [relation, setRelation] = useState<Relation>('supports');
  const [note, setNote] = useState({ en: '', ru: '' });
  const candidates = (strategies.data?.items ?? []).filter((s) => (s.scope === 'eu') !== isEu);
  const label = (n: StrategyNode) => `${n.code} — ${resolveText(lang, n.titleEn, n.titleRu)?.text ?? ''}`;
  const ownField = isEu ? 'euNodeId' : 'nationalNodeId';
  const otherField = isEu ? 'nationalNodeId' : 'euNodeId';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ownId = own ? Number(own) : null;
    const otherId = otherNode ? Number(otherNode) : null;
    const done = await form.run(() =>
      send('post', paths.alignments, {
        [ownField]: ownId,
        [otherField]: otherId,
        relation,
        noteEn: orNull(note.en),
        noteRu: orNull(note.ru),
      }),
    );
    if (done === undefined) return;
    setOwn('');
    setOtherNode('');
    setNote({ en: '', ru: '' });
    onChanged();
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <div className="form-row">
        <Field id="align-own" label={t('dialogueWeb:align.ownItem')} error={form.fieldErrors[ownField]}>
          {(props) => (
            <select {...props} value={own} onChange={(e) => setOwn(e.target.value)}>
              <option value="">{t('dialogueWeb:form.none')}</option>
              {flatten(strategy.nodes).map((n) => (
                <option key={n.id} value={String(n.id)}>
                  {label(n)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <OptionSelect
          id="align-relation"
          label={t('dialogueWeb:align.relation')}
          error={form.fieldErrors.relation}
          value={relation}
          onChange={setRelation}
          options={RELATIONS}
          text={(r) => t(`dialogueWeb:relation.${r}`)}
        />
      </div>
      <div className="form-row">
        <Field id="align-strategy" label={t('dialogueWeb:align.otherStrategy')}>
          {(props) => (
            <select
              {...props}
              value={otherCode}
              onChange={(e) => {
                setOtherCode(e.target.value);
                setOtherNode('');
              }}
            >
              <option value="">{t('dialogueWeb:form.none')}</option>
              {candidates.map((s) => (
                <option key={s.code} value={s.code}>
                  {resolveText(lang, s.titleEn, s.titleRu)?.text ?? s.code} ({s.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="align-other" label={t('dialogueWeb:align.otherItem')} error={form.fieldErrors[otherField]}>
          {(props) => (
            <select {...props} value={otherNode} onChange={(e) => setOtherNode(e.target.value)}>
              <option value="">{t('dialogueWeb:form.none')}</option>
              {(otherCode && other.data?.code === otherCode ? flatten(other.data.nodes) : []).map((n) => (
                <option key={n.id} value={String(n.id)}>
                  {label(n)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <BilingualField
        idPrefix="align"
        name="note"
        label={t('dialogueWeb:link.note')}
        multiline
        {...bindPair(note, setNote)}
        errors={form.fieldErrors}
      />
      <FormButtons busy={form.busy} submit={t('dialogueWeb:align.addButton')} />
    </form>
  );
}
