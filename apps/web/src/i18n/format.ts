import type { Language } from '@observatory/shared';

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** Dates in English the European way (`12 December 2023`, `12 Dec 2023, 14:05`), not the US way. */
export function dateLocale(language: Language): string {
  return language === 'en' ? 'en-GB' : language;
}
const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

/** Formats a number the local way: `12,345.6` in English, `12 345,6` in Russian. */
export function formatNumber(language: Language, value: number): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/** Formats an ISO timestamp as a local date and time. */
export function formatDateTime(language: Language, iso: string): string {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(dateLocale(language), { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

const valueFormats = new Map<string, Intl.NumberFormat>();

/**
 * Formats a statistic for reading: whole and decimal numbers with at most two decimals
 * (`422.48`, `1,152`; Russian `422,48`, `1 152`), small rates with three significant digits
 * (`0.0421`). Downloads keep the full precision.
 */
export function formatValue(language: Language, value: number): string {
  const small = value !== 0 && Math.abs(value) < 1;
  const key = `${language} ${small ? 'small' : 'normal'}`;
  let format = valueFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      language,
      small ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2 },
    );
    valueFormats.set(key, format);
  }
  return format.format(value);
}
