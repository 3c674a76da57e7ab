/**
 * A preview of a file's first rows, read by the server with the import's own readers (CSV in any
 * supported encoding and delimiter, XLSX sheets, SDMX-JSON), and the column mapping a spec applies.
 * Nothing is stored by a preview.
 */
import type { Language } from '@observatory/shared';
import { api } from '../api/client.ts';

/** The answer of `POST /api/v1/imports/preview`. */
export interface FilePreview {
  format: 'csv' | 'xlsx' | 'sdmx-json';
  sheets?: string[];
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  columns: string[];
  rows: string[][];
  totalRowsKnown?: number;
}

/** Asks the server for the first rows of `file` (of `sheet`, for a workbook). */
export function fetchPreview(file: File, lang: Language, sheet?: string): Promise<FilePreview> {
  const form = new FormData();
  if (sheet) form.append('sheet', sheet);
  form.append('file', file, file.name);
  return api.post<FilePreview>('imports/preview', { lang, form });
}

export interface MappingRow {
  /** The field of an observation (`indicator`, `area`, …) or `dims.<dimension>`. */
  field: string;
  /** Where the field comes from: a column, or a fixed value. */
  source: { column: string } | { value: string } | { other: string };
  optional: boolean;
}

interface FieldLike {
  column?: string | number;
  value?: string | number;
  optional?: boolean;
}

function describe(field: string, f: FieldLike): MappingRow {
  const source =
    f.column !== undefined
      ? { column: String(f.column) }
      : f.value !== undefined
        ? { value: String(f.value) }
        : { other: JSON.stringify(f) };
  return { field, source, optional: f.optional === true };
}

/** Which column feeds which field under a mapping spec (its `fields`, dimensions included). */
export function mappingRows(spec: unknown): MappingRow[] {
  const fields = (spec as { fields?: Record<string, unknown> } | null)?.fields;
  if (!fields || typeof fields !== 'object') return [];
  const rows: MappingRow[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!value || typeof value !== 'object') continue;
    if (name === 'dims') {
      for (const [dim, f] of Object.entries(value as Record<string, unknown>))
        if (f && typeof f === 'object') rows.push(describe(`dims.${dim}`, f));
    } else rows.push(describe(name, value));
  }
  return rows;
}

/** True when a mapped column is in the header (by name, case-insensitive, or by spreadsheet letters). */
export function columnFound(header: string[], column: string): boolean {
  const wanted = column.trim().toLowerCase();
  if (header.some((h) => h.trim().toLowerCase() === wanted)) return true;
  if (/^\d+$/.test(column)) return Number(column) <= header.length;
  if (/^[A-Z]{1,3}$/.test(column)) {
    let index = 0;
    for (const ch of column) index = index * 26 + (ch.charCodeAt(0) - 64);
    return index <= header.length;
  }
  return false;
}
