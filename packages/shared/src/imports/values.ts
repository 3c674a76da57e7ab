/**
 * Reading numbers and years from cells the way statistical tables write them: decimal comma or
 * point, thousands separators, footnote markers (`123*`, `45 a`, `67 (b)`), and the tokens agencies
 * use for "no data" (`..`, `:`, `-`, blank). A missing value is never turned into zero.
 */

export type CellValue = string | number | boolean | Date | null;

export interface NumberFormat {
  /** Decimal separator; 'auto' takes the last of `.`/`,` when both appear. */
  decimal: '.' | ',' | 'auto';
  /** Texts meaning "no data" (compared after trimming). */
  missing: readonly string[];
  /** Strip footnote markers after the number (`*`, letters, bracketed references). */
  footnoteMarkers: boolean;
}

export const DEFAULT_MISSING = ['', '..', '...', ':', '-', '–', '—', 'n/a', 'NA', 'N/A', 'x', '…'] as const;

export const DEFAULT_NUMBER_FORMAT: NumberFormat = {
  decimal: 'auto',
  missing: DEFAULT_MISSING,
  footnoteMarkers: true,
};

export type ParsedNumber =
  | { kind: 'number'; value: number; marker?: string }
  | { kind: 'missing'; token: string; marker?: string }
  | { kind: 'invalid'; text: string };

/** Removes binary floating-point noise (422.48000000000002 → 422.48) without touching real digits. */
export const cleanFloat = (n: number): number => (Number.isFinite(n) ? Number(n.toPrecision(15)) : n);

const SPACES = /[\s\u00a0\u2007\u2009\u202f']/g;
const MARKER = /^(.*?\d)\s*(\*+|[a-zA-Zа-яА-Я]{1,2}|\(\s*[a-zA-Z0-9]{1,3}\s*\)|\[\s*[a-zA-Z0-9]{1,3}\s*\])$/u;

/** Parses one cell as a number (see the module comment). */
export function parseNumber(cell: CellValue, format: NumberFormat = DEFAULT_NUMBER_FORMAT): ParsedNumber {
  if (cell === null || cell === undefined) return { kind: 'missing', token: '' };
  if (typeof cell === 'number')
    return Number.isFinite(cell)
      ? { kind: 'number', value: cleanFloat(cell) }
      : { kind: 'invalid', text: String(cell) };
  if (typeof cell === 'boolean' || cell instanceof Date) return { kind: 'invalid', text: String(cell) };
  let text = cell.replace(/\u2212/g, '-').trim();
  if (format.missing.includes(text)) return { kind: 'missing', token: text };
  let marker: string | undefined;
  if (format.footnoteMarkers) {
    const withoutStar = /^(.*?)\s*(\*+)$/.exec(text);
    if (withoutStar) {
      marker = withoutStar[2];
      text = withoutStar[1]!.trim();
      if (format.missing.includes(text)) return { kind: 'missing', token: text, marker: marker! };
    } else {
      const m = MARKER.exec(text);
      if (m) {
        text = m[1]!;
        marker = m[2]!.replace(/[()[\]\s]/g, '');
      }
    }
  }
  let body = text.replace(SPACES, '');
  if (body.endsWith('%')) body = body.slice(0, -1);
  const lastComma = body.lastIndexOf(',');
  const lastPoint = body.lastIndexOf('.');
  let decimal = format.decimal;
  if (decimal === 'auto') {
    if (lastComma >= 0 && lastPoint >= 0) decimal = lastComma > lastPoint ? ',' : '.';
    // "1,234" alone is ambiguous: a thousands group when exactly three digits follow and the
    // integer part is short; otherwise a decimal comma (as in Russian and most EU files).
    else if (lastComma >= 0) decimal = /^-?\d{1,3}(,\d{3})+$/.test(body) ? '.' : ',';
    else decimal = '.';
  }
  const thousands = decimal === ',' ? '.' : ',';
  if (body.includes(thousands)) {
    const groups = new RegExp(`^-?\\d{1,3}(\\${thousands}\\d{3})+(\\${decimal}\\d+)?$`);
    if (!groups.test(body)) return { kind: 'invalid', text: cell.trim() };
    body = body.split(thousands).join('');
  }
  if (decimal === ',') body = body.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(body)) return { kind: 'invalid', text: cell.trim() };
  const value = Number(body);
  if (!Number.isFinite(value)) return { kind: 'invalid', text: cell.trim() };
  return marker
    ? { kind: 'number', value: cleanFloat(value), marker }
    : { kind: 'number', value: cleanFloat(value) };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * Reads a year from a cell: a number (2019), a text ("2019", "2019*", "2019 a"), a date cell, or an
 * Excel date serial used as a header (40359 → 2010). Returns null when the cell holds no year.
 */
export function parseYear(cell: CellValue): number | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.getUTCFullYear();
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1800 && cell <= 2200) return cell;
    if (cell >= 3000 && cell < 110_000) {
      const year = new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000).getUTCFullYear();
      return year >= 1900 && year <= 2200 ? year : null;
    }
    return null;
  }
  if (typeof cell !== 'string') return null;
  const m = /^\s*(\d{4})(?:\s*(?:\*+|[a-z]{1,2}|\(\w{1,3}\)))?\s*$/.exec(cell);
  if (m) {
    const year = Number(m[1]);
    return year >= 1800 && year <= 2200 ? year : null;
  }
  const iso = /^\s*(\d{4})-\d{2}-\d{2}/.exec(cell);
  return iso ? Number(iso[1]) : null;
}

/** The text of a cell for codes and names: trimmed, inner whitespace collapsed; null when empty. */
export function cellText(cell: CellValue): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const text = String(cell)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  return text === '' ? null : text;
}

/** Spreadsheet column letters for a 0-based index (0 → A, 27 → AB). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 0-based index of spreadsheet column letters (A → 0), or null when the text is not letters. */
export function columnIndex(letters: string): number | null {
  if (!/^[A-Z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
