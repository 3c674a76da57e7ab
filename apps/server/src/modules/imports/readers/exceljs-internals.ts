/**
 * The parts of exceljs's streaming `WorkbookReader` that the XLSX reader drives directly.
 *
 * `WorkbookReader.parse()` walks the zip with unzipper's *local headers*, in file order. That is the
 * wrong way round for us: the central directory we checked for zip bombs is not what it reads (a
 * crafted zip can hide entries from the directory), it inflates without any size check, and it
 * spools every sheet stored before `sharedStrings.xml` (the usual order from Excel) to a temp file.
 * So we open the zip ourselves (see zip.ts) and feed each part to the reader's own part parsers, in
 * dependency order: workbook, relationships, styles, shared strings, then the one sheet asked for.
 *
 * These are underscore methods of exceljs 4.4 (stable since 4.0); the XLSX tests exercise each one,
 * so an exceljs upgrade that changes them fails loudly.
 */
import type { Readable } from 'node:stream';
import ExcelJS, { type Row } from 'exceljs';

export interface SheetModel {
  name: string;
  id: number;
  rId: string;
  state?: string;
}

export interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}

export interface WorksheetStream {
  [Symbol.asyncIterator](): AsyncIterator<Row>;
}

interface WorkbookReaderParts {
  /** Set by `_parseWorkbook`. */
  model?: { sheets?: SheetModel[] };
  /** Set by `_parseWorkbook`: the `workbookPr` element. */
  properties?: { model?: { date1904?: boolean } };
  /** Set by `_parseRels`. */
  workbookRels?: Relationship[];
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseRels(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<string>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: WorksheetStream }>;
}

/** A streaming reader that keeps shared strings and styles (for date formats), ignoring hyperlinks. */
export class WorkbookParts {
  private readonly reader: WorkbookReaderParts;

  constructor() {
    const options = {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
    } as const;
    // The input is never read: parts are handed over one by one below.
    const reader: unknown = new ExcelJS.stream.xlsx.WorkbookReader('', options);
    this.reader = reader as WorkbookReaderParts;
    for (const method of [
      '_parseWorkbook',
      '_parseRels',
      '_parseStyles',
      '_parseSharedStrings',
      '_parseWorksheet',
    ] as const) {
      if (typeof this.reader[method] !== 'function') {
        throw new Error(`exceljs WorkbookReader has no ${method}: the XLSX reader needs updating`);
      }
    }
  }

  async workbook(entry: Readable): Promise<void> {
    await this.reader._parseWorkbook(entry);
  }

  async relationships(entry: Readable): Promise<void> {
    await this.reader._parseRels(entry);
  }

  async styles(entry: Readable): Promise<void> {
    await this.reader._parseStyles(entry);
  }

  async sharedStrings(entry: Readable): Promise<void> {
    // With sharedStrings: 'cache' this yields nothing; it fills the reader's table.
    for await (const _ of this.reader._parseSharedStrings(entry)) {
      /* drain */
    }
  }

  get sheets(): SheetModel[] {
    return this.reader.model?.sheets ?? [];
  }

  get relationshipList(): Relationship[] {
    return this.reader.workbookRels ?? [];
  }

  get date1904(): boolean {
    return this.reader.properties?.model?.date1904 === true;
  }

  /** A single-pass stream of the rows of one sheet's XML (given as text chunks). */
  worksheet(xml: AsyncIterable<string>): WorksheetStream {
    for (const { eventType, value } of this.reader._parseWorksheet(xml, '1')) {
      if (eventType === 'worksheet') return value;
    }
    throw new Error('exceljs WorkbookReader did not emit a worksheet');
  }
}
