import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../db/database.ts';

/**
 * Original files, stored once under their SHA-256 (`<dir>/ab/abcdef…`), so that every import can be
 * re-read, re-run or audited later and the same file uploaded twice is stored once.
 */

export interface StoredFile {
  sha256: string;
  size: number;
  path: string;
  originalName: string;
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super('file_too_large');
  }
}

export const storedPath = (dir: string, sha256: string) => path.join(dir, sha256.slice(0, 2), sha256);

export interface ReceivedFile {
  tmpPath: string;
  sha256: string;
  size: number;
}

/**
 * Streams `input` into a temporary file of the store, hashing on the way; refuses (and keeps
 * nothing) beyond `limit` bytes. Nothing is registered until `registerFile`.
 */
export async function receiveFile(dir: string, input: Readable, limit = Infinity): Promise<ReceivedFile> {
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const tmpPath = path.join(dir, 'tmp', randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(new FileTooLargeError(limit));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(input, meter, fs.createWriteStream(tmpPath));
    // A stream that signals truncation (multipart limit) is too large as well.
    if ((input as { truncated?: boolean }).truncated) throw new FileTooLargeError(limit);
  } catch (error) {
    fs.rmSync(tmpPath, { force: true });
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new FileTooLargeError(limit);
    throw error;
  }
  return { tmpPath, sha256: hash.digest('hex'), size };
}

/** Drops a received file that will not be registered. */
export function discardFile(received: ReceivedFile): void {
  fs.rmSync(received.tmpPath, { force: true });
}

/** Moves a received file to its content address and registers it in `stored_file` (once per content). */
export async function registerFile(
  db: Db,
  dir: string,
  received: ReceivedFile,
  meta: { originalName: string; mediaType?: string | null; userId?: number | null },
): Promise<StoredFile> {
  const target = storedPath(dir, received.sha256);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) fs.rmSync(received.tmpPath, { force: true });
  else fs.renameSync(received.tmpPath, target);
  await db
    .insertInto('storedFile')
    .values({
      sha256: received.sha256,
      size: received.size,
      originalName: meta.originalName,
      mediaType: meta.mediaType ?? null,
      storedBy: meta.userId ?? null,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return { sha256: received.sha256, size: received.size, path: target, originalName: meta.originalName };
}

/** Stores a file from a path on this machine (CLI imports, demo pack). */
export async function storeLocalFile(
  db: Db,
  dir: string,
  file: string,
  userId: number | null = null,
  limit?: number,
) {
  const received = await receiveFile(dir, fs.createReadStream(file), limit);
  return registerFile(db, dir, received, { originalName: path.basename(file), userId });
}
