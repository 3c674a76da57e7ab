/**
 * Helpers for the reader tests: where the shared public data lives, temp dirs, and a tiny zip writer
 * that can build what no honest tool writes (zip bombs, entries that lie about their size).
 */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { FileError } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `../shared/data` beside the checkout (see /work/shared/data/README.md). */
export const sharedData = path.resolve(here, '../../../../../../../shared/data');
export const hasSharedData = fs.existsSync(sharedData);
if (!hasSharedData) {
  console.warn(`[readers] ${sharedData} not found: tests on the public data files are skipped`);
}

export function shared(...parts: string[]): string {
  return path.join(sharedData, ...parts);
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-readers-'));
}

/** The FileError a promise (or an async iteration) ends with; fails the test if it ends otherwise. */
export async function fileError(run: () => Promise<unknown>): Promise<FileError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof FileError) return error;
    throw error;
  }
  throw new Error('expected a FileError, but nothing was thrown');
}

export interface ZipEntrySpec {
  name: string;
  /** Content, as one buffer or as chunks (so that huge entries need not exist in memory). */
  content: Buffer | string | (() => Iterable<Buffer>);
  /** Write this uncompressed size into the headers instead of the real one (a lying entry). */
  declaredSize?: number;
}

/** Writes a deflated zip (no data descriptors, no zip64) to `file`. */
export async function writeZip(file: string, entries: ZipEntrySpec[]): Promise<void> {
  const out: Buffer[] = []; // compressed, so small even for a bomb
  let offset = 0;
  const central: Buffer[] = [];
  const write = (buffer: Buffer) => {
    out.push(buffer);
    offset += buffer.length;
  };
  for (const entry of entries) {
    const { data, size, crc } = await deflate(entry.content);
    const name = Buffer.from(entry.name, 'utf8');
    const declared = entry.declaredSize ?? size;
    const start = offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    write(local);
    write(name);
    write(data);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(declared, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(start, 42);
    central.push(header, name);
  }
  const directory = Buffer.concat(central);
  const directoryOffset = offset;
  write(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  write(end);
  fs.writeFileSync(file, Buffer.concat(out));
}

async function deflate(
  content: ZipEntrySpec['content'],
): Promise<{ data: Buffer; size: number; crc: number }> {
  if (typeof content !== 'function') {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    return { data: zlib.deflateRawSync(bytes, { level: 9 }), size: bytes.length, crc: zlib.crc32(bytes) };
  }
  const chunks = content();
  const stream = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(stream, 'end');
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    size += chunk.length;
    crc = zlib.crc32(chunk, crc);
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await ended;
  return { data: Buffer.concat(out), size, crc };
}

/** The smallest parts that make a zip look like a workbook. */
export const MINIMAL_WORKBOOK_XML =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
  '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
export const MINIMAL_WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" ' +
  'Target="worksheets/sheet1.xml"/></Relationships>';
export const SHEET_XML_START =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_XML_END = '</sheetData></worksheet>';

/** A deterministic pseudo-random generator (mulberry32), for reproducible random bytes. */
export function seededBytes(seed: number, length: number): Buffer {
  let state = seed >>> 0;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

/** All rows of a table, for small files. */
export async function allRows(source: { rows(): AsyncIterable<{ row: number; cells: unknown[] }> }) {
  const rows: { row: number; cells: unknown[] }[] = [];
  for await (const row of source.rows()) rows.push(row);
  return rows;
}
