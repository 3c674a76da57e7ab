import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Engine } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrator.ts';
import { seedReferenceData } from '../src/seed.ts';

/**
 * Test databases. The engine comes from OBSERVATORY_TEST_ENGINE (`pglite`, the default, or
 * `postgres`), so the same suite runs on both:
 * - PGlite: one migrated and seeded in-memory template per worker, cloned for each test file;
 * - PostgreSQL (OBSERVATORY_TEST_PG_URL, a server URL): one template database per run, created
 *   once under an advisory lock, then `CREATE DATABASE … TEMPLATE` per test file, dropped after.
 */
export const testEngine: Engine = process.env.OBSERVATORY_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

const pgBaseUrl = process.env.OBSERVATORY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const prefix = (process.env.OBSERVATORY_TEST_DB_PREFIX ?? `obs_test_${process.pid}`)
  .toLowerCase()
  .replace(/[^a-z0-9_]/g, '_');

function pgUrl(database: string): string {
  const url = new URL(pgBaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

let pgliteTemplate: Promise<Blob | File> | undefined;

async function buildPgliteTemplate(): Promise<Blob | File> {
  const handle = await openDatabase({});
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  const dump = await handle.pglite!.dumpDataDir('none');
  await handle.close();
  return dump;
}

let pgTemplate: Promise<string> | undefined;

async function buildPgTemplate(): Promise<string> {
  const name = `${prefix}_tpl`;
  const admin = new pg.Client({ connectionString: pgBaseUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`create database "${name}"`);
      const handle = await openDatabase({ databaseUrl: pgUrl(name), poolSize: 1 });
      try {
        await migrateToLatest(handle.db);
        await seedReferenceData(handle.db);
      } catch (error) {
        await handle.close();
        await admin.query(`drop database "${name}"`);
        throw error;
      }
      await handle.close();
    }
    await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
  } finally {
    await admin.end();
  }
  return name;
}

export interface TestDatabase extends DatabaseHandle {
  /** Database name on PostgreSQL (for tests that need a second connection). */
  url?: string;
}

/** A fresh, migrated and seeded database on the selected engine. Close it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    pgliteTemplate ??= buildPgliteTemplate();
    return openDatabase({ pgliteDump: await pgliteTemplate });
  }
  pgTemplate ??= buildPgTemplate();
  const template = await pgTemplate;
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgBaseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = pgUrl(name);
  const handle = await openDatabase({ databaseUrl: url, poolSize: 4 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: pgBaseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

/** An empty database (no migrations), for migration tests. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') return openDatabase({});
  const name = `${prefix}_empty_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgBaseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = pgUrl(name);
  const handle = await openDatabase({ databaseUrl: url, poolSize: 2 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: pgBaseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
