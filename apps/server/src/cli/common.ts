import path from 'node:path';
import type { Config } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrator.ts';
import { waitForAllJobs } from '../platform/jobs.ts';

/** Exit codes: 0 done, 1 the operation was refused (bad input, conflict), 2 usage, configuration or I/O error. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Opens the database for one command; `migrate` first brings the schema up to date (user commands). */
export async function withDatabase<T>(
  config: Config,
  fn: (handle: DatabaseHandle) => Promise<T>,
  migrate = false,
): Promise<T> {
  const handle = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: path.join(config.dataDir, 'pglite'),
    lock: true,
    poolSize: 2,
  });
  try {
    if (migrate) await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    // Background work a command started (signal detection after an import) ends before the
    // database closes; otherwise it would stop half-way and be marked failed at the next start.
    await waitForAllJobs();
    await handle.close();
  }
}

export function print(json: boolean, value: unknown, text: () => string): void {
  console.log(json ? JSON.stringify(value, null, 2) : text());
}
