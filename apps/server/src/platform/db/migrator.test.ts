import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../../../test/database.ts';
import { migrations } from './migrations/index.ts';
import { MigrationError, migrateDown, migrateToLatest, migrationStatus } from './migrator.ts';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const tables = async (d: TestDatabase) =>
  (
    await sql<{
      tablename: string;
    }>`select tablename from pg_tables where schemaname = 'public' order by tablename`.execute(d.db)
  ).rows.map((r) => r.tablename);

describe('migrations', () => {
  it('apply, report status, revert and re-apply', async () => {
    database = await createEmptyDatabase();
    expect((await migrationStatus(database.db)).every((m) => m.executedAt === null)).toBe(true);
    const applied = await migrateToLatest(database.db);
    expect(applied.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
    expect(await tables(database)).toEqual(
      expect.arrayContaining(['area', 'observation', 'observation_revision', 'app_user', 'audit_event']),
    );
    expect((await migrationStatus(database.db)).every((m) => m.executedAt !== null)).toBe(true);
    expect(await migrateToLatest(database.db)).toEqual([]);
    // Every migration reverts cleanly, newest first, down to an empty schema.
    for (const name of Object.keys(migrations).reverse()) {
      const [down] = await migrateDown(database.db);
      expect(down).toMatchObject({ migrationName: name, direction: 'Down', status: 'Success' });
    }
    expect(await tables(database)).not.toContain('observation');
    expect(await tables(database)).not.toContain('import_batch');
    await migrateToLatest(database.db);
    expect(await tables(database)).toEqual(
      expect.arrayContaining(['observation', 'import_batch', 'monitoring_site']),
    );
  });

  it('a migration that fails half-way leaves the database at the previous version', async () => {
    database = await createEmptyDatabase();
    await migrateToLatest(database.db);
    const broken: Migration = {
      async up(db) {
        await sql`create table half_done (id int)`.execute(db);
        await sql`alter table observation add column note text`.execute(db);
        await sql`select * from table_that_does_not_exist`.execute(db);
      },
    };
    const second: Migration = { up: async (db) => void (await sql`create table never (id int)`.execute(db)) };
    await expect(
      migrateToLatest(database.db, {
        ...migrations,
        '29990101T0000_broken': broken,
        '29990102T0000_second': second,
      }),
    ).rejects.toBeInstanceOf(MigrationError);
    const names = await tables(database);
    expect(names).not.toContain('half_done');
    expect(names).not.toContain('never');
    const columns = await sql<{
      column_name: string;
    }>`select column_name from information_schema.columns where table_name = 'observation'`.execute(
      database.db,
    );
    expect(columns.rows.map((c) => c.column_name)).not.toContain('note');
    expect((await migrationStatus(database.db)).filter((m) => m.executedAt).map((m) => m.name)).toEqual(
      Object.keys(migrations),
    );
  });
});
