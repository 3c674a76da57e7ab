/**
 * Text encodings of CSV files: detection from the first bytes, and a streaming UTF-8 check that
 * reports the line of the first invalid byte.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { FileError, type TextEncoding } from './types.ts';

const BOMS: { encoding: TextEncoding; bytes: number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

/** The encoding announced by a byte-order mark at the start of `head`, if any. */
export function bomEncoding(head: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  for (const { encoding, bytes } of BOMS) {
    if (bytes.every((byte, i) => head[i] === byte)) return { encoding, length: bytes.length };
  }
  return undefined;
}

/**
 * Guesses the encoding of a text file from its first bytes: a BOM wins; then valid UTF-8 (plain
 * ASCII included); then UTF-16 without BOM (NUL bytes in every other position); then Windows-1251
 * when the high bytes are mostly Cyrillic letters. Returns undefined when none fits (binary data, or
 * another single-byte code page), so that the caller can ask the user to choose.
 *
 * @param complete whether `head` is the whole file (otherwise a multi-byte character may be cut at
 *   its end, which is not an error).
 */
export function sniffEncoding(head: Buffer, complete: boolean): TextEncoding | undefined {
  const bom = bomEncoding(head);
  if (bom) return bom.encoding;
  const utf16 = sniffUtf16(head);
  if (utf16) return utf16;
  if (head.includes(0)) return undefined;
  if (isUtf8(complete ? head : head.subarray(0, completeUtf8Prefix(head)))) return 'utf-8';
  if (looksLikeWindows1251(head)) return 'windows-1251';
  return undefined;
}

/** UTF-16 text without a BOM: mostly Latin or Cyrillic, so one byte of each pair is (nearly) always 0 or 4. */
function sniffUtf16(head: Buffer): TextEncoding | undefined {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZero++;
    if (head[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero / pairs > 0.3 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.3 && oddZero / pairs < 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Windows-1251 puts the Cyrillic alphabet at 0xC0–0xFF (plus Ё/ё at 0xA8/0xB8), so Russian text
 * saved by Excel has nearly all its high bytes there, in runs (whole words). Latin-1 accented
 * letters use the same range but sit alone between ASCII letters (`R\xe9union`); random bytes
 * spread over 0x80–0xFF.
 */
export function looksLikeWindows1251(head: Uint8Array): boolean {
  let high = 0;
  let cyrillic = 0;
  let besideLatin = 0;
  for (let i = 0; i < head.length; i++) {
    const byte = head[i] ?? 0;
    if (byte < 0x80) continue;
    high++;
    if (byte >= 0xc0 || byte === 0xa8 || byte === 0xb8) cyrillic++;
    if (isAsciiLetter(head[i - 1]) || isAsciiLetter(head[i + 1])) besideLatin++;
  }
  return high > 0 && cyrillic / high >= 0.8 && besideLatin / high < 0.2;
}

function isAsciiLetter(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
}

/** Length of `bytes` without a trailing, incomplete UTF-8 sequence. */
export function completeUtf8Prefix(bytes: Uint8Array): number {
  const end = bytes.length;
  // A sequence is at most 4 bytes: look back for its lead byte.
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? end - back : end;
  }
  return end;
}

/** Offset of the first byte that is not valid UTF-8 (or -1). A cut sequence at the end counts. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      if (byte === 0xe0) min = 0xa0; // overlong
      if (byte === 0xed) max = 0x9f; // surrogates
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      if (byte === 0xf0) min = 0x90; // overlong
      if (byte === 0xf4) max = 0x8f; // beyond U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < min || next > max : next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * Passes bytes through unchanged while checking that they are UTF-8; the first invalid byte fails
 * the stream with `encoding_invalid { encoding: 'utf-8', row }`, `row` being its 1-based line.
 * (Decoders would silently turn such bytes into U+FFFD, and the import would store mojibake.)
 */
export class Utf8Check extends Transform {
  private carry: Buffer = Buffer.alloc(0);
  private line = 1;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = completeUtf8Prefix(bytes);
    const error = this.check(bytes.subarray(0, end));
    if (error) {
      done(error);
      return;
    }
    this.carry = Buffer.from(bytes.subarray(end));
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.carry.length > 0 ? this.invalidAt(this.carry, 0) : null);
  }

  private check(bytes: Buffer): FileError | undefined {
    if (!isUtf8(bytes)) return this.invalidAt(bytes, firstInvalidUtf8(bytes));
    this.line += countNewlines(bytes, bytes.length);
    return undefined;
  }

  private invalidAt(bytes: Buffer, offset: number): FileError {
    const row = this.line + countNewlines(bytes, Math.max(offset, 0));
    return new FileError('encoding_invalid', { encoding: 'utf-8', row });
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  let at = bytes.indexOf(10);
  while (at !== -1 && at < end) {
    count++;
    at = bytes.indexOf(10, at + 1);
  }
  return count;
}
