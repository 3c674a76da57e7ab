import { sql, type SqlBool, type Expression } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Footnote, NewObservation, Observation } from '../../platform/db/schema.ts';

export interface ObservationFilter {
  indicatorId: number;
  areaIds?: number[];
  substanceIds?: number[];
  fromYear?: number;
  toYear?: number;
  dims?: Record<string, string>;
  sourceIds?: number[];
  /** Only yearly (`YYYY`) or only monthly (`YYYY-MM`) periods; both when absent. */
  periodType?: 'year' | 'month';
  confidentiality: string[];
  preferredOnly: boolean;
  limit: number;
  offset: number;
  /** Only this observation (detail view). */
  id?: number;
  /**
   * Export paging: a total order over the rows and, with `after`, keyset paging instead of an
   * offset. `key` follows the query's order (area, substance, period, dimensions, source);
   * `series` keeps every series (all dimensions but the period) together, as SDMX needs.
   * Without it, the query's own order (the preferred value first within a key).
   */
  order?: ExportOrder;
  /** With `order`: only rows after this one in that order. */
  after?: ObservationCursor;
}

export type ExportOrder = 'key' | 'series';

/** Where an export page ended: the order columns of its last row. */
export interface ObservationCursor {
  areaCode: string;
  substanceCode: string | null;
  year: number;
  period: string;
  dimKey: string;
  sourceCode: string;
}

export interface ObservationRow {
  id: number;
  period: string;
  year: number;
  dims: Record<string, string>;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit: string;
  status: string;
  confidentiality: 'public' | 'dialogue' | 'restricted';
  footnotes: Footnote[];
  revision: number;
  updatedAt: Date;
  areaCode: string;
  areaNameEn: string;
  areaNameRu: string;
  substanceCode: string | null;
  substanceNameEn: string | null;
  substanceNameRu: string | null;
  sourceCode: string;
  sourcePublisher: string;
  sourceTitleEn: string;
  sourceTitleRu: string | null;
  sourceTable: string | null;
  sourceYear: number | null;
  sourceCount: number;
  /** Canonical text of `dims` (part of the observation's identity). */
  dimKey: string;
  total: number;
}

/**
 * The preference rule, applied per observation key (indicator, substance, area, period,
 * dimensions): the source with the lowest `priority` wins, then the latest publication year, then
 * the most recently registered source. Documented in docs/adr/0004-observation-identity.md.
 */
export const PREFERENCE_ORDER = sql`src.priority asc, src.year desc nulls last, src.id desc`;

// Each export order is total (the observation key plus the source is unique), so that keyset pages
// neither repeat nor skip rows, even while other requests write. Substance codes are never empty, so
// `coalesce(…, '')` sorts rows without a substance first, like `nulls first` does.
const EXPORT_ORDER: Record<
  ExportOrder,
  { columns: Expression<unknown>[]; values: (c: ObservationCursor) => Expression<unknown>[] }
> = {
  key: {
    columns: [
      sql`r.area_code`,
      sql`coalesce(r.substance_code, '')`,
      sql`r.year`,
      sql`r.period`,
      sql`r.dim_key`,
      sql`r.source_code`,
    ],
    values: (c) => [
      sql`${c.areaCode}::text`,
      sql`${c.substanceCode ?? ''}::text`,
      sql`${c.year}::int`,
      sql`${c.period}::text`,
      sql`${c.dimKey}::text`,
      sql`${c.sourceCode}::text`,
    ],
  },
  series: {
    columns: [
      sql`r.area_code`,
      sql`coalesce(r.substance_code, '')`,
      sql`r.dim_key`,
      sql`r.source_code`,
      sql`r.year`,
      sql`r.period`,
    ],
    values: (c) => [
      sql`${c.areaCode}::text`,
      sql`${c.substanceCode ?? ''}::text`,
      sql`${c.dimKey}::text`,
      sql`${c.sourceCode}::text`,
      sql`${c.year}::int`,
      sql`${c.period}::text`,
    ],
  },
};

export const cursorOf = (r: ObservationRow): ObservationCursor => ({
  areaCode: r.areaCode,
  substanceCode: r.substanceCode,
  year: r.year,
  period: r.period,
  dimKey: r.dimKey,
  sourceCode: r.sourceCode,
});

export async function queryObservations(db: ReadonlyDb, f: ObservationFilter): Promise<ObservationRow[]> {
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`o.indicator_id = ${f.indicatorId}`];
  if (f.id !== undefined) conditions.push(sql<SqlBool>`o.id = ${f.id}`);
  if (f.areaIds) conditions.push(sql<SqlBool>`o.area_id = any(${f.areaIds}::int[])`);
  if (f.substanceIds) conditions.push(sql<SqlBool>`o.substance_id = any(${f.substanceIds}::int[])`);
  if (f.fromYear !== undefined) conditions.push(sql<SqlBool>`o.year >= ${f.fromYear}`);
  if (f.toYear !== undefined) conditions.push(sql<SqlBool>`o.year <= ${f.toYear}`);
  if (f.dims && Object.keys(f.dims).length)
    conditions.push(sql<SqlBool>`o.dims @> ${JSON.stringify(f.dims)}::jsonb`);
  if (f.sourceIds) conditions.push(sql<SqlBool>`o.source_id = any(${f.sourceIds}::int[])`);
  if (f.periodType === 'year') conditions.push(sql<SqlBool>`o.period ~ '^[0-9]{4}$'`);
  if (f.periodType === 'month') conditions.push(sql<SqlBool>`o.period ~ '^[0-9]{4}-[0-9]{2}$'`);
  conditions.push(sql<SqlBool>`o.confidentiality = any(${f.confidentiality}::text[])`);
  const where = sql.join(conditions, sql` and `);

  const outer: Expression<SqlBool>[] = [];
  if (f.preferredOnly) outer.push(sql<SqlBool>`r.preference = 1`);
  const exportOrder = f.order ? EXPORT_ORDER[f.order] : undefined;
  if (exportOrder && f.after)
    outer.push(sql<SqlBool>`(${sql.join(exportOrder.columns)}) > (${sql.join(exportOrder.values(f.after))})`);
  const orderBy = exportOrder
    ? sql.join(exportOrder.columns)
    : sql`r.area_code, r.substance_code nulls first, r.year, r.period, r.dim_key, r.preference`;

  // Area and substance are joined inside the CTE, where the planner's row estimates are still
  // sane; joined after the `preference = 1` filter they became nested loops (see bench/README.md).
  const result = await sql<ObservationRow>`
    with ranked as (
      select o.*, src.code as source_code, src.publisher as source_publisher, src.title_en as source_title_en,
             src.title_ru as source_title_ru, src.table_name as source_table, src.year as source_year,
             a.code as area_code, a.name_en as area_name_en, a.name_ru as area_name_ru,
             s.code as substance_code, s.name_en as substance_name_en, s.name_ru as substance_name_ru,
             count(*) over k as source_count,
             row_number() over (k order by ${PREFERENCE_ORDER}) as preference
      from observation o
      join source src on src.id = o.source_id
      join area a on a.id = o.area_id
      left join substance s on s.id = o.substance_id
      where ${where}
      window k as (partition by o.indicator_id, o.substance_id, o.area_id, o.period, o.dim_key)
    )
    select r.id, r.period, r.year, r.dims, r.value, r.lower, r.upper, r.unit, r.status, r.confidentiality,
           r.footnotes, r.revision, r.updated_at, r.source_code, r.source_publisher, r.source_title_en,
           r.source_title_ru, r.source_table, r.source_year, r.source_count::int as source_count,
           r.area_code, r.area_name_en, r.area_name_ru, r.substance_code, r.substance_name_en, r.substance_name_ru,
           r.dim_key, (count(*) over ())::int as total
    from ranked r
    ${outer.length ? sql`where ${sql.join(outer, sql` and `)}` : sql``}
    order by ${orderBy}
    limit ${f.limit} offset ${f.offset}
  `.execute(db);
  return result.rows;
}

export interface ObservationKey {
  indicatorId: number;
  substanceId: number | null;
  areaId: number;
  period: string;
  dimKey: string;
  sourceId: number;
}

export const keyOf = (k: ObservationKey) =>
  `${k.indicatorId}|${k.substanceId ?? ''}|${k.areaId}|${k.period}|${k.dimKey}|${k.sourceId}`;

/** Existing observations for the given keys (one round trip). */
export async function findByKeys(db: Db, keys: ObservationKey[]): Promise<Map<string, Observation>> {
  const found = new Map<string, Observation>();
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000);
    const rows = await db
      .selectFrom('observation')
      .selectAll()
      .where((eb) =>
        eb.or(
          chunk.map((k) =>
            eb.and([
              eb('indicatorId', '=', k.indicatorId),
              k.substanceId === null ? eb('substanceId', 'is', null) : eb('substanceId', '=', k.substanceId),
              eb('areaId', '=', k.areaId),
              eb('period', '=', k.period),
              eb('dimKey', '=', k.dimKey),
              eb('sourceId', '=', k.sourceId),
            ]),
          ),
        ),
      )
      .execute();
    for (const r of rows) found.set(keyOf(r), r);
  }
  return found;
}

export async function insertObservations(db: Db, rows: NewObservation[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('observation')
      .values(rows.slice(i, i + 500))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** Copies the current version into the history, then writes the new one with revision + 1. */
export async function reviseObservation(
  db: Db,
  current: Observation,
  next: Pick<Observation, 'value' | 'lower' | 'upper' | 'unit' | 'status' | 'confidentiality' | 'footnotes'>,
  change: { userId: number | null; reason: string | null; importBatchId?: number | null },
): Promise<void> {
  await db
    .insertInto('observationRevision')
    .values({
      observationId: current.id,
      revision: current.revision,
      value: current.value,
      lower: current.lower,
      upper: current.upper,
      unit: current.unit,
      status: current.status,
      confidentiality: current.confidentiality,
      footnotes: JSON.stringify(current.footnotes),
      changeReason: current.changeReason,
      recordedBy: current.updatedBy,
      recordedAt: current.updatedAt,
      supersededBy: change.userId,
      supersededReason: change.reason,
      importBatchId: current.importBatchId,
    })
    .execute();
  await db
    .updateTable('observation')
    .set({
      value: next.value,
      lower: next.lower,
      upper: next.upper,
      unit: next.unit,
      status: next.status,
      confidentiality: next.confidentiality,
      footnotes: JSON.stringify(next.footnotes),
      revision: current.revision + 1,
      changeReason: change.reason,
      updatedBy: change.userId,
      updatedAt: new Date(),
      importBatchId: change.importBatchId ?? null,
    })
    .where('id', '=', current.id)
    .execute();
}

export function findObservation(db: ReadonlyDb, id: number): Promise<Observation | undefined> {
  return db.selectFrom('observation').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRevisions(db: ReadonlyDb, observationId: number) {
  return db
    .selectFrom('observationRevision as r')
    .leftJoin('appUser as u', 'u.id', 'r.recordedBy')
    .selectAll('r')
    .select('u.username as recordedByName')
    .where('r.observationId', '=', observationId)
    .orderBy('r.revision', 'desc')
    .execute();
}

export async function userName(db: ReadonlyDb, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const row = await db.selectFrom('appUser').select('username').where('id', '=', id).executeTakeFirst();
  return row?.username ?? null;
}
