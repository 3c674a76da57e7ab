/**
 * Dates of seizure events. Sources often know only the month or the year of a seizure, so a date
 * carries its precision: `2023-05-12` (day), `2023-05` (month), `2023` (year). It is stored as the
 * first day of its period (`event_date`), with `year` and `month` (null when only the year is known)
 * as the roll-up keys.
 */

export type DatePrecision = 'day' | 'month' | 'year';

export interface EventDate {
  /** First day of the period, `YYYY-MM-DD`. */
  date: string;
  precision: DatePrecision;
  year: number;
  month: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function make(year: number, month: number | null, day: number | null): EventDate | null {
  if (year < 1000 || year > 9999) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null) {
    const d = new Date(Date.UTC(year, month! - 1, day));
    if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month! - 1 || d.getUTCDate() !== day) return null;
  }
  return {
    date: `${year}-${pad(month ?? 1)}-${pad(day ?? 1)}`,
    precision: day !== null ? 'day' : month !== null ? 'month' : 'year',
    year,
    month,
  };
}

/**
 * Reads a date as files and the API write it: ISO `YYYY-MM-DD` (a time after it is ignored),
 * `YYYY-MM`, `YYYY`, or the dotted European form `DD.MM.YYYY` / `MM.YYYY`; an XLSX date cell; a
 * whole number that is a year. Slashed dates are refused: `03/04/2023` is 3 April in Europe and
 * 4 March in the United States. Null when the text is not a date.
 */
export function parseEventDate(cell: string | number | boolean | Date | null): EventDate | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return make(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') return Number.isInteger(cell) ? make(cell, null, null) : null;
  const t = cell.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return make(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) return make(Number(m[1]), Number(m[2]), null);
  m = /^(\d{4})$/.exec(t);
  if (m) return make(Number(m[1]), null, null);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return make(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return make(Number(m[2]), Number(m[1]), null);
  return null;
}

/** The date as its precision shows it: `2023`, `2023-05` or `2023-05-12`. */
export function formatEventDate(date: string, precision: DatePrecision): string {
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date;
}

/** The last day of the period an event date stands for (`2023` → `2023-12-31`). */
export function periodEnd(d: EventDate): string {
  if (d.precision === 'day') return d.date;
  const next =
    d.precision === 'year' ? new Date(Date.UTC(d.year + 1, 0, 1)) : new Date(Date.UTC(d.year, d.month!, 1));
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** Today in UTC, `YYYY-MM-DD`: no seizure can be dated after it. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
