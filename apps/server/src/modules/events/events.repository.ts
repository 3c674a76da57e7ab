import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { kgEquivalentSql, type RollupKey } from './events.rollups.ts';

/** SQL of seizure events: queries with names resolved, revisions, edits, conversion factors. */

export interface EventFilter {
  confidentiality: string[];
  id?: number;
  /** Areas, each with its sub-national descendants. */
  areaIds?: number[];
  /** Substances, each with its descendants in the taxonomy. */
  substanceIds?: number[];
  /** The event's period ends on or after `from` and starts on or before `to` (YYYY-MM-DD). */
  from?: string;
  to?: string;
  sourceIds?: number[];
  reference?: string;
  batchId?: number;
  /** The events behind one roll-up observation. */
  rollup?: RollupKey & { kg: boolean | null; unit: string | null; monthly: boolean };
  limit: number;
  offset: number;
}

export interface EventRow {
  id: number;
  eventDate: string;
  datePrecision: 'day' | 'month' | 'year';
  year: number;
  month: number | null;
  areaCode: string;
  areaNameEn: string;
  areaNameRu: string;
  latitude: number | null;
  longitude: number | null;
  substanceCode: string;
  substanceNameEn: string;
  substanceNameRu: string;
  amount: number;
  unit: string;
  kgEquivalent: number | null;
  originCode: string | null;
  originNameEn: string | null;
  originNameRu: string | null;
  destinationCode: string | null;
  destinationNameEn: string | null;
  destinationNameRu: string | null;
  transit: { code: string; nameEn: string; nameRu: string }[];
  conveyance: string | null;
  conveyanceNameEn: string | null;
  conveyanceNameRu: string | null;
  agency: string | null;
  sourceCode: string;
  sourcePublisher: string;
  sourceTitleEn: string;
  sourceTitleRu: string | null;
  confidentiality: 'public' | 'dialogue' | 'restricted';
  externalRef: string | null;
  notes: string | null;
  revision: number;
  importBatchId: number | null;
  updatedAt: Date;
  total: number;
}

const PERIOD_END = sql`(case e.date_precision when 'year' then e.event_date + interval '1 year'
  when 'month' then e.event_date + interval '1 month' else e.event_date + interval '1 day' end)`;

export async function queryEvents(db: ReadonlyDb, f: EventFilter): Promise<EventRow[]> {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`e.confidentiality = any(${f.confidentiality}::text[])`];
  if (f.id !== undefined) where.push(sql<SqlBool>`e.id = ${f.id}`);
  if (f.areaIds) where.push(sql<SqlBool>`e.area_id in (select id from areas)`);
  if (f.substanceIds) where.push(sql<SqlBool>`e.substance_id in (select id from substances)`);
  if (f.from !== undefined)
    // A year-precision event starts at most a year before its period ends: the first bound lets the
    // date index narrow the scan, the second is the overlap itself.
    where.push(
      sql<SqlBool>`e.event_date > ${f.from}::date - interval '1 year' and ${PERIOD_END} > ${f.from}::date`,
    );
  if (f.to !== undefined) where.push(sql<SqlBool>`e.event_date <= ${f.to}::date`);
  if (f.sourceIds) where.push(sql<SqlBool>`e.source_id = any(${f.sourceIds}::int[])`);
  if (f.reference !== undefined) where.push(sql<SqlBool>`e.external_ref = ${f.reference}`);
  if (f.batchId !== undefined) where.push(sql<SqlBool>`e.import_batch_id = ${f.batchId}`);
  if (f.rollup) {
    const k = f.rollup;
    where.push(
      sql<SqlBool>`e.area_id = ${k.areaId} and e.substance_id = ${k.substanceId} and e.source_id = ${k.sourceId}
        and e.year = ${k.year}`,
    );
    if (k.monthly) where.push(sql<SqlBool>`e.month = ${k.month}`);
    if (k.kg === true) where.push(sql<SqlBool>`e.kg_equivalent is not null`);
    if (k.kg === false) where.push(sql<SqlBool>`e.kg_equivalent is null and e.unit = ${k.unit}`);
  }
  const ctes: Expression<unknown>[] = [];
  if (f.areaIds)
    ctes.push(sql`areas(id) as (
      select unnest(${f.areaIds}::int[]) union select c.id from area c join areas p on c.parent_id = p.id)`);
  if (f.substanceIds)
    ctes.push(sql`substances(id) as (
      select unnest(${f.substanceIds}::int[]) union select c.id from substance c join substances p on c.parent_id = p.id)`);
  const r = await sql<EventRow>`
    ${ctes.length ? sql`with recursive ${sql.join(ctes)}` : sql``}
    select e.id, to_char(e.event_date, 'YYYY-MM-DD') as event_date, e.date_precision, e.year, e.month,
      a.code as area_code, a.name_en as area_name_en, a.name_ru as area_name_ru, e.latitude, e.longitude,
      s.code as substance_code, s.name_en as substance_name_en, s.name_ru as substance_name_ru,
      e.amount, e.unit, e.kg_equivalent,
      oa.code as origin_code, oa.name_en as origin_name_en, oa.name_ru as origin_name_ru,
      da.code as destination_code, da.name_en as destination_name_en, da.name_ru as destination_name_ru,
      (select coalesce(json_agg(json_build_object('code', t.code, 'nameEn', t.name_en, 'nameRu', t.name_ru)
          order by u.ord), '[]'::json)
        from unnest(e.transit_area_ids) with ordinality as u(id, ord) join area t on t.id = u.id) as transit,
      e.conveyance, cv.name_en as conveyance_name_en, cv.name_ru as conveyance_name_ru, e.agency,
      src.code as source_code, src.publisher as source_publisher, src.title_en as source_title_en,
      src.title_ru as source_title_ru, e.confidentiality, e.external_ref, e.notes, e.revision, e.import_batch_id,
      e.updated_at, (count(*) over ())::int as total
    from seizure_event e
    join area a on a.id = e.area_id
    join substance s on s.id = e.substance_id
    join source src on src.id = e.source_id
    left join area oa on oa.id = e.origin_area_id
    left join area da on da.id = e.destination_area_id
    left join code cv on cv.codelist = 'CONVEYANCE' and cv.code = e.conveyance
    where ${sql.join(where, sql` and `)}
    order by e.event_date desc, e.id desc
    limit ${f.limit} offset ${f.offset}
  `.execute(db);
  return r.rows;
}

/** The stored values of one event (ids, not names), for edits. */
export async function findEvent(db: ReadonlyDb | Transaction<Database>, id: number, forUpdate = false) {
  const r = await sql<
    Omit<EventValues, 'date'> & {
      id: number;
      eventDate: string;
      kgEquivalent: number | null;
      sourceId: number;
      revision: number;
    }
  >`
    select id, to_char(event_date, 'YYYY-MM-DD') as event_date, date_precision, year, month, area_id, latitude,
      longitude, substance_id, amount, unit, kg_equivalent, origin_area_id, transit_area_ids, destination_area_id,
      conveyance, agency, source_id, confidentiality, external_ref, notes, revision
    from seizure_event where id = ${id} ${forUpdate ? sql`for update` : sql``}
  `.execute(db);
  return r.rows[0];
}
export type StoredEvent = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

export async function findEventRevisions(db: ReadonlyDb, id: number, confidentiality: string[]) {
  const r = await sql<{
    revision: number;
    eventDate: string;
    datePrecision: 'day' | 'month' | 'year';
    areaCode: string;
    substanceCode: string;
    amount: number;
    unit: string;
    kgEquivalent: number | null;
    confidentiality: string;
    externalRef: string | null;
    changeReason: string | null;
    recordedByName: string | null;
    recordedAt: Date;
  }>`
    select v.revision, to_char(v.event_date, 'YYYY-MM-DD') as event_date, v.date_precision, a.code as area_code,
      s.code as substance_code, v.amount, v.unit, v.kg_equivalent, v.confidentiality, v.external_ref,
      v.change_reason, u.username as recorded_by_name, v.recorded_at
    from seizure_event_revision v
    join area a on a.id = v.area_id
    join substance s on s.id = v.substance_id
    left join app_user u on u.id = v.recorded_by
    where v.event_id = ${id} and v.confidentiality = any(${confidentiality}::text[])
    order by v.revision desc
  `.execute(db);
  return r.rows;
}

/** Copies the current version of events into their history (before an edit or a deletion). */
export async function reviseEvents(
  trx: Transaction<Database>,
  ids: number[],
  change: { userId: number | null; reason: string; deleted?: boolean; batchId?: number | null },
): Promise<void> {
  await sql`
    insert into seizure_event_revision (event_id, revision, event_date, date_precision, year, month, area_id,
      latitude, longitude, substance_id, amount, unit, kg_equivalent, origin_area_id, transit_area_ids,
      destination_area_id, conveyance, agency, source_id, confidentiality, external_ref, notes, change_reason,
      recorded_by, recorded_at, superseded_by, superseded_at, superseded_reason, import_batch_id,
      superseded_batch_id, deleted)
    select id, revision, event_date, date_precision, year, month, area_id, latitude, longitude, substance_id, amount,
      unit, kg_equivalent, origin_area_id, transit_area_ids, destination_area_id, conveyance, agency, source_id,
      confidentiality, external_ref, notes, change_reason, updated_by, updated_at, ${change.userId}::int, now(),
      ${change.reason}::text, import_batch_id, ${change.batchId ?? null}::bigint, ${change.deleted ?? false}
    from seizure_event where id = any(${ids}::bigint[])
  `.execute(trx);
}

export interface EventValues {
  date: string;
  datePrecision: 'day' | 'month' | 'year';
  year: number;
  month: number | null;
  areaId: number;
  latitude: number | null;
  longitude: number | null;
  substanceId: number;
  amount: number;
  unit: string;
  originAreaId: number | null;
  transitAreaIds: number[];
  destinationAreaId: number | null;
  conveyance: string | null;
  agency: string | null;
  confidentiality: 'public' | 'dialogue' | 'restricted';
  externalRef: string | null;
  notes: string | null;
}

/** Writes new values (revision + 1); the kilogram equivalent is recomputed from the factors. */
export async function updateEvent(
  trx: Transaction<Database>,
  id: number,
  v: EventValues,
  change: { userId: number | null; reason: string },
): Promise<void> {
  await sql`
    update seizure_event set event_date = ${v.date}::date, date_precision = ${v.datePrecision}, year = ${v.year},
      month = ${v.month}::int, area_id = ${v.areaId}, latitude = ${v.latitude}::float8,
      longitude = ${v.longitude}::float8, substance_id = ${v.substanceId}, amount = ${v.amount}::float8,
      unit = ${v.unit}, kg_equivalent = ${kgEquivalentSql(sql`${v.amount}::float8`, sql`${v.unit}::text`, sql`${v.substanceId}::int`)},
      origin_area_id = ${v.originAreaId}::int, transit_area_ids = ${v.transitAreaIds}::int[],
      destination_area_id = ${v.destinationAreaId}::int, conveyance = ${v.conveyance}::text,
      agency = ${v.agency}::text, confidentiality = ${v.confidentiality}, external_ref = ${v.externalRef}::text,
      notes = ${v.notes}::text, revision = revision + 1, change_reason = ${change.reason},
      updated_by = ${change.userId}::int, updated_at = now(), import_batch_id = null
    where id = ${id}
  `.execute(trx);
}

export async function deleteEvent(trx: Transaction<Database>, id: number): Promise<void> {
  await sql`delete from seizure_event where id = ${id}`.execute(trx);
}

/** The roll-up key of an observation, when it is a roll-up of seizure events. */
export async function rollupObservation(db: ReadonlyDb, id: number) {
  const r = await sql<{
    indicatorCode: string;
    areaId: number;
    substanceId: number | null;
    sourceId: number;
    year: number;
    period: string;
    dims: Record<string, string>;
    dimKey: string;
    confidentiality: string;
  }>`
    select i.code as indicator_code, o.area_id, o.substance_id, o.source_id, o.year, o.period, o.dims, o.dim_key,
      o.confidentiality
    from observation o join indicator i on i.id = o.indicator_id
    where o.id = ${id}
  `.execute(db);
  return r.rows[0];
}

export async function listFactors(db: ReadonlyDb) {
  const r = await sql<{
    substanceCode: string;
    substanceNameEn: string;
    substanceNameRu: string;
    unit: string;
    kgPerUnit: number;
    sourceNote: string;
    updatedAt: Date;
  }>`
    select s.code as substance_code, s.name_en as substance_name_en, s.name_ru as substance_name_ru, f.unit,
      f.kg_per_unit, f.source_note, f.updated_at
    from conversion_factor f join substance s on s.id = f.substance_id
    order by s.code, f.unit
  `.execute(db);
  return r.rows;
}

export function findFactor(db: ReadonlyDb | Transaction<Database>, substanceId: number, unit: string) {
  return db
    .selectFrom('conversionFactor')
    .selectAll()
    .where('substanceId', '=', substanceId)
    .where('unit', '=', unit)
    .executeTakeFirst();
}

export async function upsertFactor(
  trx: Transaction<Database>,
  f: { substanceId: number; unit: string; kgPerUnit: number; sourceNote: string; userId: number },
): Promise<void> {
  await trx
    .insertInto('conversionFactor')
    .values({
      substanceId: f.substanceId,
      unit: f.unit,
      kgPerUnit: f.kgPerUnit,
      sourceNote: f.sourceNote,
      updatedBy: f.userId,
    })
    .onConflict((oc) =>
      oc.columns(['substanceId', 'unit']).doUpdateSet({
        kgPerUnit: f.kgPerUnit,
        sourceNote: f.sourceNote,
        updatedBy: f.userId,
        updatedAt: new Date(),
      }),
    )
    .execute();
}

export async function deleteFactor(trx: Transaction<Database>, substanceId: number, unit: string) {
  const r = await trx
    .deleteFrom('conversionFactor')
    .where('substanceId', '=', substanceId)
    .where('unit', '=', unit)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Recomputes the kilogram equivalent of the events in one substance and unit (after its factor
 * changed) and returns the roll-up keys whose numbers may move.
 */
export async function recomputeKg(trx: Transaction<Database>, substanceId: number, unit: string) {
  const r = await sql<RollupKey>`
    update seizure_event e
    set kg_equivalent = ${kgEquivalentSql(sql`e.amount`, sql`e.unit`, sql`e.substance_id`)}
    where e.substance_id = ${substanceId} and e.unit = ${unit}
      and e.kg_equivalent is distinct from ${kgEquivalentSql(sql`e.amount`, sql`e.unit`, sql`e.substance_id`)}
    returning e.area_id, e.substance_id, e.source_id, e.year, e.month
  `.execute(trx);
  const seen = new Map<string, RollupKey>();
  for (const k of r.rows) seen.set(`${k.areaId}|${k.substanceId}|${k.sourceId}|${k.year}|${k.month}`, k);
  return [...seen.values()];
}

/** Area ids by code (countries, territories, sub-national units; groups are refused by the caller). */
export async function areaIds(db: ReadonlyDb | Db, codes: string[]) {
  if (!codes.length) return [];
  return db
    .selectFrom('area')
    .select(['id', 'code', 'alpha2', 'kind'])
    .where((eb) =>
      eb.or([
        eb(
          eb.fn('upper', ['code']),
          'in',
          codes.map((c) => c.toUpperCase()),
        ),
        eb(
          eb.fn('upper', ['alpha2']),
          'in',
          codes.map((c) => c.toUpperCase()),
        ),
      ]),
    )
    .execute();
}
