import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Language } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import type { ExportOrder, ObservationExport } from '../observations/index.ts';
import { writeCsv } from './exports.csv.ts';
import { writeSdmxCsv } from './exports.sdmx-csv.ts';
import { writeSdmxJson } from './exports.sdmx-json.ts';
import { ExportAbortedError } from './exports.stream.ts';
import type { ExportContext, ExportResult } from './exports.types.ts';
import { writeXlsx } from './exports.xlsx.ts';

/** The download formats of an observations query (besides the API's JSON pages). */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'sdmx-csv', 'sdmx-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  /** File name extension, without the dot. */
  extension: string;
  contentType: string;
  /** The row order the writer needs from the query. */
  order: ExportOrder;
}

const FORMATS: Record<ExportFormat, ExportFormatInfo & { write: typeof writeCsv }> = {
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', order: 'key', write: writeCsv },
  xlsx: {
    extension: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    order: 'key',
    write: writeXlsx,
  },
  'sdmx-csv': {
    extension: 'sdmx.csv',
    contentType: 'application/vnd.sdmx.data+csv; version=2.0.0',
    order: 'series',
    write: writeSdmxCsv,
  },
  'sdmx-json': {
    extension: 'sdmx.json',
    contentType: 'application/vnd.sdmx.data+json; version=2.0.0',
    order: 'series',
    write: writeSdmxJson,
  },
};

export const isExportFormat = (value: string): value is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(value);

/** Extension, content type and the row order a format needs. */
export function exportFormatInfo(format: ExportFormat): ExportFormatInfo {
  const { extension, contentType, order } = FORMATS[format];
  return { extension, contentType, order };
}

/** `observations-<INDICATOR>-<yyyymmdd>.<ext>`, the date in UTC. */
export function exportFileName(indicatorCode: string, format: ExportFormat, now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `observations-${indicatorCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${day}.${FORMATS[format].extension}`;
}

export interface ExportOptions {
  lang: Language;
  /** The moment of the export (default: now). */
  now?: Date;
}

/**
 * Writes the whole result of an opened observations query (`openObservationExport` of the
 * observations module, with this format's `order`) to `out` in one format, and ends `out`. Waits
 * for the reader between pages; rejects with `ExportAbortedError` when `out` is closed early.
 */
export function writeObservationExport(
  db: ReadonlyDb,
  data: ObservationExport,
  format: ExportFormat,
  out: Writable,
  options: ExportOptions,
): Promise<ExportResult> {
  const ctx: ExportContext = { db, data, lang: options.lang, now: options.now ?? new Date() };
  return FORMATS[format].write(ctx, out);
}

/**
 * The export as a readable stream (for an HTTP response): written in the background, with the
 * reader's pace. A failure midway destroys the stream with the error (the download breaks off
 * rather than ending short); a reader that goes away stops the export.
 */
export function streamObservationExport(
  db: ReadonlyDb,
  data: ObservationExport,
  format: ExportFormat,
  options: ExportOptions,
): Readable {
  const body = new PassThrough();
  writeObservationExport(db, data, format, body, options).catch((error: unknown) => {
    if (!(error instanceof ExportAbortedError))
      body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return body;
}
