import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { kgEquivalentSql, lockEventWrites, refreshRollups, type RollupKey } from '../events/index.ts';
import type { StagedEvent } from './event-mapping.ts';
import type { ImportIssue, StagedRow } from './mapping.ts';

/**
 * SQL of the import pipeline. Staged rows live in `import_row` between parsing and commit; the
 * commit compares them with the cube set-wise (no row-by-row round trips), so a million rows cost
 * a handful of statements.
 */

type Q = Kysely<Database> | Transaction<Database>;

/** The observation identity, between the cube (o) and the staged rows (r). */
const KEY = sql.raw(`o.indicator_id = r.indicator_id and o.area_id = r.area_id and o.period = r.period
  and o.dim_key = r.dim_key and o.source_id = r.source_id and o.substance_id is not distinct from r.substance_id`);

const SAME = sql.raw(`o.value is not distinct from r.value and o.lower is not distinct from r.lower
  and o.upper is not distinct from r.upper and o.unit = r.unit and o.status = r.status
  and o.confidentiality = r.confidentiality and o.footnotes = r.footnotes`);

/** Appends staged rows (one statement per call, column arrays unnested server-side). */
export async function stageRows(db: Q, batchId: number, rows: StagedRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: StagedRow) => T) => rows.map(f);
  await sql`
    insert into import_row (batch_id, row_no, indicator_id, area_id, substance_id, period, year, dims, dim_key,
      source_id, value, lower, upper, unit, status, confidentiality, footnotes)
    select ${batchId}::bigint, u.row_no, u.indicator_id, u.area_id, u.substance_id, u.period, u.year, u.dims::jsonb,
      u.dim_key, u.source_id, u.value, u.lower, u.upper, u.unit, u.status, u.confidentiality, u.footnotes::jsonb
    from unnest(
      ${col((r) => r.rowNo)}::int[], ${col((r) => r.indicatorId)}::int[], ${col((r) => r.areaId)}::int[],
      ${col((r) => r.substanceId)}::int[], ${col((r) => r.period)}::text[], ${col((r) => r.year)}::int[],
      ${col((r) => JSON.stringify(r.dims))}::text[], ${col((r) => r.dimKey)}::text[], ${col((r) => r.sourceId)}::int[],
      ${col((r) => r.value)}::float8[], ${col((r) => r.lower)}::float8[], ${col((r) => r.upper)}::float8[],
      ${col((r) => r.unit)}::text[], ${col((r) => r.status)}::text[], ${col((r) => r.confidentiality)}::text[],
      ${col((r) => JSON.stringify(r.footnotes))}::text[]
    ) as u(row_no, indicator_id, area_id, substance_id, period, year, dims, dim_key, source_id, value, lower, upper,
      unit, status, confidentiality, footnotes)
  `.execute(db);
}

export interface DuplicateGroup {
  rows: number[];
  value: number | null;
  missing: number;
}

/** Keys that appear more than once in the batch, with their rows (ascending). */
export async function duplicateGroups(db: Q, batchId: number): Promise<DuplicateGroup[]> {
  const r = await sql<{ rows: number[]; value: number | null; missing: number }>`
    select array_agg(row_no order by row_no) as rows, sum(value order by row_no) as value, count(*) - count(value) as missing
    from import_row
    where batch_id = ${batchId}
    group by indicator_id, area_id, coalesce(substance_id, 0), period, dim_key, source_id
    having count(*) > 1
    order by min(row_no)
  `.execute(db);
  return r.rows.map((g) => ({ rows: g.rows.map(Number), value: g.value, missing: Number(g.missing) }));
}

/** Duplicate policy "last": only the last row of each repeated key is kept. */
export async function keepLast(db: Q, batchId: number): Promise<void> {
  await sql`
    update import_row r set kept = false
    from (
      select row_no, row_number() over (
        partition by indicator_id, area_id, coalesce(substance_id, 0), period, dim_key, source_id
        order by row_no desc) as n
      from import_row where batch_id = ${batchId}
    ) d
    where r.batch_id = ${batchId} and r.row_no = d.row_no and d.n > 1
  `.execute(db);
}

/**
 * Duplicate policy "sum": the first row of each repeated key takes the sum of the values (missing
 * values are ignored; all missing stays missing) and of the bounds when every row has them; the
 * other rows are marked merged.
 */
export async function sumDuplicates(db: Q, batchId: number, defaultStatus: string): Promise<void> {
  await sql`
    with g as (
      -- Summed in row order, so that the same file always gives the same floating-point result.
      select min(row_no) as first_row, sum(value order by row_no) as value,
        case when count(lower) = count(*) then sum(lower order by row_no) end as lower,
        case when count(upper) = count(*) then sum(upper order by row_no) end as upper,
        array_agg(row_no) as rows
      from import_row where batch_id = ${batchId}
      group by indicator_id, area_id, coalesce(substance_id, 0), period, dim_key, source_id
      having count(*) > 1
    ), first as (
      update import_row r set value = g.value, lower = g.lower, upper = g.upper,
        status = case when g.value is null then 'M' when r.status = 'M' then ${defaultStatus} else r.status end
      from g where r.batch_id = ${batchId} and r.row_no = g.first_row
      returning r.row_no
    )
    update import_row r set kept = false
    from g where r.batch_id = ${batchId} and r.row_no = any(g.rows) and r.row_no <> g.first_row
  `.execute(db);
}

export interface HistoryJump {
  rowNo: number;
  year: number;
  value: number;
  reference: number;
}

/**
 * Staged values more than `ratio` times the largest absolute value of the same series elsewhere
 * (the cube from any source, plus the batch's other years).
 */
export async function historyJumps(db: Q, batchId: number, ratio: number): Promise<HistoryJump[]> {
  // Per series and year the largest absolute value (cube and batch); per series the two largest
  // years; a row's reference is the largest value of another year. Linear in the rows, not quadratic.
  const r = await sql<{ rowNo: number; year: number; value: number; reference: number }>`
    with s as (
      select row_no, indicator_id, area_id, coalesce(substance_id, 0) as sid, dim_key, year, value
      from import_row where batch_id = ${batchId} and kept and value is not null
    ), series as (
      select distinct indicator_id, area_id, sid, dim_key from s
    ), h as (
      select indicator_id, area_id, sid, dim_key, year, max(v) as v from (
        select o.indicator_id, o.area_id, coalesce(o.substance_id, 0) as sid, o.dim_key, o.year, abs(o.value) as v
        from observation o
        join series x on x.indicator_id = o.indicator_id and x.area_id = o.area_id
          and x.sid = coalesce(o.substance_id, 0) and x.dim_key = o.dim_key
        where o.value is not null
        union all
        select indicator_id, area_id, sid, dim_key, year, abs(value) from s
      ) all_values
      group by indicator_id, area_id, sid, dim_key, year
    ), ranked as (
      select h.*, row_number() over (partition by indicator_id, area_id, sid, dim_key order by v desc, year) as rn from h
    ), top as (
      select indicator_id, area_id, sid, dim_key,
        max(v) filter (where rn = 1) as v1, max(year) filter (where rn = 1) as y1, max(v) filter (where rn = 2) as v2
      from ranked where rn <= 2
      group by indicator_id, area_id, sid, dim_key
    ), checked as (
      select s.row_no, s.year, s.value, case when s.year = t.y1 then t.v2 else t.v1 end as reference
      from s join top t on t.indicator_id = s.indicator_id and t.area_id = s.area_id and t.sid = s.sid and t.dim_key = s.dim_key
    )
    select row_no as "rowNo", year, value, reference from checked
    where reference > 0 and abs(value) > ${ratio} * reference
    order by row_no
  `.execute(db);
  return r.rows;
}

/**
 * Marks each kept staged row that matches the cube update or unchanged; a kept row left without an
 * outcome is an insert (one statement instead of marking every row first). Called once per batch.
 */
export async function classify(db: Q, batchId: number): Promise<void> {
  await sql`
    update import_row r set outcome = case when ${SAME} then 'unchanged' else 'update' end
    from observation o
    where r.batch_id = ${batchId} and r.kept and ${KEY}
  `.execute(db);
}

export interface Outcomes {
  insert: number;
  update: number;
  unchanged: number;
  merged: number;
  missing: number;
}

export async function outcomes(db: Q, batchId: number): Promise<Outcomes> {
  const r = await sql<{ outcome: string | null; kept: boolean; n: number; missing: number }>`
    select outcome, kept, count(*)::int as n, (count(*) - count(value))::int as missing
    from import_row where batch_id = ${batchId} group by outcome, kept
  `.execute(db);
  const out: Outcomes = { insert: 0, update: 0, unchanged: 0, merged: 0, missing: 0 };
  for (const row of r.rows) {
    if (!row.kept) out.merged += Number(row.n);
    else {
      const outcome = row.outcome === 'update' || row.outcome === 'unchanged' ? row.outcome : 'insert';
      out[outcome] += Number(row.n);
      if (outcome !== 'unchanged') out.missing += Number(row.missing);
    }
  }
  return out;
}

/** Gives the spec's own source (staged as -1) its id once it exists. */
export async function assignSource(db: Q, batchId: number, sourceId: number): Promise<void> {
  await sql`update import_row set source_id = ${sourceId} where batch_id = ${batchId} and source_id = -1`.execute(
    db,
  );
}

/**
 * Applies a classified batch to the cube (inside the caller's transaction): the previous version
 * of every changed observation goes to the history, then updates and inserts; `import_change`
 * records what the batch did.
 */
export async function applyBatch(
  trx: Transaction<Database>,
  batchId: number,
  change: { userId: number | null; reason: string },
): Promise<void> {
  await sql`
    insert into observation_revision (observation_id, revision, value, lower, upper, unit, status, confidentiality,
      footnotes, change_reason, recorded_by, recorded_at, superseded_by, superseded_at, superseded_reason,
      import_batch_id, superseded_batch_id)
    select o.id, o.revision, o.value, o.lower, o.upper, o.unit, o.status, o.confidentiality, o.footnotes,
      o.change_reason, o.updated_by, o.updated_at, ${change.userId}, now(), ${change.reason}, o.import_batch_id, ${batchId}
    from observation o join import_row r on ${KEY}
    where r.batch_id = ${batchId} and r.outcome = 'update'
  `.execute(trx);
  await sql`
    insert into import_change (batch_id, observation_id, action)
    select ${batchId}, o.id, 'update'
    from observation o join import_row r on ${KEY}
    where r.batch_id = ${batchId} and r.outcome = 'update'
  `.execute(trx);
  await sql`
    update observation o set value = r.value, lower = r.lower, upper = r.upper, unit = r.unit, status = r.status,
      confidentiality = r.confidentiality, footnotes = r.footnotes, revision = o.revision + 1,
      change_reason = ${change.reason}, updated_by = ${change.userId}, updated_at = now(), import_batch_id = ${batchId}
    from import_row r
    where r.batch_id = ${batchId} and r.outcome = 'update' and ${KEY}
  `.execute(trx);
  await sql`
    with ins as (
      insert into observation (indicator_id, area_id, period, year, substance_id, dims, dim_key, source_id, value,
        lower, upper, unit, status, confidentiality, footnotes, change_reason, updated_by, import_batch_id)
      select indicator_id, area_id, period, year, substance_id, dims, dim_key, source_id, value, lower, upper, unit,
        status, confidentiality, footnotes, ${change.reason}, ${change.userId}, ${batchId}
      from import_row where batch_id = ${batchId} and kept and outcome is null
      returning id
    )
    insert into import_change (batch_id, observation_id, action) select ${batchId}, id, 'insert' from ins
  `.execute(trx);
}

/**
 * Statistics for the staged rows, so that the planner matches them against the cube with hash
 * joins (without them it picks nested loops whose time grows with the square of the rows).
 */
export async function analyzeStaged(db: Q): Promise<void> {
  await sql`analyze import_row`.execute(db);
}

export async function clearStaged(db: Q, batchId: number): Promise<void> {
  await db.deleteFrom('importRow').where('batchId', '=', batchId).execute();
  await sql`delete from seizure_event_row where batch_id = ${batchId}`.execute(db);
}

export async function saveIssues(db: Db, batchId: number, issues: ImportIssue[]): Promise<void> {
  for (let i = 0; i < issues.length; i += 2000) {
    const chunk = issues.slice(i, i + 2000);
    await db
      .insertInto('importIssue')
      .values(
        chunk.map((x, j) => ({
          batchId,
          seq: i + j + 1,
          rowNo: x.row,
          col: x.col,
          code: x.code,
          severity: x.severity,
          params: JSON.stringify(x.params),
        })),
      )
      .execute();
  }
}

export interface RollbackConflict {
  count: number;
  laterBatches: number[];
}

/**
 * Observations (or, for an event batch, seizure events) the batch changed that have changed again
 * since (or are gone). For an event batch the event writers' lock is taken first, so nothing can
 * change the events between this check and the undo.
 */
export async function rollbackConflicts(db: Q, batchId: number): Promise<RollbackConflict> {
  if (await hasEventChanges(db, batchId)) {
    await lockEventWrites(db);
    return eventRollbackConflicts(db, batchId);
  }
  const r = await sql<{ count: number; later: (number | null)[] | null }>`
    select count(*)::int as count, array_agg(distinct o.import_batch_id) as later
    from import_change c left join observation o on o.id = c.observation_id
    where c.batch_id = ${batchId} and (o.id is null or o.import_batch_id is distinct from ${batchId})
  `.execute(db);
  const row = r.rows[0]!;
  return {
    count: Number(row.count),
    laterBatches: (row.later ?? []).filter((x): x is number => x !== null).map(Number),
  };
}

/**
 * Undoes a batch: every observation it inserted is removed, every one it updated gets back the
 * version it replaced. The undone versions are kept in the history, so nothing is lost.
 */
export async function undoBatch(
  trx: Transaction<Database>,
  batchId: number,
  change: { userId: number | null; reason: string },
): Promise<{ removed: number; restored: number }> {
  if (await hasEventChanges(trx, batchId)) {
    await lockEventWrites(trx);
    return undoEventBatch(trx, batchId, change);
  }
  await sql`
    insert into observation_revision (observation_id, revision, value, lower, upper, unit, status, confidentiality,
      footnotes, change_reason, recorded_by, recorded_at, superseded_by, superseded_at, superseded_reason,
      import_batch_id, superseded_batch_id)
    select o.id, o.revision, o.value, o.lower, o.upper, o.unit, o.status, o.confidentiality, o.footnotes,
      o.change_reason, o.updated_by, o.updated_at, ${change.userId}, now(), ${change.reason}, o.import_batch_id, null
    from import_change c join observation o on o.id = c.observation_id
    where c.batch_id = ${batchId}
  `.execute(trx);
  const restored = await sql`
    update observation o set value = p.value, lower = p.lower, upper = p.upper, unit = p.unit, status = p.status,
      confidentiality = p.confidentiality, footnotes = p.footnotes, revision = o.revision + 1,
      change_reason = ${change.reason}, updated_by = ${change.userId}, updated_at = now(), import_batch_id = p.import_batch_id
    from import_change c, lateral (
      select * from observation_revision v
      where v.observation_id = c.observation_id and v.superseded_batch_id = ${batchId}
      order by v.revision desc limit 1
    ) p
    where c.batch_id = ${batchId} and c.action = 'update' and o.id = c.observation_id
  `.execute(trx);
  const removed = await sql`
    delete from observation o using import_change c
    where c.batch_id = ${batchId} and c.action = 'insert' and o.id = c.observation_id
  `.execute(trx);
  return { removed: Number(removed.numAffectedRows ?? 0), restored: Number(restored.numAffectedRows ?? 0) };
}

/** Batches with the display name of the user who started them (null when that user was deleted). */
function batchesWithUser(db: ReadonlyDb) {
  return db
    .selectFrom('importBatch')
    .leftJoin('appUser', 'appUser.id', 'importBatch.createdBy')
    .selectAll('importBatch')
    .select('appUser.displayName as createdByName');
}

export function findBatch(db: ReadonlyDb, id: number) {
  return batchesWithUser(db).where('importBatch.id', '=', id).executeTakeFirst();
}

/** One page of batches, newest first, and the number of all batches. */
export async function listBatches(db: ReadonlyDb, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    batchesWithUser(db)
      .orderBy('importBatch.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('importBatch')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

// ---------------------------------------------------------------------------------------------
// Seizure events (specs with `target: seizure_events`). Staged in `seizure_event_row`; matched to
// `seizure_event` by (source, reference), or — for rows without a reference — by date, place,
// substance, amount and unit (the n-th such row of a file matches the n-th such event), so that a
// re-import of the same file is unchanged; committed with revisions and `seizure_event_change`.

/** Appends staged events (one statement per call). */
export async function stageEvents(db: Q, batchId: number, rows: StagedEvent[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: StagedEvent) => T) => rows.map(f);
  await sql`
    insert into seizure_event_row (batch_id, row_no, event_date, date_precision, year, month, area_id, latitude,
      longitude, substance_id, amount, unit, origin_area_id, transit_area_ids, destination_area_id, conveyance, agency,
      source_id, confidentiality, external_ref, notes)
    select ${batchId}::bigint, u.row_no, u.event_date::date, u.date_precision, u.year, u.month, u.area_id, u.latitude,
      u.longitude, u.substance_id, u.amount, u.unit, u.origin_area_id, u.transit::int[], u.destination_area_id,
      u.conveyance, u.agency, u.source_id, u.confidentiality, u.external_ref, u.notes
    from unnest(
      ${col((r) => r.rowNo)}::int[], ${col((r) => r.date)}::text[], ${col((r) => r.datePrecision)}::text[],
      ${col((r) => r.year)}::int[], ${col((r) => r.month)}::int[], ${col((r) => r.areaId)}::int[],
      ${col((r) => r.latitude)}::float8[], ${col((r) => r.longitude)}::float8[], ${col((r) => r.substanceId)}::int[],
      ${col((r) => r.amount)}::float8[], ${col((r) => r.unit)}::text[], ${col((r) => r.originAreaId)}::int[],
      ${col((r) => `{${r.transitAreaIds.join(',')}}`)}::text[], ${col((r) => r.destinationAreaId)}::int[],
      ${col((r) => r.conveyance)}::text[], ${col((r) => r.agency)}::text[], ${col((r) => r.sourceId)}::int[],
      ${col((r) => r.confidentiality)}::text[], ${col((r) => r.externalRef)}::text[], ${col((r) => r.notes)}::text[]
    ) as u(row_no, event_date, date_precision, year, month, area_id, latitude, longitude, substance_id, amount, unit,
      origin_area_id, transit, destination_area_id, conveyance, agency, source_id, confidentiality, external_ref, notes)
  `.execute(db);
}

export async function analyzeStagedEvents(db: Q): Promise<void> {
  await sql`analyze seizure_event_row`.execute(db);
}

/** References that appear more than once per source in the batch, with their rows (ascending). */
export async function duplicateReferences(db: Q, batchId: number) {
  const r = await sql<{ rows: number[]; reference: string }>`
    select array_agg(row_no order by row_no) as rows, external_ref as reference
    from seizure_event_row where batch_id = ${batchId} and external_ref is not null
    group by source_id, external_ref having count(*) > 1 order by min(row_no)
  `.execute(db);
  return r.rows.map((g) => ({ rows: g.rows.map(Number), reference: g.reference }));
}

/** The same date, place, substance, amount and unit as another row, both without a reference. */
const EVENT_NATURAL_KEY = [
  'source_id',
  'event_date',
  'date_precision',
  'area_id',
  'substance_id',
  'amount',
  'unit',
  'latitude',
  'longitude',
] as const;

export async function possibleDuplicateEvents(db: Q, batchId: number) {
  const r = await sql<{ rows: number[] }>`
    select array_agg(row_no order by row_no) as rows
    from seizure_event_row where batch_id = ${batchId} and external_ref is null
    group by ${sql.raw(EVENT_NATURAL_KEY.join(', '))} having count(*) > 1 order by min(row_no)
  `.execute(db);
  return r.rows.map((g) => g.rows.map(Number));
}

const SAME_EVENT =
  sql.raw(`e.event_date = r.event_date and e.date_precision = r.date_precision and e.area_id = r.area_id
  and e.latitude is not distinct from r.latitude and e.longitude is not distinct from r.longitude
  and e.substance_id = r.substance_id and e.amount = r.amount and e.unit = r.unit
  and e.origin_area_id is not distinct from r.origin_area_id and e.transit_area_ids = r.transit_area_ids
  and e.destination_area_id is not distinct from r.destination_area_id and e.conveyance is not distinct from r.conveyance
  and e.agency is not distinct from r.agency and e.confidentiality = r.confidentiality
  and e.external_ref is not distinct from r.external_ref and e.notes is not distinct from r.notes`);

/** Marks each staged event that matches a stored one update or unchanged; the rest are inserts. */
export async function classifyEvents(db: Q, batchId: number): Promise<void> {
  await sql`
    update seizure_event_row r set event_id = e.id, outcome = case when ${SAME_EVENT} then 'unchanged' else 'update' end
    from seizure_event e
    where r.batch_id = ${batchId} and r.external_ref is not null
      and e.source_id = r.source_id and e.external_ref = r.external_ref
  `.execute(db);
  const key = (t: string) => sql.raw(EVENT_NATURAL_KEY.map((c) => `${t}.${c}`).join(', '));
  const joinKey = sql.raw(
    EVENT_NATURAL_KEY.map((c) =>
      c === 'latitude' || c === 'longitude' ? `s.${c} is not distinct from m.${c}` : `s.${c} = m.${c}`,
    ).join(' and '),
  );
  await sql`
    with staged as (
      select row_no, ${key('x')}, row_number() over (partition by ${key('x')} order by x.row_no) as n
      from seizure_event_row x where x.batch_id = ${batchId} and x.external_ref is null
    ), stored as (
      select e.id, ${key('e')}, row_number() over (partition by ${key('e')} order by e.id) as n
      from seizure_event e
      where e.external_ref is null and exists (
        select 1 from seizure_event_row x where x.batch_id = ${batchId} and x.external_ref is null
          and x.source_id = e.source_id and x.event_date = e.event_date and x.area_id = e.area_id
          and x.substance_id = e.substance_id)
    ), matched as (
      select s.row_no, m.id from staged s join stored m on ${joinKey} and s.n = m.n
    )
    update seizure_event_row r set event_id = m.id, outcome = case when ${SAME_EVENT} then 'unchanged' else 'update' end
    from matched m join seizure_event e on e.id = m.id
    where r.batch_id = ${batchId} and r.row_no = m.row_no
  `.execute(db);
}

export async function eventOutcomes(db: Q, batchId: number): Promise<Outcomes> {
  const r = await sql<{ outcome: string | null; n: number }>`
    select outcome, count(*)::int as n from seizure_event_row where batch_id = ${batchId} group by outcome
  `.execute(db);
  const out: Outcomes = { insert: 0, update: 0, unchanged: 0, merged: 0, missing: 0 };
  for (const row of r.rows)
    out[row.outcome === 'update' || row.outcome === 'unchanged' ? row.outcome : 'insert'] += Number(row.n);
  return out;
}

/** Gives the spec's own source (staged as -1) its id once it exists. */
export async function assignEventSource(db: Q, batchId: number, sourceId: number): Promise<void> {
  await sql`update seizure_event_row set source_id = ${sourceId} where batch_id = ${batchId} and source_id = -1`.execute(
    db,
  );
}

const EVENT_COLUMNS = `event_date, date_precision, year, month, area_id, latitude, longitude, substance_id, amount, unit,
  origin_area_id, transit_area_ids, destination_area_id, conveyance, agency, source_id, confidentiality, external_ref, notes`;

/**
 * Applies a classified event batch (inside the caller's transaction, after `lockEventWrites`): the
 * previous version of every changed event goes to its history, then updates and inserts (with the kg
 * equivalent from the conversion factors); `seizure_event_change` records what the batch did. The
 * caller then refreshes the roll-ups of `batchKeysQuery(batchId)`.
 */
export async function applyEventBatch(
  trx: Transaction<Database>,
  batchId: number,
  change: { userId: number | null; reason: string },
): Promise<void> {
  await sql`
    insert into seizure_event_revision (event_id, revision, ${sql.raw(EVENT_COLUMNS)}, kg_equivalent, change_reason,
      recorded_by, recorded_at, superseded_by, superseded_at, superseded_reason, import_batch_id, superseded_batch_id)
    select e.id, e.revision, ${sql.raw(EVENT_COLUMNS.replace(/(\w+)/g, 'e.$1'))}, e.kg_equivalent, e.change_reason,
      e.updated_by, e.updated_at, ${change.userId}::int, now(), ${change.reason}::text, e.import_batch_id, ${batchId}::bigint
    from seizure_event e join seizure_event_row r on r.event_id = e.id
    where r.batch_id = ${batchId} and r.outcome = 'update'
  `.execute(trx);
  await sql`
    insert into seizure_event_change (batch_id, event_id, action)
    select ${batchId}, event_id, 'update' from seizure_event_row where batch_id = ${batchId} and outcome = 'update'
  `.execute(trx);
  await sql`
    update seizure_event e set event_date = r.event_date, date_precision = r.date_precision, year = r.year,
      month = r.month, area_id = r.area_id, latitude = r.latitude, longitude = r.longitude,
      substance_id = r.substance_id, amount = r.amount, unit = r.unit,
      kg_equivalent = ${kgEquivalentSql(sql`r.amount`, sql`r.unit`, sql`r.substance_id`)},
      origin_area_id = r.origin_area_id, transit_area_ids = r.transit_area_ids,
      destination_area_id = r.destination_area_id, conveyance = r.conveyance, agency = r.agency,
      confidentiality = r.confidentiality, external_ref = r.external_ref, notes = r.notes, revision = e.revision + 1,
      change_reason = ${change.reason}::text, updated_by = ${change.userId}::int, updated_at = now(),
      import_batch_id = ${batchId}
    from seizure_event_row r
    where r.batch_id = ${batchId} and r.outcome = 'update' and e.id = r.event_id
  `.execute(trx);
  await sql`
    with ins as (
      insert into seizure_event (${sql.raw(EVENT_COLUMNS)}, kg_equivalent, change_reason, updated_by, import_batch_id)
      select ${sql.raw(EVENT_COLUMNS.replace(/(\w+)/g, 'r.$1'))}, ${kgEquivalentSql(sql`r.amount`, sql`r.unit`, sql`r.substance_id`)},
        ${change.reason}::text, ${change.userId}::int, ${batchId}::bigint
      from seizure_event_row r where r.batch_id = ${batchId} and r.outcome is null
      order by r.row_no
      returning id
    )
    insert into seizure_event_change (batch_id, event_id, action) select ${batchId}, id, 'insert' from ins
  `.execute(trx);
}

/** Whether a batch changed seizure events (its rollback then undoes events, not observations). */
async function hasEventChanges(db: Q, batchId: number): Promise<boolean> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from (select 1 from seizure_event_change where batch_id = ${batchId} limit 1) x
  `.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/** Events the batch changed that have changed again since (edited, re-imported or deleted). */
async function eventRollbackConflicts(db: Q, batchId: number): Promise<RollbackConflict> {
  const r = await sql<{ count: number; later: (number | null)[] | null }>`
    select count(*)::int as count, array_agg(distinct e.import_batch_id) as later
    from seizure_event_change c left join seizure_event e on e.id = c.event_id
    where c.batch_id = ${batchId} and (e.id is null or e.import_batch_id is distinct from ${batchId})
  `.execute(db);
  const row = r.rows[0]!;
  return {
    count: Number(row.count),
    laterBatches: (row.later ?? []).filter((x): x is number => x !== null).map(Number),
  };
}

/**
 * Undoes an event batch: events it inserted are deleted, events it updated get back the version it
 * replaced (kg equivalents recomputed with today's factors); the undone versions stay in the history;
 * the roll-ups of every key involved are recomputed.
 */
async function undoEventBatch(
  trx: Transaction<Database>,
  batchId: number,
  change: { userId: number | null; reason: string },
): Promise<{ removed: number; restored: number }> {
  const keys = await sql<RollupKey>`
    select e.area_id, e.substance_id, e.source_id, e.year, e.month
    from seizure_event_change c join seizure_event e on e.id = c.event_id where c.batch_id = ${batchId}
    union
    select area_id, substance_id, source_id, year, month from seizure_event_revision where superseded_batch_id = ${batchId}
  `.execute(trx);
  await sql`
    insert into seizure_event_revision (event_id, revision, ${sql.raw(EVENT_COLUMNS)}, kg_equivalent, change_reason,
      recorded_by, recorded_at, superseded_by, superseded_at, superseded_reason, import_batch_id, superseded_batch_id,
      deleted)
    select e.id, e.revision, ${sql.raw(EVENT_COLUMNS.replace(/(\w+)/g, 'e.$1'))}, e.kg_equivalent, e.change_reason,
      e.updated_by, e.updated_at, ${change.userId}::int, now(), ${change.reason}::text, e.import_batch_id, null,
      c.action = 'insert'
    from seizure_event_change c join seizure_event e on e.id = c.event_id
    where c.batch_id = ${batchId}
  `.execute(trx);
  const restored = await sql`
    update seizure_event e set event_date = p.event_date, date_precision = p.date_precision, year = p.year,
      month = p.month, area_id = p.area_id, latitude = p.latitude, longitude = p.longitude,
      substance_id = p.substance_id, amount = p.amount, unit = p.unit,
      kg_equivalent = ${kgEquivalentSql(sql`p.amount`, sql`p.unit`, sql`p.substance_id`)},
      origin_area_id = p.origin_area_id, transit_area_ids = p.transit_area_ids,
      destination_area_id = p.destination_area_id, conveyance = p.conveyance, agency = p.agency,
      confidentiality = p.confidentiality, external_ref = p.external_ref, notes = p.notes, revision = e.revision + 1,
      change_reason = ${change.reason}::text, updated_by = ${change.userId}::int, updated_at = now(),
      import_batch_id = p.import_batch_id
    from seizure_event_change c, lateral (
      select * from seizure_event_revision v
      where v.event_id = c.event_id and v.superseded_batch_id = ${batchId}
      order by v.revision desc limit 1
    ) p
    where c.batch_id = ${batchId} and c.action = 'update' and e.id = c.event_id
  `.execute(trx);
  const removed = await sql`
    delete from seizure_event e using seizure_event_change c
    where c.batch_id = ${batchId} and c.action = 'insert' and e.id = c.event_id
  `.execute(trx);
  await refreshRollups(
    trx,
    { keys: keys.rows },
    { userId: change.userId, reason: change.reason, batchId: null },
  );
  return { removed: Number(removed.numAffectedRows ?? 0), restored: Number(restored.numAffectedRows ?? 0) };
}
