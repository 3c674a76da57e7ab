import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/useLanguage.ts';
import { resolveText } from './bilingual.ts';

/** Shows a bilingual text in the UI language; a fallback to the other language is marked. */
export function BiText({
  en,
  ru,
  empty,
}: {
  en: string | null | undefined;
  ru: string | null | undefined;
  empty?: ReactNode;
}) {
  const lang = useLanguage();
  const resolved = resolveText(lang, en, ru);
  if (!resolved) return <>{empty ?? null}</>;
  return (
    <>
      <span lang={resolved.fallback ?? undefined}>{resolved.text}</span>
      {resolved.fallback && <FallbackTag language={resolved.fallback} />}
    </>
  );
}

/** A small "EN"/"RU" tag saying the text is shown in the other language (no translation yet). */
export function FallbackTag({ language }: { language: 'en' | 'ru' }) {
  const { t } = useTranslation();
  const note = t(`dialogueWeb:fallback.${language}`);
  return (
    <span className="fallback-tag" title={note}>
      <span aria-hidden="true">{language.toUpperCase()}</span>
      <span className="visually-hidden">({note})</span>
    </span>
  );
}

interface BilingualFieldProps {
  /** Base name of the field pair, e.g. `title` for `titleEn` / `titleRu`. */
  name: string;
  label: string;
  en: string;
  ru: string;
  onChange: (language: 'en' | 'ru', value: string) => void;
  /** Located messages keyed by field name (`titleEn`, `titleRu`, or `title` for both). */
  errors?: Record<string, string>;
  multiline?: boolean;
  /** At least one of the two languages is required. */
  required?: boolean;
  idPrefix?: string;
}

/** A pair of texts a user writes: one in English, one in Russian. */
export interface Pair {
  en: string;
  ru: string;
}

/** The `en`, `ru` and `onChange` of a BilingualField that edits one {en, ru} state. */
export function bindPair(value: Pair, set: Dispatch<SetStateAction<Pair>>) {
  return {
    en: value.en,
    ru: value.ru,
    onChange: (language: 'en' | 'ru', text: string) => set((c) => ({ ...c, [language]: text })),
  };
}

/** An English and a Russian input side by side, each with its own located error. */
export function BilingualField({
  name,
  label,
  en,
  ru,
  onChange,
  errors = {},
  multiline = false,
  required = false,
  idPrefix = 'f',
}: BilingualFieldProps) {
  const { t } = useTranslation();
  const common = errors[name];
  const commonId = `${idPrefix}-${name}-error`;
  return (
    <fieldset className="bilingual-field">
      <legend>
        {label}
        {required && <span className="hint"> {t('dialogueWeb:form.oneLanguageRequired')}</span>}
      </legend>
      <div className="bilingual-pair">
        {(['en', 'ru'] as const).map((language) => {
          const field = `${name}${language === 'en' ? 'En' : 'Ru'}`;
          const id = `${idPrefix}-${field}`;
          const error = errors[field];
          const value = language === 'en' ? en : ru;
          const described = [error ? `${id}-error` : null, common ? commonId : null]
            .filter(Boolean)
            .join(' ');
          const inputProps = {
            id,
            name: field,
            lang: language,
            value,
            'aria-invalid': error || common ? true : undefined,
            'aria-describedby': described || undefined,
          };
          return (
            <div className="field" key={language}>
              <label htmlFor={id}>
                {t('dialogueWeb:form.inLanguage', { label, language: t(`dialogueWeb:language.${language}`) })}
              </label>
              {multiline ? (
                <textarea {...inputProps} rows={3} onChange={(e) => onChange(language, e.target.value)} />
              ) : (
                <input {...inputProps} type="text" onChange={(e) => onChange(language, e.target.value)} />
              )}
              {error && (
                <p className="field-error" id={`${id}-error`}>
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {common && (
        <p className="field-error" id={commonId}>
          {common}
        </p>
      )}
    </fieldset>
  );
}
