import type { Language, Role } from '@observatory/shared';
import type { Db } from '../../platform/db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors, isUniqueViolation } from '../../platform/http/errors.ts';
import * as repo from './dialogues.repository.ts';
import { documentDto } from './documents.service.ts';
import type * as s from './dialogues.schemas.ts';
import {
  areaId,
  clearancesFor,
  iso,
  label,
  meetingForWrite,
  mergePair,
  pairOut,
  pick,
  programmeId,
  readableMeeting,
  Refs,
  requirePair,
  strategyId,
  visibilitiesFor,
  type Actor,
  type Reader,
} from './dialogues.shared.ts';

/**
 * Dialogue series and their meetings: agenda, delegations and participants, conclusions and
 * follow-ups. Every write runs in one transaction with its audit event.
 *
 * Meeting status moves forward (planning → invitations → held → follow_up; steps may be skipped).
 * Moving backwards is refused unless the request says `force: true` (a correction, audited as
 * such). A meeting cannot become `held` or `follow_up` before its start date, and a held meeting
 * cannot be deleted.
 */

const audit = (
  trx: Parameters<typeof writeAudit>[0],
  actor: Actor,
  action: string,
  entity: string,
  id: number,
  before?: unknown,
  after?: unknown,
) => writeAudit(trx, { actorId: actor.user.id, action, entity, entityId: id, before, after, ip: actor.ip });

const today = () => new Date().toISOString().slice(0, 10);

// ---------------- dialogues ----------------

function dialogueDto(r: repo.DialogueRow, refs: Refs, lang: Language): s.DialogueDto {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    partnerArea: refs.area(r.partnerAreaId, lang),
    ...pairOut('title', r.titleEn, r.titleRu, lang),
    ...pairOut('description', r.descriptionEn, r.descriptionRu, lang),
    visibility: r.visibility,
    meetingCount: Number(r.meetingCount ?? 0),
    createdAt: iso(r.createdAt)!,
  };
}

export async function listDialogues(
  db: Reader,
  q: { page: number; pageSize: number; kind?: 'regional' | 'bilateral' },
  role: Role | null,
  lang: Language,
) {
  const { rows, total } = await repo.listDialogues(db, {
    visibility: visibilitiesFor(role),
    kind: q.kind,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const refs = await Refs.load(db, { areas: rows.map((r) => r.partnerAreaId) });
  return { items: rows.map((r) => dialogueDto(r, refs, lang)), page: q.page, pageSize: q.pageSize, total };
}

export async function getDialogue(db: Reader, id: number, role: Role | null, lang: Language) {
  const r = await repo.findDialogue(db, { id }, visibilitiesFor(role));
  if (!r) throw errors.notFound('dialogue', String(id));
  return dialogueDto(r, await Refs.load(db, { areas: [r.partnerAreaId] }), lang);
}

function checkPartner(kind: string, partner: number | null) {
  if ((kind === 'bilateral') !== (partner !== null))
    throw errors.invalidParameter('partnerArea', 'partner_area_mismatch');
}

export async function createDialogue(db: Db, actor: Actor, body: s.CreateDialogueBody, lang: Language) {
  requirePair('title', body.titleEn, body.titleRu);
  const id = await db.transaction().execute(async (trx) => {
    const partner = (await areaId(trx, body.partnerArea, 'partnerArea')) ?? null;
    checkPartner(body.kind, partner);
    if (await repo.findDialogue(trx, { code: body.code }, ['participants', 'public']))
      throw errors.conflict('duplicate', { value: body.code });
    const values = {
      code: body.code,
      kind: body.kind,
      partnerAreaId: partner,
      titleEn: body.titleEn ?? null,
      titleRu: body.titleRu ?? null,
      descriptionEn: body.descriptionEn ?? null,
      descriptionRu: body.descriptionRu ?? null,
      visibility: body.visibility,
      createdBy: actor.user.id,
    };
    const { id } = await repo.insertDialogue(trx, values);
    await audit(trx, actor, 'dialogue.create', 'dialogue', id, undefined, values);
    return id;
  });
  return getDialogue(db, id, actor.user.role, lang);
}

export async function patchDialogue(
  db: Db,
  actor: Actor,
  id: number,
  body: s.PatchDialogueBody,
  lang: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.rawDialogue(trx, id);
    if (!before) throw errors.notFound('dialogue', String(id));
    const partner = mergePair(await areaId(trx, body.partnerArea, 'partnerArea'), before.partnerAreaId);
    const kind = body.kind ?? before.kind;
    checkPartner(kind, partner);
    const titleEn = mergePair(body.titleEn, before.titleEn);
    const titleRu = mergePair(body.titleRu, before.titleRu);
    requirePair('title', titleEn, titleRu);
    const values = {
      kind,
      partnerAreaId: partner,
      titleEn,
      titleRu,
      descriptionEn: mergePair(body.descriptionEn, before.descriptionEn),
      descriptionRu: mergePair(body.descriptionRu, before.descriptionRu),
      visibility: body.visibility ?? before.visibility,
    };
    await repo.updateDialogue(trx, id, values);
    await audit(trx, actor, 'dialogue.update', 'dialogue', id, before, values);
  });
  return getDialogue(db, id, actor.user.role, lang);
}

// ---------------- meetings ----------------

function meetingDto(m: repo.MeetingRow | repo.MeetingFull, lang: Language): s.MeetingDto {
  return {
    id: m.id,
    dialogue: {
      id: m.dialogueId,
      code: m.dialogueCode,
      title: pick(lang, m.dialogueTitleEn, m.dialogueTitleRu),
    },
    ...pairOut('title', m.titleEn, m.titleRu, lang),
    startDate: m.startDate,
    endDate: m.endDate,
    ...pairOut('place', m.placeEn, m.placeRu, lang),
    format: m.format,
    ...pairOut('chair', m.chairEn, m.chairRu, lang),
    status: m.status,
    statusText: label(lang, `status.${m.status}`),
    visibility: m.visibility,
    sourceReference: m.sourceReference,
    updatedAt: iso(m.updatedAt)!,
  };
}

export async function listMeetings(db: Reader, q: s.ListMeetingsQuery, role: Role | null, lang: Language) {
  const rows = await repo.listMeetings(db, {
    visibility: visibilitiesFor(role),
    dialogueCode: q.dialogue,
    status: q.status,
    year: q.year,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: rows.map((r) => meetingDto(r, lang)),
    page: q.page,
    pageSize: q.pageSize,
    total: rows.length ? Number(rows[0]!.total) : 0,
  };
}

/** The follow-up tracker: follow-ups across the meetings the caller may read. */
export async function listFollowUps(db: Reader, q: s.ListFollowUpsQuery, role: Role | null, lang: Language) {
  const rows = await repo.listFollowUps(db, {
    visibility: visibilitiesFor(role),
    dialogueCode: q.dialogue,
    statuses: q.status,
    ownerAreaCode: q.owner?.toUpperCase(),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const today = new Date().toISOString().slice(0, 10);
  return {
    items: rows.map((r) => ({
      ...followUpDto(r, lang),
      dialogueCode: r.dialogueCode,
      ...pairOut('meetingTitle', r.meetingTitleEn, r.meetingTitleRu, lang),
      overdue: (r.status === 'open' || r.status === 'in_progress') && r.dueDate !== null && r.dueDate < today,
    })),
    page: q.page,
    pageSize: q.pageSize,
    total: rows.length ? Number(rows[0]!.total) : 0,
  };
}

export function agendaDto(a: Awaited<ReturnType<typeof repo.agendaOf>>[number], refs: Refs, lang: Language) {
  return {
    id: a.id,
    position: a.position,
    kind: a.kind,
    kindText: label(lang, `agendaKind.${a.kind}`),
    ...pairOut('title', a.titleEn, a.titleRu, lang),
    ...pairOut('description', a.descriptionEn, a.descriptionRu, lang),
    area: refs.area(a.areaId, lang),
    programme: refs.programme(a.programmeId, lang),
    strategy: refs.strategy(a.strategyId, lang),
  };
}

type ParticipantRow = Awaited<ReturnType<typeof repo.participantsOf>>[number];
function participantDto(p: ParticipantRow, refs: Refs, lang: Language) {
  return {
    id: p.id,
    name: p.name,
    isHead: p.isHead,
    ...pairOut('function', p.functionEn, p.functionRu, lang),
    ...pairOut('organisation', p.organisationEn, p.organisationRu, lang),
    supportedBy: refs.programme(p.supportedByProgrammeId, lang),
    position: p.position,
  };
}
type DelegationRow = Awaited<ReturnType<typeof repo.delegationsOf>>[number];
function delegationDto(d: DelegationRow, participants: ParticipantRow[], refs: Refs, lang: Language) {
  const area = refs.area(d.areaId, lang);
  return {
    id: d.id,
    side: d.side,
    area,
    ...pairOut('institution', d.institutionEn, d.institutionRu, lang),
    name: pick(lang, d.institutionEn, d.institutionRu) || area?.name || '',
    supportedBy: refs.programme(d.supportedByProgrammeId, lang),
    position: d.position,
    participants: participants
      .filter((p) => p.delegationId === d.id)
      .map((p) => participantDto(p, refs, lang)),
  };
}
function conclusionDto(c: Awaited<ReturnType<typeof repo.conclusionsOf>>[number], lang: Language) {
  return {
    id: c.id,
    agendaItemId: c.agendaItemId,
    position: c.position,
    ...pairOut('text', c.textEn, c.textRu, lang),
  };
}
export function followUpDto(f: repo.FollowUpRow, lang: Language): s.FollowUpDto {
  return {
    id: f.id,
    meetingId: f.meetingId,
    meetingStartDate: f.meetingStartDate,
    conclusionId: f.conclusionId,
    ...pairOut('text', f.textEn, f.textRu, lang),
    ownerArea: f.ownerAreaCode
      ? {
          code: f.ownerAreaCode,
          name: (lang === 'ru' ? f.ownerAreaNameRu : f.ownerAreaNameEn) ?? f.ownerAreaCode,
        }
      : null,
    ...pairOut('owner', f.ownerEn, f.ownerRu, lang),
    dueDate: f.dueDate,
    status: f.status,
    statusText: label(lang, `followUpStatus.${f.status}`),
    closedAtMeetingId: f.closedAtMeetingId,
    closedAt: iso(f.closedAt),
    updatedAt: iso(f.updatedAt)!,
  };
}

/** The whole record of one meeting as the caller may see it. */
export async function getMeeting(
  db: Reader,
  id: number,
  role: Role | null,
  lang: Language,
): Promise<s.MeetingDetailDto> {
  const m = await readableMeeting(db, id, role);
  const [agenda, delegations, documents, conclusions, followUps, carried] = await Promise.all([
    repo.agendaOf(db, id),
    repo.delegationsOf(db, id),
    repo.documentsOf(db, id, clearancesFor(role)),
    repo.conclusionsOf(db, id),
    repo.followUpsOf(db, id),
    repo.carriedFollowUps(db, m),
  ]);
  const participants = await repo.participantsOf(
    db,
    delegations.map((d) => d.id),
  );
  const refs = await Refs.load(db, {
    areas: [...agenda.map((a) => a.areaId), ...delegations.map((d) => d.areaId)],
    programmes: [
      ...agenda.map((a) => a.programmeId),
      ...delegations.map((d) => d.supportedByProgrammeId),
      ...participants.map((p) => p.supportedByProgrammeId),
    ],
    strategies: agenda.map((a) => a.strategyId),
  });
  return {
    ...meetingDto(m, lang),
    agenda: agenda.map((a) => agendaDto(a, refs, lang)),
    delegations: delegations.map((d) => delegationDto(d, participants, refs, lang)),
    documents: documents.map((d) => documentDto(d, lang)),
    conclusions: conclusions.map((c) => conclusionDto(c, lang)),
    followUps: followUps.map((f) => followUpDto(f, lang)),
    carriedFollowUps: carried.map((f) => followUpDto(f, lang)),
  };
}

const ORDER = ['planning', 'invitations', 'held', 'follow_up'] as const;

function checkDates(start: string, end: string) {
  if (end < start) throw errors.invalidParameter('endDate', 'date_order', { start, end });
}
function checkStatus(
  from: s.MeetingDto['status'] | null,
  to: s.MeetingDto['status'],
  start: string,
  force = false,
) {
  if (from !== null && ORDER.indexOf(to) < ORDER.indexOf(from) && !force)
    throw errors.invalidParameter('status', 'meeting_status_backward', { from, to });
  if ((to === 'held' || to === 'follow_up') && start > today())
    throw errors.invalidParameter('status', 'meeting_not_yet_held', { status: to, start });
}

export async function createMeeting(db: Db, actor: Actor, body: s.CreateMeetingBody, lang: Language) {
  checkDates(body.startDate, body.endDate);
  const status = body.status ?? 'planning';
  checkStatus(null, status, body.startDate);
  const id = await db.transaction().execute(async (trx) => {
    const dialogue = await repo.findDialogue(trx, { code: body.dialogue }, ['participants', 'public']);
    if (!dialogue) throw errors.unknownCodes('dialogue', [body.dialogue]);
    const values = {
      dialogueId: dialogue.id,
      titleEn: body.titleEn ?? null,
      titleRu: body.titleRu ?? null,
      startDate: body.startDate,
      endDate: body.endDate,
      placeEn: body.placeEn ?? null,
      placeRu: body.placeRu ?? null,
      format: body.format ?? 'in_person',
      chairEn: body.chairEn ?? null,
      chairRu: body.chairRu ?? null,
      status,
      visibility: body.visibility ?? 'participants',
      sourceReference: body.sourceReference ?? null,
      createdBy: actor.user.id,
    };
    const { id } = await repo.insertMeeting(trx, values);
    await audit(trx, actor, 'meeting.create', 'meeting', id, undefined, values);
    return id;
  });
  return getMeeting(db, id, actor.user.role, lang);
}

export async function patchMeeting(
  db: Db,
  actor: Actor,
  id: number,
  body: s.PatchMeetingBody,
  lang: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await meetingForWrite(trx, id);
    const startDate = body.startDate ?? before.startDate;
    const endDate = body.endDate ?? before.endDate;
    checkDates(startDate, endDate);
    const status = body.status ?? before.status;
    if (body.status !== undefined || body.startDate !== undefined)
      checkStatus(before.status, status, startDate, body.force ?? false);
    const values = {
      titleEn: mergePair(body.titleEn, before.titleEn),
      titleRu: mergePair(body.titleRu, before.titleRu),
      startDate,
      endDate,
      placeEn: mergePair(body.placeEn, before.placeEn),
      placeRu: mergePair(body.placeRu, before.placeRu),
      format: body.format ?? before.format,
      chairEn: mergePair(body.chairEn, before.chairEn),
      chairRu: mergePair(body.chairRu, before.chairRu),
      status,
      visibility: body.visibility ?? before.visibility,
      sourceReference: mergePair(body.sourceReference, before.sourceReference),
    };
    await repo.updateMeeting(trx, id, values);
    const backward = ORDER.indexOf(status) < ORDER.indexOf(before.status);
    await audit(
      trx,
      actor,
      backward ? 'meeting.status_forced_back' : 'meeting.update',
      'meeting',
      id,
      before,
      values,
    );
  });
  return getMeeting(db, id, actor.user.role, lang);
}

export async function deleteMeeting(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const before = await meetingForWrite(trx, id);
    if (before.status === 'held' || before.status === 'follow_up')
      throw errors.conflict('meeting_held_cannot_delete');
    await repo.deleteMeeting(trx, id);
    await audit(trx, actor, 'meeting.delete', 'meeting', id, before);
  });
  return { deleted: true as const };
}

// ---------------- agenda ----------------

async function agendaItemDto(db: Reader, id: number, lang: Language) {
  const a = (await repo.findAgendaItem(db, id))!;
  const refs = await Refs.load(db, {
    areas: [a.areaId],
    programmes: [a.programmeId],
    strategies: [a.strategyId],
  });
  return agendaDto(a, refs, lang);
}

export async function addAgendaItem(
  db: Db,
  actor: Actor,
  meetingId: number,
  body: s.CreateAgendaBody,
  lang: Language,
) {
  requirePair('title', body.titleEn, body.titleRu);
  const id = await db.transaction().execute(async (trx) => {
    await meetingForWrite(trx, meetingId);
    const values = {
      meetingId,
      kind: body.kind,
      position: body.position ?? (await repo.nextPosition(trx, 'agendaItem', meetingId)),
      titleEn: body.titleEn ?? null,
      titleRu: body.titleRu ?? null,
      descriptionEn: body.descriptionEn ?? null,
      descriptionRu: body.descriptionRu ?? null,
      areaId: (await areaId(trx, body.area, 'area')) ?? null,
      programmeId: (await programmeId(trx, body.programme, 'programme')) ?? null,
      strategyId: (await strategyId(trx, body.strategy, 'strategy')) ?? null,
    };
    const id = await repo.insertAgendaItem(trx, values);
    await audit(trx, actor, 'agenda_item.create', 'agenda_item', id, undefined, values);
    return id;
  });
  return agendaItemDto(db, id, lang);
}

export async function patchAgendaItem(
  db: Db,
  actor: Actor,
  id: number,
  body: s.PatchAgendaBody,
  lang: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findAgendaItem(trx, id);
    if (!before) throw errors.notFound('agendaItem', String(id));
    const values = {
      kind: body.kind ?? before.kind,
      titleEn: mergePair(body.titleEn, before.titleEn),
      titleRu: mergePair(body.titleRu, before.titleRu),
      descriptionEn: mergePair(body.descriptionEn, before.descriptionEn),
      descriptionRu: mergePair(body.descriptionRu, before.descriptionRu),
      areaId: mergePair(await areaId(trx, body.area, 'area'), before.areaId),
      programmeId: mergePair(await programmeId(trx, body.programme, 'programme'), before.programmeId),
      strategyId: mergePair(await strategyId(trx, body.strategy, 'strategy'), before.strategyId),
    };
    requirePair('title', values.titleEn, values.titleRu);
    await repo.updateAgendaItem(trx, id, values);
    await audit(trx, actor, 'agenda_item.update', 'agenda_item', id, before, values);
  });
  return agendaItemDto(db, id, lang);
}

export async function deleteAgendaItem(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findAgendaItem(trx, id);
    if (!before) throw errors.notFound('agendaItem', String(id));
    await repo.deleteAgendaItem(trx, id);
    await audit(trx, actor, 'agenda_item.delete', 'agenda_item', id, before);
  });
  return { deleted: true as const };
}

/** Sets the agenda order: `ids` must list every item of the meeting exactly once. */
export async function reorderAgenda(db: Db, actor: Actor, meetingId: number, ids: number[], lang: Language) {
  await db.transaction().execute(async (trx) => {
    await meetingForWrite(trx, meetingId);
    const items = await repo.agendaOf(trx, meetingId);
    const have = items.map((i) => i.id).sort((a, b) => a - b);
    const given = [...ids].sort((a, b) => a - b);
    if (have.length !== given.length || have.some((x, i) => x !== given[i]))
      throw errors.invalidParameter('ids', 'agenda_order_mismatch');
    for (const [position, id] of ids.entries()) await repo.updateAgendaItem(trx, id, { position });
    await audit(
      trx,
      actor,
      'agenda.reorder',
      'meeting',
      meetingId,
      items.map((i) => i.id),
      ids,
    );
  });
  const items = await repo.agendaOf(db, meetingId);
  const refs = await Refs.load(db, {
    areas: items.map((a) => a.areaId),
    programmes: items.map((a) => a.programmeId),
    strategies: items.map((a) => a.strategyId),
  });
  return items.map((a) => agendaDto(a, refs, lang));
}

// ---------------- delegations and participants ----------------

async function delegationOut(db: Reader, id: number, lang: Language) {
  const d = (await repo.findDelegation(db, id))!;
  const participants = await repo.participantsOf(db, [id]);
  const refs = await Refs.load(db, {
    areas: [d.areaId],
    programmes: [d.supportedByProgrammeId, ...participants.map((p) => p.supportedByProgrammeId)],
  });
  return delegationDto(d, participants, refs, lang);
}

async function checkAreaFree(
  trx: Reader,
  meetingId: number,
  area: number | null,
  code: string | null | undefined,
  self?: number,
) {
  if (area === null) return;
  const other = await repo.findDelegationByArea(trx, meetingId, area);
  if (other && other.id !== self) throw errors.conflict('delegation_area_exists', { area: code });
}

export async function addDelegation(
  db: Db,
  actor: Actor,
  meetingId: number,
  body: s.CreateDelegationBody,
  lang: Language,
) {
  const id = await db.transaction().execute(async (trx) => {
    await meetingForWrite(trx, meetingId);
    const area = (await areaId(trx, body.area, 'area')) ?? null;
    if (area === null && !body.institutionEn && !body.institutionRu)
      throw errors.invalidParameter('area', 'delegation_needs_party');
    await checkAreaFree(trx, meetingId, area, body.area);
    const values = {
      meetingId,
      side: body.side,
      areaId: area,
      institutionEn: body.institutionEn ?? null,
      institutionRu: body.institutionRu ?? null,
      supportedByProgrammeId: (await programmeId(trx, body.supportedBy, 'supportedBy')) ?? null,
      position: body.position ?? (await repo.nextPosition(trx, 'delegation', meetingId)),
    };
    try {
      const id = await repo.insertDelegation(trx, values);
      await audit(trx, actor, 'delegation.create', 'delegation', id, undefined, values);
      return id;
    } catch (error) {
      if (isUniqueViolation(error)) throw errors.conflict('delegation_area_exists', { area: body.area });
      throw error;
    }
  });
  return delegationOut(db, id, lang);
}

export async function patchDelegation(
  db: Db,
  actor: Actor,
  id: number,
  body: s.PatchDelegationBody,
  lang: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findDelegation(trx, id);
    if (!before) throw errors.notFound('delegation', String(id));
    const values = {
      side: body.side ?? before.side,
      areaId: mergePair(await areaId(trx, body.area, 'area'), before.areaId),
      institutionEn: mergePair(body.institutionEn, before.institutionEn),
      institutionRu: mergePair(body.institutionRu, before.institutionRu),
      supportedByProgrammeId: mergePair(
        await programmeId(trx, body.supportedBy, 'supportedBy'),
        before.supportedByProgrammeId,
      ),
      position: body.position ?? before.position,
    };
    if (values.areaId === null && !values.institutionEn && !values.institutionRu)
      throw errors.invalidParameter('area', 'delegation_needs_party');
    await checkAreaFree(trx, before.meetingId, values.areaId, body.area, id);
    await repo.updateDelegation(trx, id, values);
    await audit(trx, actor, 'delegation.update', 'delegation', id, before, values);
  });
  return delegationOut(db, id, lang);
}

export async function deleteDelegation(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findDelegation(trx, id);
    if (!before) throw errors.notFound('delegation', String(id));
    await repo.deleteDelegation(trx, id);
    await audit(trx, actor, 'delegation.delete', 'delegation', id, before);
  });
  return { deleted: true as const };
}

async function checkHead(trx: Reader, delegationId: number, self?: number) {
  const head = await repo.headOf(trx, delegationId);
  if (head && head.id !== self) throw errors.conflict('delegation_head_exists', { name: head.name });
}

async function participantOut(db: Reader, id: number, lang: Language) {
  const p = (await repo.findParticipant(db, id))!;
  const refs = await Refs.load(db, { programmes: [p.supportedByProgrammeId] });
  return participantDto(p, refs, lang);
}

export async function addParticipant(
  db: Db,
  actor: Actor,
  delegationId: number,
  body: s.CreateParticipantBody,
  lang: Language,
) {
  const id = await db.transaction().execute(async (trx) => {
    const delegation = await repo.findDelegation(trx, delegationId);
    if (!delegation) throw errors.notFound('delegation', String(delegationId));
    if (body.isHead) await checkHead(trx, delegationId);
    const values = {
      delegationId,
      name: body.name,
      isHead: body.isHead ?? false,
      functionEn: body.functionEn ?? null,
      functionRu: body.functionRu ?? null,
      organisationEn: body.organisationEn ?? null,
      organisationRu: body.organisationRu ?? null,
      supportedByProgrammeId: (await programmeId(trx, body.supportedBy, 'supportedBy')) ?? null,
      position: body.position ?? 0,
    };
    try {
      const id = await repo.insertParticipant(trx, values);
      await audit(trx, actor, 'participant.create', 'participant', id, undefined, values);
      return id;
    } catch (error) {
      if (isUniqueViolation(error)) throw errors.conflict('delegation_head_exists', { name: '' });
      throw error;
    }
  });
  return participantOut(db, id, lang);
}

export async function patchParticipant(
  db: Db,
  actor: Actor,
  id: number,
  body: s.PatchParticipantBody,
  lang: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findParticipant(trx, id);
    if (!before) throw errors.notFound('participant', String(id));
    if (body.isHead) await checkHead(trx, before.delegationId, id);
    const values = {
      name: body.name ?? before.name,
      isHead: body.isHead ?? before.isHead,
      functionEn: mergePair(body.functionEn, before.functionEn),
      functionRu: mergePair(body.functionRu, before.functionRu),
      organisationEn: mergePair(body.organisationEn, before.organisationEn),
      organisationRu: mergePair(body.organisationRu, before.organisationRu),
      supportedByProgrammeId: mergePair(
        await programmeId(trx, body.supportedBy, 'supportedBy'),
        before.supportedByProgrammeId,
      ),
      position: body.position ?? before.position,
    };
    await repo.updateParticipant(trx, id, values);
    await audit(trx, actor, 'participant.update', 'participant', id, before, values);
  });
  return participantOut(db, id, lang);
}

export async function deleteParticipant(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findParticipant(trx, id);
    if (!before) throw errors.notFound('participant', String(id));
    await repo.deleteParticipant(trx, id);
    await audit(trx, actor, 'participant.delete', 'participant', id, before);
  });
  return { deleted: true as const };
}

// ---------------- conclusions ----------------

async function checkAgendaItem(trx: Reader, meetingId: number, id: number | null | undefined, param: string) {
  if (id === undefined || id === null) return;
  const item = await repo.findAgendaItem(trx, id);
  if (!item || item.meetingId !== meetingId) throw errors.invalidParameter(param, 'not_in_meeting');
}

export async function addConclusion(
  db: Db,
  actor: Actor,
  meetingId: number,
  body: s.CreateConclusionBody,
  lang: Language,
) {
  requirePair('text', body.textEn, body.textRu);
  const id = await db.transaction().execute(async (trx) => {
    await meetingForWrite(trx, meetingId);
    await checkAgendaItem(trx, meetingId, body.agendaItem, 'agendaItem');
    const values = {
      meetingId,
      agendaItemId: body.agendaItem ?? null,
      position: body.position ?? (await repo.nextPosition(trx, 'conclusion', meetingId)),
      textEn: body.textEn ?? null,
      textRu: body.textRu ?? null,
    };
    const id = await repo.insertConclusion(trx, values);
    await audit(trx, actor, 'conclusion.create', 'conclusion', id, undefined, values);
    return id;
  });
  return conclusionDto((await repo.findConclusion(db, id))!, lang);
}

export async function patchConclusion(
  db: Db,
  actor: Actor,
  id: number,
  body: s.CreateConclusionBody,
  lang: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findConclusion(trx, id);
    if (!before) throw errors.notFound('conclusion', String(id));
    await checkAgendaItem(trx, before.meetingId, body.agendaItem, 'agendaItem');
    const values = {
      agendaItemId: mergePair(body.agendaItem, before.agendaItemId),
      position: body.position ?? before.position,
      textEn: mergePair(body.textEn, before.textEn),
      textRu: mergePair(body.textRu, before.textRu),
    };
    requirePair('text', values.textEn, values.textRu);
    await repo.updateConclusion(trx, id, values);
    await audit(trx, actor, 'conclusion.update', 'conclusion', id, before, values);
  });
  return conclusionDto((await repo.findConclusion(db, id))!, lang);
}

export async function deleteConclusion(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findConclusion(trx, id);
    if (!before) throw errors.notFound('conclusion', String(id));
    await repo.deleteConclusion(trx, id);
    await audit(trx, actor, 'conclusion.delete', 'conclusion', id, before);
  });
  return { deleted: true as const };
}

// ---------------- follow-ups ----------------

function requireOwner(area: number | null, en: string | null, ru: string | null) {
  if (area === null && !en && !ru) throw errors.invalidParameter('owner', 'follow_up_owner_required');
}
async function checkConclusion(trx: Reader, meetingId: number, id: number | null | undefined) {
  if (id === undefined || id === null) return;
  const c = await repo.findConclusion(trx, id);
  if (!c || c.meetingId !== meetingId) throw errors.invalidParameter('conclusion', 'not_in_meeting');
}

export async function addFollowUp(
  db: Db,
  actor: Actor,
  meetingId: number,
  body: s.CreateFollowUpBody,
  lang: Language,
) {
  requirePair('text', body.textEn, body.textRu);
  const id = await db.transaction().execute(async (trx) => {
    await meetingForWrite(trx, meetingId);
    const owner = (await areaId(trx, body.ownerArea, 'ownerArea')) ?? null;
    requireOwner(owner, body.ownerEn ?? null, body.ownerRu ?? null);
    await checkConclusion(trx, meetingId, body.conclusion);
    const values = {
      meetingId,
      conclusionId: body.conclusion ?? null,
      textEn: body.textEn ?? null,
      textRu: body.textRu ?? null,
      ownerAreaId: owner,
      ownerEn: body.ownerEn ?? null,
      ownerRu: body.ownerRu ?? null,
      dueDate: body.dueDate ?? null,
      status: body.status ?? 'open',
      createdBy: actor.user.id,
    };
    const id = await repo.insertFollowUp(trx, values);
    await audit(trx, actor, 'follow_up.create', 'follow_up', id, undefined, values);
    return id;
  });
  return followUpDto((await repo.findFollowUp(db, id))!, lang);
}

const CLOSED = new Set(['done', 'dropped']);

/**
 * Updates a follow-up, typically from a later meeting: closing it (done / dropped) records when
 * and at which meeting (`atMeeting`: same dialogue, not earlier than the raising meeting; default
 * the raising meeting); reopening clears both.
 */
export async function patchFollowUp(
  db: Db,
  actor: Actor,
  id: number,
  body: s.PatchFollowUpBody,
  lang: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findFollowUp(trx, id);
    if (!before) throw errors.notFound('followUp', String(id));
    const values = {
      textEn: mergePair(body.textEn, before.textEn),
      textRu: mergePair(body.textRu, before.textRu),
      ownerAreaId: mergePair(await areaId(trx, body.ownerArea, 'ownerArea'), before.ownerAreaId),
      ownerEn: mergePair(body.ownerEn, before.ownerEn),
      ownerRu: mergePair(body.ownerRu, before.ownerRu),
      dueDate: mergePair(body.dueDate, before.dueDate),
      conclusionId: mergePair(body.conclusion, before.conclusionId),
      status: body.status ?? before.status,
      closedAtMeetingId: before.closedAtMeetingId,
    };
    requirePair('text', values.textEn, values.textRu);
    requireOwner(values.ownerAreaId, values.ownerEn, values.ownerRu);
    await checkConclusion(trx, before.meetingId, body.conclusion);
    let at = before.meetingId;
    if (body.atMeeting !== undefined) {
      const m = await repo.findMeeting(trx, body.atMeeting);
      const raised = (await repo.findMeeting(trx, before.meetingId))!;
      const later =
        m && (m.startDate > raised.startDate || (m.startDate === raised.startDate && m.id >= raised.id));
      if (!m || m.dialogueId !== before.dialogueId || !later)
        throw errors.invalidParameter('atMeeting', 'closed_at_meeting_invalid');
      at = m.id;
    }
    const closing = CLOSED.has(values.status);
    let closed: 'now' | null | undefined;
    if (closing && (!CLOSED.has(before.status) || body.atMeeting !== undefined)) {
      values.closedAtMeetingId = at;
      closed = 'now';
    } else if (!closing) {
      values.closedAtMeetingId = null;
      closed = null;
    }
    await repo.updateFollowUp(trx, id, values, closed);
    const action = closing && !CLOSED.has(before.status) ? 'follow_up.close' : 'follow_up.update';
    await audit(trx, actor, action, 'follow_up', id, before, { ...values, closedAt: closed });
  });
  return followUpDto((await repo.findFollowUp(db, id))!, lang);
}

export async function deleteFollowUp(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findFollowUp(trx, id);
    if (!before) throw errors.notFound('followUp', String(id));
    await repo.deleteFollowUp(trx, id);
    await audit(trx, actor, 'follow_up.delete', 'follow_up', id, before);
  });
  return { deleted: true as const };
}
