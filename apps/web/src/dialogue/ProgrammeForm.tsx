import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { navigate } from '../router/router.ts';
import { BilingualField, type Pair } from './Bilingual.tsx';
import { orNull } from './bilingual.ts';
import { CENTRAL_ASIA, CountrySelect, DateField, OptionSelect, VisibilitySelect } from './Controls.tsx';
import { Field } from './Field.tsx';
import { send, useForm } from './forms.ts';
import { FormButtons } from './InlineEdit.tsx';
import { paths } from './paths.ts';
import type { ProgrammeDetail, Visibility } from './types.ts';
import { useCentralAsiaNames } from './useAreaNames.ts';

const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed', 'cancelled'] as const;
type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

interface ComponentRow {
  title: Pair;
  description: Pair;
}
interface ActivityRow {
  component: string;
  country: string;
  title: Pair;
  description: Pair;
  startDate: string;
  endDate: string;
  status: ActivityStatus;
}

const pair = (en: string | null | undefined, ru: string | null | undefined): Pair => ({
  en: en ?? '',
  ru: ru ?? '',
});

/** Editors: a new programme (then its page opens), or all the details of one. */
export function ProgrammeForm({
  programme,
  onChanged,
  onCancel,
}: {
  programme?: ProgrammeDetail;
  onChanged?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const areaNames = useCentralAsiaNames();
  const p = programme;
  const [code, setCode] = useState('');
  const [name, setName] = useState(pair(p?.nameEn, p?.nameRu));
  const [description, setDescription] = useState(pair(p?.descriptionEn, p?.descriptionRu));
  const [funder, setFunder] = useState(pair(p?.funderEn, p?.funderRu));
  const [implementer, setImplementer] = useState(pair(p?.implementerEn, p?.implementerRu));
  const [countries, setCountries] = useState<string[]>(p?.countries.map((c) => c.code) ?? []);
  const [startDate, setStartDate] = useState(p?.startDate ?? '');
  const [endDate, setEndDate] = useState(p?.endDate ?? '');
  const [url, setUrl] = useState(p?.url ?? '');
  const [visibility, setVisibility] = useState<Visibility>(p?.visibility ?? 'public');
  const [components, setComponents] = useState<ComponentRow[]>(
    p?.components.map((c) => ({
      title: pair(c.titleEn, c.titleRu),
      description: pair(c.descriptionEn, c.descriptionRu),
    })) ?? [],
  );
  const [activities, setActivities] = useState<ActivityRow[]>(
    p?.activities.map((a) => ({
      component: a.componentId === null ? '' : String(p.components.findIndex((c) => c.id === a.componentId)),
      country: a.country?.code ?? '',
      title: pair(a.titleEn, a.titleRu),
      description: pair(a.descriptionEn, a.descriptionRu),
      startDate: a.startDate ?? '',
      endDate: a.endDate ?? '',
      status: a.status,
    })) ?? [],
  );
  const prefix = p ? 'programme-edit' : 'programme';
  const errors = form.fieldErrors;

  const setComponent = (i: number, change: Partial<ComponentRow>) =>
    setComponents((all) => all.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const setActivity = (i: number, change: Partial<ActivityRow>) =>
    setActivities((all) => all.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const removeComponent = (i: number) => {
    setComponents((all) => all.filter((_, j) => j !== i));
    // Activities point at components by index: keep them pointing at the same ones.
    setActivities((all) =>
      all.map((a) => {
        if (a.component === '') return a;
        const index = Number(a.component);
        if (index === i) return { ...a, component: '' };
        return index > i ? { ...a, component: String(index - 1) } : a;
      }),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      nameEn: orNull(name.en),
      nameRu: orNull(name.ru),
      descriptionEn: orNull(description.en),
      descriptionRu: orNull(description.ru),
      funderEn: orNull(funder.en),
      funderRu: orNull(funder.ru),
      implementerEn: orNull(implementer.en),
      implementerRu: orNull(implementer.ru),
      startDate: startDate || null,
      endDate: endDate || null,
      url: orNull(url),
      visibility,
      countries,
      components: components.map((c) => ({
        titleEn: orNull(c.title.en),
        titleRu: orNull(c.title.ru),
        descriptionEn: orNull(c.description.en),
        descriptionRu: orNull(c.description.ru),
      })),
      activities: activities.map((a) => ({
        component: a.component === '' ? null : Number(a.component),
        country: a.country || null,
        titleEn: orNull(a.title.en),
        titleRu: orNull(a.title.ru),
        descriptionEn: orNull(a.description.en),
        descriptionRu: orNull(a.description.ru),
        startDate: a.startDate || null,
        endDate: a.endDate || null,
        status: a.status,
      })),
    };
    const done = await form.run(() =>
      p
        ? send<ProgrammeDetail>('patch', paths.programme(p.code), body)
        : send<ProgrammeDetail>('post', paths.programmes, { code, ...body }),
    );
    if (done === undefined) return;
    if (!p) {
      navigate(`/programmes/${encodeURIComponent(done.code)}`);
      return;
    }
    onCancel?.();
    onChanged?.();
  };

  const bilingual = (
    field: string,
    label: string,
    value: Pair,
    set: (v: Pair) => void,
    options: { multiline?: boolean; required?: boolean; idPrefix?: string } = {},
  ) => (
    <BilingualField
      idPrefix={options.idPrefix ?? prefix}
      name={field}
      label={label}
      multiline={options.multiline ?? false}
      required={options.required ?? false}
      en={value.en}
      ru={value.ru}
      errors={errors}
      onChange={(l, v) => set({ ...value, [l]: v })}
    />
  );

  return (
    <form className="form dialogue-form programme-form" onSubmit={(e) => void submit(e)} noValidate>
      {form.error && <ErrorMessage error={form.error} />}
      {!p && (
        <Field
          id={`${prefix}-code`}
          label={t('dialogueWeb:programme.code')}
          hint={t('dialogueWeb:form.codeHint')}
          error={errors.code}
        >
          {(props) => <input {...props} type="text" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
      )}
      {bilingual('name', t('dialogueWeb:programme.name'), name, setName, { required: true })}
      {bilingual('description', t('dialogueWeb:programme.description'), description, setDescription, {
        multiline: true,
      })}
      {bilingual('funder', t('dialogueWeb:programme.funder'), funder, setFunder)}
      {bilingual('implementer', t('dialogueWeb:programme.implementer'), implementer, setImplementer)}
      <fieldset className="checkbox-group">
        <legend>{t('dialogueWeb:programme.countries')}</legend>
        {CENTRAL_ASIA.map((c) => (
          <div className="checkbox" key={c}>
            <input
              id={`${prefix}-country-${c}`}
              type="checkbox"
              checked={countries.includes(c)}
              onChange={(e) =>
                setCountries((all) => (e.target.checked ? [...all, c] : all.filter((x) => x !== c)))
              }
            />
            <label htmlFor={`${prefix}-country-${c}`}>{areaNames[c] ?? c}</label>
          </div>
        ))}
        {errors.countries && <p className="field-error">{errors.countries}</p>}
      </fieldset>
      <div className="form-row">
        <DateField
          id={`${prefix}-start`}
          label={t('dialogueWeb:meeting.startDate')}
          error={errors.startDate}
          value={startDate}
          onChange={setStartDate}
        />
        <DateField
          id={`${prefix}-end`}
          label={t('dialogueWeb:meeting.endDate')}
          error={errors.endDate}
          value={endDate}
          onChange={setEndDate}
        />
        <VisibilitySelect
          id={`${prefix}-visibility`}
          error={errors.visibility}
          value={visibility}
          onChange={setVisibility}
        />
      </div>
      <Field id={`${prefix}-url`} label={t('dialogueWeb:programme.website')} error={errors.url}>
        {(props) => <input {...props} type="url" value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>

      <fieldset className="repeat-group">
        <legend>{t('dialogueWeb:programme.components')}</legend>
        {components.map((c, i) => (
          <div className="repeat-row" key={i}>
            <p className="repeat-title">{t('dialogueWeb:programme.componentN', { n: i + 1 })}</p>
            {bilingual(
              `components.${i}.title`,
              t('dialogueWeb:programme.componentTitle', { n: i + 1 }),
              c.title,
              (v) => setComponent(i, { title: v }),
              { required: true, idPrefix: `${prefix}-c${i}` },
            )}
            {bilingual(
              `components.${i}.description`,
              t('dialogueWeb:programme.componentDescription', { n: i + 1 }),
              c.description,
              (v) => setComponent(i, { description: v }),
              { multiline: true, idPrefix: `${prefix}-c${i}` },
            )}
            <button type="button" className="button button-secondary" onClick={() => removeComponent(i)}>
              {t('dialogueWeb:programme.removeComponent', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setComponents((all) => [...all, { title: pair('', ''), description: pair('', '') }])}
        >
          {t('dialogueWeb:programme.addComponent')}
        </button>
      </fieldset>

      <fieldset className="repeat-group">
        <legend>{t('dialogueWeb:programme.activities')}</legend>
        {activities.map((a, i) => {
          const id = `${prefix}-a${i}`;
          const n = i + 1;
          return (
            <div className="repeat-row" key={i}>
              <p className="repeat-title">{t('dialogueWeb:programme.activityN', { n })}</p>
              {bilingual(
                `activities.${i}.title`,
                t('dialogueWeb:programme.activityTitle', { n }),
                a.title,
                (v) => setActivity(i, { title: v }),
                { required: true, idPrefix: id },
              )}
              {bilingual(
                `activities.${i}.description`,
                t('dialogueWeb:programme.activityDescription', { n }),
                a.description,
                (v) => setActivity(i, { description: v }),
                { multiline: true, idPrefix: id },
              )}
              <div className="form-row">
                <Field
                  id={`${id}-component`}
                  label={t('dialogueWeb:programme.activityComponent', { n })}
                  error={errors[`activities.${i}.component`]}
                >
                  {(props) => (
                    <select
                      {...props}
                      value={a.component}
                      onChange={(e) => setActivity(i, { component: e.target.value })}
                    >
                      <option value="">{t('dialogueWeb:form.none')}</option>
                      {components.map((_, j) => (
                        <option key={j} value={String(j)}>
                          {t('dialogueWeb:programme.componentN', { n: j + 1 })}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <CountrySelect
                  id={`${id}-country`}
                  label={t('dialogueWeb:programme.activityCountry', { n })}
                  names={areaNames}
                  error={errors[`activities.${i}.country`]}
                  value={a.country}
                  onChange={(country) => setActivity(i, { country })}
                />
                <OptionSelect
                  id={`${id}-status`}
                  label={t('dialogueWeb:programme.activityStatus', { n })}
                  error={errors[`activities.${i}.status`]}
                  value={a.status}
                  onChange={(value) => setActivity(i, { status: value })}
                  options={ACTIVITY_STATUSES}
                  text={(s) => t(`dialogueWeb:activityStatus.${s}`)}
                />
              </div>
              <div className="form-row">
                <DateField
                  id={`${id}-start`}
                  label={t('dialogueWeb:programme.activityStart', { n })}
                  error={errors[`activities.${i}.startDate`]}
                  value={a.startDate}
                  onChange={(startDate) => setActivity(i, { startDate })}
                />
                <DateField
                  id={`${id}-end`}
                  label={t('dialogueWeb:programme.activityEnd', { n })}
                  error={errors[`activities.${i}.endDate`]}
                  value={a.endDate}
                  onChange={(endDate) => setActivity(i, { endDate })}
                />
              </div>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setActivities((all) => all.filter((_, j) => j !== i))}
              >
                {t('dialogueWeb:programme.removeActivity', { n })}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            setActivities((all) => [
              ...all,
              {
                component: '',
                country: '',
                title: pair('', ''),
                description: pair('', ''),
                startDate: '',
                endDate: '',
                status: 'planned',
              },
            ])
          }
        >
          {t('dialogueWeb:programme.addActivity')}
        </button>
      </fieldset>

      <FormButtons
        busy={form.busy}
        submit={p ? t('dialogueWeb:form.save') : t('dialogueWeb:programme.create')}
        onCancel={onCancel}
      />
    </form>
  );
}
