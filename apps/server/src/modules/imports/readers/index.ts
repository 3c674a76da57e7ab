/**
 * File readers for the import pipeline: one entry point that tells the format from the content and
 * returns a single-pass stream of rows (see types.ts for the contract). Problems with the file
 * itself are thrown as FileError, whose `code` is a key of the `files` message catalogue:
 *
 * | code               | params             | when                                                            |
 * | ------------------ | ------------------ | --------------------------------------------------------------- |
 * | `file_empty`       |                    | no bytes, or only a BOM and blank space                         |
 * | `format_unknown`   |                    | a zip that is no workbook; binary data (.xls, encrypted .xlsx)  |
 * | `file_corrupt`     | (reason)           | damaged, truncated or not-a-workbook XLSX                       |
 * | `zip_bomb`         | limit, (reason)    | XLSX inflating beyond `maxUncompressedBytes`, 200:1 ratio, etc. |
 * | `sheet_not_found`  | sheet, available   | no such sheet name or index                                     |
 * | `encoding_unknown` |                    | CSV bytes fit none of the supported encodings                   |
 * | `encoding_invalid` | encoding, row      | a byte that is not valid UTF-8 (chosen or detected)             |
 * | `csv_malformed`    | row, reason        | unclosed quote, record over `MAX_RECORD_CHARS`, …               |
 * | `sdmx_invalid`     | reason             | not JSON, or a message without data                             |
 *
 * Params in parentheses are for logs; the messages do not show them.
 * Errors of the file system (ENOENT, EACCES, …) are not FileErrors and propagate unchanged.
 */
import { openCsv } from './csv.ts';
import { detectFormatOfHead, readHead } from './detect.ts';
import { openSdmxJson } from './sdmx-json.ts';
import { FileError, type OpenOptions, type TableSource } from './types.ts';
import { openXlsx } from './xlsx.ts';

export { detectFormat } from './detect.ts';
export { DEFAULT_MAX_UNCOMPRESSED_BYTES } from './zip.ts';
export * from './types.ts';

/**
 * Opens a stored file as a table. Format, text encoding, CSV delimiter and sheet are detected when
 * not given. Opening reads only the start of the file (and an XLSX's directory and workbook part);
 * rows are read while the caller iterates `rows()`, in bounded memory for CSV and XLSX.
 */
export async function openTable(path: string, options: OpenOptions = {}): Promise<TableSource> {
  const head = await readHead(path);
  if (head.size === 0) throw new FileError('file_empty');
  const format =
    options.format && options.format !== 'auto' ? options.format : await detectFormatOfHead(path, head);
  switch (format) {
    case 'csv':
      return openCsv(path, head, options);
    case 'xlsx':
      return openXlsx(path, options);
    case 'sdmx-json':
      return openSdmxJson(path);
  }
}
