import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field.tsx';
import type { Visibility } from './types.ts';

/** The five Central Asian countries, by ISO code. */
export const CENTRAL_ASIA = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'] as const;

interface SelectProps<T extends string> {
  id: string;
  error?: string | undefined;
  value: T;
  onChange: (value: T) => void;
}

/** A labelled select of the Central Asian countries (or none), named in the UI language. */
export function CountrySelect({
  label,
  hint,
  names,
  ...select
}: SelectProps<string> & { label: string; hint?: string; names: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Field id={select.id} label={label} error={select.error} {...(hint ? { hint } : {})}>
      {(props) => (
        <select {...props} value={select.value} onChange={(e) => select.onChange(e.target.value)}>
          <option value="">{t('dialogueWeb:form.none')}</option>
          {CENTRAL_ASIA.map((c) => (
            <option key={c} value={c}>
              {names[c] ?? c}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A labelled select of fixed options (`options`), each shown as `text` tells. */
export function OptionSelect<T extends string>({
  label,
  options,
  text,
  ...select
}: SelectProps<T> & { label: string; options: readonly T[]; text: (option: T) => string }) {
  return (
    <Field id={select.id} label={label} error={select.error}>
      {(props) => (
        <select {...props} value={select.value} onChange={(e) => select.onChange(e.target.value as T)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {text(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A labelled select of a programme (or none), by code. */
export function ProgrammeSelect({
  label,
  programmes,
  ...select
}: SelectProps<string> & { label: string; programmes: readonly { code: string }[] }) {
  const { t } = useTranslation();
  return (
    <Field id={select.id} label={label} error={select.error}>
      {(props) => (
        <select {...props} value={select.value} onChange={(e) => select.onChange(e.target.value)}>
          <option value="">{t('dialogueWeb:form.none')}</option>
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {p.code}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The labelled visibility select of a record (public or participants only). */
export function VisibilitySelect({
  first = 'public',
  ...select
}: SelectProps<Visibility> & { /** The option listed first. */ first?: Visibility }) {
  const { t } = useTranslation();
  const options: Visibility[] = first === 'public' ? ['public', 'participants'] : ['participants', 'public'];
  return (
    <Field id={select.id} label={t('dialogueWeb:meeting.visibility')} error={select.error}>
      {(props) => (
        <select
          {...props}
          value={select.value}
          onChange={(e) => select.onChange(e.target.value as Visibility)}
        >
          {options.map((v) => (
            <option key={v} value={v}>
              {t(`dialogueWeb:visibility.${v}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A labelled select of a content language (English or Russian). */
export function LanguageSelect({ label, ...select }: SelectProps<'en' | 'ru'> & { label: string }) {
  const { t } = useTranslation();
  return (
    <Field id={select.id} label={label} error={select.error}>
      {(props) => (
        <select
          {...props}
          value={select.value}
          onChange={(e) => select.onChange(e.target.value as 'en' | 'ru')}
        >
          <option value="en">{t('dialogueWeb:language.en')}</option>
          <option value="ru">{t('dialogueWeb:language.ru')}</option>
        </select>
      )}
    </Field>
  );
}

interface InputProps {
  id: string;
  label: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}

/** A labelled input of a value typed as text (`type`, `inputMode`) with its located error. */
function InputField({
  id,
  label,
  error,
  value,
  onChange,
  required,
  type,
  inputMode,
}: InputProps & { type: string; inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'] }) {
  return (
    <Field id={id} label={label} error={error}>
      {(props) => (
        <input
          {...props}
          type={type}
          {...(inputMode ? { inputMode } : {})}
          {...(required ? { required } : {})}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A labelled date input with its located error. */
export function DateField(props: InputProps) {
  return <InputField {...props} type="date" />;
}

/** A labelled year input (a whole number) with its located error. */
export function YearField(props: InputProps) {
  return <InputField {...props} type="number" inputMode="numeric" />;
}

/** A labelled decimal number input (typed as text, so that "1,5" is kept) with its located error. */
export function DecimalField(props: InputProps) {
  return <InputField {...props} type="text" inputMode="decimal" />;
}
