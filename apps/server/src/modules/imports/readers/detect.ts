import { open } from 'node:fs/promises';
import { bomEncoding, sniffEncoding } from './encoding.ts';
import { FileError, type FileFormat } from './types.ts';
import { openZip } from './zip.ts';

/** How much of a file the detectors look at (format, encoding, delimiter). */
export const HEAD_BYTES = 1024 * 1024;

export interface FileHead {
  bytes: Buffer;
  /** Size of the whole file in bytes. */
  size: number;
  /** Whether `bytes` is the whole file. */
  complete: boolean;
}

/** Reads the first `HEAD_BYTES` of a file. */
export async function readHead(path: string): Promise<FileHead> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    return { bytes: bytes.subarray(0, bytesRead), size, complete: bytesRead >= size };
  } finally {
    await handle.close();
  }
}

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Tells the format from the content, never from the file name: a zip holding `xl/workbook.xml` is
 * XLSX, a JSON object is SDMX-JSON, other text is taken for CSV (whose reader then checks the
 * encoding). An empty file is `file_empty`; a zip that is no workbook, or binary data (legacy .xls,
 * encrypted .xlsx), is `format_unknown`; a zip whose directory cannot be read is `file_corrupt`.
 */
export async function detectFormat(path: string): Promise<FileFormat> {
  return detectFormatOfHead(path, await readHead(path));
}

export async function detectFormatOfHead(path: string, head: FileHead): Promise<FileFormat> {
  if (head.size === 0) throw new FileError('file_empty');
  if (head.bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    const zip = await openZip(path);
    const isWorkbook = zip.entries.has('xl/workbook.xml');
    zip.close();
    if (!isWorkbook) throw new FileError('format_unknown');
    return 'xlsx';
  }
  const bom = bomEncoding(head.bytes);
  // Only an ASCII-compatible start can be JSON; UTF-16 text goes to the CSV reader.
  const start = bom?.encoding === 'utf-8' ? 3 : bom ? undefined : 0;
  if (start !== undefined) {
    let i = start;
    while (i < head.bytes.length && isJsonSpace(head.bytes[i] ?? 0)) i++;
    if (i === head.bytes.length && head.complete) throw new FileError('file_empty');
    if (head.bytes[i] === 0x7b /* { */) return 'sdmx-json';
  }
  // Binary data is no CSV: legacy .xls and password-protected .xlsx (OLE compound files), PDFs…
  // Text has no NUL bytes, except UTF-16, which the encoding sniffer recognises.
  if (head.bytes.subarray(0, 8).equals(OLE_MAGIC)) throw new FileError('format_unknown');
  if (head.bytes.includes(0) && !sniffEncoding(head.bytes, head.complete))
    throw new FileError('format_unknown');
  return 'csv';
}

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
