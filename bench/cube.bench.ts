/**
 * `npm run bench`: the observations query over a synthetic cube, through HTTP and as raw SQL, on
 * PGlite and on PostgreSQL. See bench/README.md for what is measured and how to read the output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { createSession, SESSION_COOKIE } from '../apps/server/src/platform/auth/sessions.ts';
import { openDatabase, type DatabaseHandle, type Engine } from '../apps/server/src/platform/db/database.ts';
import type { Database } from '../apps/server/src/platform/db/schema.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrator.ts';
import { queryObservations } from '../apps/server/src/modules/observations/index.ts';
import { observationsQuery } from '../apps/server/src/modules/observations/observations.schemas.ts';
import { seedReferenceData } from '../apps/server/src/seed.ts';
import {
  BENCH_SOURCES,
  COPY_COLUMNS,
  CUBE_YEARS,
  TARGET,
  TARGET_ROWS,
  loadReference,
  planCube,
} from './cube.ts';

const TARGETS_MS: Record<Engine, number> = { postgres: 30, pglite: 100 };
const QUERY = {
  indicator: TARGET.indicator,
  area: TARGET.areas.join(','),
  substance: TARGET.substance,
  from: String(CUBE_YEARS.from),
  to: String(CUBE_YEARS.to),
  pageSize: '1000',
};
const QUERY_STRING = new URLSearchParams(QUERY).toString().replaceAll('%2C', ',');
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const CHUNK_ROWS = 50_000;
const ROUNDS = 5;

export interface Options {
  engines: Engine[];
  rows: number;
  requests: number;
  warmup: number;
  concurrency: number;
  pgUrl: string;
  explain: boolean;
  session: boolean;
  /** PGlite in memory instead of in a temporary data folder. */
  pgliteMemory?: boolean;
  childResult?: string | undefined;
}

export function usage(): string {
  return `usage: npm run bench -- [options]
  --engine pglite|postgres|both   engines to run (default both)
  --rows N                        observations in the synthetic cube (default 1000000)
  --requests N                    measured HTTP requests and raw SQL runs per engine (default 300)
  --warmup N                      unmeasured warm-up requests/runs (default 30)
  --concurrency N                 HTTP requests in flight (default 1: sequential)
  --pg-url URL                    PostgreSQL server (default ${DEFAULT_PG_URL}, or OBSERVATORY_BENCH_PG_URL);
                                  the bench creates and drops its own obs_bench_<pid> database there
  --explain                       print EXPLAIN (ANALYZE, BUFFERS) of the query on each engine
  --pglite-memory                 PGlite in memory instead of a temporary data folder (the default, as the
                                  server runs it; in memory the load is ~3× slower and RSS ~2× higher)
  --no-session                    skip the extra HTTP run with a signed-in (viewer) session cookie`;
}

/** Command-line options (bench/run.mjs also uses them to split a combined run's arguments). */
export const CUBE_OPTIONS = {
  engine: { type: 'string', default: 'both' },
  rows: { type: 'string', default: '1000000' },
  requests: { type: 'string', default: '300' },
  warmup: { type: 'string', default: '30' },
  concurrency: { type: 'string', default: '1' },
  'pg-url': { type: 'string' },
  explain: { type: 'boolean', default: false },
  'no-session': { type: 'boolean', default: false },
  'pglite-memory': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  // Internal: run the single engine in this process and write its outcome to this file.
  'child-result': { type: 'string' },
} as const;

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv.slice(2), options: CUBE_OPTIONS, strict: true });
  if (values.help) {
    console.log(usage());
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}\n${usage()}`);
    return n;
  };
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres' && engine !== 'both')
    throw new Error(`--engine must be pglite, postgres or both\n${usage()}`);
  return {
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine],
    rows: int('rows', values.rows, TARGET_ROWS),
    requests: int('requests', values.requests, 1),
    warmup: int('warmup', values.warmup, 0),
    concurrency: int('concurrency', values.concurrency, 1),
    pgUrl: values['pg-url'] ?? process.env.OBSERVATORY_BENCH_PG_URL ?? DEFAULT_PG_URL,
    explain: values.explain,
    session: !values['no-session'],
    pgliteMemory: values['pglite-memory'],
    childResult: values['child-result'],
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics

interface Stats {
  n: number;
  mean: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles. */
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
    min: r(s[0]!),
    p50: r(at(50)),
    p95: r(at(95)),
    p99: r(at(99)),
    max: r(s[s.length - 1]!),
  };
}

/**
 * PGlite answers through promise jobs only, so a loop of awaited PGlite calls never lets the event
 * loop run (no signals, no timers). Loops over PGlite calls yield once per iteration.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Times `runs` sequential calls of `fn`, in milliseconds. */
async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await yieldToEventLoop();
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

interface Batch {
  latencies: number[];
  wallMs: number;
  bytes: number;
}

/** The HTTP client: a worker thread (bench/loadgen.mjs) that sends batches of requests on demand. */
class LoadGenerator {
  private readonly worker: Worker;
  constructor(url: string, concurrency: number, headers: Record<string, string> = {}) {
    this.worker = new Worker(new URL('./loadgen.mjs', import.meta.url), {
      workerData: { url, concurrency, headers },
    });
  }
  run(count: number): Promise<Batch> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (m: { ok: boolean; error?: string } & Batch) => {
        this.worker.off('error', onError);
        if (!m.ok) reject(new Error(`load generator: ${m.error}`));
        else resolve(m);
      });
      this.worker.postMessage({ count });
    });
  }
  async close() {
    await this.worker.terminate();
  }
}

/** Samples of every measured path, gathered in interleaved rounds. */
interface Measured {
  sql: number[];
  service: number[];
  http: number[];
  httpWallMs: number;
  httpBytes: number;
  httpSession: number[];
}

/**
 * Warm-up, then `rounds` rounds of: raw SQL × k, service × k, HTTP × k (, HTTP with session × k).
 * Interleaving spreads drift (GC, JIT, other load on the machine) over all paths alike instead of
 * penalising whichever block happens to run first.
 */
async function measure(
  o: Options,
  paths: {
    sql: () => Promise<unknown>;
    service: () => Promise<unknown>;
    http: LoadGenerator;
    session?: LoadGenerator;
  },
): Promise<Measured> {
  const out: Measured = { sql: [], service: [], http: [], httpWallMs: 0, httpBytes: 0, httpSession: [] };
  if (o.warmup) {
    await timeRuns(o.warmup, paths.sql);
    await timeRuns(o.warmup, paths.service);
    await paths.http.run(o.warmup);
    if (paths.session) await paths.session.run(o.warmup);
  }
  const rounds = Math.min(ROUNDS, o.requests);
  for (let r = 0; r < rounds; r++) {
    const k = Math.floor(o.requests / rounds) + (r < o.requests % rounds ? 1 : 0);
    out.sql.push(...(await timeRuns(k, paths.sql)));
    out.service.push(...(await timeRuns(k, paths.service)));
    const batch = await paths.http.run(k);
    out.http.push(...batch.latencies);
    out.httpWallMs += batch.wallMs;
    out.httpBytes = batch.bytes;
    if (paths.session) out.httpSession.push(...(await paths.session.run(k)).latencies);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux): who used the machine while we measured

export interface CpuSnapshot {
  at: number;
  busy: number;
  steal: number;
  bench: number;
  postgres: number;
}

/** CPU used during the measurement, in % of one CPU (2 CPUs = 200 %). */
export interface CpuShare {
  capacityPct: number;
  benchPct: number;
  postgresPct: number;
  otherPct: number;
  stealPct: number;
}

const TICK = 100; // USER_HZ: /proc times are in 1/100 s on Linux

export function cpuSnapshot(): CpuSnapshot | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // cpu  user nice system idle iowait irq softirq steal …
    const v = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = v;
    let postgres = 0;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        postgres += Number(f[11]) + Number(f[12]); // utime, stime
      } catch {
        // the process ended meanwhile
      }
    }
    const own = process.cpuUsage();
    return {
      at: performance.now(),
      busy: (user + nice + system + irq + softirq) / TICK,
      steal: steal / TICK,
      bench: (own.user + own.system) / 1e6,
      postgres: postgres / TICK,
    };
  } catch {
    return undefined;
  }
}

export function cpuShare(a: CpuSnapshot | undefined, b: CpuSnapshot | undefined): CpuShare | undefined {
  if (!a || !b) return undefined;
  const wall = (b.at - a.at) / 1000;
  const pct = (seconds: number) => Math.max(0, Math.round((seconds / wall) * 100));
  const bench = b.bench - a.bench;
  const postgres = b.postgres - a.postgres;
  return {
    capacityPct: os.cpus().length * 100,
    benchPct: pct(bench),
    postgresPct: pct(postgres),
    otherPct: pct(b.busy - a.busy - bench - postgres),
    stealPct: pct(b.steal - a.steal),
  };
}

// ---------------------------------------------------------------------------------------------
// Loading

/** COPY … FROM STDIN through node-postgres without extra packages: a custom submittable query. */
export function pgCopyFrom(client: pg.Client, copySql: string, chunks: Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    let rowCount = 0;
    interface Connection {
      query(text: string): void;
      sendCopyFromChunk(chunk: Buffer): void;
      endCopyFrom(): void;
      sendCopyFail(message: string): void;
      stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
    }
    const submittable = {
      submit(connection: Connection) {
        connection.query(copySql);
      },
      handleCopyInResponse(connection: Connection) {
        const iterator = chunks[Symbol.iterator]();
        const pump = () => {
          try {
            for (;;) {
              const next = iterator.next();
              if (next.done) {
                connection.endCopyFrom();
                return;
              }
              connection.sendCopyFromChunk(Buffer.from(next.value, 'utf8'));
              if (connection.stream.writableNeedDrain) {
                connection.stream.once('drain', pump);
                return;
              }
            }
          } catch (error) {
            failure = error as Error;
            connection.sendCopyFail(String(error));
          }
        };
        pump();
      },
      handleCommandComplete(msg: { text?: string; command?: string; rowCount?: number }) {
        rowCount = msg.rowCount ?? Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
      },
      handleError(error: Error) {
        failure ??= error;
      },
      handleReadyForQuery() {
        if (failure) reject(failure);
        else resolve(rowCount);
      },
      // Not expected for COPY FROM, but the client may call them.
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}

export interface Prepared {
  handle: DatabaseHandle;
  timings: Record<string, number>;
  cleanup: () => Promise<void>;
  label: string;
  /** PGlite in a folder: the temporary folder (removed by `cleanup`) and its removal alone. */
  folder?: { path: string; remove: () => Promise<void> };
}

/**
 * A temporary folder, removed on interrupt as well. Made apart from openEngine so that its closures
 * hold nothing but the path (a closure there would keep the whole scope, the database handle too).
 */
export function tempFolder(dir: string): { path: string; remove: () => Promise<void> } {
  const rm = async () => fs.rmSync(dir, { recursive: true, force: true });
  cleanups.add(rm);
  return {
    path: dir,
    remove: async () => {
      await rm();
      cleanups.delete(rm);
    },
  };
}

export async function openEngine(
  engine: Engine,
  o: Pick<Options, 'pgUrl' | 'pgliteMemory'>,
): Promise<Prepared | { skipped: string }> {
  if (engine === 'pglite') {
    if (o.pgliteMemory) {
      const handle = await openDatabase({});
      return {
        handle,
        timings: {},
        label: 'PGlite (in memory, same process)',
        cleanup: () => handle.close(),
      };
    }
    const folder = tempFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-pglite-')));
    const handle = await openDatabase({ pgliteDir: path.join(folder.path, 'db'), lock: true });
    return {
      handle,
      timings: {},
      label: `PGlite (temporary data folder ${folder.path}, same process)`,
      cleanup: async () => {
        await handle.close();
        await folder.remove();
      },
      folder,
    };
  }
  const name = `obs_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: o.pgUrl, connectionTimeoutMillis: 5000 });
  let version: string;
  try {
    await admin.connect();
    version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    return { skipped: `PostgreSQL at ${redact(o.pgUrl)} is not usable: ${(error as Error).message}` };
  }
  await admin.end();
  const drop = async () => {
    const dropper = new pg.Client({ connectionString: o.pgUrl, connectionTimeoutMillis: 5000 });
    await dropper.connect();
    try {
      await dropper.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await dropper.end();
    }
  };
  const url = new URL(o.pgUrl);
  url.pathname = `/${name}`;
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  } catch (error) {
    await drop();
    throw error;
  }
  cleanups.add(drop);
  return {
    handle,
    timings: {},
    label: `PostgreSQL ${version} at ${redact(o.pgUrl)}, database ${name}`,
    cleanup: async () => {
      await handle.close();
      await drop();
      cleanups.delete(drop);
    },
  };
}

export const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
export const redact = (url: string) => url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1@');

/** Cleanups to run if the process is interrupted (drops the PostgreSQL database). */
export const cleanups = new Set<() => Promise<void>>();

/** Runs SQL on the loading connection (the PGlite instance, or one pooled PostgreSQL client). */
type Exec = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * Bulk load as a loader would: the secondary indexes and the unique identity constraint are dropped
 * and rebuilt after COPY from their own definitions (pg_get_indexdef / pg_get_constraintdef, so the
 * schema ends up exactly as migrated), and foreign-key triggers are skipped for the loading session
 * (session_replication_role = replica; superuser only — without it the checks simply run).
 */
async function bulkLoad(exec: Exec, copy: () => Promise<number>, timings: Record<string, number>) {
  const constraints = await exec(`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = 'observation'::regclass and contype = 'u' order by conname`);
  const indexes = await exec(`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = 'observation'::regclass
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`);
  for (const c of constraints.rows) await exec(`alter table observation drop constraint "${String(c.name)}"`);
  for (const i of indexes.rows) await exec(`drop index "${String(i.name)}"`);
  let skipFks = true;
  await exec('set session_replication_role = replica').catch(() => (skipFks = false));
  let t = performance.now();
  let copied: number;
  try {
    copied = await copy();
  } finally {
    if (skipFks) await exec('reset session_replication_role');
    timings.copy = (performance.now() - t) / 1000;
  }
  t = performance.now();
  for (const c of constraints.rows)
    await exec(`alter table observation add constraint "${String(c.name)}" ${String(c.def)}`);
  for (const i of indexes.rows) await exec(String(i.def));
  timings.index = (performance.now() - t) / 1000;
  return { copied, fkChecks: !skipFks };
}

export async function loadCube(p: Prepared, o: Options) {
  const { handle } = p;
  const db = handle.db;
  let t = performance.now();
  await migrateToLatest(db);
  await seedReferenceData(db);
  const sources = await db
    .insertInto('source')
    .values(BENCH_SOURCES.map((s) => ({ ...s })))
    .returning('id')
    .execute();
  p.timings.schemaSeed = (performance.now() - t) / 1000;

  t = performance.now();
  const ref = await loadReference(
    db,
    sources.map((s) => s.id),
  );
  const cube = planCube(ref, o.rows);
  p.timings.plan = (performance.now() - t) / 1000;

  const copySql = `copy observation (${COPY_COLUMNS.join(', ')}) from %s with (format csv)`;
  let loaded: { copied: number; fkChecks: boolean };
  if (handle.pglite) {
    const pglite = handle.pglite;
    loaded = await bulkLoad(
      (text) => pglite.query<Record<string, unknown>>(text),
      async () => {
        let copied = 0;
        for (const chunk of cube.chunks(CHUNK_ROWS)) {
          await yieldToEventLoop();
          const r = await pglite.query(copySql.replace('%s', `'/dev/blob'`), [], { blob: new Blob([chunk]) });
          copied += r.affectedRows ?? 0;
        }
        return copied;
      },
      p.timings,
    );
  } else {
    const client = await handle.pool!.connect();
    const onError = () => undefined; // the COPY promise reports the failure
    client.on('error', onError);
    try {
      loaded = await bulkLoad(
        (text) => client.query<Record<string, unknown>>(text),
        () => pgCopyFrom(client, copySql.replace('%s', 'stdin'), cube.chunks(CHUNK_ROWS)),
        p.timings,
      );
    } finally {
      client.off('error', onError);
      client.release();
    }
  }
  if (loaded.copied !== cube.rows)
    throw new Error(`COPY loaded ${loaded.copied} rows, expected ${cube.rows}`);

  t = performance.now();
  await sql`vacuum (analyze) observation`.execute(db);
  await sql`analyze`.execute(db);
  p.timings.analyze = (performance.now() - t) / 1000;

  const size = await sql<{ table: number; indexes: number }>`
    select pg_table_size('observation')::bigint as table, pg_indexes_size('observation')::bigint as indexes
  `.execute(db);
  return { rows: cube.rows, cells: cube.cells, fkChecks: loaded.fkChecks, sizes: size.rows[0]! };
}

// ---------------------------------------------------------------------------------------------
// One engine

interface GcPauses {
  pauses: number;
  totalMs: number;
  maxMs: number;
  over5Ms: number;
}

interface EngineResult {
  engine: Engine;
  label: string;
  rows: number;
  cells: number;
  loadSeconds: number;
  timings: Record<string, number>;
  tableMB: number;
  indexesMB: number;
  rssBeforeLoadMB: number;
  rssAfterLoadMB: number;
  rssAfterRunMB: number;
  resultRows: number;
  fkChecksDuringCopy: boolean;
  responseBytes: number;
  sql: Stats;
  service: Stats;
  http: Stats;
  httpRequestsPerSecond: number;
  httpSession?: Stats;
  cpu?: CpuShare;
  /** Garbage-collection pauses of the bench process (server and in-process paths) while measuring. */
  gc?: GcPauses;
  /** Every measured latency, in measurement order (rounds interleaved: see measure()). */
  samplesMs: { sql: number[]; service: number[]; http: number[]; httpSession: number[] };
  ratio: number;
  ratioP50: number;
  targetMs: number;
  pass: boolean;
  explain?: string;
  querySql: string;
}

/** `global.gc` when the process runs with --expose-gc (the engine child processes do). */
const collectGarbage = (globalThis as { gc?: () => void }).gc;
const round2 = (x: number) => Math.round(x * 100) / 100;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const log = (engine: Engine, message: string) => console.log(`[${engine}] ${message}`);

async function runEngine(
  engine: Engine,
  o: Options,
): Promise<EngineResult | { engine: Engine; skipped: string }> {
  const opened = await openEngine(engine, o);
  if ('skipped' in opened) return { engine, skipped: opened.skipped };
  const p = opened;
  const rssBaseline = process.memoryUsage().rss;
  log(engine, p.label);
  try {
    const loaded = await loadCube(p, o);
    const loadSeconds = p.timings.plan! + p.timings.copy! + p.timings.index! + p.timings.analyze!;
    // Start the measurement from a collected heap, as a freshly started server would: the load
    // leaves hundreds of MB of CSV garbage that would otherwise make the first major GCs long.
    collectGarbage?.();
    const rssAfterLoad = process.memoryUsage().rss;
    log(
      engine,
      `loaded ${loaded.rows.toLocaleString('en')} rows (${loaded.cells.toLocaleString('en')} series×area cells) ` +
        `in ${loadSeconds.toFixed(1)} s (COPY ${p.timings.copy!.toFixed(1)} s, indexes ${p.timings.index!.toFixed(1)} s, vacuum/analyze ${p.timings.analyze!.toFixed(1)} s); ` +
        `table ${mb(Number(loaded.sizes.table))} MB + indexes ${mb(Number(loaded.sizes.indexes))} MB; ` +
        `node RSS ${mb(rssAfterLoad)} MB`,
    );

    const { db } = p.handle;
    const parsed = observationsQuery.parse(QUERY);

    // The exact SQL text and parameters the service runs, captured from a logging Kysely instance
    // on the same connection (not destroyed: that would close the shared PGlite instance / pool).
    const captured: { sql: string; parameters: readonly unknown[] }[] = [];
    const logDb = new Kysely<Database>({
      dialect: p.handle.pglite
        ? new PGliteDialect({ pglite: p.handle.pglite })
        : new PostgresDialect({ pool: p.handle.pool! }),
      plugins: [new CamelCasePlugin()],
      log: (event) => {
        if (event.level === 'query')
          captured.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    const viaService = await queryObservations(logDb, parsed, null, 'en');
    const main = captured.find((c) => c.sql.includes('with ranked'));
    if (!main) throw new Error('could not capture the observations SQL');
    const params = [...main.parameters];
    const raw = p.handle.pglite
      ? () => p.handle.pglite!.query(main.sql, params)
      : () => p.handle.pool!.query(main.sql, params);
    const rawRows = (await raw()).rows.length;
    if (viaService.items.length !== TARGET_ROWS || rawRows !== TARGET_ROWS)
      throw new Error(
        `query returned ${viaService.items.length} items (raw SQL ${rawRows}), expected ${TARGET_ROWS}`,
      );

    let explain: string | undefined;
    if (o.explain) {
      const text = `explain (analyze, buffers) ${main.sql}`;
      const res = p.handle.pglite
        ? await p.handle.pglite.query<Record<string, string>>(text, params)
        : await p.handle.pool!.query<Record<string, string>>(text, params);
      explain = res.rows.map((r) => Object.values(r)[0]).join('\n');
    }

    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, database: p.handle });
    await app.listen({ port: 0, host: '127.0.0.1' });
    let m: Measured;
    let cpu: CpuShare | undefined;
    let gc: GcPauses | undefined;
    try {
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('no listening address');
      const url = `http://127.0.0.1:${address.port}/api/v1/observations?${QUERY_STRING}`;
      const check = await fetch(url);
      const body = (await check.json()) as { items: unknown[]; total: number };
      if (check.status !== 200 || body.items.length !== TARGET_ROWS || body.total !== TARGET_ROWS)
        throw new Error(`GET ${url} → ${check.status}, ${body.items?.length} items`);

      const loaders: LoadGenerator[] = [];
      try {
        const http = new LoadGenerator(url, o.concurrency);
        loaders.push(http);
        let session: LoadGenerator | undefined;
        if (o.session) {
          const user = await db
            .insertInto('appUser')
            .values({
              username: 'bench-viewer',
              displayName: 'Benchmark viewer',
              passwordHash: 'not-a-usable-hash',
              role: 'viewer',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const s = await createSession(db, user.id, 1, {});
          session = new LoadGenerator(url, o.concurrency, { cookie: `${SESSION_COOKIE}=${s.token}` });
          loaders.push(session);
        }
        log(
          engine,
          `measuring raw SQL, service and HTTP${session ? ' (anonymous and with a viewer session)' : ''}: ` +
            `${o.requests} each after ${o.warmup} warm-up, in ${Math.min(ROUNDS, o.requests)} interleaved rounds …`,
        );
        const gcPauses: number[] = [];
        const gcObserver = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) gcPauses.push(e.duration);
        });
        gcObserver.observe({ entryTypes: ['gc'] });
        const before = cpuSnapshot();
        m = await measure(o, {
          sql: raw,
          service: () => queryObservations(db, parsed, null, 'en'),
          http,
          ...(session ? { session } : {}),
        });
        cpu = cpuShare(before, cpuSnapshot());
        gcObserver.disconnect();
        gc = {
          pauses: gcPauses.length,
          totalMs: round2(gcPauses.reduce((a, b) => a + b, 0)),
          maxMs: round2(Math.max(0, ...gcPauses)),
          over5Ms: gcPauses.filter((d) => d > 5).length,
        };
      } finally {
        for (const l of loaders) await l.close();
      }
      const sqlStats = stats(m.sql);
      const httpStats = stats(m.http);

      const ratio = Math.round((httpStats.p95 / sqlStats.p95) * 10) / 10;
      return {
        engine,
        label: p.label,
        rows: loaded.rows,
        cells: loaded.cells,
        loadSeconds: Math.round(loadSeconds * 10) / 10,
        timings: Object.fromEntries(
          Object.entries(p.timings).map(([k, v]) => [k, Math.round(v * 100) / 100]),
        ),
        tableMB: mb(Number(loaded.sizes.table)),
        indexesMB: mb(Number(loaded.sizes.indexes)),
        rssBeforeLoadMB: mb(rssBaseline),
        rssAfterLoadMB: mb(rssAfterLoad),
        rssAfterRunMB: mb(process.memoryUsage().rss),
        resultRows: TARGET_ROWS,
        fkChecksDuringCopy: loaded.fkChecks,
        responseBytes: m.httpBytes,
        sql: sqlStats,
        service: stats(m.service),
        http: httpStats,
        httpRequestsPerSecond: Math.round((m.http.length / m.httpWallMs) * 1000 * 10) / 10,
        ...(m.httpSession.length ? { httpSession: stats(m.httpSession) } : {}),
        ...(cpu ? { cpu } : {}),
        ...(gc ? { gc } : {}),
        samplesMs: {
          sql: m.sql.map(round2),
          service: m.service.map(round2),
          http: m.http.map(round2),
          httpSession: m.httpSession.map(round2),
        },
        ratio,
        ratioP50: Math.round((httpStats.p50 / sqlStats.p50) * 10) / 10,
        targetMs: TARGETS_MS[engine],
        pass: httpStats.p95 <= TARGETS_MS[engine],
        ...(explain ? { explain } : {}),
        querySql: main.sql,
      };
    } finally {
      await app.close();
    }
  } finally {
    await p.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function table(results: EngineResult[]): string {
  const cols = [
    ['engine', 9],
    ['rows', 9],
    ['load s', 8],
    ['http p50', 10],
    ['http p95', 10],
    ['http p99', 10],
    ['sql p50', 9],
    ['sql p95', 9],
    ['p95 ratio', 11],
    ['target', 10],
    ['result', 6],
  ] as const;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(cols[i]![1]))
      .join(' ')
      .trimEnd();
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return [
    line(cols.map((c) => c[0])),
    ...results.map((r) =>
      line([
        r.engine,
        String(r.rows),
        r.loadSeconds.toFixed(1),
        ms(r.http.p50),
        ms(r.http.p95),
        ms(r.http.p99),
        ms(r.sql.p50),
        ms(r.sql.p95),
        `${r.ratio.toFixed(1)}×`,
        `≤ ${r.targetMs} ms`,
        r.pass ? 'PASS' : 'FAIL',
      ]),
    ),
  ].join('\n');
}

function details(r: EngineResult): string {
  const s = (x: Stats) =>
    `p50 ${x.p50} / p95 ${x.p95} / p99 ${x.p99} / mean ${x.mean} / max ${x.max} ms (n=${x.n})`;
  return [
    `${r.engine}: ${r.label}`,
    `  load: schema+seed ${r.timings.schemaSeed} s, plan ${r.timings.plan} s, COPY ${r.timings.copy} s${r.fkChecksDuringCopy ? ' (with FK checks)' : ''}, index build ${r.timings.index} s, vacuum/analyze ${r.timings.analyze} s; table ${r.tableMB} MB, indexes ${r.indexesMB} MB`,
    `  node RSS: ${r.rssBeforeLoadMB} MB with the empty database open, ${r.rssAfterLoadMB} MB after load, ${r.rssAfterRunMB} MB after the run${r.engine === 'postgres' ? ' (the server runs in its own processes)' : ''}`,
    `  raw SQL       ${s(r.sql)}`,
    `  service       ${s(r.service)}   (4 queries + DTO mapping, no HTTP)`,
    `  HTTP anon     ${s(r.http)}   ${r.httpRequestsPerSecond} req/s, ${r.responseBytes} bytes/response`,
    ...(r.httpSession ? [`  HTTP session  ${s(r.httpSession)}   (viewer cookie: + session lookup)`] : []),
    ...(r.cpu
      ? [
          `  CPU while measuring (% of one CPU; ${r.cpu.capacityPct} % available): bench ${r.cpu.benchPct} %, ` +
            `postgres ${r.cpu.postgresPct} %, other processes ${r.cpu.otherPct} %, VM steal ${r.cpu.stealPct} %` +
            (r.cpu.otherPct + r.cpu.stealPct >= 20 ? '  ← busy machine: tails are inflated' : ''),
        ]
      : []),
    ...(r.gc
      ? [
          `  GC while measuring (bench process): ${r.gc.pauses} pauses, ${r.gc.totalMs} ms in all, ` +
            `longest ${r.gc.maxMs} ms, ${r.gc.over5Ms} over 5 ms`,
        ]
      : []),
    `  target: HTTP p95 ${r.http.p95} ms ≤ ${r.targetMs} ms → ${r.pass ? 'PASS' : 'FAIL'}; HTTP / raw SQL: p95 ${r.ratio}×, p50 ${r.ratioP50}×`,
  ].join('\n');
}

type EngineOutcome =
  | { kind: 'result'; result: EngineResult }
  | { kind: 'skipped'; engine: Engine; skipped: string }
  | { kind: 'failed'; engine: Engine; error: string };

/** Runs one engine in this process (the child side), catching everything into an outcome. */
async function runHere(engine: Engine, o: Options): Promise<EngineOutcome> {
  try {
    const r = await runEngine(engine, o);
    if ('skipped' in r) return { kind: 'skipped', ...r };
    if (r.explain) console.log(`[${engine}] EXPLAIN (ANALYZE, BUFFERS):\n${r.explain}`);
    return { kind: 'result', result: r };
  } catch (error) {
    return { kind: 'failed', engine, error: (error as Error).stack ?? String(error) };
  }
}

/**
 * Runs one engine in a fresh child process, so that each engine starts from a clean heap: the RSS
 * figures are its own, and PGlite's large in-process heap does not slow the PostgreSQL run's GC.
 */
function runInChild(engine: Engine, o: Options): Promise<EngineOutcome> {
  const resultFile = path.join(os.tmpdir(), `obs-bench-${process.pid}-${engine}.json`);
  fs.rmSync(resultFile, { force: true });
  const args = [
    '--expose-gc',
    fileURLToPath(new URL('./run.mjs', import.meta.url)),
    'cube',
    ...['--engine', engine, '--rows', String(o.rows), '--requests', String(o.requests)],
    ...['--warmup', String(o.warmup), '--concurrency', String(o.concurrency)],
    ...(o.explain ? ['--explain'] : []),
    ...(o.session ? [] : ['--no-session']),
    ...(o.pgliteMemory ? ['--pglite-memory'] : []),
    ...['--child-result', resultFile],
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: 'inherit',
      // The URL goes by environment, not argv, so that a password does not show in `ps`.
      env: { ...process.env, OBSERVATORY_BENCH_PG_URL: o.pgUrl },
    });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      try {
        resolve(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as EngineOutcome);
      } catch {
        resolve({
          kind: 'failed',
          engine,
          error: `child process ended (${signal ?? `exit ${code}`}) without a result`,
        });
      } finally {
        fs.rmSync(resultFile, { force: true });
      }
    });
  });
}

const children = new Set<ChildProcess>();
let interrupting = false;

export async function main(argv: string[]): Promise<void> {
  let o: Options;
  try {
    o = parseOptions(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const interrupted = async () => {
    interrupting = true;
    console.error(`\n${o.childResult ? `[${o.engines[0]}] ` : ''}interrupted; cleaning up`);
    // Dropping the database ends connections that are still in use; we are leaving anyway.
    process.on('uncaughtException', () => undefined);
    for (const c of cleanups) await c().catch(() => undefined);
    // Children get the terminal's SIGINT themselves; wait for them to drop their databases.
    await Promise.all([...children].map((c) => new Promise((r) => c.once('exit', r))));
    process.exit(130);
  };
  const onSigint = () => void interrupted();
  const onSigterm = () => {
    for (const c of children) c.kill('SIGTERM');
    void interrupted();
  };
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  // `npm run bench` runs the import benchmark after this one in the same process: it sets its own.
  const releaseSignals = () => {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  };

  if (o.childResult) {
    const outcome = await runHere(o.engines[0]!, o);
    fs.writeFileSync(o.childResult, JSON.stringify(outcome));
    releaseSignals();
    return;
  }

  const started = performance.now();
  console.log(
    `Observatory benchmark: ${o.rows.toLocaleString('en')} observations; GET /api/v1/observations?${QUERY_STRING}\n` +
      `${o.requests} measured requests per engine after ${o.warmup} warm-up, concurrency ${o.concurrency}; ` +
      `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${loadavg()}`,
  );
  const results: EngineResult[] = [];
  const skipped: { engine: Engine; skipped: string }[] = [];
  let failed = false;
  for (const engine of o.engines) {
    const outcome = await runInChild(engine, o);
    if (interrupting) return; // the SIGINT handler reports and exits
    if (outcome.kind === 'result') results.push(outcome.result);
    else if (outcome.kind === 'skipped') {
      console.log(`[${engine}] SKIPPED: ${outcome.skipped}`);
      skipped.push({ engine, skipped: outcome.skipped });
    } else {
      failed = true;
      console.error(`[${engine}] FAILED: ${outcome.error}`);
    }
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  console.log('');
  for (const r of results) console.log(details(r) + '\n');
  if (results.length) console.log(table(results));
  for (const s of skipped) console.log(`${s.engine.padEnd(9)} SKIPPED (${s.skipped})`);
  console.log(
    `\ntotal ${seconds} s; load average now ${loadavg()} (other work on the machine skews the tails)`,
  );

  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const summary = {
    at: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverageAtEnd: os.loadavg(),
    options: { ...o, pgUrl: redact(o.pgUrl), childResult: undefined },
    query: `/api/v1/observations?${QUERY_STRING}`,
    targetsMs: TARGETS_MS,
    results,
    skipped,
    totalSeconds: seconds,
  };
  fs.writeFileSync(file, JSON.stringify(summary, null, 2) + '\n');
  fs.copyFileSync(file, path.join(dir, 'latest.json'));
  console.log(`summary: ${path.relative(process.cwd(), file)}`);
  if (failed) process.exitCode = 1;
  releaseSignals();
}
