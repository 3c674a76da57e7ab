import { translator } from '@observatory/shared/i18n';
import type { Language } from '@observatory/shared';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { FileError, openTable, type Cell } from './readers/index.ts';

/**
 * A preview of an uploaded file before any mapping: its format, sheets (XLSX), the header row and
 * the first rows as text, read with the same readers the import uses (so encoding, delimiter and
 * SDMX flattening are what the import will see). Nothing is stored.
 */

export const PREVIEW_ROWS = 20;

export const previewSchema = z.object({
  format: z.enum(['csv', 'xlsx', 'sdmx-json']),
  sheets: z.array(z.string()).optional().describe('XLSX: the names of all sheets'),
  sheet: z.string().optional().describe('XLSX: the sheet shown'),
  encoding: z.string().optional().describe('CSV: the text encoding detected or chosen'),
  delimiter: z.string().optional().describe('CSV: the delimiter detected or chosen'),
  columns: z.array(z.string()).describe('The first row (the header row of the canonical template)'),
  rows: z.array(z.array(z.string())).describe(`Up to ${PREVIEW_ROWS} rows after the first`),
  totalRowsKnown: z
    .number()
    .int()
    .optional()
    .describe('Rows in the file or sheet, when cheaply known (an estimate for large CSV)'),
});

export type FilePreview = z.infer<typeof previewSchema>;

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(cell);
}

/** Reads the first row and up to `PREVIEW_ROWS` more; a broken file becomes a translated 400. */
export async function previewFile(
  path: string,
  options: { sheet?: string | number | undefined },
  lang: Language,
): Promise<FilePreview> {
  try {
    const table = await openTable(path, { sheet: options.sheet });
    const read: string[][] = [];
    for await (const row of table.rows()) {
      read.push(row.cells.map(cellText));
      if (read.length > PREVIEW_ROWS) break;
    }
    const [columns = [], ...rows] = read;
    const width = Math.max(columns.length, ...rows.map((r) => r.length));
    const pad = (r: string[]) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r);
    return {
      format: table.format,
      ...(table.sheetNames ? { sheets: table.sheetNames } : {}),
      ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
      ...(table.encoding ? { encoding: table.encoding } : {}),
      ...(table.delimiter ? { delimiter: table.delimiter === '\t' ? 'tab' : table.delimiter } : {}),
      columns: pad(columns),
      rows: rows.map(pad),
      ...(table.estimatedRows !== undefined ? { totalRowsKnown: table.estimatedRows } : {}),
    };
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    const reason = translator(lang)(`files:${error.code}`, error.params);
    throw new AppError(400, 'file_unreadable', { reason }, [
      { param: 'file', code: error.code, params: error.params, message: reason },
    ]);
  }
}
