import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** The reader went away (the HTTP client disconnected, the file was closed): stop exporting. */
export class ExportAbortedError extends Error {
  constructor() {
    super('The export was aborted: its output was closed');
    this.name = 'ExportAbortedError';
  }
}

/** Resolves once `out` wants more data; rejects when it is closed or fails first. */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAbortedError());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: unknown) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      if (error) reject(error instanceof Error ? error : new ExportAbortedError());
      else resolve();
    };
    const onDrain = () => done();
    const onClose = (error?: unknown) => done(error ?? new ExportAbortedError());
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}

/** Writes one chunk (a page's worth), then waits while the reader catches up (backpressure). */
export async function put(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (out.destroyed) throw new ExportAbortedError();
  if (!out.write(chunk)) await drained(out);
}

/** Ends `out` and waits until everything written has been handed on. */
export async function close(out: Writable): Promise<void> {
  out.end();
  await finished(out, { readable: false });
}

/**
 * csv-stringify options for every CSV the API writes: text starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'`, so that a spreadsheet shows it instead of running it as a
 * formula (OWASP "CSV injection"); numbers are left alone.
 */
export const SAFE_CSV = { escape_formulas: true } as const;
