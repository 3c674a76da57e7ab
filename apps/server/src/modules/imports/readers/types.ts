/**
 * The contract between file readers and the import pipeline. A reader turns a stored file into a
 * single-pass stream of rows; the mapping engine (`../mapping.ts`) turns rows into observations.
 */

/** One cell as read from a file: text, number, boolean, a date (XLSX date cells), or empty. */
export type Cell = string | number | boolean | Date | null;

export interface SourceRow {
  /** 1-based row number as the user sees it: the sheet row in XLSX, the line a record starts on in CSV. */
  row: number;
  cells: Cell[];
}

export type FileFormat = 'csv' | 'xlsx' | 'sdmx-json';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';
export type Delimiter = ',' | ';' | '\t';

export interface OpenOptions {
  /** Detected from the content when absent or 'auto'. */
  format?: FileFormat | 'auto' | undefined;
  /** Text files: detected (BOM, UTF-8 validity, Cyrillic statistics) when absent or 'auto'. */
  encoding?: TextEncoding | 'auto' | undefined;
  /** CSV: detected from the first lines when absent or 'auto'. */
  delimiter?: Delimiter | 'auto' | undefined;
  /** XLSX: sheet name or 1-based index; the first sheet when absent. */
  sheet?: string | number | undefined;
  /** XLSX (a zip): refuse when the entries would inflate beyond this many bytes (zip bomb guard). */
  maxUncompressedBytes?: number | undefined;
}

export interface TableSource {
  format: FileFormat;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  sheet?: string;
  sheetNames?: string[];
  /** Number of rows if cheaply known (XLSX sheet dimension, SDMX observation count), for progress. */
  estimatedRows?: number;
  /** Single pass; throws FileError when the content turns out to be broken part-way. */
  rows(): AsyncIterable<SourceRow>;
}

/**
 * A problem with the file itself (not with one value). `code` is a key of the `files` message
 * catalogue (`packages/shared/src/locales/{en,ru}/files.json`); `params` fill its placeholders.
 */
export class FileError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'FileError';
  }
}
