import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

/** SQL of dialogues, meetings and what a meeting records. Dates are read as YYYY-MM-DD text. */

type Reader = ReadonlyDb | Db | Transaction<Database>;
type Writer = Db | Transaction<Database>;
type Vis = 'participants' | 'public';

const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

// ---- reference look-ups ----

export async function findAreaByCode(db: Reader, code: string) {
  return db
    .selectFrom('area')
    .select(['id', 'code', 'nameEn', 'nameRu', 'kind'])
    .where((eb) =>
      eb.or([
        eb(eb.fn('upper', ['code']), '=', code.toUpperCase()),
        eb(eb.fn('upper', ['alpha2']), '=', code.toUpperCase()),
      ]),
    )
    .executeTakeFirst();
}
export async function findProgrammeByCode(db: Reader, code: string) {
  return db.selectFrom('programme').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}
export async function findStrategyByCode(db: Reader, code: string) {
  return db.selectFrom('strategy').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}
export async function areasByIds(db: Reader, ids: number[]) {
  if (!ids.length) return [];
  return db.selectFrom('area').select(['id', 'code', 'nameEn', 'nameRu']).where('id', 'in', ids).execute();
}
export async function programmesByIds(db: Reader, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('programme')
    .select(['id', 'code', 'nameEn', 'nameRu', 'funderEn', 'funderRu', 'implementerEn', 'implementerRu'])
    .where('id', 'in', ids)
    .execute();
}
export async function strategiesByIds(db: Reader, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('strategy')
    .select(['id', 'code', 'titleEn', 'titleRu'])
    .where('id', 'in', ids)
    .execute();
}

// ---- dialogues ----

const dialogueColumns = [
  'd.id',
  'd.code',
  'd.kind',
  'd.partnerAreaId',
  'd.titleEn',
  'd.titleRu',
  'd.descriptionEn',
  'd.descriptionRu',
  'd.visibility',
  'd.createdAt',
] as const;

export async function listDialogues(
  db: Reader,
  f: { visibility: Vis[]; kind?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('dialogue as d').where('d.visibility', 'in', f.visibility);
  if (f.kind) q = q.where('d.kind', '=', f.kind as 'regional');
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(dialogueColumns)
    .select((eb) =>
      eb
        .selectFrom('meeting as m')
        .whereRef('m.dialogueId', '=', 'd.id')
        .where('m.visibility', 'in', f.visibility)
        .select((e) => e.fn.countAll<string>().as('c'))
        .as('meetingCount'),
    )
    .orderBy('d.code')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total.n) };
}
export type DialogueRow = Awaited<ReturnType<typeof listDialogues>>['rows'][number];

export async function findDialogue(db: Reader, by: { id?: number; code?: string }, visibility: Vis[]) {
  let q = db
    .selectFrom('dialogue as d')
    .select(dialogueColumns)
    .select((eb) =>
      eb
        .selectFrom('meeting as m')
        .whereRef('m.dialogueId', '=', 'd.id')
        .where('m.visibility', 'in', visibility)
        .select((e) => e.fn.countAll<string>().as('c'))
        .as('meetingCount'),
    )
    .where('d.visibility', 'in', visibility);
  if (by.id !== undefined) q = q.where('d.id', '=', by.id);
  if (by.code !== undefined) q = q.where('d.code', '=', by.code);
  return q.executeTakeFirst();
}

export async function insertDialogue(db: Writer, values: Insertable<Database['dialogue']>) {
  return db.insertInto('dialogue').values(values).returning('id').executeTakeFirstOrThrow();
}
export async function updateDialogue(db: Writer, id: number, values: Updateable<Database['dialogue']>) {
  await db.updateTable('dialogue').set(values).where('id', '=', id).execute();
}
export async function rawDialogue(db: Reader, id: number) {
  return db.selectFrom('dialogue').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- meetings ----

const meetingSelect = (db: Reader) =>
  db
    .selectFrom('meeting as m')
    .innerJoin('dialogue as d', 'd.id', 'm.dialogueId')
    .select([
      'm.id',
      'm.dialogueId',
      'd.code as dialogueCode',
      'd.titleEn as dialogueTitleEn',
      'd.titleRu as dialogueTitleRu',
      'd.kind as dialogueKind',
      'd.descriptionEn as dialogueDescriptionEn',
      'd.descriptionRu as dialogueDescriptionRu',
      'm.titleEn',
      'm.titleRu',
      'm.placeEn',
      'm.placeRu',
      'm.format',
      'm.chairEn',
      'm.chairRu',
      'm.status',
      'm.visibility',
      'm.sourceReference',
      'm.updatedAt',
    ])
    .select([day('m.start_date').as('startDate'), day('m.end_date').as('endDate')]);

export async function listMeetings(
  db: Reader,
  f: {
    visibility: Vis[];
    dialogueCode?: string;
    status?: string;
    year?: number;
    limit: number;
    offset: number;
  },
) {
  let q = meetingSelect(db)
    .where('m.visibility', 'in', f.visibility)
    .where('d.visibility', 'in', f.visibility);
  if (f.dialogueCode) q = q.where('d.code', '=', f.dialogueCode);
  if (f.status) q = q.where('m.status', '=', f.status as 'held');
  if (f.year !== undefined) q = q.where(sql<number>`extract(year from m.start_date)::int`, '=', f.year);
  const rows = await q
    .select(sql<string>`count(*) over ()`.as('total'))
    .orderBy('m.startDate', 'desc')
    .orderBy('m.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return rows;
}
export type MeetingRow = Awaited<ReturnType<typeof listMeetings>>[number];

export async function findMeeting(db: Reader, id: number) {
  return meetingSelect(db)
    .select(['d.visibility as dialogueVisibility'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}
export type MeetingFull = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export async function insertMeeting(db: Writer, values: Insertable<Database['meeting']>) {
  return db.insertInto('meeting').values(values).returning('id').executeTakeFirstOrThrow();
}
export async function updateMeeting(db: Writer, id: number, values: Updateable<Database['meeting']>) {
  await db
    .updateTable('meeting')
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}
export async function deleteMeeting(db: Writer, id: number) {
  // Follow-ups closed at this meeting keep their status; the meeting reference goes (set null).
  await db.deleteFrom('meeting').where('id', '=', id).execute();
}

// ---- agenda ----

export async function agendaOf(db: Reader, meetingId: number) {
  return db
    .selectFrom('agendaItem')
    .selectAll()
    .where('meetingId', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}
export async function findAgendaItem(db: Reader, id: number) {
  return db.selectFrom('agendaItem').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function nextPosition(
  db: Reader,
  table: 'agendaItem' | 'delegation' | 'conclusion',
  meetingId: number,
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('p'))
    .where('meetingId', '=', meetingId)
    .executeTakeFirstOrThrow();
  return r.p;
}

// ---- delegations ----

export async function delegationsOf(db: Reader, meetingId: number) {
  return db
    .selectFrom('delegation')
    .selectAll()
    .where('meetingId', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}
export async function findDelegation(db: Reader, id: number) {
  return db.selectFrom('delegation').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findDelegationByArea(db: Reader, meetingId: number, areaId: number) {
  return db
    .selectFrom('delegation')
    .select('id')
    .where('meetingId', '=', meetingId)
    .where('areaId', '=', areaId)
    .executeTakeFirst();
}
export async function participantsOf(db: Reader, delegationIds: number[]) {
  if (!delegationIds.length) return [];
  return db
    .selectFrom('participant')
    .selectAll()
    .where('delegationId', 'in', delegationIds)
    .orderBy('isHead', 'desc')
    .orderBy('position')
    .orderBy('id')
    .execute();
}
export async function findParticipant(db: Reader, id: number) {
  return db.selectFrom('participant').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function headOf(db: Reader, delegationId: number) {
  return db
    .selectFrom('participant')
    .select(['id', 'name'])
    .where('delegationId', '=', delegationId)
    .where('isHead', '=', true)
    .executeTakeFirst();
}

// ---- documents ----

export async function documentsOf(db: Reader, meetingId: number, clearances: string[]) {
  return db
    .selectFrom('dialogueDocument as doc')
    .leftJoin('storedFile as f', 'f.sha256', 'doc.fileSha256')
    .selectAll('doc')
    .select(['f.size', 'f.mediaType'])
    .where('doc.meetingId', '=', meetingId)
    .where('doc.clearance', 'in', clearances as 'draft'[])
    .orderBy('doc.id')
    .execute();
}
export async function findDocument(db: Reader, id: number) {
  return db
    .selectFrom('dialogueDocument as doc')
    .leftJoin('storedFile as f', 'f.sha256', 'doc.fileSha256')
    .selectAll('doc')
    .select(['f.size', 'f.mediaType'])
    .where('doc.id', '=', id)
    .executeTakeFirst();
}
export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

// ---- conclusions and follow-ups ----

export async function conclusionsOf(db: Reader, meetingId: number) {
  return db
    .selectFrom('conclusion')
    .selectAll()
    .where('meetingId', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}
export async function findConclusion(db: Reader, id: number) {
  return db.selectFrom('conclusion').selectAll().where('id', '=', id).executeTakeFirst();
}

const followUpSelect = (db: Reader) =>
  db
    .selectFrom('followUp as f')
    .innerJoin('meeting as m', 'm.id', 'f.meetingId')
    .leftJoin('area as a', 'a.id', 'f.ownerAreaId')
    .select([
      'f.id',
      'f.meetingId',
      'f.conclusionId',
      'f.textEn',
      'f.textRu',
      'f.ownerEn',
      'f.ownerRu',
      'f.ownerAreaId',
      'a.code as ownerAreaCode',
      'a.nameEn as ownerAreaNameEn',
      'a.nameRu as ownerAreaNameRu',
      'f.status',
      'f.closedAtMeetingId',
      'f.closedAt',
      'f.updatedAt',
      'm.dialogueId',
    ])
    .select([day('f.due_date').as('dueDate'), day('m.start_date').as('meetingStartDate')]);
export type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpSelect>['execute']>>[number];

/**
 * Follow-ups across meetings (the organisers' tracker): of readable meetings of readable dialogues,
 * filtered by dialogue, status and owner country; oldest due date first (no due date last).
 */
export async function listFollowUps(
  db: Reader,
  f: {
    visibility: Vis[];
    dialogueCode?: string;
    statuses?: string[];
    ownerAreaCode?: string;
    limit: number;
    offset: number;
  },
) {
  let q = followUpSelect(db)
    .innerJoin('dialogue as d', 'd.id', 'm.dialogueId')
    .select(['d.code as dialogueCode', 'm.titleEn as meetingTitleEn', 'm.titleRu as meetingTitleRu'])
    .where('m.visibility', 'in', f.visibility)
    .where('d.visibility', 'in', f.visibility);
  if (f.dialogueCode) q = q.where('d.code', '=', f.dialogueCode);
  if (f.statuses?.length) q = q.where('f.status', 'in', f.statuses as 'open'[]);
  if (f.ownerAreaCode) q = q.where('a.code', '=', f.ownerAreaCode);
  return q
    .select(sql<string>`count(*) over ()`.as('total'))
    .orderBy(sql`f.due_date asc nulls last`)
    .orderBy('m.startDate')
    .orderBy('f.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function followUpsOf(db: Reader, meetingId: number) {
  return followUpSelect(db).where('f.meetingId', '=', meetingId).orderBy('f.id').execute();
}
export async function findFollowUp(db: Reader, id: number) {
  return followUpSelect(db).where('f.id', '=', id).executeTakeFirst();
}

/**
 * Follow-ups raised at earlier meetings of the same dialogue that are still open or in progress,
 * plus those closed at this very meeting (they were on its agenda): they are carried until closed.
 * "Earlier" is by start date, then id for meetings on the same day.
 */
export async function carriedFollowUps(
  db: Reader,
  meeting: { id: number; dialogueId: number; startDate: string },
) {
  return followUpSelect(db)
    .where('m.dialogueId', '=', meeting.dialogueId)
    .where('m.id', '<>', meeting.id)
    .where((eb) =>
      eb.or([
        eb('m.startDate', '<', sql<string>`${meeting.startDate}::date`),
        eb.and([
          eb('m.startDate', '=', sql<string>`${meeting.startDate}::date`),
          eb('m.id', '<', meeting.id),
        ]),
      ]),
    )
    .where((eb) =>
      eb.or([eb('f.status', 'in', ['open', 'in_progress']), eb('f.closedAtMeetingId', '=', meeting.id)]),
    )
    .orderBy('m.startDate')
    .orderBy('f.id')
    .execute();
}

// ---- press release ----

export async function findPressRelease(db: Reader, meetingId: number) {
  return db.selectFrom('pressRelease').selectAll().where('meetingId', '=', meetingId).executeTakeFirst();
}

// ---- writes ----

type Ins<T extends keyof Database> = Insertable<Database[T]>;
type Upd<T extends keyof Database> = Updateable<Database[T]>;

export async function insertAgendaItem(db: Writer, values: Ins<'agendaItem'>) {
  return (await db.insertInto('agendaItem').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateAgendaItem(db: Writer, id: number, values: Upd<'agendaItem'>) {
  await db.updateTable('agendaItem').set(values).where('id', '=', id).execute();
}
export async function deleteAgendaItem(db: Writer, id: number) {
  await db.deleteFrom('agendaItem').where('id', '=', id).execute();
}

export async function insertDelegation(db: Writer, values: Ins<'delegation'>) {
  return (await db.insertInto('delegation').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateDelegation(db: Writer, id: number, values: Upd<'delegation'>) {
  await db.updateTable('delegation').set(values).where('id', '=', id).execute();
}
export async function deleteDelegation(db: Writer, id: number) {
  await db.deleteFrom('delegation').where('id', '=', id).execute();
}

export async function insertParticipant(db: Writer, values: Ins<'participant'>) {
  return (await db.insertInto('participant').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateParticipant(db: Writer, id: number, values: Upd<'participant'>) {
  await db.updateTable('participant').set(values).where('id', '=', id).execute();
}
export async function deleteParticipant(db: Writer, id: number) {
  await db.deleteFrom('participant').where('id', '=', id).execute();
}

export async function insertConclusion(db: Writer, values: Ins<'conclusion'>) {
  return (await db.insertInto('conclusion').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateConclusion(db: Writer, id: number, values: Upd<'conclusion'>) {
  await db.updateTable('conclusion').set(values).where('id', '=', id).execute();
}
export async function deleteConclusion(db: Writer, id: number) {
  await db.deleteFrom('conclusion').where('id', '=', id).execute();
}

export async function insertFollowUp(db: Writer, values: Ins<'followUp'>) {
  return (await db.insertInto('followUp').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
/** `closed`: 'now' stamps closed_at with the transaction time, null clears it, undefined keeps it. */
export async function updateFollowUp(
  db: Writer,
  id: number,
  values: Omit<Upd<'followUp'>, 'closedAt'>,
  closed: 'now' | null | undefined,
) {
  await db
    .updateTable('followUp')
    .set({
      ...values,
      ...(closed === 'now' ? { closedAt: sql<Date>`now()` } : closed === null ? { closedAt: null } : {}),
      updatedAt: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}
export async function deleteFollowUp(db: Writer, id: number) {
  await db.deleteFrom('followUp').where('id', '=', id).execute();
}

export async function insertDocument(db: Writer, values: Ins<'dialogueDocument'>) {
  return (await db.insertInto('dialogueDocument').values(values).returning('id').executeTakeFirstOrThrow())
    .id;
}
export async function updateDocument(db: Writer, id: number, values: Upd<'dialogueDocument'>) {
  await db
    .updateTable('dialogueDocument')
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}
export async function deleteDocument(db: Writer, id: number) {
  await db.deleteFrom('dialogueDocument').where('id', '=', id).execute();
}

/** Stores a (re)generated draft: inserts it, or replaces the content of the existing one. */
export async function upsertPressReleaseDraft(
  db: Writer,
  meetingId: number,
  contentEn: unknown,
  contentRu: unknown,
  userId: number | null,
) {
  const en = JSON.stringify(contentEn);
  const ru = JSON.stringify(contentRu);
  await db
    .insertInto('pressRelease')
    .values({ meetingId, contentEn: en, contentRu: ru, updatedBy: userId })
    .onConflict((oc) =>
      oc.column('meetingId').doUpdateSet({
        contentEn: en,
        contentRu: ru,
        status: 'draft',
        updatedBy: userId,
        updatedAt: sql`now()`,
      }),
    )
    .execute();
}
export async function updatePressReleaseContent(
  db: Writer,
  meetingId: number,
  contentEn: unknown,
  contentRu: unknown,
  userId: number,
) {
  await db
    .updateTable('pressRelease')
    .set({
      contentEn: contentEn === null ? null : JSON.stringify(contentEn),
      contentRu: contentRu === null ? null : JSON.stringify(contentRu),
      updatedBy: userId,
      updatedAt: sql`now()`,
    })
    .where('meetingId', '=', meetingId)
    .execute();
}
export async function publishPressRelease(db: Writer, meetingId: number, userId: number) {
  await db
    .updateTable('pressRelease')
    .set({ status: 'published', publishedAt: sql`now()`, updatedBy: userId, updatedAt: sql`now()` })
    .where('meetingId', '=', meetingId)
    .execute();
}
