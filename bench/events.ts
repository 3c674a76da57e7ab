/**
 * Deterministic synthetic seizure events for the benchmarks (`bench/events.bench.ts`, and the
 * analytics benchmark, which builds its cube the same way: `buildEventsDatabase`).
 *
 * A mulberry32 PRNG drives every choice, so the same seed and size always give the same events:
 * ~40 areas (the six explorer areas KAZ, KGZ, TJK, TKM, UZB, AFG, then the first countries by
 * code), ~20 substances (heroin, then drugs by code), 25 years (1999–2023) with months and days;
 * 85 % of the dates are exact days, 10 % months, 5 % years; amounts in KG (70 %), G (20 %), TABLETS
 * (7 %) and DOSES (3 %) — no conversion factors are configured, so tablets and doses roll up in
 * their own unit; 95 % public, 4 % dialogue, 1 % restricted; 90 % carry a case number. Loaded with
 * COPY (indexes and the reference constraint rebuilt afterwards, like a bulk loader), then the
 * roll-ups are built with the server's own full rebuild.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { DatabaseHandle, Db } from '../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrator.ts';
import { rebuildRollups, MASS_UNITS, type RollupCounts } from '../apps/server/src/modules/events/index.ts';
import { seedReferenceData } from '../apps/server/src/seed.ts';
import { pgCopyFrom } from './cube.bench.ts';
import { mulberry32 } from './cube.ts';

export const EVENT_YEARS = { from: 1999, to: 2023 } as const;
/** The explorer slice: 6 areas × 1 substance × 25 years. */
export const EVENT_TARGET = {
  substance: 'heroin',
  areas: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB', 'AFG'],
} as const;
export const EVENT_AREAS = 40;
export const EVENT_SUBSTANCES = 20;
export const EVENTS_SOURCE = {
  code: 'BENCH_EVENTS',
  publisher: 'Observatory benchmark (synthetic data)',
  titleEn: 'Synthetic seizure events',
  titleRu: 'Синтетические случаи изъятия',
  tableName: 'bench.events',
  year: 2024,
  priority: 10,
} as const;

export interface EventsReference {
  sourceId: number;
  areas: { id: number; code: string }[];
  substances: { id: number; code: string }[];
}

/** Reads the ids the generator needs (seeded reference data plus the benchmark source). */
export async function loadEventsReference(db: Db, sourceId: number): Promise<EventsReference> {
  const [areas, substances] = await Promise.all([
    db.selectFrom('area').select(['id', 'code']).where('kind', '=', 'country').orderBy('code').execute(),
    db.selectFrom('substance').select(['id', 'code']).where('level', '=', 'drug').orderBy('code').execute(),
  ]);
  const target = new Set<string>(EVENT_TARGET.areas);
  const pickedAreas = [
    ...EVENT_TARGET.areas.map((c) => areas.find((a) => a.code === c)!),
    ...areas.filter((a) => !target.has(a.code)).slice(0, EVENT_AREAS - EVENT_TARGET.areas.length),
  ];
  const heroin = substances.find((s) => s.code === EVENT_TARGET.substance)!;
  const pickedSubstances = [
    heroin,
    ...substances.filter((s) => s.id !== heroin.id).slice(0, EVENT_SUBSTANCES - 1),
  ];
  return { sourceId, areas: pickedAreas, substances: pickedSubstances };
}

export interface GeneratedEvent {
  date: string;
  precision: 'day' | 'month' | 'year';
  year: number;
  month: number | null;
  areaIndex: number;
  substanceIndex: number;
  amount: number;
  unit: string;
  confidentiality: 'public' | 'dialogue' | 'restricted';
  reference: string | null;
}

/**
 * The events, one by one. `years` narrows the dates (the new events of the import are dated in the
 * last year); `refPrefix` keeps case numbers of different sets apart.
 */
export function* generateEvents(
  count: number,
  seed: number,
  options: {
    years?: { from: number; to: number };
    refPrefix?: string;
    areas?: number;
    substances?: number;
  } = {},
): Generator<GeneratedEvent> {
  const rnd = mulberry32(seed);
  const years = options.years ?? EVENT_YEARS;
  const areas = options.areas ?? EVENT_AREAS;
  const substances = options.substances ?? EVENT_SUBSTANCES;
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < count; i++) {
    const year = years.from + Math.floor(rnd() * (years.to - years.from + 1));
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const p = rnd();
    const precision = p < 0.85 ? 'day' : p < 0.95 ? 'month' : 'year';
    const u = rnd();
    const unit = u < 0.7 ? 'KG' : u < 0.9 ? 'G' : u < 0.97 ? 'TABLETS' : 'DOSES';
    const scale = unit === 'KG' ? 50 : unit === 'G' ? 2000 : 5000;
    const c = rnd();
    yield {
      date: `${year}-${pad(precision === 'year' ? 1 : month)}-${pad(precision === 'day' ? day : 1)}`,
      precision,
      year,
      month: precision === 'year' ? null : month,
      areaIndex: Math.floor(rnd() * areas),
      substanceIndex: Math.floor(rnd() * substances),
      amount: Math.round(rnd() * scale * 1000) / 1000 + 0.001,
      unit,
      confidentiality: c < 0.95 ? 'public' : c < 0.99 ? 'dialogue' : 'restricted',
      reference: rnd() < 0.9 ? `${options.refPrefix ?? 'E'}${i}` : null,
    };
  }
}

const COPY_COLUMNS = [
  'event_date',
  'date_precision',
  'year',
  'month',
  'area_id',
  'substance_id',
  'amount',
  'unit',
  'kg_equivalent',
  'source_id',
  'confidentiality',
  'external_ref',
  'updated_at',
] as const;

/** CSV chunks for COPY seizure_event (…) FROM … (FORMAT csv). */
function* eventChunks(
  ref: EventsReference,
  count: number,
  seed: number,
  chunkRows: number,
): Generator<string> {
  let lines: string[] = [];
  for (const e of generateEvents(count, seed)) {
    const factor = MASS_UNITS[e.unit];
    // The same rounding as the server's kg equivalent (15 significant digits).
    const kg = factor === undefined ? '' : String(Number((e.amount * factor).toPrecision(15)));
    lines.push(
      [
        e.date,
        e.precision,
        e.year,
        e.month ?? '',
        ref.areas[e.areaIndex]!.id,
        ref.substances[e.substanceIndex]!.id,
        e.amount,
        e.unit,
        kg,
        ref.sourceId,
        e.confidentiality,
        e.reference ?? '',
        '2025-01-15 12:00:00+00',
      ].join(','),
    );
    if (lines.length >= chunkRows) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length) yield lines.join('\n') + '\n';
}

/**
 * Bulk load as a loader would: secondary indexes and unique constraints of the table are dropped and
 * rebuilt after COPY from their own definitions; foreign-key triggers are skipped for the loading
 * session where the role may (superuser), otherwise they run.
 */
async function bulkLoad(
  exec: (text: string) => Promise<{ rows: Record<string, unknown>[] }>,
  table: string,
  copy: () => Promise<number>,
): Promise<{ copied: number; copySeconds: number; indexSeconds: number }> {
  const constraints = await exec(`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = '${table}'::regclass and contype = 'u' order by conname`);
  const indexes = await exec(`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = '${table}'::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`);
  for (const c of constraints.rows) await exec(`alter table ${table} drop constraint "${String(c.name)}"`);
  for (const i of indexes.rows) await exec(`drop index "${String(i.name)}"`);
  let skipFks = true;
  await exec('set session_replication_role = replica').catch(() => (skipFks = false));
  let t = performance.now();
  let copied: number;
  try {
    copied = await copy();
  } finally {
    if (skipFks) await exec('reset session_replication_role');
  }
  const copySeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for (const c of constraints.rows)
    await exec(`alter table ${table} add constraint "${String(c.name)}" ${String(c.def)}`);
  for (const i of indexes.rows) await exec(String(i.def));
  return { copied, copySeconds, indexSeconds: (performance.now() - t) / 1000 };
}

export interface EventsDatabase {
  reference: EventsReference;
  events: number;
  /** Seconds: migrate + seed, COPY, index rebuild, vacuum/analyze, roll-up build. */
  timings: { schemaSeed: number; copy: number; index: number; analyze: number; rollups: number };
  rollups: RollupCounts;
  /** Roll-up observations in the cube after the build. */
  observations: number;
}

/**
 * Makes a fresh database (migrated and seeded) hold `events` generated seizure events of the
 * benchmark source, loaded by COPY, with their roll-ups built into the cube by the server's full
 * rebuild, then vacuumed and analyzed. The analytics benchmark reuses it.
 */
export async function buildEventsDatabase(
  handle: DatabaseHandle,
  options: { events: number; seed?: number; chunkRows?: number; log?: (message: string) => void },
): Promise<EventsDatabase> {
  const db = handle.db;
  const seed = options.seed ?? 20261128;
  const chunkRows = options.chunkRows ?? 50_000;
  let t = performance.now();
  await migrateToLatest(db);
  await seedReferenceData(db);
  const source = await db
    .insertInto('source')
    .values({ ...EVENTS_SOURCE })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reference = await loadEventsReference(db, source.id);
  const schemaSeed = (performance.now() - t) / 1000;

  const copySql = `copy seizure_event (${COPY_COLUMNS.join(', ')}) from %s with (format csv)`;
  let loaded: Awaited<ReturnType<typeof bulkLoad>>;
  if (handle.pglite) {
    const pglite = handle.pglite;
    loaded = await bulkLoad(
      (text) => pglite.query<Record<string, unknown>>(text),
      'seizure_event',
      async () => {
        let copied = 0;
        for (const chunk of eventChunks(reference, options.events, seed, chunkRows)) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          const r = await pglite.query(copySql.replace('%s', `'/dev/blob'`), [], { blob: new Blob([chunk]) });
          copied += r.affectedRows ?? 0;
        }
        return copied;
      },
    );
  } else {
    const client = await handle.pool!.connect();
    const onError = () => undefined; // the COPY promise reports the failure
    client.on('error', onError);
    try {
      loaded = await bulkLoad(
        (text) => client.query<Record<string, unknown>>(text),
        'seizure_event',
        () =>
          pgCopyFrom(
            client,
            copySql.replace('%s', 'stdin'),
            eventChunks(reference, options.events, seed, chunkRows),
          ),
      );
    } finally {
      client.off('error', onError);
      client.release();
    }
  }
  if (loaded.copied !== options.events)
    throw new Error(`COPY loaded ${loaded.copied} events, expected ${options.events}`);
  options.log?.(`COPY ${loaded.copied.toLocaleString('en')} events in ${loaded.copySeconds.toFixed(1)} s`);

  t = performance.now();
  await sql`vacuum (analyze) seizure_event`.execute(db);
  const analyze = (performance.now() - t) / 1000;

  t = performance.now();
  const rollups = await db
    .transaction()
    .execute((trx) => rebuildRollups(trx, { userId: null, reason: 'benchmark: initial roll-up build' }));
  const rollupSeconds = (performance.now() - t) / 1000;
  await sql`vacuum (analyze) observation`.execute(db);
  const { n } = await db
    .selectFrom('observation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    reference,
    events: loaded.copied,
    timings: {
      schemaSeed,
      copy: loaded.copySeconds,
      index: loaded.indexSeconds,
      analyze,
      rollups: rollupSeconds,
    },
    rollups,
    observations: Number(n),
  };
}
