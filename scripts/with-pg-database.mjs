#!/usr/bin/env node
// Runs a command (the database tests) against the PostgreSQL server: sets the test engine to
// postgres, gives the run its own database-name prefix, and afterwards drops every database that
// the run created (the per-file databases and the template), also when the command fails.
//   OBSERVATORY_TEST_PG_URL  server URL (default postgres://postgres@127.0.0.1:5432/postgres)
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.OBSERVATORY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const prefix = `obs_test_${Date.now().toString(36)}_${process.pid}`;
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-pg-database.mjs COMMAND [ARGS…]');
  process.exit(2);
}

async function check() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query('show server_version');
    console.log(
      `PostgreSQL ${rows[0].server_version} at ${url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1@')}; databases ${prefix}_*`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropAll() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select datname from pg_database where datname like $1', [
      `${prefix}%`,
    ]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    if (rows.length) console.log(`dropped ${rows.length} test database(s)`);
  } finally {
    await client.end();
  }
}

try {
  await check();
} catch (error) {
  console.error(`Cannot reach PostgreSQL at ${url}: ${error.message}`);
  process.exit(2);
}
const result = spawnSync(command, args, {
  stdio: 'inherit',
  shell: false,
  env: {
    ...process.env,
    OBSERVATORY_TEST_ENGINE: 'postgres',
    OBSERVATORY_TEST_PG_URL: url,
    OBSERVATORY_TEST_DB_PREFIX: prefix,
  },
});
await dropAll();
process.exit(result.status ?? 1);
