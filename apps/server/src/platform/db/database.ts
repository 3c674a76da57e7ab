import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { acquireEmbeddedLock, type EmbeddedLock } from './lock.ts';

export type Engine = 'pglite' | 'postgres';

/** A write-capable database handle. Services open transactions on it. */
export type Db = Kysely<Database>;

/**
 * A handle for read-only paths (analytics, exports): the same connection, typed without the
 * write entry points, so a read path cannot write by mistake.
 */
export type ReadonlyDb = Omit<
  Kysely<Database>,
  'insertInto' | 'updateTable' | 'deleteFrom' | 'replaceInto' | 'mergeInto' | 'transaction' | 'schema'
>;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** The PGlite instance, when embedded (for COPY and cloning). */
  pglite?: PGlite;
  /** The node-postgres pool, when on PostgreSQL. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

// Numeric and bigint columns: node-postgres returns strings, PGlite numbers for some and strings for
// others. One parser set for both engines so that services always see numbers.
const NUMERIC_OID = 1700;
const INT8_OID = 20;
const parseNumber = (value: string): number => Number(value);

function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === NUMERIC_OID || oid === INT8_OID) return parseNumber;
        return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    /* idle client errors surface on the next query; do not crash the process here */
  });
  return pool;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent an embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite files; `memory://` or undefined for an in-memory database. */
  pgliteDir?: string | undefined;
  /** A dumped PGlite data folder to start from (tests copy a migrated template this way). */
  pgliteDump?: Blob | File;
  /** Take an exclusive lock on the embedded data folder (the server and the CLI do). */
  lock?: boolean;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export class DatabaseUnavailableError extends Error {}

/**
 * Opens the database: PostgreSQL when a URL is given (checked with a round trip, so a wrong or
 * unreachable URL fails here with a clear message), otherwise PGlite in a folder or in memory.
 */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()];
  if (options.databaseUrl) {
    const pool = createPool(options.databaseUrl, options.poolSize ?? 10);
    try {
      await pool.query('select 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      const safeUrl = options.databaseUrl.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
      throw new DatabaseUnavailableError(
        `Cannot connect to PostgreSQL at ${safeUrl}: ${(error as Error).message}`,
      );
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, engine: 'postgres', pool, close: () => db.destroy() };
  }

  let lock: EmbeddedLock | undefined;
  let pglite: PGlite | undefined;
  {
    const dir = options.pgliteDir && options.pgliteDir !== 'memory://' ? options.pgliteDir : undefined;
    if (dir) {
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      if (options.lock) lock = acquireEmbeddedLock(dir);
    }
    try {
      pglite = await PGlite.create({
        ...(dir ? { dataDir: dir } : {}),
        ...(options.pgliteDump ? { loadDataDir: options.pgliteDump } : {}),
        extensions: { pg_trgm },
        parsers: { [NUMERIC_OID]: parseNumber, [INT8_OID]: parseNumber },
      });
    } catch (error) {
      lock?.release();
      throw new DatabaseUnavailableError(
        `Cannot open the embedded database in ${dir ?? 'memory'}: ${(error as Error).message}`,
      );
    }
  }
  const instance = pglite;
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: instance }), plugins });
  return {
    db,
    engine: 'pglite',
    pglite: instance,
    close: async () => {
      await db.destroy(); // PGliteDialect closes the instance
      if (!instance.closed) await instance.close();
      lock?.release();
    },
  };
}

/** Cheap liveness check used by /health. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
