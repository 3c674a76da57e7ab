import { sql } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { JobStatus } from '../../platform/db/schema.ts';

/** SQL of the reports module: the meeting record a pack shows, snapshots and pack rows. */

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export async function findMeeting(db: ReadonlyDb, id: number) {
  return db
    .selectFrom('meeting')
    .innerJoin('dialogue', 'dialogue.id', 'meeting.dialogueId')
    .select([
      'meeting.id',
      'meeting.dialogueId',
      'dialogue.code as dialogueCode',
      'dialogue.titleEn as dialogueTitleEn',
      'dialogue.titleRu as dialogueTitleRu',
      'meeting.titleEn',
      'meeting.titleRu',
      'meeting.placeEn',
      'meeting.placeRu',
      'meeting.chairEn',
      'meeting.chairRu',
      'meeting.format',
      'meeting.status',
      day('meeting.startDate').as('startDate'),
      day('meeting.endDate').as('endDate'),
    ])
    .where('meeting.id', '=', id)
    .executeTakeFirst();
}

export async function agendaOf(db: ReadonlyDb, meetingId: number) {
  return db
    .selectFrom('agendaItem')
    .leftJoin('area', 'area.id', 'agendaItem.areaId')
    .select([
      'agendaItem.id',
      'agendaItem.position',
      'agendaItem.kind',
      'agendaItem.titleEn',
      'agendaItem.titleRu',
      'agendaItem.descriptionEn',
      'agendaItem.descriptionRu',
      'agendaItem.programmeId',
      'agendaItem.strategyId',
      'area.code as areaCode',
    ])
    .where('agendaItem.meetingId', '=', meetingId)
    .orderBy('agendaItem.position')
    .orderBy('agendaItem.id')
    .execute();
}

export async function delegationsOf(db: ReadonlyDb, meetingId: number) {
  const delegations = await db
    .selectFrom('delegation')
    .leftJoin('area', 'area.id', 'delegation.areaId')
    .leftJoin('programme', 'programme.id', 'delegation.supportedByProgrammeId')
    .select([
      'delegation.id',
      'delegation.side',
      'delegation.position',
      'delegation.institutionEn',
      'delegation.institutionRu',
      'delegation.supportedByProgrammeId',
      'area.code as areaCode',
      'area.nameEn as areaNameEn',
      'area.nameRu as areaNameRu',
      'programme.code as programmeCode',
    ])
    .where('delegation.meetingId', '=', meetingId)
    .orderBy('delegation.position')
    .orderBy('delegation.id')
    .execute();
  const ids = delegations.map((d) => d.id);
  const participants = ids.length
    ? await db
        .selectFrom('participant')
        .select([
          'delegationId',
          'name',
          'isHead',
          'functionEn',
          'functionRu',
          'organisationEn',
          'organisationRu',
          'supportedByProgrammeId',
        ])
        .where('delegationId', 'in', ids)
        .orderBy('position')
        .orderBy('id')
        .execute()
    : [];
  return { delegations, participants };
}

export async function areasByCode(db: ReadonlyDb, codes: string[]) {
  if (!codes.length) return [];
  return db
    .selectFrom('area')
    .select(['id', 'code', 'nameEn', 'nameRu'])
    .where('code', 'in', codes)
    .execute();
}

export async function substancesByCode(db: ReadonlyDb, codes: string[]) {
  if (!codes.length) return [];
  return db
    .selectFrom('substance')
    .select(['id', 'code', 'nameEn', 'nameRu'])
    .where('code', 'in', codes)
    .execute();
}

export async function indicatorByCode(db: ReadonlyDb, code: string) {
  return db
    .selectFrom('indicator')
    .select(['id', 'code', 'nameEn', 'nameRu', 'unit'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function sourcesByCode(db: ReadonlyDb, codes: string[]) {
  if (!codes.length) return [];
  return db
    .selectFrom('source')
    .select(['code', 'publisher', 'titleEn', 'titleRu', 'tableName', 'edition', 'year', 'url', 'licence'])
    .where('code', 'in', codes)
    .orderBy('code')
    .execute();
}

/**
 * Latest signals of the areas: not muted, not stale, never restricted, of indicators in `domains`
 * only; newest year first, then alert > notice > info. `total` counts every matching signal.
 */
export async function signalsOf(
  db: ReadonlyDb,
  areaIds: number[],
  options: { limit: number; domains: string[] },
) {
  if (!areaIds.length || !options.domains.length) return { rows: [], total: 0 };
  const base = db
    .selectFrom('signal')
    .innerJoin('area', 'area.id', 'signal.areaId')
    .innerJoin('indicator', 'indicator.id', 'signal.indicatorId')
    .where('signal.areaId', 'in', areaIds)
    .where('indicator.domain', 'in', options.domains)
    .where('signal.status', '<>', 'muted')
    .where('signal.staleAt', 'is', null)
    .where('signal.confidentiality', 'in', ['public', 'dialogue']);
  const [rows, count] = await Promise.all([
    base
      .select([
        'signal.id',
        'signal.kind',
        'signal.severity',
        'signal.year',
        'signal.textEn',
        'signal.textRu',
        'signal.observationIds',
        'area.code as areaCode',
      ])
      .orderBy('signal.year', 'desc')
      .orderBy(sql`case signal.severity when 'alert' then 0 when 'notice' then 1 else 2 end`)
      .orderBy('signal.id', 'desc')
      .limit(options.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function strategiesByIds(db: ReadonlyDb, ids: number[]) {
  if (!ids.length) return { strategies: [], nodes: [], updates: [] };
  const strategies = await db
    .selectFrom('strategy')
    .select(['id', 'code', 'titleEn', 'titleRu', 'periodStart', 'periodEnd'])
    .where('id', 'in', ids)
    .orderBy('code')
    .execute();
  const nodes = await db
    .selectFrom('strategyNode')
    .select(['id', 'strategyId', 'parentId', 'kind', 'code', 'position', 'titleEn', 'titleRu'])
    .where('strategyId', 'in', ids)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const nodeIds = nodes.map((n) => n.id);
  const updates = nodeIds.length
    ? await db
        .selectFrom('progressUpdate')
        .select(['id', 'nodeId', 'status', 'percent', day('progress_update.reported_on').as('reportedOn')])
        .where('nodeId', 'in', nodeIds)
        .orderBy('reportedOn', 'desc')
        .orderBy('id', 'desc')
        .execute()
    : [];
  return { strategies, nodes, updates };
}

export async function insertSnapshot(
  db: Db,
  input: { kind: string; params: unknown; content: unknown; digest: string; createdBy: number | null },
) {
  return db
    .insertInto('dataSnapshot')
    .values({
      kind: input.kind,
      params: JSON.stringify(input.params),
      content: JSON.stringify(input.content),
      digest: input.digest,
      createdBy: input.createdBy,
    })
    .returning(['id', 'createdAt'])
    .executeTakeFirstOrThrow();
}

export async function findSnapshot(db: ReadonlyDb, id: number) {
  return db
    .selectFrom('dataSnapshot')
    .select(['id', 'kind', 'params', 'content', 'digest', 'createdAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

const packColumns = [
  'briefingPack.id',
  'briefingPack.meetingId',
  'briefingPack.audience',
  'briefingPack.language',
  'briefingPack.snapshotId',
  'briefingPack.jobId',
  'briefingPack.status',
  'briefingPack.docxSha256',
  'briefingPack.pdfSha256',
  'briefingPack.fallbacks',
  'briefingPack.warnings',
  'briefingPack.error',
  'briefingPack.createdAt',
  'briefingPack.finishedAt',
] as const;

export async function findPack(db: ReadonlyDb, id: number) {
  return db
    .selectFrom('briefingPack')
    .innerJoin('meeting', 'meeting.id', 'briefingPack.meetingId')
    .leftJoin('job', 'job.id', 'briefingPack.jobId')
    .select([...packColumns, 'job.status as jobStatus', day('meeting.start_date').as('meetingDate')])
    .where('briefingPack.id', '=', id)
    .executeTakeFirst();
}

export async function listPacks(db: ReadonlyDb, meetingId: number, page: number, pageSize: number) {
  const [items, count] = await Promise.all([
    db
      .selectFrom('briefingPack')
      .innerJoin('meeting', 'meeting.id', 'briefingPack.meetingId')
      .leftJoin('job', 'job.id', 'briefingPack.jobId')
      .select([...packColumns, 'job.status as jobStatus', day('meeting.start_date').as('meetingDate')])
      .where('briefingPack.meetingId', '=', meetingId)
      .orderBy('briefingPack.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('briefingPack')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('meetingId', '=', meetingId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function insertPack(
  db: Db,
  input: {
    meetingId: number;
    audience: string;
    language: 'en' | 'ru';
    snapshotId: number | null;
    createdBy: number | null;
  },
) {
  return db
    .insertInto('briefingPack')
    .values({ ...input, status: 'queued' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updatePack(
  db: Db,
  id: number,
  set: {
    status?: JobStatus;
    jobId?: number;
    snapshotId?: number;
    docxSha256?: string;
    pdfSha256?: string;
    fallbacks?: unknown;
    warnings?: unknown;
    error?: unknown;
    finishedAt?: Date;
  },
) {
  const { fallbacks, warnings, error, ...rest } = set;
  await db
    .updateTable('briefingPack')
    .set({
      ...rest,
      ...(fallbacks !== undefined ? { fallbacks: JSON.stringify(fallbacks) } : {}),
      ...(warnings !== undefined ? { warnings: JSON.stringify(warnings) } : {}),
      ...(error !== undefined ? { error: JSON.stringify(error) } : {}),
    })
    .where('id', '=', id)
    .execute();
}
