import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { navigate } from '../router/router.ts';
import { BilingualField, bindPair } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { CountrySelect, OptionSelect, VisibilitySelect, YearField } from './Controls.tsx';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import type { StrategySummary, Visibility } from './types.ts';
import { useCentralAsiaNames } from './useAreaNames.ts';

const SCOPES = ['eu', 'national', 'regional'] as const;
type Scope = (typeof SCOPES)[number];

/** Editors: a new strategy (then its page opens), or the details of one. */
export function StrategyForm({
  strategy,
  onChanged,
  onCancel,
}: {
  strategy?: StrategySummary;
  onChanged?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const areaNames = useCentralAsiaNames();
  const [code, setCode] = useState('');
  const [scope, setScope] = useState<Scope>(strategy?.scope ?? 'national');
  const [area, setArea] = useState(strategy?.area?.code ?? '');
  const [title, setTitle] = useState({ en: strategy?.titleEn ?? '', ru: strategy?.titleRu ?? '' });
  const [adoptedBy, setAdoptedBy] = useState({
    en: strategy?.adoptedByEn ?? '',
    ru: strategy?.adoptedByRu ?? '',
  });
  const [periodStart, setPeriodStart] = useState(strategy ? String(strategy.periodStart) : '');
  const [periodEnd, setPeriodEnd] = useState(strategy ? String(strategy.periodEnd) : '');
  const [visibility, setVisibility] = useState<Visibility>(strategy?.visibility ?? 'public');
  const prefix = strategy ? 'strategy-edit' : 'strategy';
  const year = (value: string) => (value.trim() === '' ? null : Number(value));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      scope,
      area: scope === 'national' ? area || null : null,
      titleEn: orNull(title.en),
      titleRu: orNull(title.ru),
      adoptedByEn: orNull(adoptedBy.en),
      adoptedByRu: orNull(adoptedBy.ru),
      periodStart: year(periodStart),
      periodEnd: year(periodEnd),
      visibility,
    };
    const done = await form.run(() =>
      strategy
        ? send<StrategySummary>('patch', paths.strategy(strategy.code), body)
        : send<StrategySummary>('post', paths.strategies, { code, ...body }),
    );
    if (done === undefined) return;
    if (!strategy) {
      navigate(`/strategies/${encodeURIComponent(done.code)}`);
      return;
    }
    onCancel?.();
    onChanged?.();
  };

  return (
    <form className="form dialogue-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      <div className="form-row">
        {!strategy && (
          <Field
            id={`${prefix}-code`}
            label={t('dialogueWeb:strategy.code')}
            hint={t('dialogueWeb:form.codeHint')}
            error={form.fieldErrors.code}
          >
            {(props) => (
              <input {...props} type="text" value={code} onChange={(e) => setCode(e.target.value)} />
            )}
          </Field>
        )}
        <OptionSelect
          id={`${prefix}-scope`}
          label={t('dialogueWeb:strategy.scope')}
          error={form.fieldErrors.scope}
          value={scope}
          onChange={setScope}
          options={SCOPES}
          text={(s) => t(`dialogueWeb:scope.${s}`)}
        />
        {scope === 'national' && (
          <CountrySelect
            id={`${prefix}-area`}
            label={t('dialogueWeb:delegation.country')}
            names={areaNames}
            error={form.fieldErrors.area}
            value={area}
            onChange={setArea}
          />
        )}
      </div>
      <BilingualField
        idPrefix={prefix}
        name="title"
        label={t('dialogueWeb:meeting.title')}
        required
        {...bindPair(title, setTitle)}
        errors={form.fieldErrors}
      />
      <div className="form-row">
        <YearField
          id={`${prefix}-start`}
          label={t('dialogueWeb:strategy.periodStart')}
          error={form.fieldErrors.periodStart}
          value={periodStart}
          onChange={setPeriodStart}
        />
        <YearField
          id={`${prefix}-end`}
          label={t('dialogueWeb:strategy.periodEnd')}
          error={form.fieldErrors.periodEnd}
          value={periodEnd}
          onChange={setPeriodEnd}
        />
        <VisibilitySelect
          id={`${prefix}-visibility`}
          error={form.fieldErrors.visibility}
          value={visibility}
          onChange={setVisibility}
        />
      </div>
      <BilingualField
        idPrefix={prefix}
        name="adoptedBy"
        label={t('dialogueWeb:strategy.adoptedBy')}
        {...bindPair(adoptedBy, setAdoptedBy)}
        errors={form.fieldErrors}
      />
      <FormButtons
        busy={form.busy}
        submit={strategy ? t('dialogueWeb:form.save') : t('dialogueWeb:strategy.create')}
        onCancel={onCancel}
      />
    </form>
  );
}
