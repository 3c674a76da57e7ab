import { type Kysely, sql } from 'kysely';

/**
 * Runs a script of several SQL statements one by one. PGlite's extended-protocol `query` takes a
 * single statement, so scripts are split on semicolons that end a line (the migrations keep to
 * that style; no semicolons at line ends inside function bodies or strings).
 */
export async function execSql(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0 && !/^--[^\n]*$/.test(s));
  for (const statement of statements) await sql.raw(statement).execute(db);
}
