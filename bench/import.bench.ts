/**
 * `npm run bench -- import`: a generated long-template CSV through the whole import pipeline, next
 * to a plain COPY of the same rows into the same engine, on PGlite and on PostgreSQL. See the
 * "Import pipeline" section of bench/README.md for what is measured and how to read the output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql, type LogEvent } from 'kysely';
import { openDatabase, type Db, type Engine } from '../apps/server/src/platform/db/database.ts';
import type { Database } from '../apps/server/src/platform/db/schema.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrator.ts';
import { storeLocalFile } from '../apps/server/src/platform/files/store.ts';
import { findPreset, startImport, type ImportResult } from '../apps/server/src/modules/imports/index.ts';
import type { ImportRequest } from '../apps/server/src/modules/imports/pipeline.ts';
import { startJob, type JobProgress } from '../apps/server/src/platform/jobs.ts';
import { seedReferenceData } from '../apps/server/src/seed.ts';
import {
  tempFolder,
  cleanups,
  cpuShare,
  cpuSnapshot,
  loadavg,
  openEngine,
  pgCopyFrom,
  redact,
  yieldToEventLoop,
  type CpuShare,
  type Prepared,
} from './cube.bench.ts';
import { loadProposedPipeline } from './import-prototype.ts';
import {
  IMPORT_COPY_COLUMNS,
  IMPORT_SOURCE,
  loadImportReference,
  planImport,
  writeTemplateCsv,
  type ImportPlan,
} from './import-data.ts';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PRESET = 'observatory-long';
/** Targets of the requirement: pipeline time ≤ 2 × COPY time, peak RSS ≤ 1 GB. */
const TARGET_RATIO = 2;
const TARGET_RSS_MB = 1024;
const COPY_CHUNK_ROWS = 50_000;
const RSS_SAMPLE_MS = 100;

/** Command-line options (bench/run.mjs also uses them to split a combined run's arguments). */
export const IMPORT_OPTIONS = {
  engine: { type: 'string', default: 'both' },
  rows: { type: 'string', default: '1000000' },
  'pg-url': { type: 'string' },
  'pglite-memory': { type: 'boolean', default: false },
  proposed: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  // Internal: run one part (copy | pipeline | proposed) of one engine here and write its outcome to a file.
  'child-part': { type: 'string' },
  'pglite-template': { type: 'string' },
  'child-result': { type: 'string' },
} as const;

type Part = 'copy' | 'pipeline' | 'proposed';

interface Options {
  engines: Engine[];
  rows: number;
  pgUrl: string;
  pgliteMemory: boolean;
  /** Also run the pipeline with the changes proposed in bench/import-prototype.ts. */
  proposed: boolean;
  /** Internal: the migrated and seeded PGlite folder the children copy (see makePgliteTemplate). */
  pgliteTemplate?: string | undefined;
  childPart?: Part | undefined;
  childResult?: string | undefined;
}

export function importUsage(): string {
  return `usage: npm run bench -- import [options]
  --engine pglite|postgres|both   engines to run (default both)
  --rows N                        rows in the generated CSV (default 1000000)
  --pg-url URL                    PostgreSQL server (default ${DEFAULT_PG_URL}, or OBSERVATORY_BENCH_PG_URL);
                                  the bench creates and drops its own obs_bench_<pid> databases there
  --pglite-memory                 PGlite in memory instead of a temporary data folder
  --proposed                      also run the pipeline with the changes proposed in bench/README.md
                                  (bench/import-prototype.ts: patched copies, apps/ untouched)`;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv.slice(2), options: IMPORT_OPTIONS, strict: true });
  if (values.help) {
    console.log(importUsage());
    process.exit(0);
  }
  const rows = Number(values.rows.replaceAll('_', ''));
  if (!Number.isInteger(rows) || rows < 1)
    throw new Error(`--rows must be a positive integer\n${importUsage()}`);
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres' && engine !== 'both')
    throw new Error(`--engine must be pglite, postgres or both\n${importUsage()}`);
  const part = values['child-part'];
  if (part !== undefined && part !== 'copy' && part !== 'pipeline' && part !== 'proposed')
    throw new Error('--child-part: copy | pipeline');
  return {
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine],
    rows,
    pgUrl: values['pg-url'] ?? process.env.OBSERVATORY_BENCH_PG_URL ?? DEFAULT_PG_URL,
    pgliteMemory: values['pglite-memory'],
    proposed: values.proposed,
    pgliteTemplate: values['pglite-template'],
    childPart: part,
    childResult: values['child-result'],
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const seconds = (ms: number) => Math.round(ms / 10) / 100;
const now = () => performance.timeOrigin + performance.now();
/** `global.gc` when the process runs with --expose-gc (the child processes do). */
const collectGarbage = (globalThis as { gc?: () => void }).gc;
/** Peak resident set size of this process so far, in bytes (Linux reports kB). */
const maxRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * Resets this process's peak RSS to its current RSS (Linux ≥ 4.0: `/proc/self/clear_refs`), so that
 * maxRSS afterwards is the peak of what follows. Opening a fresh PGlite data folder (initdb) peaks
 * at ~1.2 GB for a moment — a first start, not the import; reopening an existing folder stays near
 * 340 MB. Returns the lifetime peak before the reset (bytes), or undefined where unsupported.
 */
function resetPeakRss(): number | undefined {
  const before = maxRss();
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return before;
  } catch {
    return undefined;
  }
}
const log = (engine: Engine, part: Part, message: string) => console.log(`[${engine} ${part}] ${message}`);

/**
 * RSS sampler in a worker thread: PGlite runs each statement synchronously on the main thread, so a
 * timer there would not fire during a long statement; a worker's timer does. `process.memoryUsage
 * .rss()` is the whole process (the worker's own isolate adds a few MB).
 */
class RssSampler {
  private readonly worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const samples = [];
     const tick = () => samples.push([performance.timeOrigin + performance.now(), process.memoryUsage.rss()]);
     tick();
     const timer = setInterval(tick, ${RSS_SAMPLE_MS});
     parentPort.once('message', () => { clearInterval(timer); tick(); parentPort.postMessage(samples); });`,
    { eval: true },
  );
  stop(): Promise<[number, number][]> {
    return new Promise((resolve, reject) => {
      this.worker.once('message', (samples: [number, number][]) => {
        void this.worker.terminate();
        resolve(samples);
      });
      this.worker.once('error', reject);
      this.worker.postMessage('stop');
    });
  }
}

interface Schema {
  sourceId: number;
  schemaSeconds: number;
}

/** Migrates and seeds the fresh database and adds the benchmark's source. */
async function freshSchema(p: Prepared): Promise<Schema> {
  const t = performance.now();
  const db = p.handle.db;
  await migrateToLatest(db);
  await seedReferenceData(db);
  const source = await db
    .insertInto('source')
    .values({ ...IMPORT_SOURCE })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sourceId: source.id, schemaSeconds: seconds(performance.now() - t) };
}

/** Count and an order-independent hash of the cube's content: equal on both sides means the same rows. */
async function cubeDigest(db: Db): Promise<{ rows: number; hash: string }> {
  const r = await sql<{ rows: number; hash: string | null }>`
    select count(*)::int as rows, sum(hashtextextended((indicator_id, area_id, period, year, substance_id,
      dims, dim_key, source_id, value, lower, upper, unit, status, confidentiality, footnotes)::text, 0))::text as hash
    from observation
  `.execute(db);
  return { rows: Number(r.rows[0]!.rows), hash: r.rows[0]!.hash ?? '0' };
}

async function relationSizes(db: Db, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{
      size: number;
    }>`select pg_total_relation_size(${t}::regclass)::bigint as size`.execute(db);
    out[t] = mb(Number(r.rows[0]!.size));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Statement log: what the pipeline spends in SQL, by kind of statement

/** Kinds of the pipeline's statements, recognised by their text (imports.repository.ts). */
const STATEMENT_KINDS: [string, RegExp][] = [
  ['stage rows (insert … unnest)', /^\s*insert into import_row/],
  ['duplicate check', /array_agg\(row_no order by row_no\)/],
  ['history check', /^\s*with s as \(/],
  ["classify: mark all 'insert'", /update import_row set outcome = 'insert'/],
  ['classify: match cube', /update import_row r set outcome = case/],
  ['outcome counts', /select outcome, kept, count|filter \(where kept and outcome is null\)/],
  ['analyze import_row', /^\s*analyze import_row/],
  ['apply: revisions', /^\s*insert into observation_revision/],
  ['apply: import_change (updates)', /^\s*insert into import_change/],
  ['apply: update observation', /^\s*update observation o set/],
  ['apply: insert observation + import_change', /^\s*with ins as \(/],
  ['clear staged rows', /^delete from "import_row"/],
  ['issues', /^insert into "import_issue"/],
  ['job progress', /^update "job"/],
];

export interface StatementStat {
  kind: string;
  count: number;
  ms: number;
  maxMs: number;
}

export class StatementLog {
  readonly byKind = new Map<string, StatementStat>();
  /** Wall-clock end of each statement with its duration, to split the phases into SQL and JS. */
  readonly spans: [number, number][] = [];
  /** Every statement in order, when `keepAll` (the profiling script lists them). */
  readonly all: { kind: string; ms: number }[] = [];
  constructor(private readonly keepAll = false) {}
  readonly record = (event: LogEvent) => {
    const text = event.query.sql;
    const kind = STATEMENT_KINDS.find(([, re]) => re.test(text))?.[0] ?? 'other (batch, lookups, audit, …)';
    const s = this.byKind.get(kind) ?? { kind, count: 0, ms: 0, maxMs: 0 };
    s.count++;
    s.ms += event.queryDurationMillis;
    s.maxMs = Math.max(s.maxMs, event.queryDurationMillis);
    this.byKind.set(kind, s);
    if (this.keepAll) this.all.push({ kind, ms: event.queryDurationMillis });
    // Progress writes of the job run beside the pipeline (not awaited by it): not on its path.
    if (kind !== 'job progress') this.spans.push([now(), event.queryDurationMillis]);
  };
  /** SQL milliseconds of the statements that ended in [from, to). */
  sqlMsBetween(from: number, to: number): number {
    let ms = 0;
    for (const [end, d] of this.spans) if (end >= from && end < to) ms += d;
    return ms;
  }
}

/** A Kysely instance on the same connection that records every statement's duration. */
export function loggingDb(p: Prepared, statements: StatementLog): Db {
  return new Kysely<Database>({
    dialect: p.handle.pglite
      ? new PGliteDialect({ pglite: p.handle.pglite })
      : new PostgresDialect({ pool: p.handle.pool! }),
    plugins: [new CamelCasePlugin()],
    log: statements.record,
  });
}

// ---------------------------------------------------------------------------------------------
// The two parts, each in its own child process

interface Common {
  engine: Engine;
  label: string;
  rows: number;
  schemaSeconds: number;
  digest: { rows: number; hash: string };
  sizesMB: Record<string, number>;
  /** Peak RSS of the measured run (the high-water mark is reset just before it where Linux allows). */
  maxRssMB: number;
  /** Peak RSS of the process before the measured run (open, initdb, migrate, seed, generate). */
  peakBeforeMB?: number;
}

export interface CopyOutcome extends Common {
  part: 'copy';
  prepareSeconds: number;
  copySeconds: number;
  copyMB: number;
  fkChecks: boolean;
  rssBeforeMB: number;
  cpu?: CpuShare;
}

interface Phase {
  name: string;
  seconds: number;
  sqlSeconds: number;
  /** Highest sampled RSS in the phase (null: the phase was shorter than the sampling interval). */
  peakRssMB: number | null;
}

export interface PipelineOutcome extends Common {
  part: 'pipeline' | 'proposed';
  csvBytes: number;
  csvSha256: string;
  csvWriteSeconds: number;
  years: { from: number; to: number };
  cells: number;
  pipelineSeconds: number;
  phases: Phase[];
  statements: StatementStat[];
  status: string;
  counts: ImportResult['counts'];
  issues: { code: string; severity: string }[];
  rssBeforeMB: number;
  sampledPeakRssMB: number;
  cpu?: CpuShare;
}

async function runCopy(
  engine: Engine,
  o: Options,
  p: Prepared,
  { sourceId, schemaSeconds }: Schema,
): Promise<CopyOutcome> {
  const { handle } = p;
  let t = performance.now();
  const plan = planImport(await loadImportReference(handle.db, sourceId), o.rows);
  // Made before the clock starts, so that COPY time is the load alone.
  const chunks = [...plan.copyChunks(COPY_CHUNK_ROWS)];
  const copyBytes = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  const prepareSeconds = seconds(performance.now() - t);
  collectGarbage?.();
  const lifetimePeak = resetPeakRss();
  const rssBefore = process.memoryUsage().rss;
  const columns = IMPORT_COPY_COLUMNS.join(', ');
  log(engine, 'copy', `COPY of ${o.rows.toLocaleString('en')} rows (${mb(copyBytes)} MB of CSV) …`);

  const cpuBefore = cpuSnapshot();
  t = performance.now();
  let copied = 0;
  if (handle.pglite) {
    // One transaction, like the pipeline's commit; the rows go in as /dev/blob chunks.
    const pglite = handle.pglite;
    await pglite.query('begin');
    for (const chunk of chunks) {
      await yieldToEventLoop();
      const r = await pglite.query(`copy observation (${columns}) from '/dev/blob' with (format csv)`, [], {
        blob: new Blob([chunk]),
      });
      copied += r.affectedRows ?? 0;
    }
    await pglite.query('commit');
  } else {
    const client = await handle.pool!.connect();
    const onError = () => undefined; // the COPY promise reports the failure
    client.on('error', onError);
    try {
      copied = await pgCopyFrom(client, `copy observation (${columns}) from stdin with (format csv)`, chunks);
    } finally {
      client.off('error', onError);
      client.release();
    }
  }
  const copyMs = performance.now() - t;
  const cpu = cpuShare(cpuBefore, cpuSnapshot());
  const maxRssMB = mb(maxRss());
  if (copied !== o.rows) throw new Error(`COPY loaded ${copied} rows, expected ${o.rows}`);
  chunks.length = 0;
  return {
    part: 'copy',
    engine,
    label: p.label,
    rows: o.rows,
    schemaSeconds,
    prepareSeconds,
    copySeconds: seconds(copyMs),
    copyMB: mb(copyBytes),
    fkChecks: true,
    rssBeforeMB: mb(rssBefore),
    maxRssMB,
    ...(lifetimePeak !== undefined ? { peakBeforeMB: mb(lifetimePeak) } : {}),
    digest: await cubeDigest(handle.db),
    sizesMB: await relationSizes(handle.db, ['observation']),
    ...(cpu ? { cpu } : {}),
  };
}

type StartImport = (
  db: Db,
  request: ImportRequest,
  hooks: { onProgress: (p: JobProgress) => void },
) => Promise<{ finished: Promise<ImportResult> }>;

/** The patched pipeline as a job, exactly as `startImport` runs the real one. */
async function proposedStarter(): Promise<{ start: StartImport }> {
  const proposed = await loadProposedPipeline();
  proposed.dispose(); // loaded: the copies are no longer needed
  return {
    start: (db, request, hooks) =>
      startJob(
        db,
        {
          kind: 'import',
          params: {
            file: request.file.name,
            sha256: request.file.sha256,
            spec: `${request.spec.name}@${request.spec.version}`,
            dryRun: request.dryRun,
          },
          userId: request.userId,
        },
        (ctx) => proposed.runImport(db, request, ctx),
        hooks,
      ),
  };
}

async function runPipeline(
  engine: Engine,
  o: Options,
  p: Prepared,
  part: 'pipeline' | 'proposed',
  { sourceId, schemaSeconds }: Schema,
): Promise<PipelineOutcome> {
  const { handle } = p;
  const plan: ImportPlan = planImport(await loadImportReference(handle.db, sourceId), o.rows);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-import-'));
  const removeDir = async () => fs.rmSync(dir, { recursive: true, force: true });
  cleanups.add(removeDir);
  try {
    const csv = path.join(dir, 'observations-long.csv');
    const t = performance.now();
    const csvBytes = await writeTemplateCsv(plan, csv);
    const csvWriteSeconds = seconds(performance.now() - t);
    log(
      engine,
      part,
      `generated ${csv}: ${o.rows.toLocaleString('en')} rows, ${mb(csvBytes)} MB in ${csvWriteSeconds} s; importing …`,
    );
    const spec = findPreset(PRESET);
    if (!spec) throw new Error(`no preset ${PRESET}`);

    // The patched copies (--proposed) are written and loaded before the clock starts.
    const variant = part === 'proposed' ? await proposedStarter() : { start: startImport };
    collectGarbage?.();
    const lifetimePeak = resetPeakRss();
    const rssBefore = process.memoryUsage().rss;
    const statements = new StatementLog();
    const db = loggingDb(p, statements);
    const marks: [string, number][] = [];
    let last = '';
    const sampler = new RssSampler();
    const cpuBefore = cpuSnapshot();
    const t0 = now();
    marks.push(['store file', t0]);
    const stored = await storeLocalFile(db, path.join(dir, 'files'), csv);
    marks.push(['job start (job + batch rows, reference lookups)', now()]);
    const { finished } = await variant.start(
      db,
      {
        file: { sha256: stored.sha256, path: stored.path, name: path.basename(csv) },
        spec,
        dryRun: false,
        options: {},
        userId: null,
      },
      {
        onProgress: (progress) => {
          // 'reading' → 'checking' → 'writing' (start) … 'writing' (done = total) → finishing.
          const name =
            progress.phase === 'writing' &&
            progress.total !== null &&
            progress.done >= progress.total &&
            last === 'writing'
              ? 'finish (clear staged rows, batch row)'
              : progress.phase;
          if (name !== last) marks.push([name, now()]);
          last = name;
        },
      },
    );
    const result = await finished;
    const t1 = now();
    const peak = maxRss();
    const cpu = cpuShare(cpuBefore, cpuSnapshot());
    const samples = await sampler.stop();
    if (result.status !== 'committed' || result.counts.inserted !== o.rows || result.counts.errors > 0)
      throw new Error(
        `the import ended ${result.status} with ${JSON.stringify(result.counts)}; first issues: ` +
          JSON.stringify(result.issues.slice(0, 5)),
      );

    const phases: Phase[] = marks.map(([name, from], i) => {
      const to = marks[i + 1]?.[1] ?? t1;
      const inPhase = samples.filter(([at]) => at >= from && at <= to).map(([, rss]) => rss);
      return {
        name:
          name === 'reading'
            ? 'read + map + stage'
            : name === 'checking'
              ? 'check (duplicates, history, classify)'
              : name === 'writing'
                ? 'write (transaction: classify, apply)'
                : name,
        seconds: seconds(to - from),
        sqlSeconds: seconds(statements.sqlMsBetween(from, to)),
        peakRssMB: inPhase.length ? mb(Math.max(...inPhase)) : null,
      };
    });
    return {
      part,
      engine,
      label: p.label,
      rows: o.rows,
      schemaSeconds,
      csvBytes,
      csvSha256: stored.sha256,
      csvWriteSeconds,
      years: plan.years,
      cells: plan.cells,
      pipelineSeconds: seconds(t1 - t0),
      phases,
      statements: [...statements.byKind.values()]
        .map((s) => ({ ...s, ms: round2(s.ms), maxMs: round2(s.maxMs) }))
        .sort((a, b) => b.ms - a.ms),
      status: result.status,
      counts: result.counts,
      issues: result.issues.slice(0, 20).map((i) => ({ code: i.code, severity: i.severity })),
      rssBeforeMB: mb(rssBefore),
      ...(lifetimePeak !== undefined ? { peakBeforeMB: mb(lifetimePeak) } : {}),
      sampledPeakRssMB: mb(Math.max(...samples.map(([, rss]) => rss))),
      maxRssMB: mb(peak),
      digest: await cubeDigest(handle.db),
      sizesMB: await relationSizes(handle.db, [
        'observation',
        'import_change',
        'import_row',
        'observation_revision',
      ]),
      ...(cpu ? { cpu } : {}),
    };
  } finally {
    await removeDir();
    cleanups.delete(removeDir);
  }
}

type Outcome =
  | { kind: 'result'; result: CopyOutcome | PipelineOutcome }
  | { kind: 'skipped'; engine: Engine; skipped: string }
  | { kind: 'failed'; engine: Engine; error: string };

/**
 * PGlite in a folder: the parent makes one migrated and seeded folder (with the benchmark's source)
 * before the children start. Creating a folder (initdb) leaves PGlite's memory at ~600 MB for the
 * rest of the process, and a closed instance's memory is not returned either, while a process that
 * opens an existing folder — a server at start — holds ~340 MB. The RSS target is about the server,
 * so each child copies the folder and opens the copy, as a server would.
 */
async function makePgliteTemplate(): Promise<{ path: string; seconds: number; remove: () => Promise<void> }> {
  const folder = tempFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-import-template-')));
  const handle = await openDatabase({ pgliteDir: path.join(folder.path, 'db') });
  try {
    const schema = await freshSchema({ handle, timings: {}, label: '', cleanup: async () => undefined });
    return { path: folder.path, seconds: schema.schemaSeconds, remove: folder.remove };
  } finally {
    await handle.close();
  }
}

/** Opens a fresh database with the schema, the reference data and the benchmark's source. */
async function prepare(
  engine: Engine,
  part: Part,
  o: Options,
): Promise<{ p: Prepared; schema: Schema } | { skipped: string }> {
  if (engine === 'pglite' && o.pgliteTemplate) {
    const folder = tempFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-pglite-')));
    try {
      const t = performance.now();
      fs.cpSync(path.join(o.pgliteTemplate, 'db'), path.join(folder.path, 'db'), { recursive: true });
      const handle = await openDatabase({ pgliteDir: path.join(folder.path, 'db'), lock: true });
      const source = await handle.db
        .selectFrom('source')
        .select('id')
        .where('code', '=', IMPORT_SOURCE.code)
        .executeTakeFirstOrThrow();
      const p: Prepared = {
        handle,
        timings: {},
        label: `PGlite (temporary data folder ${folder.path}: a copy of a migrated and seeded folder, opened by this process as a server would)`,
        folder,
        cleanup: async () => {
          await handle.close();
          await folder.remove();
        },
      };
      log(engine, part, p.label);
      return { p, schema: { sourceId: source.id, schemaSeconds: seconds(performance.now() - t) } };
    } catch (error) {
      await folder.remove();
      throw error;
    }
  }
  const opened = await openEngine(engine, o);
  if ('skipped' in opened) return opened;
  log(engine, part, opened.label);
  try {
    return { p: opened, schema: await freshSchema(opened) };
  } catch (error) {
    await opened.cleanup();
    throw error;
  }
}

async function runHere(engine: Engine, part: Part, o: Options): Promise<Outcome> {
  try {
    const prepared = await prepare(engine, part, o);
    if ('skipped' in prepared) return { kind: 'skipped', engine, skipped: prepared.skipped };
    const { p, schema } = prepared;
    try {
      const result =
        part === 'copy' ? await runCopy(engine, o, p, schema) : await runPipeline(engine, o, p, part, schema);
      return { kind: 'result', result };
    } finally {
      await p.cleanup();
    }
  } catch (error) {
    return { kind: 'failed', engine, error: (error as Error).stack ?? String(error) };
  }
}

const children = new Set<ChildProcess>();
let interrupting = false;

/** One part of one engine in a fresh child process: its own heap, its own peak RSS, a fresh database. */
function runInChild(engine: Engine, part: Part, o: Options): Promise<Outcome> {
  const resultFile = path.join(os.tmpdir(), `obs-bench-import-${process.pid}-${engine}-${part}.json`);
  fs.rmSync(resultFile, { force: true });
  const args = [
    '--expose-gc',
    fileURLToPath(new URL('./run.mjs', import.meta.url)),
    'import',
    ...['--engine', engine, '--rows', String(o.rows)],
    ...(o.pgliteMemory ? ['--pglite-memory'] : []),
    ...(engine === 'pglite' && o.pgliteTemplate ? ['--pglite-template', o.pgliteTemplate] : []),
    ...['--child-part', part, '--child-result', resultFile],
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
        resolve(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Outcome);
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

// ---------------------------------------------------------------------------------------------
// Report

/** One pipeline run measured against the COPY baseline of the same engine. */
interface PipelineReport {
  run: PipelineOutcome;
  ratio: number;
  sameRows: boolean;
  passRatio: boolean;
  passRss: boolean;
}

interface EngineReport {
  engine: Engine;
  copy: CopyOutcome;
  /** The pipeline as it is, then (with --proposed) the patched one. */
  pipelines: PipelineReport[];
}

function judge(copy: CopyOutcome, run: PipelineOutcome): PipelineReport {
  return {
    run,
    ratio: Math.round((run.pipelineSeconds / copy.copySeconds) * 10) / 10,
    sameRows: run.digest.rows === copy.digest.rows && run.digest.hash === copy.digest.hash,
    passRatio: run.pipelineSeconds <= TARGET_RATIO * copy.copySeconds,
    passRss: run.maxRssMB <= TARGET_RSS_MB,
  };
}

const cpuLine = (x: CpuShare | undefined) =>
  x
    ? `CPU (% of one; ${x.capacityPct} % available): bench ${x.benchPct} %, postgres ${x.postgresPct} %, ` +
      `other processes ${x.otherPct} %, steal ${x.stealPct} %` +
      (x.otherPct + x.stealPct >= 20 ? '  ← busy machine: times are inflated' : '')
    : '';

function pipelineDetails(engine: Engine, c: CopyOutcome, r: PipelineReport): string[] {
  const p = r.run;
  const stmtWidth = Math.max(...p.statements.map((s) => s.kind.length));
  return [
    `  ${p.part === 'proposed' ? 'pipeline with the proposed changes' : 'pipeline'}: ${p.pipelineSeconds} s, ` +
      `status ${p.status}: ${p.counts.inserted.toLocaleString('en')} inserted, ` +
      `${p.counts.missing.toLocaleString('en')} missing values, ${p.counts.errors} errors, ${p.counts.warnings} warnings`,
    `            ${cpuLine(p.cpu)}`,
    ...p.phases.map(
      (ph) =>
        `    ${ph.name.padEnd(48)} ${ph.seconds.toFixed(2).padStart(7)} s  (SQL ${ph.sqlSeconds.toFixed(2).padStart(6)} s)` +
        (ph.peakRssMB === null ? '' : `  RSS ≤ ${ph.peakRssMB} MB (sampled)`),
    ),
    `    SQL by statement (count, total, longest):`,
    ...p.statements.map(
      (s) =>
        `      ${s.kind.padEnd(stmtWidth)} ${String(s.count).padStart(5)}× ${(s.ms / 1000).toFixed(2).padStart(7)} s` +
        `   max ${(s.maxMs / 1000).toFixed(2)} s`,
    ),
    `    memory: node RSS ${p.rssBeforeMB} MB before the import, peak ${p.maxRssMB} MB during it (maxRSS; sampled ` +
      `${p.sampledPeakRssMB} MB)` +
      (engine === 'postgres' ? '; the server runs in its own processes' : '; PGlite runs in this process') +
      (p.peakBeforeMB !== undefined
        ? `; peak before the import (open, migrate, seed) ${p.peakBeforeMB} MB`
        : ''),
    `    sizes after the import (MB, with indexes): ${Object.entries(p.sizesMB)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; after COPY: observation ${c.sizesMB.observation}`,
    `    same rows as COPY: ${r.sameRows ? 'yes' : 'NO'} (count ${p.digest.rows} / ${c.digest.rows}, content hash ` +
      `${r.sameRows ? 'equal' : `${p.digest.hash} ≠ ${c.digest.hash}`})`,
    `    targets: pipeline/COPY ${r.ratio}× ≤ ${TARGET_RATIO}× → ${r.passRatio ? 'PASS' : 'FAIL'}; ` +
      `peak RSS ${p.maxRssMB} MB ≤ ${TARGET_RSS_MB} MB → ${r.passRss ? 'PASS' : 'FAIL'}`,
  ];
}

function details(r: EngineReport): string {
  const c = r.copy;
  const p = r.pipelines[0]!.run;
  return [
    `${r.engine}: ${p.label}`,
    `  file: ${p.rows.toLocaleString('en')} rows, ${p.cells.toLocaleString('en')} series, years ${p.years.from}–${p.years.to}, ` +
      `${mb(p.csvBytes)} MB (sha256 ${p.csvSha256.slice(0, 12)}…), written in ${p.csvWriteSeconds} s`,
    `  COPY: ${c.copySeconds} s for ${c.copyMB} MB of COPY CSV into observation with its primary key, unique identity and 4 more indexes, ` +
      `checks and FK triggers in place; node RSS ${c.rssBeforeMB} MB before, peak ${c.maxRssMB} MB during COPY`,
    `            ${cpuLine(c.cpu)}`,
    ...r.pipelines.flatMap((x) => pipelineDetails(r.engine, c, x)),
  ].join('\n');
}

function table(reports: EngineReport[]): string {
  const cols = [
    ['engine', 20],
    ['rows', 8],
    ['CSV MB', 7],
    ['COPY s', 7],
    ['pipeline s', 11],
    ['ratio', 12],
    ['peak RSS MB', 13],
    ['read/check/write/other s', 25],
    ['result', 6],
  ] as const;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(cols[i]![1]))
      .join(' ')
      .trimEnd();
  const phaseSplit = (p: PipelineOutcome) => {
    const get = (prefix: string) =>
      p.phases.filter((x) => x.name.startsWith(prefix)).reduce((s, x) => s + x.seconds, 0);
    const read = get('read');
    const check = get('check');
    const write = get('write');
    return [read, check, write, p.pipelineSeconds - read - check - write]
      .map((x) => x.toFixed(1))
      .join(' / ');
  };
  return [
    line(cols.map((c) => c[0])),
    ...reports.flatMap((r) =>
      r.pipelines.map((x) =>
        line([
          x.run.part === 'proposed' ? `${r.engine} (proposed)` : r.engine,
          String(r.copy.rows),
          String(mb(x.run.csvBytes)),
          r.copy.copySeconds.toFixed(1),
          x.run.pipelineSeconds.toFixed(1),
          `${x.ratio.toFixed(1)}× ${x.passRatio ? '≤' : '>'} ${TARGET_RATIO}`,
          `${Math.round(x.run.maxRssMB)} ${x.passRss ? '≤' : '>'} ${TARGET_RSS_MB}`,
          phaseSplit(x.run),
          x.passRatio && x.passRss && x.sameRows ? 'PASS' : 'FAIL',
        ]),
      ),
    ),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

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
    console.error(`\n${o.childPart ? `[${o.engines[0]} ${o.childPart}] ` : ''}interrupted; cleaning up`);
    process.on('uncaughtException', () => undefined);
    for (const c of cleanups) await c().catch(() => undefined);
    // Children get the terminal's SIGINT themselves; wait for them to drop their databases.
    await Promise.all([...children].map((c) => new Promise((r) => c.once('exit', r))));
    process.exit(130);
  };
  process.once('SIGINT', () => void interrupted());
  process.once('SIGTERM', () => {
    for (const c of children) c.kill('SIGTERM');
    void interrupted();
  });

  if (o.childPart) {
    const outcome = await runHere(o.engines[0]!, o.childPart, o);
    fs.writeFileSync(o.childResult!, JSON.stringify(outcome));
    return;
  }

  const started = performance.now();
  console.log(
    `Observatory import benchmark: ${o.rows.toLocaleString('en')}-row long CSV (preset ${PRESET}) through the import pipeline ` +
      `vs plain COPY of the same rows\nNode ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
      `load average ${loadavg()}`,
  );
  const reports: EngineReport[] = [];
  const skipped: { engine: Engine; skipped: string }[] = [];
  let failed = false;
  for (const engine of o.engines) {
    let template: Awaited<ReturnType<typeof makePgliteTemplate>> | undefined;
    if (engine === 'pglite' && !o.pgliteMemory) {
      template = await makePgliteTemplate();
      o.pgliteTemplate = template.path;
      log(
        engine,
        'copy',
        `migrated and seeded folder ${template.path} made in ${template.seconds} s; each part copies it`,
      );
    }
    const outcomes: Partial<Record<Part, CopyOutcome | PipelineOutcome>> = {};
    const parts: Part[] = ['copy', 'pipeline', ...(o.proposed ? (['proposed'] as const) : [])];
    for (const part of parts) {
      const outcome = await runInChild(engine, part, o);
      if (interrupting) return; // the SIGINT handler reports and exits
      if (outcome.kind === 'result') outcomes[part] = outcome.result;
      else if (outcome.kind === 'skipped') {
        console.log(`[${engine}] SKIPPED: ${outcome.skipped}`);
        skipped.push({ engine, skipped: outcome.skipped });
        break;
      } else {
        failed = true;
        console.error(`[${engine} ${part}] FAILED: ${outcome.error}`);
        break;
      }
    }
    await template?.remove();
    o.pgliteTemplate = undefined;
    const copy = outcomes.copy as CopyOutcome | undefined;
    const runs = [outcomes.pipeline, outcomes.proposed].filter(
      (x): x is PipelineOutcome => x?.part !== undefined,
    );
    if (!copy || !runs.length) continue;
    reports.push({ engine, copy, pipelines: runs.map((run) => judge(copy, run)) });
  }
  const total = Math.round((performance.now() - started) / 100) / 10;
  console.log('');
  for (const r of reports) console.log(details(r) + '\n');
  if (reports.length) console.log(table(reports));
  for (const s of skipped) console.log(`${s.engine.padEnd(9)} SKIPPED (${s.skipped})`);
  console.log(
    `\ntotal ${total} s; load average now ${loadavg()} (other work on the machine slows both sides)`,
  );

  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `import-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const summary = {
    at: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverageAtEnd: os.loadavg(),
    options: { ...o, pgUrl: redact(o.pgUrl) },
    preset: PRESET,
    targets: { ratio: TARGET_RATIO, rssMB: TARGET_RSS_MB },
    results: reports,
    skipped,
    totalSeconds: total,
  };
  fs.writeFileSync(file, JSON.stringify(summary, null, 2) + '\n');
  fs.copyFileSync(file, path.join(dir, 'import-latest.json'));
  console.log(`summary: ${path.relative(process.cwd(), file)}`);
  if (failed) process.exitCode = 1;
}
