import { sql, type Expression, type SqlBool } from 'kysely';
import type { Confidentiality } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import type { Footnote, Source } from '../../platform/db/schema.ts';
import { PREFERENCE_ORDER } from '../observations/index.ts';

/** What one analytics read selects: yearly observations of one indicator (and substance). */
export interface ValueFilter {
  indicatorId: number;
  /** `null`: observations without a substance (population, cultivation totals). */
  substanceId: number | null;
  areaIds: number[];
  fromYear: number;
  toYear: number;
  /** Dimensions fixed by the caller (`sex=F`): the observation's `dims` must contain them. */
  dims: Record<string, string>;
  /**
   * Dimensions whose codelist has a total (`_T`) that the caller did not fix: only the total or rows
   * without the dimension are read, so that "male + female + total" is never added up.
   */
  totalDims: string[];
  /** Only values in this unit (an indicator's own unit): kilograms and tablets are never added. */
  unit: string;
  confidentiality: Confidentiality[];
}

/** The preferred (by the documented rule) visible observation of one key. */
export interface ValueRow {
  id: number;
  areaId: number;
  year: number;
  dimKey: string;
  value: number | null;
  status: string;
  sourceId: number;
  footnotes: Footnote[];
}

/**
 * The preferred observation of every (area, year, dimensions) key in the filter, among those the
 * caller may see, yearly periods only (`YYYY`; monthly roll-ups are `YYYY-MM`). Uses the cube's
 * (indicator, substance, area, year) index; one row per key.
 */
export async function preferredValues(db: ReadonlyDb, f: ValueFilter): Promise<ValueRow[]> {
  if (f.areaIds.length === 0) return [];
  const conditions: Expression<SqlBool>[] = [
    sql<SqlBool>`o.indicator_id = ${f.indicatorId}`,
    f.substanceId === null
      ? sql<SqlBool>`o.substance_id is null`
      : sql<SqlBool>`o.substance_id = ${f.substanceId}`,
    sql<SqlBool>`o.area_id = any(${f.areaIds}::int[])`,
    sql<SqlBool>`o.year between ${f.fromYear} and ${f.toYear}`,
    sql<SqlBool>`o.period = o.year::text`,
    sql<SqlBool>`o.unit = ${f.unit}`,
    sql<SqlBool>`o.confidentiality = any(${f.confidentiality}::text[])`,
  ];
  if (Object.keys(f.dims).length) conditions.push(sql<SqlBool>`o.dims @> ${JSON.stringify(f.dims)}::jsonb`);
  for (const dim of f.totalDims)
    conditions.push(sql<SqlBool>`coalesce(o.dims ->> ${dim}, ${TOTAL_CODE}) = ${TOTAL_CODE}`);
  const result = await sql<ValueRow>`
    select distinct on (o.area_id, o.year, o.dim_key)
           o.id, o.area_id, o.year, o.dim_key, o.value, o.status, o.source_id, o.footnotes
    from observation o
    join source src on src.id = o.source_id
    where ${sql.join(conditions, sql` and `)}
    order by o.area_id, o.year, o.dim_key, ${PREFERENCE_ORDER}
  `.execute(db);
  return result.rows;
}

/** The years with data for the filter (any area), to default an open year range. */
export async function yearRange(
  db: ReadonlyDb,
  f: Omit<ValueFilter, 'fromYear' | 'toYear'>,
): Promise<{ min: number | null; max: number | null }> {
  if (f.areaIds.length === 0) return { min: null, max: null };
  const result = await sql<{ min: number | null; max: number | null }>`
    select min(o.year) as min, max(o.year) as max
    from observation o
    where o.indicator_id = ${f.indicatorId}
      and ${f.substanceId === null ? sql`o.substance_id is null` : sql`o.substance_id = ${f.substanceId}`}
      and o.area_id = any(${f.areaIds}::int[])
      and o.period = o.year::text
      and o.unit = ${f.unit}
      and o.confidentiality = any(${f.confidentiality}::text[])
  `.execute(db);
  return result.rows[0] ?? { min: null, max: null };
}

export function sourcesByIds(db: ReadonlyDb, ids: number[]): Promise<Source[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('source').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/** Members of a group or region, in code order. */
export async function groupMembers(db: ReadonlyDb, groupId: number) {
  return db
    .selectFrom('areaMember as m')
    .innerJoin('area as a', 'a.id', 'm.memberId')
    .select(['a.id', 'a.code', 'a.nameEn', 'a.nameRu', 'a.kind'])
    .where('m.groupId', '=', groupId)
    .orderBy('a.code')
    .execute();
}

/** The codelists among `codelists` that have a total member (`_T`). */
export async function codelistsWithTotal(db: ReadonlyDb, codelists: string[]): Promise<Set<string>> {
  if (codelists.length === 0) return new Set();
  const rows = await db
    .selectFrom('code')
    .select('codelist')
    .where('codelist', 'in', codelists)
    .where('code', '=', TOTAL_CODE)
    .execute();
  return new Set(rows.map((r) => r.codelist));
}

/** The member of a codelist that stands for all the others (SDMX `_T`). */
export const TOTAL_CODE = '_T';
