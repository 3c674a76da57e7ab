import { sql, type SqlBool, type Expression, type Transaction } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Database, SignalKind } from '../../platform/db/schema.ts';
import { PREFERENCE_ORDER } from '../observations/index.ts';

type Q = Db | Transaction<Database>;

/** Yearly periods only; monthly `YYYY-MM` periods are not part of a yearly series. */
const YEARLY = sql<SqlBool>`o.period ~ '^[0-9]{4}$'`;

/** (indicator, area): the unit in which series are loaded, judged and retired together. */
export interface SeriesGroup {
  indicatorId: number;
  areaId: number;
  /** Yearly observations in the group (all sources), to size the chunks. */
  observations: number;
}

const groupKey = (g: { indicatorId: number; areaId: number }) => `${g.indicatorId}:${g.areaId}`;

function mergeGroups(
  counted: { indicatorId: number; areaId: number; observations: number }[],
  extra: { indicatorId: number; areaId: number }[],
): SeriesGroup[] {
  const out = new Map<string, SeriesGroup>();
  for (const g of counted)
    out.set(groupKey(g), {
      indicatorId: g.indicatorId,
      areaId: g.areaId,
      observations: Number(g.observations),
    });
  for (const g of extra)
    if (!out.has(groupKey(g)))
      out.set(groupKey(g), { indicatorId: g.indicatorId, areaId: g.areaId, observations: 0 });
  return [...out.values()].sort((a, b) => a.indicatorId - b.indicatorId || a.areaId - b.areaId);
}

/** Every group of the cube, and every group that still has stored signals (to retire them). */
export async function allGroups(db: ReadonlyDb): Promise<SeriesGroup[]> {
  const counted = await sql<{ indicatorId: number; areaId: number; observations: number }>`
    select o.indicator_id, o.area_id, count(*)::int as observations
    from observation o where ${YEARLY} group by o.indicator_id, o.area_id`.execute(db);
  const signalled = await db.selectFrom('signal').select(['indicatorId', 'areaId']).distinct().execute();
  return mergeGroups(counted.rows, signalled);
}

/**
 * The groups an import batch touched: those of the observations it inserted or updated (by
 * `import_change`, which a rollback keeps, and by `import_batch_id`), plus those of stored signals
 * built on any of those observations (after a rollback the inserted ones are gone from the cube).
 */
export async function batchGroups(db: ReadonlyDb, batchId: number): Promise<SeriesGroup[]> {
  const touched = await sql<{ indicatorId: number; areaId: number }>`
    with changed as (
      select observation_id as id from import_change where batch_id = ${batchId}
      union
      select id from observation where import_batch_id = ${batchId}
    )
    select distinct o.indicator_id, o.area_id from observation o join changed c on c.id = o.id
    union
    select distinct s.indicator_id, s.area_id from signal s
    where s.observation_ids && (select coalesce(array_agg(id), '{}') from changed)`.execute(db);
  return pairGroups(db, touched.rows);
}

/** Given (indicator, area) pairs, with their sizes (pairs without observations retire their signals). */
export async function pairGroups(
  db: ReadonlyDb,
  pairs: readonly { indicatorId: number; areaId: number }[],
): Promise<SeriesGroup[]> {
  if (pairs.length === 0) return [];
  const counted = await sql<{ indicatorId: number; areaId: number; observations: number }>`
    select o.indicator_id, o.area_id, count(*)::int as observations
    from observation o
    join unnest(${pairs.map((g) => g.indicatorId)}::int[], ${pairs.map((g) => g.areaId)}::int[])
      as g(indicator_id, area_id) on o.indicator_id = g.indicator_id and o.area_id = g.area_id
    where ${YEARLY}
    group by o.indicator_id, o.area_id`.execute(db);
  return mergeGroups(counted.rows, [...pairs]);
}

/** The preferred observation of one yearly period of one series. */
export interface PointRow {
  id: number;
  indicatorId: number;
  areaId: number;
  substanceId: number | null;
  dimKey: string;
  year: number;
  value: number | null;
  unit: string;
  status: string;
  confidentiality: 'public' | 'dialogue' | 'restricted';
}

const distinct = <T>(values: T[]) => [...new Set(values)];

/** Keeps the rows of the given groups (queries select by areas × indicators, a superset). */
function ofGroups<T extends { indicatorId: number; areaId: number }>(
  rows: T[],
  groups: readonly SeriesGroup[],
): T[] {
  const wanted = new Set(groups.map(groupKey));
  return rows.filter((r) => wanted.has(groupKey(r)));
}

/**
 * The series of the given groups in one ordered query: per (indicator, substance, area, period,
 * dimensions) the observation of the preferred source (PREFERENCE_ORDER, as the observations API),
 * ordered by series key then year. Missing values (status M) come back with a null value. The
 * groups' areas and indicators are matched with `= any(…)` on the (area, indicator) index, so a
 * chunk reads only its own rows. The dimension members (jsonb) are not read here: only the series
 * that yield signals need them (`dimsOf`).
 */
export async function loadPoints(db: ReadonlyDb, groups: readonly SeriesGroup[]): Promise<PointRow[]> {
  if (groups.length === 0) return [];
  const result = await sql<PointRow>`
    select distinct on (o.indicator_id, o.area_id, o.substance_id, o.dim_key, o.period)
      o.id, o.indicator_id, o.area_id, o.substance_id, o.dim_key, o.year, o.value, o.unit, o.status,
      o.confidentiality
    from observation o
    join source src on src.id = o.source_id
    where o.area_id = any(${distinct(groups.map((g) => g.areaId))}::int[])
      and o.indicator_id = any(${distinct(groups.map((g) => g.indicatorId))}::int[])
      and ${YEARLY}
    order by o.indicator_id, o.area_id, o.substance_id nulls first, o.dim_key, o.period, ${PREFERENCE_ORDER}`.execute(
    db,
  );
  return ofGroups(result.rows, groups).map((r) => ({ ...r, id: Number(r.id) }));
}

/** Dimension members of some observations. */
export async function dimsOf(
  db: ReadonlyDb,
  ids: readonly number[],
): Promise<Map<number, Record<string, string>>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('observation')
    .select(['id', 'dims'])
    .where('id', '=', sql<number>`any(${[...ids]}::bigint[])`)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.dims]));
}

/** What is stored of the signals of some groups, to tell new, changed, unchanged and gone apart. */
export interface StoredSignal {
  id: number;
  indicatorId: number;
  areaId: number;
  fingerprint: string;
  digest: string;
  stale: boolean;
}

export async function storedSignals(db: ReadonlyDb, groups: readonly SeriesGroup[]): Promise<StoredSignal[]> {
  if (groups.length === 0) return [];
  const rows = await db
    .selectFrom('signal')
    .select(['id', 'indicatorId', 'areaId', 'fingerprint', 'digest'])
    .select(sql<boolean>`stale_at is not null`.as('stale'))
    .where('areaId', 'in', distinct(groups.map((g) => g.areaId)))
    .where('indicatorId', 'in', distinct(groups.map((g) => g.indicatorId)))
    .execute();
  return ofGroups(rows, groups).map((r) => ({ ...r, id: Number(r.id) }));
}

export interface SignalValues {
  fingerprint: string;
  digest: string;
  kind: SignalKind;
  indicatorId: number;
  areaId: number;
  substanceId: number | null;
  dimKey: string;
  dims: Record<string, string>;
  year: number;
  severity: 'info' | 'notice' | 'alert';
  params: Record<string, unknown>;
  observationIds: number[];
  textEn: string;
  textRu: string;
  confidentiality: 'public' | 'dialogue' | 'restricted';
}

/**
 * Inserts new signals and updates changed ones (numbers, texts, observations, severity,
 * confidentiality — all summed up by `digest`; a stale one becomes current again), keeping status
 * and notes. Returns how many were inserted and updated.
 */
export async function upsertSignals(
  trx: Q,
  rows: readonly SignalValues[],
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const written = await trx
      .insertInto('signal')
      .values(
        chunk.map((r) => ({
          ...r,
          dims: JSON.stringify(r.dims),
          params: JSON.stringify(r.params),
        })),
      )
      .onConflict((oc) =>
        oc
          .column('fingerprint')
          .doUpdateSet({
            digest: (eb) => eb.ref('excluded.digest'),
            severity: (eb) => eb.ref('excluded.severity'),
            params: (eb) => eb.ref('excluded.params'),
            observationIds: (eb) => eb.ref('excluded.observationIds'),
            textEn: (eb) => eb.ref('excluded.textEn'),
            textRu: (eb) => eb.ref('excluded.textRu'),
            confidentiality: (eb) => eb.ref('excluded.confidentiality'),
            dims: (eb) => eb.ref('excluded.dims'),
            staleAt: null,
            updatedAt: sql<Date>`now()`,
          })
          .where(sql<SqlBool>`signal.digest is distinct from excluded.digest or signal.stale_at is not null`),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    for (const w of written) {
      if (w.inserted) inserted++;
      else updated++;
    }
  }
  return { inserted, updated };
}

/**
 * Signals that detection no longer finds: deleted when no analyst touched them (status `new`, no
 * notes), otherwise marked stale (kept, with status and notes).
 */
export async function retireSignals(
  trx: Q,
  ids: readonly number[],
): Promise<{ deleted: number; stale: number }> {
  if (ids.length === 0) return { deleted: 0, stale: 0 };
  const touched = sql<SqlBool>`(s.status <> 'new' or exists (select 1 from signal_note n where n.signal_id = s.id))`;
  const deleted = await sql`
    delete from signal s where s.id = any(${[...ids]}::bigint[]) and not ${touched}`.execute(trx);
  const stale = await sql`
    update signal s set stale_at = now(), updated_at = now()
    where s.id = any(${[...ids]}::bigint[]) and s.stale_at is null and ${touched}`.execute(trx);
  return { deleted: Number(deleted.numAffectedRows ?? 0), stale: Number(stale.numAffectedRows ?? 0) };
}

/** Reference names for texts: every indicator, area and substance, unit symbols, dimension codes. */
export async function loadReference(db: ReadonlyDb) {
  const [indicators, areas, substances, codes] = await Promise.all([
    db.selectFrom('indicator').select(['id', 'code', 'nameEn', 'nameRu', 'dimensions']).execute(),
    db.selectFrom('area').select(['id', 'code', 'nameEn', 'nameRu']).execute(),
    db.selectFrom('substance').select(['id', 'code', 'nameEn', 'nameRu']).execute(),
    db.selectFrom('code').select(['codelist', 'code', 'nameEn', 'nameRu', 'attributes']).execute(),
  ]);
  return { indicators, areas, substances, codes };
}
export type Reference = Awaited<ReturnType<typeof loadReference>>;

export interface SignalFilter {
  kinds?: string[];
  severities?: string[];
  statuses?: string[];
  indicatorIds?: number[];
  areaIds?: number[];
  substanceIds?: number[];
  fromYear?: number;
  toYear?: number;
  stale: 'exclude' | 'include' | 'only';
  confidentiality: string[];
  id?: number;
}

export interface SignalRow {
  id: number;
  kind: SignalKind;
  year: number;
  severity: 'info' | 'notice' | 'alert';
  status: 'new' | 'confirmed' | 'muted';
  params: Record<string, unknown>;
  observationIds: number[];
  dims: Record<string, string>;
  textEn: string;
  textRu: string;
  confidentiality: 'public' | 'dialogue' | 'restricted';
  staleAt: Date | null;
  detectedAt: Date;
  updatedAt: Date;
  statusChangedAt: Date | null;
  indicatorCode: string;
  indicatorNameEn: string;
  indicatorNameRu: string;
  areaCode: string;
  areaNameEn: string;
  areaNameRu: string;
  substanceCode: string | null;
  substanceNameEn: string | null;
  substanceNameRu: string | null;
  noteCount: number;
}

function filtered(db: ReadonlyDb, f: SignalFilter) {
  return db
    .selectFrom('signal as s')
    .innerJoin('indicator as i', 'i.id', 's.indicatorId')
    .innerJoin('area as a', 'a.id', 's.areaId')
    .leftJoin('substance as sb', 'sb.id', 's.substanceId')
    .where((eb) => {
      const c: Expression<SqlBool>[] = [eb('s.confidentiality', 'in', f.confidentiality as never[])];
      if (f.id !== undefined) c.push(eb('s.id', '=', f.id));
      if (f.kinds?.length) c.push(eb('s.kind', 'in', f.kinds as SignalKind[]));
      if (f.severities?.length) c.push(eb('s.severity', 'in', f.severities as never[]));
      if (f.statuses?.length) c.push(eb('s.status', 'in', f.statuses as never[]));
      if (f.indicatorIds) c.push(eb('s.indicatorId', 'in', f.indicatorIds.length ? f.indicatorIds : [-1]));
      if (f.areaIds) c.push(eb('s.areaId', 'in', f.areaIds.length ? f.areaIds : [-1]));
      if (f.substanceIds) c.push(eb('s.substanceId', 'in', f.substanceIds.length ? f.substanceIds : [-1]));
      if (f.fromYear !== undefined) c.push(eb('s.year', '>=', f.fromYear));
      if (f.toYear !== undefined) c.push(eb('s.year', '<=', f.toYear));
      if (f.stale === 'exclude') c.push(eb('s.staleAt', 'is', null));
      if (f.stale === 'only') c.push(eb('s.staleAt', 'is not', null));
      return eb.and(c);
    });
}

/** One page of signals: newest year first, then the most severe, then the latest detected. */
export async function findSignals(
  db: ReadonlyDb,
  f: SignalFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: SignalRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    filtered(db, f)
      .select((eb) => [
        's.id',
        's.kind',
        's.year',
        's.severity',
        's.status',
        's.params',
        's.observationIds',
        's.dims',
        's.textEn',
        's.textRu',
        's.confidentiality',
        's.staleAt',
        's.detectedAt',
        's.updatedAt',
        's.statusChangedAt',
        'i.code as indicatorCode',
        'i.nameEn as indicatorNameEn',
        'i.nameRu as indicatorNameRu',
        'a.code as areaCode',
        'a.nameEn as areaNameEn',
        'a.nameRu as areaNameRu',
        'sb.code as substanceCode',
        'sb.nameEn as substanceNameEn',
        'sb.nameRu as substanceNameRu',
        eb
          .selectFrom('signalNote as n')
          .select(sql<number>`count(*)::int`.as('c'))
          .whereRef('n.signalId', '=', 's.id')
          .as('noteCount'),
      ])
      .orderBy('s.year', 'desc')
      .orderBy(sql`case s.severity when 'alert' then 3 when 'notice' then 2 else 1 end`, 'desc')
      .orderBy('s.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      observationIds: r.observationIds.map(Number),
      noteCount: Number(r.noteCount ?? 0),
    })),
    total: Number(total.n),
  };
}

/** The observations behind a signal, with their sources (those still in the cube). */
export async function findObservations(db: ReadonlyDb, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('observation as o')
    .innerJoin('source as src', 'src.id', 'o.sourceId')
    .select([
      'o.id',
      'o.period',
      'o.year',
      'o.value',
      'o.unit',
      'o.status',
      'o.confidentiality',
      'src.code as sourceCode',
      'src.publisher as sourcePublisher',
      'src.titleEn as sourceTitleEn',
      'src.titleRu as sourceTitleRu',
      'src.tableName as sourceTable',
      'src.year as sourceYear',
    ])
    .where('o.id', 'in', [...ids])
    .orderBy('o.year')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export function findNotes(db: ReadonlyDb, signalId: number) {
  return db
    .selectFrom('signalNote as n')
    .leftJoin('appUser as u', 'u.id', 'n.authorId')
    .select(['n.id', 'n.text', 'n.createdAt', 'u.username as author'])
    .where('n.signalId', '=', signalId)
    .orderBy('n.id')
    .execute();
}

/** The signal row for a write, locked until the transaction ends. */
export function lockSignal(trx: Transaction<Database>, id: number) {
  return trx
    .selectFrom('signal')
    .select(['id', 'status', 'confidentiality', 'kind', 'year', 'fingerprint'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setStatus(
  trx: Transaction<Database>,
  id: number,
  status: 'new' | 'confirmed' | 'muted',
  userId: number,
): Promise<void> {
  await trx
    .updateTable('signal')
    .set({ status, statusChangedBy: userId, statusChangedAt: new Date(), updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export function insertNote(trx: Transaction<Database>, signalId: number, authorId: number, text: string) {
  return trx
    .insertInto('signalNote')
    .values({ signalId, authorId, text })
    .returning(['id', 'text', 'createdAt'])
    .executeTakeFirstOrThrow();
}

/** A batch as far as detection needs it. */
export function findBatch(db: ReadonlyDb, id: number) {
  return db.selectFrom('importBatch').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
}
