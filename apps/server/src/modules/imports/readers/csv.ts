/**
 * CSV reader: a stream of file bytes → (UTF-8 check) → iconv-lite decoder → csv-parse, so memory
 * stays bounded whatever the file size.
 */
import { createReadStream } from 'node:fs';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { CsvError, parse, type Options } from 'csv-parse';
import iconv from 'iconv-lite';
import { detectDelimiter } from './delimiter.ts';
import type { FileHead } from './detect.ts';
import { completeUtf8Prefix, sniffEncoding, Utf8Check } from './encoding.ts';
import { FileError, type OpenOptions, type SourceRow, type TableSource, type TextEncoding } from './types.ts';

/**
 * A record longer than this is refused as malformed; it almost always means a quote opened and never
 * closed, and without the cap csv-parse would buffer the rest of the file into one field.
 */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Opens a CSV file whose first bytes are `head`. Encoding and delimiter come from `options` or are
 * detected from `head`: the encoding by BOM, UTF-8 validity, then Cyrillic statistics
 * (`encoding_unknown` when nothing fits); the delimiter from the first records.
 */
export function openCsv(path: string, head: FileHead, options: OpenOptions = {}): TableSource {
  const encoding =
    options.encoding && options.encoding !== 'auto'
      ? options.encoding
      : sniffEncoding(head.bytes, head.complete);
  if (!encoding) throw new FileError('encoding_unknown');
  const sample = decodeHead(head, encoding);
  if (head.complete && sample.trim() === '') throw new FileError('file_empty');
  const delimiter =
    options.delimiter && options.delimiter !== 'auto'
      ? options.delimiter
      : detectDelimiter(sample, head.complete);

  const sampleLines = countLineBreaks(sample) + (/[\r\n]$/.test(sample) ? 0 : 1);
  const estimatedRows = head.complete
    ? sampleLines
    : Math.round((sampleLines * head.size) / Math.max(head.bytes.length, 1));

  return {
    format: 'csv',
    encoding,
    delimiter,
    estimatedRows,
    rows: () => readRows(path, encoding, delimiter),
  };
}

function decodeHead(head: FileHead, encoding: TextEncoding): string {
  let bytes = head.bytes;
  if (!head.complete) {
    // Do not decode a character cut in half at the end of the sample.
    if (encoding === 'utf-8') bytes = bytes.subarray(0, completeUtf8Prefix(bytes));
    if (encoding.startsWith('utf-16')) bytes = bytes.subarray(0, bytes.length - (bytes.length % 2));
  }
  return iconv.decode(bytes, encoding); // strips the BOM
}

async function* readRows(path: string, encoding: TextEncoding, delimiter: string): AsyncGenerator<SourceRow> {
  /** Line on which the next record starts; 1-based, counting the line breaks inside quoted values. */
  let nextRow = 1;
  const options: Options<SourceRow, string[]> = {
    delimiter,
    // CRLF, LF and old-Mac CR, even mixed in one file.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A stray quote inside an unquoted value (`5" pipe`) is kept as text, as Excel does.
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record: string[]): SourceRow | null => {
      const row = nextRow;
      nextRow += 1;
      let empty = true;
      const cells = record.map((cell) => {
        if (cell === '') return null;
        empty = false;
        if (cell.includes('\n') || cell.includes('\r')) nextRow += countLineBreaks(cell);
        return cell;
      });
      return empty ? null : { row, cells };
    },
  };
  // csv-parse types `on_record` as record → record unless `columns` is set; ours maps to SourceRow.
  const parser = parse(options as unknown as Options);

  const stages: (Readable | Transform)[] = [createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })];
  if (encoding === 'utf-8') stages.push(new Utf8Check());
  stages.push(iconv.decodeStream(encoding) as Transform);
  // Errors of any stage destroy the parser with that error, so they surface in the loop below.
  pipeline([...stages, parser], () => {});

  try {
    for await (const record of parser) yield record as SourceRow;
  } catch (error) {
    if (error instanceof CsvError) {
      throw new FileError('csv_malformed', { row: nextRow, reason: csvReason(error.code) });
    }
    throw error;
  } finally {
    for (const stage of stages) stage.destroy();
    parser.destroy();
  }
}

function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** csv-parse's error code as a short reason: `CSV_QUOTE_NOT_CLOSED` → `quote_not_closed`. */
function csvReason(code: string): string {
  if (code === 'CSV_MAX_RECORD_SIZE') return 'record_too_long';
  return code.replace(/^CSV_/, '').toLowerCase();
}
