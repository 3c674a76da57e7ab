import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { navigate } from '../router/router.ts';
import { BilingualField } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { CENTRAL_ASIA } from './DelegationsSection.tsx';
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
        <Field id={`${prefix}-scope`} label={t('dialogueWeb:strategy.scope')} error={form.fieldErrors.scope}>
          {(props) => (
            <select {...props} value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
              {SCOPES.map((s) => (
                <option key={s} value={s}>
                  {t(`dialogueWeb:scope.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {scope === 'national' && (
          <Field
            id={`${prefix}-area`}
            label={t('dialogueWeb:delegation.country')}
            error={form.fieldErrors.area}
          >
            {(props) => (
              <select {...props} value={area} onChange={(e) => setArea(e.target.value)}>
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
      </div>
      <BilingualField
        idPrefix={prefix}
        name="title"
        label={t('dialogueWeb:meeting.title')}
        required
        en={title.en}
        ru={title.ru}
        errors={form.fieldErrors}
        onChange={(l, v) => setTitle((c) => ({ ...c, [l]: v }))}
      />
      <div className="form-row">
        <Field
          id={`${prefix}-start`}
          label={t('dialogueWeb:strategy.periodStart')}
          error={form.fieldErrors.periodStart}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              value={periodStart}
              onChange={(e) => setPeriodStart(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={`${prefix}-end`}
          label={t('dialogueWeb:strategy.periodEnd')}
          error={form.fieldErrors.periodEnd}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              value={periodEnd}
              onChange={(e) => setPeriodEnd(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={`${prefix}-visibility`}
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
        idPrefix={prefix}
        name="adoptedBy"
        label={t('dialogueWeb:strategy.adoptedBy')}
        en={adoptedBy.en}
        ru={adoptedBy.ru}
        errors={form.fieldErrors}
        onChange={(l, v) => setAdoptedBy((c) => ({ ...c, [l]: v }))}
      />
      <FormButtons
        busy={form.busy}
        submit={strategy ? t('dialogueWeb:form.save') : t('dialogueWeb:strategy.create')}
        cancel={t('dialogueWeb:form.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
