import { sql, type Transaction } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { ActivityStatus, Database, Visibility } from '../../platform/db/schema.ts';

type Q = Db | Transaction<Database>;

const day = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export interface ProgrammeRow {
  id: number;
  code: string;
  nameEn: string | null;
  nameRu: string | null;
  descriptionEn: string | null;
  descriptionRu: string | null;
  funderEn: string | null;
  funderRu: string | null;
  implementerEn: string | null;
  implementerRu: string | null;
  startDate: string | null;
  endDate: string | null;
  url: string | null;
  sourceReference: string | null;
  visibility: Visibility;
  createdAt: Date;
  updatedAt: Date;
}

function selectProgrammes(db: ReadonlyDb) {
  return db
    .selectFrom('programme as p')
    .select([
      'p.id',
      'p.code',
      'p.nameEn',
      'p.nameRu',
      'p.descriptionEn',
      'p.descriptionRu',
      'p.funderEn',
      'p.funderRu',
      'p.implementerEn',
      'p.implementerRu',
      'p.url',
      'p.sourceReference',
      'p.visibility',
      'p.createdAt',
      'p.updatedAt',
    ])
    .select([day('p.start_date').as('startDate'), day('p.end_date').as('endDate')]);
}

export async function findProgrammes(
  db: ReadonlyDb,
  filter: { visibility: Visibility[]; areaIds?: number[]; ids?: number[] },
  page: { limit: number; offset: number },
): Promise<{ rows: ProgrammeRow[]; total: number }> {
  let q = selectProgrammes(db).where('p.visibility', 'in', filter.visibility);
  if (filter.areaIds)
    q = q.where('p.id', 'in', (eb) =>
      eb.selectFrom('programmeCountry').select('programmeId').where('areaId', 'in', filter.areaIds!),
    );
  if (filter.ids) {
    if (filter.ids.length === 0) return { rows: [], total: 0 };
    q = q.where('p.id', 'in', filter.ids);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('p.code').limit(page.limit).offset(page.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows, total: Number(count.n) };
}

export async function findProgrammeByCode(db: ReadonlyDb, code: string): Promise<ProgrammeRow | undefined> {
  return await selectProgrammes(db)
    .where(sql`lower(p.code)`, '=', code.toLowerCase())
    .executeTakeFirst();
}

export interface CountryRow {
  programmeId: number;
  areaId: number;
  code: string;
  nameEn: string;
  nameRu: string;
}

export async function countriesOf(db: ReadonlyDb, programmeIds: number[]): Promise<CountryRow[]> {
  if (programmeIds.length === 0) return [];
  return db
    .selectFrom('programmeCountry as pc')
    .innerJoin('area as a', 'a.id', 'pc.areaId')
    .select(['pc.programmeId', 'pc.areaId', 'a.code', 'a.nameEn', 'a.nameRu'])
    .where('pc.programmeId', 'in', programmeIds)
    .orderBy('a.code')
    .execute();
}

export async function componentsOf(db: ReadonlyDb, programmeId: number) {
  return db
    .selectFrom('programmeComponent')
    .select(['id', 'position', 'titleEn', 'titleRu', 'descriptionEn', 'descriptionRu'])
    .where('programmeId', '=', programmeId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function activitiesOf(db: ReadonlyDb, programmeId: number) {
  return db
    .selectFrom('programmeActivity as pa')
    .leftJoin('area as a', 'a.id', 'pa.areaId')
    .select([
      'pa.id',
      'pa.componentId',
      'pa.titleEn',
      'pa.titleRu',
      'pa.descriptionEn',
      'pa.descriptionRu',
      'pa.status',
      'a.code as areaCode',
      'a.nameEn as areaNameEn',
      'a.nameRu as areaNameRu',
    ])
    .select([day('pa.start_date').as('startDate'), day('pa.end_date').as('endDate')])
    .where('pa.programmeId', '=', programmeId)
    .orderBy(sql`pa.start_date nulls last`)
    .orderBy('pa.id')
    .execute();
}

export interface MeetingLinkRow {
  programmeId: number;
  meetingId: number;
  date: string;
  titleEn: string | null;
  titleRu: string | null;
  via: 'agenda' | 'delegation' | 'participant';
}

/**
 * Meetings where programmes are presented (agenda items) or supported participation (delegations,
 * participants), among meetings whose meeting and dialogue visibility are in `visibility`.
 */
export async function meetingLinks(
  db: ReadonlyDb,
  filter: { programmeIds?: number[]; meetingId?: number; visibility: Visibility[] },
): Promise<MeetingLinkRow[]> {
  const programmeCond = filter.programmeIds
    ? (col: string) => sql`${sql.ref(col)} = any(${filter.programmeIds}::int[])`
    : (col: string) => sql`${sql.ref(col)} is not null`;
  const meetingCond = filter.meetingId === undefined ? sql`true` : sql`m.id = ${filter.meetingId}`;
  const result = await sql<MeetingLinkRow>`
    with links as (
      select ai.programme_id, ai.meeting_id, 'agenda' as via from agenda_item ai
        where ${programmeCond('ai.programme_id')}
      union
      select d.supported_by_programme_id, d.meeting_id, 'delegation' from delegation d
        where ${programmeCond('d.supported_by_programme_id')}
      union
      select p.supported_by_programme_id, d.meeting_id, 'participant'
        from participant p join delegation d on d.id = p.delegation_id
        where ${programmeCond('p.supported_by_programme_id')}
    )
    select l.programme_id, m.id as meeting_id, to_char(m.start_date, 'YYYY-MM-DD') as date,
           m.title_en, m.title_ru, l.via
    from links l
    join meeting m on m.id = l.meeting_id
    join dialogue dl on dl.id = m.dialogue_id
    where m.visibility = any(${filter.visibility}::text[])
      and dl.visibility = any(${filter.visibility}::text[])
      and ${meetingCond}
    order by m.start_date desc, m.id, l.via`.execute(db);
  return result.rows;
}

export interface ProgrammeValues {
  code?: string;
  nameEn?: string | null;
  nameRu?: string | null;
  descriptionEn?: string | null;
  descriptionRu?: string | null;
  funderEn?: string | null;
  funderRu?: string | null;
  implementerEn?: string | null;
  implementerRu?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  url?: string | null;
  sourceReference?: string | null;
  visibility?: Visibility;
}

export async function insertProgramme(
  trx: Q,
  values: ProgrammeValues & { code: string },
  createdBy: number | null,
): Promise<number> {
  const row = await trx
    .insertInto('programme')
    .values({ ...values, createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProgramme(trx: Q, id: number, values: ProgrammeValues): Promise<void> {
  await trx
    .updateTable('programme')
    .set({ ...values, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteProgramme(trx: Q, id: number): Promise<void> {
  await trx.deleteFrom('programme').where('id', '=', id).execute();
}

export async function replaceCountries(trx: Q, programmeId: number, areaIds: number[]): Promise<void> {
  await trx.deleteFrom('programmeCountry').where('programmeId', '=', programmeId).execute();
  if (areaIds.length)
    await trx
      .insertInto('programmeCountry')
      .values(areaIds.map((areaId) => ({ programmeId, areaId })))
      .execute();
}

export interface ComponentValues {
  titleEn: string | null;
  titleRu: string | null;
  descriptionEn: string | null;
  descriptionRu: string | null;
}

export interface ActivityValues extends ComponentValues {
  component: number | null;
  areaId: number | null;
  startDate: string | null;
  endDate: string | null;
  status: ActivityStatus;
}

/** Replaces the components (in order); returns their new ids in the same order. */
export async function replaceComponents(
  trx: Q,
  programmeId: number,
  components: ComponentValues[],
): Promise<number[]> {
  await trx.deleteFrom('programmeComponent').where('programmeId', '=', programmeId).execute();
  if (components.length === 0) return [];
  const rows = await trx
    .insertInto('programmeComponent')
    .values(components.map((c, position) => ({ ...c, programmeId, position })))
    .returning(['id', 'position'])
    .execute();
  return rows.sort((a, b) => a.position - b.position).map((r) => r.id);
}

export async function componentIds(trx: Q, programmeId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('programmeComponent')
    .select('id')
    .where('programmeId', '=', programmeId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function replaceActivities(
  trx: Q,
  programmeId: number,
  activities: (Omit<ActivityValues, 'component'> & { componentId: number | null })[],
): Promise<void> {
  await trx.deleteFrom('programmeActivity').where('programmeId', '=', programmeId).execute();
  if (activities.length)
    await trx
      .insertInto('programmeActivity')
      .values(activities.map((a) => ({ ...a, programmeId })))
      .execute();
}
