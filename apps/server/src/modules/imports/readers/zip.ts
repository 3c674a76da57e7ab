/**
 * Random access to a zip archive (an XLSX workbook) through its central directory, with the zip-bomb
 * guard. We read the central directory rather than stream local headers: it is what zip readers
 * (Excel among them) go by, it lets us check every declared size before inflating a byte, and it
 * lets us read only the entries we need, in the order we need them.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { FileError } from './types.ts';

/** Default for `OpenOptions.maxUncompressedBytes`: 1 GiB of XML is far beyond any real workbook. */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 1024 ** 3;
/** Deflate reaches ~10:1 on spreadsheet XML; 200:1 on a big entry is a bomb, not a spreadsheet. */
export const MAX_COMPRESSION_RATIO = 200;
/** The ratio rule applies only to entries larger than this (tiny entries compress absurdly well). */
export const RATIO_CHECK_MIN_BYTES = 50 * 1024 * 1024;
/**
 * A workbook has tens of parts, a big one with pictures a few thousand. Millions of empty entries
 * would exhaust memory, and reading a directory entry costs two file reads.
 */
export const MAX_ENTRIES = 10_000;

export interface ZipArchive {
  /** Entries by name, from the central directory. */
  entries: Map<string, Entry>;
  /**
   * The inflated content of an entry as text (UTF-8 decoded across chunk boundaries). Inflating
   * more bytes than the central directory declared is refused with `zip_bomb`.
   */
  text(entry: Entry): Promise<Readable>;
  /** Closes the file; streams still open are destroyed. */
  close(): void;
}

/** Any failure to read the zip structure means the file is not a usable workbook. */
function corrupt(error: unknown): FileError {
  if (error instanceof FileError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new FileError('file_corrupt', { reason });
}

/**
 * Opens a zip and reads its central directory; a damaged or truncated archive is `file_corrupt`.
 * With `maxUncompressedBytes`, the declared sizes are checked first (`assertNotZipBomb`).
 */
export async function openZip(path: string, maxUncompressedBytes?: number): Promise<ZipArchive> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(
      path,
      // Sizes are checked by our own counter (below) so that an overrun is reported as a zip bomb.
      { lazyEntries: true, autoClose: false, validateEntrySizes: false, strictFileNames: false },
      (error, file) => (error ? reject(corrupt(error)) : resolve(file)),
    );
  });
  const entries = new Map<string, Entry>();
  try {
    // The end-of-directory record says how many entries follow; yauzl reads exactly that many.
    if (zip.entryCount > MAX_ENTRIES) {
      throw new FileError('zip_bomb', {
        limit: maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
        reason: 'entries',
      });
    }
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (error: unknown) => reject(corrupt(error)));
      zip.readEntry();
    });
    if (maxUncompressedBytes !== undefined) assertNotZipBomb(entries.values(), maxUncompressedBytes);
  } catch (error) {
    zip.close();
    throw error;
  }
  const limit = maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;

  const open = new Set<Readable>();
  return {
    entries,
    async text(entry) {
      const raw = await new Promise<Readable>((resolve, reject) => {
        zip.openReadStream(entry, (error, stream) => (error ? reject(corrupt(error)) : resolve(stream)));
      });
      const text = raw.pipe(new InflatedSizeGuard(entry.uncompressedSize, limit));
      raw.on('error', (error) => text.destroy(corrupt(error)));
      // A consumer that stops early destroys `text`; the raw stream must go too, or the fd stays open.
      text.on('close', () => {
        raw.destroy();
        open.delete(text);
      });
      open.add(text);
      return text;
    },
    close() {
      for (const stream of open) stream.destroy();
      open.clear();
      zip.close();
    },
  };
}

/**
 * Passes inflated bytes through as UTF-8 text, refusing to inflate past the size the central
 * directory declared (which `assertNotZipBomb` has already checked). A lying entry is therefore
 * stopped within one chunk of its declared size. Decoding here, with a StringDecoder, also keeps
 * multi-byte characters (Cyrillic) intact across chunk boundaries, which exceljs's own per-chunk
 * decoding does not.
 */
class InflatedSizeGuard extends Transform {
  private seen = 0;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly declared: number,
    private readonly limit: number,
  ) {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.declared) {
      done(new FileError('zip_bomb', { limit: this.limit, reason: 'entry_larger_than_declared' }));
      return;
    }
    const text = this.decoder.write(chunk);
    if (text) this.push(text);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.seen < this.declared) {
      done(new FileError('file_corrupt', { reason: 'entry_shorter_than_declared' }));
      return;
    }
    const rest = this.decoder.end();
    if (rest) this.push(rest);
    done();
  }
}

/**
 * Refuses archives whose declared sizes would inflate beyond `limit` bytes in total, or that hold a
 * big entry compressed better than `MAX_COMPRESSION_RATIO`:1. Runs on the central directory only,
 * before anything is inflated.
 */
export function assertNotZipBomb(entries: Iterable<Entry>, limit: number): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > limit) throw new FileError('zip_bomb', { limit, reason: 'total_size' });
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > RATIO_CHECK_MIN_BYTES && ratio > MAX_COMPRESSION_RATIO) {
      throw new FileError('zip_bomb', { limit, reason: 'compression_ratio', entry: entry.fileName });
    }
  }
}
