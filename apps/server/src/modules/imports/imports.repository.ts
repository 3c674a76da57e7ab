import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
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

/** Observations the batch changed that have changed again since (or are gone). */
export async function rollbackConflicts(db: Q, batchId: number): Promise<RollbackConflict> {
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

export function findBatch(db: ReadonlyDb, id: number) {
  return db.selectFrom('importBatch').selectAll().where('id', '=', id).executeTakeFirst();
}
