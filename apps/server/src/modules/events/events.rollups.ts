import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

/**
 * Roll-ups of seizure events into the statistical cube, kept current incrementally.
 *
 * For every key (area × substance × source × year, and × month when the date has one) two
 * indicators are derived from the events of the key:
 * - SZR_CASES: the number of events (unit CASES);
 * - SZR_QTY: the sum of the kilogram equivalents of the events that have one (unit KG, no
 *   dimension), and for events without one the sum of their amounts per unit under the dimension
 *   `measureUnit` (e.g. `measureUnit=TABLETS`, unit TABLETS): kilograms and tablets are never summed.
 * Periods are `YYYY` and `YYYY-MM` (events known by their year only count in the year alone). The
 * observation's source is the events' source, so every number traces back to the events that make
 * it (`GET /api/v1/events?observation=ID`). Its confidentiality is the most restrictive of those
 * events: a public figure never includes a dialogue or restricted event.
 *
 * Ownership: in the keys of event sources, SZR_CASES / SZR_QTY observations without a dimension or
 * with `measureUnit` are roll-ups; a source used for event data should not also carry such totals
 * imported as observations (they would be replaced by the roll-up).
 *
 * Incremental: a change recomputes only the years it touched — per (area, substance, source, year)
 * the year and its twelve months, from `seizure_event` through its covering index; figures that come
 * out the same are not written. Every write goes through the revision history (the previous version
 * is kept in `observation_revision`; a key whose events are all gone loses its observation, its last
 * version kept there). One statement per refresh, inside the caller's transaction, so the events and
 * their roll-ups commit together. `rebuildRollups` runs the same statement over everything.
 */

/** Kilograms per unit by definition. Other units convert only through `conversion_factor`. */
export const MASS_UNITS: Readonly<Record<string, number>> = { MG: 1e-6, G: 1e-3, KG: 1, T: 1000 };

/** Units a seizure can be recorded in (codes of the UNIT codelist). */
export const SEIZURE_UNITS = ['MG', 'G', 'KG', 'T', 'L', 'ML', 'TABLETS', 'DOSES', 'PLANTS'] as const;

/** The dimension of SZR_QTY that keeps amounts without a kg equivalent in their own unit. */
export const MEASURE_UNIT_DIM = 'measureUnit';

type Q = Kysely<Database> | Transaction<Database>;

/** Kilograms per unit of a mass unit, as SQL (null for other units). */
function massFactor(unit: RawBuilder<unknown>): RawBuilder<number | null> {
  const cases = Object.entries(MASS_UNITS).map(
    ([u, f]) => sql`when ${sql.lit(u)} then ${sql.lit(f)}::float8`,
  );
  return sql<number | null>`case ${unit} ${sql.join(cases, sql` `)} end`;
}

/**
 * The kilogram equivalent of an amount, as SQL: by definition for mass units, else through the
 * substance's configured factor for the unit, else null. Rounded to 15 significant digits (like
 * the import's numbers), so `0.1 + 0.2` style noise never reaches the cube.
 */
export function kgEquivalentSql(
  amount: RawBuilder<unknown>,
  unit: RawBuilder<unknown>,
  substanceId: RawBuilder<unknown>,
): RawBuilder<number | null> {
  return sql<number | null>`((${amount} * coalesce(${massFactor(unit)},
    (select f.kg_per_unit from conversion_factor f where f.substance_id = ${substanceId} and f.unit = ${unit})))::numeric::float8)`;
}

/** A roll-up key as the events carry it (`month` null for a date known by its year only). */
export interface RollupKey {
  areaId: number;
  substanceId: number;
  sourceId: number;
  year: number;
  month: number | null;
}

/**
 * Which keys to recompute: explicit keys, a query yielding
 * `(area_id, substance_id, source_id, year, month)`, or everything (full rebuild).
 */
export type RollupScope = { keys: RollupKey[] } | { query: RawBuilder<unknown> } | { all: true };

export interface RollupChange {
  userId: number | null;
  reason: string;
  /** The import batch making the change (set on the roll-ups it writes), or null. */
  batchId: number | null;
}

export interface RollupCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

/**
 * Serialises writers of seizure events (imports, edits, rollbacks, factor changes) until the end of
 * the transaction. Two transactions recomputing the same key from their own snapshots would
 * otherwise each miss the other's events. Take it before the first write.
 */
export async function lockEventWrites(trx: Q): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(4_171_202_611)}::bigint)`.execute(trx);
}

const ROLLUP_DIMS = sql.raw(`(o.dim_key = '' or o.dim_key like '${MEASURE_UNIT_DIM}=%')`);

const EVENT_COLUMNS =
  sql.raw(`e.area_id, e.substance_id, e.source_id, e.year, e.month, e.id, e.amount, e.unit,
  e.kg_equivalent, case e.confidentiality when 'restricted' then 3 when 'dialogue' then 2 else 1 end as conf`);

/**
 * The SQL pieces of a scope. The unit of recomputation is a year of one area, substance and source:
 * `events` yields each of its events once (the yearly figures are made from the monthly partial
 * sums), `existing` its roll-up observations, the year and all its months. Months that did not
 * change come out the same and are not written; recomputing them costs less than matching the
 * touched months (a join of two CTEs the planner cannot estimate).
 */
function scopeSql(scope: RollupScope, ids: { cases: number; qty: number }) {
  const INDICATORS = sql`o.indicator_id in (${ids.cases}::int, ${ids.qty}::int)`;
  if ('all' in scope) {
    return {
      prelude: sql``,
      events: sql`select ${EVENT_COLUMNS} from seizure_event e`,
      existing: sql`
        select o.id, o.indicator_id, o.area_id, o.substance_id, o.source_id, o.period, o.dim_key, o.value, o.unit,
          o.status, o.confidentiality, o.lower, o.upper, o.footnotes
        from observation o
        where ${INDICATORS} and ${ROLLUP_DIMS}
          and o.source_id in (select source_id from seizure_event union select source_id from seizure_event_revision)`,
    };
  }
  const input =
    'keys' in scope
      ? sql`select * from unnest(
          ${scope.keys.map((k) => k.areaId)}::int[], ${scope.keys.map((k) => k.substanceId)}::int[],
          ${scope.keys.map((k) => k.sourceId)}::int[], ${scope.keys.map((k) => k.year)}::int[],
          ${scope.keys.map((k) => k.month)}::int[]) as k(area_id, substance_id, source_id, year, month)`
      : scope.query;
  return {
    prelude: sql`
      input as (${input}),
      ykeys as (select distinct area_id, substance_id, source_id, year from input),`,
    events: sql`
      select ${EVENT_COLUMNS}
      from ykeys k join seizure_event e
        on e.area_id = k.area_id and e.substance_id = k.substance_id and e.source_id = k.source_id and e.year = k.year`,
    existing: sql`
      select o.id, o.indicator_id, o.area_id, o.substance_id, o.source_id, o.period, o.dim_key, o.value, o.unit,
        o.status, o.confidentiality, o.lower, o.upper, o.footnotes
      from ykeys k join observation o
        on o.area_id = k.area_id and o.substance_id = k.substance_id and o.source_id = k.source_id and o.year = k.year
      where ${INDICATORS} and ${ROLLUP_DIMS}`,
  };
}

/**
 * Recomputes the roll-ups of the keys in `scope` from `seizure_event` and writes the differences
 * to the cube through the revision history: new keys are inserted, changed ones revised, keys
 * without events removed. One statement; call it inside the transaction that changed the events
 * (after `lockEventWrites`).
 */
export async function refreshRollups(db: Q, scope: RollupScope, change: RollupChange): Promise<RollupCounts> {
  if ('keys' in scope && scope.keys.length === 0) return { inserted: 0, updated: 0, deleted: 0 };
  // The indicator ids as values, so that the cube's index on (indicator, substance, area, year)
  // serves the lookups of existing roll-ups (a join to a CTE left its leading column unused).
  const indicators = await sql<{ id: number; code: string }>`
    select id, code from indicator where code in ('SZR_CASES', 'SZR_QTY')
  `.execute(db);
  const id = (code: string) => {
    const hit = indicators.rows.find((i) => i.code === code);
    if (!hit) throw new Error(`indicator ${code} is not seeded`);
    return Number(hit.id);
  };
  const ids = { cases: id('SZR_CASES'), qty: id('SZR_QTY') };
  const s = scopeSql(scope, ids);
  // Sums are taken in a fixed order (event id within a month, then month by month) and rounded to
  // 15 significant digits, so that a key gives the same number however it was reached
  // (incrementally or by a full rebuild).
  const r = await sql<RollupCounts>`
    with ${s.prelude}
    ev as (${s.events}),
    -- Partial sums per key and month (month null: events known by their year only), in event-id
    -- order; a month's figure is its partial, a year's figure the sum of its partials in month order.
    part as (
      select area_id, substance_id, source_id, year, month, count(*) as n, sum(kg_equivalent order by id) as kg,
        max(conf) as conf, max(conf) filter (where kg_equivalent is not null) as conf_kg
      from ev group by area_id, substance_id, source_id, year, month
    ),
    part_unit as (
      select area_id, substance_id, source_id, year, month, unit, sum(amount order by id) as amount, max(conf) as conf
      from ev where kg_equivalent is null group by area_id, substance_id, source_id, year, month, unit
    ),
    agg as (
      select ${ids.cases}::int as indicator_id, area_id, substance_id, source_id, year, month, '' as dim_key,
        null::text as measure_unit, n::float8 as value, 'CASES' as unit, conf
      from part where month is not null
      union all
      select ${ids.qty}::int, area_id, substance_id, source_id, year, month, '', null, kg::numeric::float8, 'KG', conf_kg
      from part where month is not null and kg is not null
      union all
      select ${ids.qty}::int, area_id, substance_id, source_id, year, month, ${MEASURE_UNIT_DIM + '='}::text || unit,
        unit, amount::numeric::float8, unit, conf
      from part_unit where month is not null
      union all
      select ${ids.cases}::int, area_id, substance_id, source_id, year, null, '', null, sum(n)::float8, 'CASES', max(conf)
      from part group by area_id, substance_id, source_id, year
      union all
      select ${ids.qty}::int, area_id, substance_id, source_id, year, null, '', null,
        sum(kg order by month nulls last)::numeric::float8, 'KG', max(conf_kg)
      from part where kg is not null group by area_id, substance_id, source_id, year
      union all
      select ${ids.qty}::int, area_id, substance_id, source_id, year, null, ${MEASURE_UNIT_DIM + '='}::text || unit,
        unit, sum(amount order by month nulls last)::numeric::float8, unit, max(conf)
      from part_unit group by area_id, substance_id, source_id, year, unit
    ),
    desired as (
      select indicator_id, area_id, substance_id, source_id, year, dim_key, measure_unit, value, unit,
        case when month is null then year::text else year::text || '-' || lpad(month::text, 2, '0') end as period,
        case conf when 3 then 'restricted' when 2 then 'dialogue' else 'public' end as confidentiality
      from agg
    ),
    existing as (${s.existing}),
    diff as (
      select x.id as obs_id, d.*,
        case
          when x.id is null then 'insert'
          when d.indicator_id is null then 'delete'
          when x.value = d.value and x.unit = d.unit and x.confidentiality = d.confidentiality and x.status = 'A'
            and x.lower is null and x.upper is null and x.footnotes = '[]'::jsonb then 'same'
          else 'update'
        end as action
      from desired d full join existing x
        on x.indicator_id = d.indicator_id and x.area_id = d.area_id and x.substance_id = d.substance_id
          and x.source_id = d.source_id and x.period = d.period and x.dim_key = d.dim_key
    ),
    revisions as (
      insert into observation_revision (observation_id, revision, value, lower, upper, unit, status, confidentiality,
        footnotes, change_reason, recorded_by, recorded_at, superseded_by, superseded_at, superseded_reason,
        import_batch_id, superseded_batch_id)
      select o.id, o.revision, o.value, o.lower, o.upper, o.unit, o.status, o.confidentiality, o.footnotes,
        o.change_reason, o.updated_by, o.updated_at, ${change.userId}::int, now(), ${change.reason}::text,
        o.import_batch_id, ${change.batchId}::bigint
      from diff join observation o on o.id = diff.obs_id
      where diff.action in ('update', 'delete')
      returning 1
    ),
    updated as (
      update observation o set value = diff.value, lower = null, upper = null, unit = diff.unit, status = 'A',
        confidentiality = diff.confidentiality, footnotes = '[]'::jsonb, revision = o.revision + 1,
        change_reason = ${change.reason}::text, updated_by = ${change.userId}::int, updated_at = now(),
        import_batch_id = ${change.batchId}::bigint
      from diff
      where diff.action = 'update' and o.id = diff.obs_id
      returning 1
    ),
    deleted as (
      delete from observation o using diff where diff.action = 'delete' and o.id = diff.obs_id
      returning 1
    ),
    inserted as (
      insert into observation (indicator_id, area_id, period, year, substance_id, dims, dim_key, source_id, value,
        unit, status, confidentiality, footnotes, change_reason, updated_by, import_batch_id)
      select indicator_id, area_id, period, year, substance_id,
        case when measure_unit is null then '{}'::jsonb else jsonb_build_object(${MEASURE_UNIT_DIM}::text, measure_unit) end,
        dim_key, source_id, value, unit, 'A', confidentiality, '[]'::jsonb, ${change.reason}::text,
        ${change.userId}::int, ${change.batchId}::bigint
      from diff where action = 'insert'
      returning 1
    )
    select (select count(*) from inserted)::int as inserted, (select count(*) from updated)::int as updated,
      (select count(*) from deleted)::int as deleted, (select count(*) from revisions)::int as revisions
  `.execute(db);
  const row = r.rows[0]!;
  return { inserted: Number(row.inserted), updated: Number(row.updated), deleted: Number(row.deleted) };
}

/** Recomputes every roll-up from the events (the reference the incremental path must equal). */
export function rebuildRollups(db: Q, change: Omit<RollupChange, 'batchId'>): Promise<RollupCounts> {
  return refreshRollups(db, { all: true }, { ...change, batchId: null });
}

/** The keys an import batch touched: the versions it replaced and the events it wrote. */
export function batchKeysQuery(batchId: number): RawBuilder<unknown> {
  return sql`
    select area_id, substance_id, source_id, year, month from seizure_event_revision where superseded_batch_id = ${batchId}
    union
    select area_id, substance_id, source_id, year, month from seizure_event where import_batch_id = ${batchId}`;
}
