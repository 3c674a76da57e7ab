import type { Language } from '@observatory/shared';

/** A bilingual text resolved for display: the UI language, else the other one (marked). */
export interface Resolved {
  text: string;
  /** The language shown when it is not the UI language (a missing translation), else null. */
  fallback: Language | null;
}

const blank = (value: string | null | undefined): value is null | undefined =>
  value === null || value === undefined || value.trim() === '';

/** Picks the text in `lang`, falling back to the other language when that one is missing. */
export function resolveText(
  lang: Language,
  en: string | null | undefined,
  ru: string | null | undefined,
): Resolved | null {
  const own = lang === 'ru' ? ru : en;
  const other = lang === 'ru' ? en : ru;
  if (!blank(own)) return { text: own, fallback: null };
  if (!blank(other)) return { text: other, fallback: lang === 'ru' ? 'en' : 'ru' };
  return null;
}

/** Trims a form value; an empty field is sent as null (a missing translation). */
export function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
