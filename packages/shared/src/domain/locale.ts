export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks a supported language from an explicit choice (e.g. `?lang=`) or an Accept-Language
 * header, honouring q-values; falls back to English.
 */
export function resolveLanguage(
  explicit: string | undefined | null,
  acceptLanguage?: string | null,
): Language {
  if (explicit && isLanguage(explicit.toLowerCase())) return explicit.toLowerCase() as Language;
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked.find((entry) => isLanguage(entry.lang))?.lang as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/** A bilingual text written by users or taken from reference data. */
export interface LocalizedText {
  en: string;
  ru: string | null;
}

/** The text in the wanted language, falling back to the other one rather than to nothing. */
export function pickText(language: Language, en: string | null, ru: string | null): string {
  if (language === 'ru') return ru ?? en ?? '';
  return en ?? ru ?? '';
}

/** The text in the wanted language or, failing that, the other one, saying which happened. */
export function textIn(
  language: Language,
  en: string | null,
  ru: string | null,
): { value: string | null; fallback: boolean } {
  const own = language === 'ru' ? ru : en;
  const other = language === 'ru' ? en : ru;
  return own !== null ? { value: own, fallback: false } : { value: other, fallback: other !== null };
}

/** `{ [name]: text in the language, [name + 'Fallback']: whether it is the other language's }`. */
export function textFields<N extends string>(
  name: N,
  language: Language,
  en: string | null,
  ru: string | null,
): { [K in N]: string | null } & { [K in `${N}Fallback`]: boolean } {
  const t = textIn(language, en, ru);
  return { [name]: t.value, [`${name}Fallback`]: t.fallback } as never;
}

/** A bilingual text for a response: both stored sides plus `textFields` (`nameEn`, `nameRu`, `name`, `nameFallback`). */
export function textPair<N extends string>(
  name: N,
  language: Language,
  en: string | null,
  ru: string | null,
): { [K in `${N}En` | `${N}Ru` | N]: string | null } & { [K in `${N}Fallback`]: boolean } {
  return { [`${name}En`]: en, [`${name}Ru`]: ru, ...textFields(name, language, en, ru) } as never;
}
