/**
 * `npm run bench -- events`: seizure events and their roll-ups into the cube, on PGlite and on
 * PostgreSQL. Per engine, in a fresh child process:
 * 1. 1,000,000 generated events loaded by COPY, roll-ups built by the full rebuild (timed);
 * 2. 10,000 new events imported through the import pipeline (`runImport`, commit path): the time of
 *    the whole import and of the statement that keeps the roll-ups current, next to a full rebuild
 *    (which must then find nothing to change);
 * 3. the explorer question (6 areas × heroin × 25 years, yearly number of seizures and kg) answered
 *    by grouping the raw events vs by reading the roll-up observations, both as raw SQL (p50/p95).
 * See the "Seizure events" section of bench/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql, type LogEvent } from 'kysely';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import type { DatabaseHandle, Db, Engine } from '../apps/server/src/platform/db/database.ts';
import type { Database } from '../apps/server/src/platform/db/schema.ts';
import { storeLocalFile } from '../apps/server/src/platform/files/store.ts';
import { findAnyPreset, runImport } from '../apps/server/src/modules/imports/index.ts';
import { EVENT_TEMPLATE_COLUMNS, rebuildAllRollups } from '../apps/server/src/modules/events/index.ts';
import {
  cleanups,
  cpuShare,
  cpuSnapshot,
  loadavg,
  openEngine,
  redact,
  yieldToEventLoop,
  type CpuShare,
  type Prepared,
} from './cube.bench.ts';
import { buildEventsDatabase, EVENT_TARGET, EVENT_YEARS, EVENTS_SOURCE, generateEvents } from './events.ts';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Target of the issue: keeping roll-ups current after importing 10,000 new events ≤ 1 s. */
const TARGET_REFRESH_MS = 1000;
const ROUNDS = 5;

export const EVENTS_OPTIONS = {
  engine: { type: 'string', default: 'both' },
  events: { type: 'string', default: '1000000' },
  'new-events': { type: 'string', default: '10000' },
  requests: { type: 'string', default: '100' },
  warmup: { type: 'string', default: '10' },
  'pg-url': { type: 'string' },
  'pglite-memory': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  // Internal: run the single engine in this process and write its outcome to this file.
  'child-result': { type: 'string' },
} as const;

interface Options {
  engines: Engine[];
  events: number;
  newEvents: number;
  requests: number;
  warmup: number;
  pgUrl: string;
  pgliteMemory: boolean;
  childResult?: string | undefined;
}

export function eventsUsage(): string {
  return `usage: npm run bench -- events [options]
  --engine pglite|postgres|both   engines to run (default both)
  --events N                      generated events loaded by COPY (default 1000000)
  --new-events N                  events then imported through the pipeline (default 10000)
  --requests N                    measured runs of each explorer query (default 100)
  --warmup N                      unmeasured runs first (default 10)
  --pg-url URL                    PostgreSQL server (default ${DEFAULT_PG_URL}, or OBSERVATORY_BENCH_PG_URL);
                                  the bench creates and drops its own obs_bench_<pid> database there
  --pglite-memory                 PGlite in memory instead of a temporary data folder`;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv.slice(2), options: EVENTS_OPTIONS, strict: true });
  if (values.help) {
    console.log(eventsUsage());
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be an integer ≥ ${min}\n${eventsUsage()}`);
    return n;
  };
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres' && engine !== 'both')
    throw new Error(`--engine must be pglite, postgres or both\n${eventsUsage()}`);
  return {
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine],
    events: int('events', values.events, 1000),
    newEvents: int('new-events', values['new-events'], 1),
    requests: int('requests', values.requests, 1),
    warmup: int('warmup', values.warmup, 0),
    pgUrl: values['pg-url'] ?? process.env.OBSERVATORY_BENCH_PG_URL ?? DEFAULT_PG_URL,
    pgliteMemory: values['pglite-memory'],
    childResult: values['child-result'],
  };
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles. */
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: r(at(50)),
    p95: r(at(95)),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
    max: r(s.at(-1)!),
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const s2 = (ms: number) => Math.round(ms / 10) / 100;
const log = (engine: Engine, message: string) => console.log(`[${engine}] ${message}`);

/** Kinds of the event import's statements (imports.repository.ts, events.rollups.ts), by their text. */
const KINDS: [string, RegExp][] = [
  ['stage events', /^\s*insert into seizure_event_row/],
  [
    'checks (duplicate references, repeated rows)',
    /from seizure_event_row where batch_id = \$\d+ and external_ref is (not )?null\s+group by/,
  ],
  ['classify against stored events', /^\s*(update seizure_event_row r set event_id|with staged as)/],
  [
    'apply: revisions, updates, inserts',
    /^\s*(insert into seizure_event_revision|insert into seizure_event_change|update seizure_event e set|with ins as)/,
  ],
  ['roll-up refresh', /^\s*with\s+input as/],
];

class StatementLog {
  readonly byKind = new Map<string, { count: number; ms: number }>();
  readonly record = (event: LogEvent) => {
    const kind =
      KINDS.find(([, re]) => re.test(event.query.sql))?.[0] ?? 'other (reading, lookups, batch, audit)';
    const s = this.byKind.get(kind) ?? { count: 0, ms: 0 };
    s.count++;
    s.ms += event.queryDurationMillis;
    this.byKind.set(kind, s);
  };
}

function loggingDb(p: Prepared, statements: StatementLog): Db {
  return new Kysely<Database>({
    dialect: p.handle.pglite
      ? new PGliteDialect({ pglite: p.handle.pglite })
      : new PostgresDialect({ pool: p.handle.pool! }),
    plugins: [new CamelCasePlugin()],
    log: statements.record,
  });
}

/**
 * The two imports of new events, both dated in the last year: a country's submission (all its
 * substances and months) and a multi-country file spread over every area and substance, which
 * touches every yearly and monthly roll-up of that year (the heaviest case for the roll-ups).
 */
const SCENARIOS = [
  { name: 'one country', areas: 1, refPrefix: 'C' },
  { name: 'all areas', areas: Infinity, refPrefix: 'N' },
] as const;

/** The new events as the canonical template (preset observatory-events) writes them. */
function writeNewEvents(
  file: string,
  count: number,
  areas: string[],
  substances: string[],
  refPrefix: string,
  seed: number,
): number {
  const lines = [EVENT_TEMPLATE_COLUMNS.join(',')];
  const last = { from: EVENT_YEARS.to, to: EVENT_YEARS.to };
  for (const e of generateEvents(count, seed, { years: last, refPrefix, areas: areas.length })) {
    const date =
      e.precision === 'year' ? e.date.slice(0, 4) : e.precision === 'month' ? e.date.slice(0, 7) : e.date;
    const row: Partial<Record<(typeof EVENT_TEMPLATE_COLUMNS)[number], string | number>> = {
      date,
      area_code: areas[e.areaIndex]!,
      substance_code: substances[e.substanceIndex]!,
      amount: e.amount,
      unit: e.unit,
      confidentiality: e.confidentiality,
      reference: e.reference ?? '',
      source_code: EVENTS_SOURCE.code,
    };
    lines.push(EVENT_TEMPLATE_COLUMNS.map((c) => row[c] ?? '').join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return fs.statSync(file).size;
}

interface EngineResult {
  engine: Engine;
  label: string;
  events: number;
  load: { schemaSeed: number; copy: number; index: number; analyze: number; rollups: number };
  rollupObservations: number;
  newEvents: number;
  imports: {
    scenario: string;
    areas: number;
    seconds: number;
    status: string;
    counts: Record<string, number>;
    refreshMs: number;
    statements: { kind: string; count: number; ms: number }[];
    pass: boolean;
  }[];
  rebuildSeconds: number;
  rebuildChanges: { inserted: number; updated: number; deleted: number };
  query: { raw: Stats; rollups: Stats; rows: number; sameNumbers: boolean };
  /** The explorer query through HTTP: the analytics API, per capita + year-on-year %. */
  http: Stats & { target: number; pass: boolean };
  rssMB: { afterLoad: number; afterRun: number };
  cpu?: CpuShare;
}

/** Issue 4's targets for the explorer query through HTTP (p95). */
const HTTP_TARGET_MS: Record<Engine, number> = { postgres: 30, pglite: 100 };
export const EXPLORER_QUERY = new URLSearchParams({
  indicator: 'SZR_QTY',
  substance: EVENT_TARGET.substance,
  area: EVENT_TARGET.areas.join(','),
  from: String(EVENT_YEARS.from),
  to: String(EVENT_YEARS.to),
  measure: 'per_capita',
  transform: 'yoy_pct',
})
  .toString()
  .replaceAll('%2C', ',');

/**
 * Synthetic population (clearly labelled source) for the benchmark areas, so that the per capita
 * transform has its denominators: 1,000,000 + 10,000 × area index + 1,000 × year offset.
 */
async function addSyntheticPopulation(db: Db, areaIds: number[]): Promise<void> {
  const source = await db
    .insertInto('source')
    .values({
      code: 'BENCH_POPULATION',
      publisher: 'Observatory benchmark (synthetic data)',
      titleEn: 'Synthetic population',
      titleRu: 'Синтетическая численность населения',
      year: 2024,
      priority: 10,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: indicatorId } = await db
    .selectFrom('indicator')
    .select('id')
    .where('code', '=', 'POP_TOTAL')
    .executeTakeFirstOrThrow();
  const rows = areaIds.flatMap((areaId, i) =>
    Array.from({ length: EVENT_YEARS.to - EVENT_YEARS.from + 1 }, (_, k) => ({
      indicatorId,
      areaId,
      period: String(EVENT_YEARS.from + k),
      year: EVENT_YEARS.from + k,
      sourceId: source.id,
      value: 1_000_000 + 10_000 * i + 1_000 * k,
      unit: 'PERSONS',
      status: 'A',
      confidentiality: 'public' as const,
      dims: JSON.stringify({}),
      dimKey: '',
      footnotes: JSON.stringify([]),
    })),
  );
  await db.insertInto('observation').values(rows).execute();
  await sql`analyze observation`.execute(db);
}

/** Sequential GET requests of the explorer query to the real HTTP server; checks the answer first. */
async function timeExplorerHttp(handle: DatabaseHandle, o: Options): Promise<Stats> {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: handle });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no listening address');
    const url = `http://127.0.0.1:${address.port}/api/v1/analytics/series?${EXPLORER_QUERY}`;
    const check = await fetch(url);
    const body = (await check.json()) as { series?: { points: { value: number | null }[] }[] };
    const years = EVENT_YEARS.to - EVENT_YEARS.from + 1;
    if (
      check.status !== 200 ||
      body.series?.length !== EVENT_TARGET.areas.length ||
      body.series.some((x) => x.points.length !== years)
    )
      throw new Error(`GET ${url} → ${check.status}: ${JSON.stringify(body).slice(0, 300)}`);
    const samples: number[] = [];
    for (let i = 0; i < o.warmup + o.requests; i++) {
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (i >= o.warmup) samples.push(performance.now() - t0);
    }
    return stats(samples);
  } finally {
    await app.close();
  }
}

async function runEngine(engine: Engine, o: Options): Promise<EngineResult | { skipped: string }> {
  const opened = await openEngine(engine, o);
  if ('skipped' in opened) return { skipped: opened.skipped };
  const p = opened;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-events-'));
  const removeWork = async () => fs.rmSync(work, { recursive: true, force: true });
  cleanups.add(removeWork);
  try {
    log(engine, `${p.label}; generating and loading ${o.events.toLocaleString('en')} events …`);
    const built = await buildEventsDatabase(p.handle, { events: o.events, log: (m) => log(engine, m) });
    const { db } = p.handle;
    const ref = built.reference;
    log(
      engine,
      `loaded in ${(built.timings.copy + built.timings.index + built.timings.analyze).toFixed(1)} s; roll-ups built in ` +
        `${built.timings.rollups.toFixed(1)} s (${built.observations.toLocaleString('en')} observations)`,
    );
    (globalThis as { gc?: () => void }).gc?.();
    const rssAfterLoad = process.memoryUsage().rss;

    // 2. New events through the pipeline's commit path, in two scenarios.
    const cpuBefore = cpuSnapshot();
    const imports: EngineResult['imports'] = [];
    for (const [i, scenario] of SCENARIOS.entries()) {
      const areas = ref.areas.slice(0, Math.min(scenario.areas, ref.areas.length)).map((a) => a.code);
      const csv = path.join(work, `new-events-${i}.csv`);
      const bytes = writeNewEvents(
        csv,
        o.newEvents,
        areas,
        ref.substances.map((x) => x.code),
        scenario.refPrefix,
        4242 + i,
      );
      const stored = await storeLocalFile(db, path.join(work, 'files'), csv);
      const statements = new StatementLog();
      const logged = loggingDb(p, statements);
      log(
        engine,
        `importing ${o.newEvents.toLocaleString('en')} new events, ${scenario.name} (${areas.length} areas, ${mb(bytes)} MB CSV) through the pipeline …`,
      );
      const t0 = performance.now();
      const result = await runImport(
        logged,
        {
          file: { sha256: stored.sha256, path: stored.path, name: path.basename(csv) },
          spec: findAnyPreset('observatory-events')!,
          dryRun: false,
          options: {},
          userId: null,
        },
        null,
      );
      const importMs = performance.now() - t0;
      if (result.status !== 'committed' || result.counts.inserted !== o.newEvents)
        throw new Error(`import ended ${result.status} with ${JSON.stringify(result.counts)}`);
      const refreshMs = statements.byKind.get('roll-up refresh')?.ms ?? NaN;
      imports.push({
        scenario: scenario.name,
        areas: areas.length,
        seconds: s2(importMs),
        status: result.status,
        counts: { ...result.counts },
        refreshMs: Math.round(refreshMs),
        statements: [...statements.byKind.entries()].map(([kind, v]) => ({
          kind,
          count: v.count,
          ms: Math.round(v.ms),
        })),
        pass: refreshMs <= TARGET_REFRESH_MS,
      });
    }

    // The baseline: a full rebuild, which must find nothing to change.
    log(engine, 'full rebuild of the roll-ups …');
    const t = performance.now();
    const rebuild = await rebuildAllRollups(db, { userId: null });
    const rebuildMs = performance.now() - t;

    // 3. The explorer question both ways.
    const areaIds = ref.areas
      .filter((a) => (EVENT_TARGET.areas as readonly string[]).includes(a.code))
      .map((a) => a.id);
    const heroin = ref.substances[0]!.id;
    const indicators = await db
      .selectFrom('indicator')
      .select(['id', 'code'])
      .where('code', 'in', ['SZR_CASES', 'SZR_QTY'])
      .execute();
    const rawSql = `
      select a.code as area, e.year, count(*)::int as cases, sum(e.kg_equivalent) as kg
      from seizure_event e join area a on a.id = e.area_id
      where e.area_id = any($1::int[]) and e.substance_id = $2 and e.year between $3 and $4 and e.source_id = $5
      group by a.code, e.year order by 1, 2`;
    const rollupSql = `
      select a.code as area, o.year, i.code as indicator, o.value
      from observation o join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
      where o.indicator_id = any($1::int[]) and o.area_id = any($2::int[]) and o.substance_id = $3
        and o.year between $4 and $5 and o.period ~ '^[0-9]{4}$' and o.dim_key = '' and o.source_id = $6
      order by 1, 2, 3`;
    const rawParams = [areaIds, heroin, EVENT_YEARS.from, EVENT_YEARS.to, ref.sourceId];
    const rollupParams = [
      indicators.map((i) => i.id),
      areaIds,
      heroin,
      EVENT_YEARS.from,
      EVENT_YEARS.to,
      ref.sourceId,
    ];
    type R = { rows: Record<string, unknown>[] };
    const run = (text: string, params: unknown[]): Promise<R> =>
      p.handle.pglite ? p.handle.pglite.query(text, params) : p.handle.pool!.query(text, params);
    const raw = (await run(rawSql, rawParams)).rows as {
      area: string;
      year: number;
      cases: number;
      kg: number | null;
    }[];
    const rolled = (await run(rollupSql, rollupParams)).rows as {
      area: string;
      year: number;
      indicator: string;
      value: number;
    }[];
    const byKey = new Map(rolled.map((r) => [`${r.area}|${r.year}|${r.indicator}`, Number(r.value)]));
    const close = (a: number | undefined, b: number | null) =>
      b === null ? a === undefined : a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    // Every area-year with events has the same count and kg both ways, and the roll-ups have no other.
    const sameNumbers =
      rolled.filter((r) => r.indicator === 'SZR_CASES').length === raw.length &&
      raw.every(
        (r) =>
          byKey.get(`${r.area}|${r.year}|SZR_CASES`) === Number(r.cases) &&
          close(byKey.get(`${r.area}|${r.year}|SZR_QTY`), r.kg === null ? null : Number(r.kg)),
      );
    const samples = { raw: [] as number[], rollups: [] as number[] };
    const time = async (k: number, text: string, params: unknown[], into: number[] | null) => {
      for (let i = 0; i < k; i++) {
        await yieldToEventLoop();
        const t0 = performance.now();
        await run(text, params);
        into?.push(performance.now() - t0);
      }
    };
    await time(o.warmup, rawSql, rawParams, null);
    await time(o.warmup, rollupSql, rollupParams, null);
    const rounds = Math.min(ROUNDS, o.requests);
    for (let r = 0; r < rounds; r++) {
      const k = Math.floor(o.requests / rounds) + (r < o.requests % rounds ? 1 : 0);
      await time(k, rawSql, rawParams, samples.raw);
      await time(k, rollupSql, rollupParams, samples.rollups);
    }
    // 4. The explorer query through HTTP: 6 areas × heroin × 25 years, per 100,000 inhabitants and
    // year-on-year change, answered by the analytics API from the roll-ups and a synthetic population.
    await addSyntheticPopulation(
      db,
      ref.areas.map((a) => a.id),
    );
    const http = await timeExplorerHttp(p.handle, o);
    const cpu = cpuShare(cpuBefore, cpuSnapshot());
    return {
      engine,
      label: p.label,
      events: built.events,
      load: {
        schemaSeed: round1(built.timings.schemaSeed),
        copy: round1(built.timings.copy),
        index: round1(built.timings.index),
        analyze: round1(built.timings.analyze),
        rollups: round1(built.timings.rollups),
      },
      rollupObservations: built.observations,
      newEvents: o.newEvents,
      imports,
      rebuildSeconds: s2(rebuildMs),
      rebuildChanges: rebuild,
      query: { raw: stats(samples.raw), rollups: stats(samples.rollups), rows: raw.length, sameNumbers },
      http: { ...http, target: HTTP_TARGET_MS[engine], pass: http.p95 <= HTTP_TARGET_MS[engine] },
      rssMB: { afterLoad: mb(rssAfterLoad), afterRun: mb(process.memoryUsage().rss) },
      ...(cpu ? { cpu } : {}),
    };
  } finally {
    await p.cleanup();
    await removeWork();
    cleanups.delete(removeWork);
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function details(r: EngineResult): string {
  const q = (x: Stats) => `p50 ${x.p50} / p95 ${x.p95} / mean ${x.mean} / max ${x.max} ms (n=${x.n})`;
  return [
    `${r.engine}: ${r.label}`,
    `  load: ${r.events.toLocaleString('en')} events; schema+seed ${r.load.schemaSeed} s, COPY ${r.load.copy} s, index build ${r.load.index} s, vacuum/analyze ${r.load.analyze} s`,
    `  roll-ups built (full rebuild on the loaded events): ${r.load.rollups} s → ${r.rollupObservations.toLocaleString('en')} observations`,
    ...r.imports.flatMap((i) => [
      `  import of ${r.newEvents.toLocaleString('en')} new events, ${i.scenario} (${i.areas} areas × 20 substances × 12 months of ${EVENT_YEARS.to}; runImport, commit path): ` +
        `${i.seconds} s, ${i.status}: inserted ${i.counts.inserted}; roll-ups +${i.counts.rollupsInserted} ~${i.counts.rollupsUpdated} -${i.counts.rollupsDeleted}`,
      ...[...i.statements]
        .sort((a, b) => b.ms - a.ms)
        .map((s) => `    ${s.kind.padEnd(46)} ${String(s.ms).padStart(7)} ms  (${s.count} statements)`),
      `    keeping roll-ups current: ${i.refreshMs} ms (target ≤ ${TARGET_REFRESH_MS} ms → ${i.pass ? 'PASS' : 'FAIL'})`,
    ]),
    `  full rebuild after both imports: ${r.rebuildSeconds} s (changes: +${r.rebuildChanges.inserted} ~${r.rebuildChanges.updated} -${r.rebuildChanges.deleted}, must be 0)`,
    `  explorer question (${EVENT_TARGET.areas.length} areas × ${EVENT_TARGET.substance} × ${EVENT_YEARS.to - EVENT_YEARS.from + 1} years, yearly count and kg), raw SQL:`,
    `    grouping the raw events   ${q(r.query.raw)}`,
    `    reading the roll-ups      ${q(r.query.rollups)}`,
    `    ${r.query.rows} area-years; the same numbers both ways: ${r.query.sameNumbers ? 'yes' : 'NO'}`,
    `  explorer query through HTTP (GET /api/v1/analytics/series?${EXPLORER_QUERY}):`,
    `    ${q(r.http)} (target p95 ≤ ${r.http.target} ms → ${r.http.pass ? 'PASS' : 'FAIL'})`,
    `  node RSS: ${r.rssMB.afterLoad} MB after load, ${r.rssMB.afterRun} MB after the run`,
    ...(r.cpu
      ? [
          `  CPU during import and queries (% of one CPU; ${r.cpu.capacityPct} % available): bench ${r.cpu.benchPct} %, postgres ${r.cpu.postgresPct} %, other processes ${r.cpu.otherPct} %, steal ${r.cpu.stealPct} %`,
        ]
      : []),
  ].join('\n');
}

function table(results: EngineResult[]): string {
  const head = [
    'engine',
    'events',
    'build s',
    'refresh: 1 country',
    'all areas',
    'rebuild s',
    'raw p50/p95',
    'roll-ups p50/p95',
    'HTTP p50/p95',
    'checks',
  ];
  const widths = [9, 9, 8, 19, 10, 10, 16, 17, 22, 6];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join(' ')
      .trimEnd();
  const refresh = (r: EngineResult, n: number) => {
    const i = r.imports[n];
    return i ? `${i.refreshMs} ms ${i.pass ? 'PASS' : 'FAIL'}` : '—';
  };
  return [
    line(head),
    ...results.map((r) =>
      line([
        r.engine,
        String(r.events),
        r.load.rollups.toFixed(1),
        refresh(r, 0),
        refresh(r, 1),
        r.rebuildSeconds.toFixed(1),
        `${r.query.raw.p50.toFixed(1)}/${r.query.raw.p95.toFixed(1)} ms`,
        `${r.query.rollups.p50.toFixed(1)}/${r.query.rollups.p95.toFixed(1)} ms`,
        `${r.http.p50.toFixed(1)}/${r.http.p95.toFixed(1)} ms ${r.http.pass ? 'PASS' : 'FAIL'}`,
        // The numbers agree both ways and a rebuild after the imports changes nothing.
        r.query.sameNumbers &&
        r.rebuildChanges.inserted + r.rebuildChanges.updated + r.rebuildChanges.deleted === 0
          ? 'ok'
          : 'WRONG',
      ]),
    ),
    `(refresh: the statement that keeps the roll-ups current in the commit of ${results[0]?.newEvents.toLocaleString('en') ?? ''} new events; target ≤ ${TARGET_REFRESH_MS} ms.` +
      ` HTTP: the explorer query through the analytics API, per capita + year-on-year; targets p95 ≤ ${HTTP_TARGET_MS.postgres} ms PostgreSQL, ≤ ${HTTP_TARGET_MS.pglite} ms PGlite)`,
  ].join('\n');
}

type Outcome =
  | { kind: 'result'; result: EngineResult }
  | { kind: 'skipped'; engine: Engine; skipped: string }
  | { kind: 'failed'; engine: Engine; error: string };

function runInChild(engine: Engine, o: Options, children: Set<ChildProcess>): Promise<Outcome> {
  const resultFile = path.join(os.tmpdir(), `obs-bench-events-${process.pid}-${engine}.json`);
  fs.rmSync(resultFile, { force: true });
  const args = [
    '--expose-gc',
    fileURLToPath(new URL('./run.mjs', import.meta.url)),
    'events',
    ...['--engine', engine, '--events', String(o.events), '--new-events', String(o.newEvents)],
    ...['--requests', String(o.requests), '--warmup', String(o.warmup)],
    ...(o.pgliteMemory ? ['--pglite-memory'] : []),
    ...['--child-result', resultFile],
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: 'inherit',
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

export async function main(argv: string[]): Promise<void> {
  let o: Options;
  try {
    o = parseOptions(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const children = new Set<ChildProcess>();
  const interrupted = async () => {
    console.error('\ninterrupted; cleaning up');
    process.on('uncaughtException', () => undefined);
    for (const c of cleanups) await c().catch(() => undefined);
    await Promise.all([...children].map((c) => new Promise((r) => c.once('exit', r))));
    process.exit(130);
  };
  const onSignal = () => void interrupted();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const release = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };

  if (o.childResult) {
    const engine = o.engines[0]!;
    let outcome: Outcome;
    try {
      const r = await runEngine(engine, o);
      outcome =
        'skipped' in r ? { kind: 'skipped', engine, skipped: r.skipped } : { kind: 'result', result: r };
    } catch (error) {
      outcome = { kind: 'failed', engine, error: (error as Error).stack ?? String(error) };
    }
    fs.writeFileSync(o.childResult, JSON.stringify(outcome));
    release();
    return;
  }

  const started = performance.now();
  console.log(
    `Seizure events benchmark: ${o.events.toLocaleString('en')} events by COPY, roll-ups, ${o.newEvents.toLocaleString('en')} new events through the pipeline, explorer query ×${o.requests}\n` +
      `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${loadavg()}`,
  );
  const results: EngineResult[] = [];
  let failed = false;
  for (const engine of o.engines) {
    const outcome = await runInChild(engine, o, children);
    if (outcome.kind === 'result') results.push(outcome.result);
    else if (outcome.kind === 'skipped') console.log(`[${engine}] SKIPPED: ${outcome.skipped}`);
    else {
      failed = true;
      console.error(`[${engine}] FAILED: ${outcome.error}`);
    }
  }
  console.log('');
  for (const r of results) console.log(details(r) + '\n');
  if (results.length) console.log(table(results));
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`\ntotal ${seconds} s; load average now ${loadavg()}`);
  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `events-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        options: { ...o, pgUrl: redact(o.pgUrl), childResult: undefined },
        targetRefreshMs: TARGET_REFRESH_MS,
        results,
        totalSeconds: seconds,
      },
      null,
      2,
    ) + '\n',
  );
  fs.copyFileSync(file, path.join(dir, 'events-latest.json'));
  console.log(`summary: ${path.relative(process.cwd(), file)}`);
  if (failed) process.exitCode = 1;
  release();
}
