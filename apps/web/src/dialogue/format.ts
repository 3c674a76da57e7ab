import type { Language } from '@observatory/shared';
import { dateLocale } from '../i18n/format.ts';

const formats = new Map<Language, Intl.DateTimeFormat>();

function dateFormat(language: Language): Intl.DateTimeFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(dateLocale(language), { dateStyle: 'long', timeZone: 'UTC' });
    formats.set(language, format);
  }
  return format;
}

/** A calendar date (`2023-12-12`) the local way: `12 December 2023`, `12 декабря 2023 г.`. */
export function formatDate(language: Language, iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dateFormat(language).format(date);
}

/** One date, or a range when the meeting lasts several days. */
export function formatDateRange(language: Language, start: string, end: string): string {
  if (start.slice(0, 10) === end.slice(0, 10)) return formatDate(language, start);
  const a = new Date(`${start.slice(0, 10)}T00:00:00Z`);
  const b = new Date(`${end.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${start} – ${end}`;
  return dateFormat(language).formatRange(a, b);
}

/** Today as `YYYY-MM-DD` (UTC), to split upcoming from past meetings. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A programme or activity period from optional dates; null when neither is known. */
export function formatPeriod(language: Language, start: string | null, end: string | null): string | null {
  if (start && end) return formatDateRange(language, start, end);
  if (start) return `${formatDate(language, start)} –`;
  if (end) return `– ${formatDate(language, end)}`;
  return null;
}
