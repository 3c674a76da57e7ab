import { Migrator, type MigrationResult } from 'kysely/migration';
import type { Migration } from 'kysely/migration';
import type { Db } from './database.ts';
import { migrations } from './migrations/index.ts';

export interface MigrationStatus {
  name: string;
  executedAt: Date | null;
}

function migrator(db: Db, set: Record<string, Migration> = migrations): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => set },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResult[],
  ) {
    super(message);
  }
}

/**
 * Applies all pending migrations. Kysely runs them in one transaction on PostgreSQL-dialect
 * engines, so a failure (or a crash) leaves the schema at the previous version.
 */
export async function migrateToLatest(db: Db, set?: Record<string, Migration>): Promise<MigrationResult[]> {
  const { error, results = [] } = await migrator(db, set).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${(error as Error).message}`, results);
  }
  return results;
}

/** Reverts the most recent migration. */
export async function migrateDown(db: Db): Promise<MigrationResult[]> {
  const { error, results = [] } = await migrator(db).migrateDown();
  if (error) throw new MigrationError(`Migration down failed: ${(error as Error).message}`, results);
  return results;
}

export async function migrationStatus(db: Db): Promise<MigrationStatus[]> {
  const list = await migrator(db).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
