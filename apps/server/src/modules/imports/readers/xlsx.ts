/**
 * XLSX reader: zip-bomb check on the central directory, then exceljs's streaming parsers fed with the
 * parts we need (see exceljs-internals.ts), one sheet row at a time.
 */
import type { Cell as ExcelCell, CellValue, Row } from 'exceljs';
import { WorkbookParts, type SheetModel } from './exceljs-internals.ts';
import { FileError, type Cell, type OpenOptions, type SourceRow, type TableSource } from './types.ts';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES, openZip, type ZipArchive } from './zip.ts';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const STYLES = 'xl/styles.xml';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** `<dimension>` comes right after the sheet properties; stop looking after this many characters. */
const DIMENSION_SEARCH_CHARS = 64 * 1024;

/**
 * Opens an XLSX workbook and picks a sheet (`options.sheet`: name or 1-based index; the first by
 * default). Refuses zip bombs (`zip_bomb`) and damaged archives (`file_corrupt`) before parsing;
 * an unknown sheet is `sheet_not_found` with the available names.
 */
export async function openXlsx(path: string, options: OpenOptions = {}): Promise<TableSource> {
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const zip = await openZip(path, limit);
  try {
    const { parts, sheets } = await readWorkbook(zip);
    const sheet = chooseSheet(sheets, options.sheet);
    const sheetPath = sheetEntryPath(parts, sheet);
    const estimatedRows = await readDimensionRows(zip, sheetPath);
    return {
      format: 'xlsx',
      sheet: sheet.name,
      sheetNames: sheets.map((s) => s.name),
      ...(estimatedRows === undefined ? {} : { estimatedRows }),
      rows: () => readRows(path, limit, sheetPath),
    };
  } catch (error) {
    throw asFileError(error);
  } finally {
    zip.close();
  }
}

async function readWorkbook(zip: ZipArchive): Promise<{ parts: WorkbookParts; sheets: SheetModel[] }> {
  const workbook = zip.entries.get(WORKBOOK);
  if (!workbook) throw new FileError('file_corrupt', { reason: 'no_workbook' });
  const parts = new WorkbookParts();
  await parts.workbook(await zip.text(workbook));
  const rels = zip.entries.get(WORKBOOK_RELS);
  if (rels) await parts.relationships(await zip.text(rels));
  const sheets = parts.sheets;
  if (sheets.length === 0) throw new FileError('file_corrupt', { reason: 'no_sheets' });
  return { parts, sheets };
}

function chooseSheet(sheets: SheetModel[], wanted: string | number | undefined): SheetModel {
  const first = sheets[0];
  if (wanted === undefined || wanted === '') {
    if (first) return first;
  } else if (typeof wanted === 'number') {
    const byIndex = Number.isInteger(wanted) ? sheets[wanted - 1] : undefined;
    if (byIndex) return byIndex;
  } else {
    const key = wanted.trim().toLowerCase();
    const byName =
      sheets.find((s) => s.name === wanted) ??
      sheets.find((s) => s.name.trim().toLowerCase() === key) ??
      // "2" from a form field means the second sheet, unless a sheet is named "2".
      (/^\d+$/.test(key) ? sheets[Number(key) - 1] : undefined);
    if (byName) return byName;
  }
  throw new FileError('sheet_not_found', {
    sheet: String(wanted),
    available: sheets.map((s) => s.name).join(', '),
  });
}

/** The zip path of a sheet, through the workbook relationships (`worksheets/sheet1.xml` → `xl/…`). */
function sheetEntryPath(parts: WorkbookParts, sheet: SheetModel): string {
  const rel = parts.relationshipList.find((r) => r.Id === sheet.rId);
  if (!rel) throw new FileError('file_corrupt', { reason: 'sheet_without_part' });
  const target = rel.Target.replace(/\\/g, '/');
  if (target.startsWith('/')) return target.slice(1);
  const segments = ['xl'];
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

/** The last row of the sheet's `<dimension ref="A1:I11276"/>`, read from the start of its XML. */
async function readDimensionRows(zip: ZipArchive, sheetPath: string): Promise<number | undefined> {
  const entry = zip.entries.get(sheetPath);
  if (!entry) throw new FileError('file_corrupt', { reason: 'sheet_part_missing' });
  const stream = await zip.text(entry);
  let text = '';
  try {
    for await (const chunk of stream) {
      text += chunk as string;
      const match = /<(?:\w+:)?dimension\b[^>]*\bref="([A-Z]*\d+)(?::[A-Z]*(\d+))?"/.exec(text);
      // Some writers leave a placeholder "A1" whatever the size: only a range says something.
      if (match) return match[2] === undefined ? undefined : Number(match[2]);
      if (text.includes('sheetData') || text.length > DIMENSION_SEARCH_CHARS) return undefined;
    }
    return undefined;
  } finally {
    stream.destroy();
  }
}

async function* readRows(path: string, limit: number, sheetPath: string): AsyncGenerator<SourceRow> {
  let zip: ZipArchive | undefined;
  try {
    zip = await openZip(path, limit);
    const parts = new WorkbookParts();
    const entry = (name: string) => zip?.entries.get(name);
    const workbook = entry(WORKBOOK);
    const sheet = entry(sheetPath);
    if (!workbook || !sheet) throw new FileError('file_corrupt', { reason: 'sheet_part_missing' });
    await parts.workbook(await zip.text(workbook));
    const styles = entry(STYLES);
    if (styles) await parts.styles(await zip.text(styles));
    const sharedStrings = entry(SHARED_STRINGS);
    if (sharedStrings) await parts.sharedStrings(await zip.text(sharedStrings));

    const xml = (await zip.text(sheet)) as AsyncIterable<string>;
    const date1904 = parts.date1904;
    for await (const row of parts.worksheet(errorCellsAsText(xml))) {
      const cells = rowCells(row, date1904);
      if (cells.length > 0) yield { row: row.number, cells };
    }
  } catch (error) {
    throw asFileError(error);
  } finally {
    zip?.close();
  }
}

/**
 * Cells of a row, column A first; trailing empty cells dropped. A row with no value at all gives []
 * (and is skipped: blank rows carry no data, and CSV skips blank lines likewise).
 */
function rowCells(row: Row, date1904: boolean): Cell[] {
  const cells: Cell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const value = cellValue(cell, date1904);
    if (value === null) return;
    while (cells.length < column - 1) cells.push(null);
    cells[column - 1] = value;
  });
  return cells;
}

function cellValue(cell: ExcelCell, date1904: boolean): Cell {
  const value: CellValue = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value) {
      // The result cached by the last application that calculated the workbook. Read it from the
      // cell, not from `value`: exceljs's value copy drops falsy results (a cached 0 would vanish).
      const result: unknown = cell.result;
      if (typeof result === 'number' && isDateFormat(cell.numFmt)) return excelDate(result, date1904);
      return plain(result);
    }
  }
  return plain(value);
}

/** Reduces an exceljs value to a Cell: rich text and hyperlinks become their text, errors their code. */
function plain(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      const parts = value.richText as { text?: unknown }[];
      return plain(parts.map((part) => (typeof part.text === 'string' ? part.text : '')).join(''));
    }
    if ('error' in value) return plain(value.error);
    if ('text' in value) return plain(value.text); // hyperlink
    if ('result' in value) return plain(value.result);
  }
  return null;
}

/**
 * Whether an Excel number format shows a date or time: the same test exceljs applies to plain
 * numeric cells (date/time letters outside quoted text and [colour]/[locale] sections). exceljs's
 * streaming reader leaves formula results as serial numbers, so we apply it to those ourselves.
 */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const stripped = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(stripped);
}

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/**
 * exceljs's streaming reader turns a formula whose cached result is an error (`t="e"`, e.g. `#REF!`)
 * into `{ formula, result: NaN }`, losing the error text. Relabelling such cells as `t="str"` makes it
 * keep the text. Only `<c …>` start tags are touched; a tag cut between two chunks is held back.
 */
export async function* errorCellsAsText(xml: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of xml) {
    let text = carry + chunk;
    const open = text.lastIndexOf('<');
    if (open !== -1 && !text.includes('>', open)) {
      carry = text.slice(open);
      text = text.slice(0, open);
    } else {
      carry = '';
    }
    if (text) yield relabelErrorCells(text);
  }
  if (carry) yield relabelErrorCells(carry);
}

const ERROR_CELL = /(<c\s[^>]*?\bt\s*=\s*)(["'])e\2/g;

function relabelErrorCells(text: string): string {
  return text.includes('"e"') || text.includes("'e'") ? text.replace(ERROR_CELL, '$1$2str$2') : text;
}

/** Anything that goes wrong inside a workbook means it is damaged; I/O errors stay what they are. */
function asFileError(error: unknown): unknown {
  if (error instanceof FileError) return error;
  if (error instanceof Error && 'syscall' in error) return error; // ENOENT, EACCES, EMFILE…
  return new FileError('file_corrupt', { reason: error instanceof Error ? error.message : String(error) });
}
