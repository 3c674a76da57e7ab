import { textPair, visibilitiesFor, type Language, type Role } from '@observatory/shared';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors, isUniqueViolation, type ErrorDetail } from '../../platform/http/errors.ts';
import { resolveAreas } from '../areas/index.ts';
import * as repo from './programmes.repository.ts';
import type {
  CreateProgrammeBody,
  ListProgrammesQuery,
  PatchProgrammeBody,
  programmeSchema,
  programmeSummarySchema,
} from './programmes.schemas.ts';
import type { z } from 'zod';

export type ProgrammeSummaryDto = z.infer<typeof programmeSummarySchema>;
export type ProgrammeDto = z.infer<typeof programmeSchema>;
type Actor = { user: SessionUser; ip: string | null };

const iso = (d: Date | string) => new Date(d).toISOString();

function summary(r: repo.ProgrammeRow, countries: repo.CountryRow[], lang: Language): ProgrammeSummaryDto {
  return {
    id: r.id,
    code: r.code,
    ...textPair('name', lang, r.nameEn, r.nameRu),
    descriptionEn: r.descriptionEn,
    descriptionRu: r.descriptionRu,
    ...textPair('funder', lang, r.funderEn, r.funderRu),
    ...textPair('implementer', lang, r.implementerEn, r.implementerRu),
    startDate: r.startDate,
    endDate: r.endDate,
    url: r.url,
    sourceReference: r.sourceReference,
    visibility: r.visibility,
    countries: countries
      .filter((c) => c.programmeId === r.id)
      .map((c) => ({ code: c.code, name: lang === 'ru' ? c.nameRu : c.nameEn })),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

async function summaries(db: ReadonlyDb, rows: repo.ProgrammeRow[], lang: Language) {
  const countries = await repo.countriesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => summary(r, countries, lang));
}

export async function listProgrammes(
  db: ReadonlyDb,
  query: ListProgrammesQuery,
  role: Role | null,
  lang: Language,
) {
  const areaIds = query.area?.length
    ? (await resolveAreas(db, query.area, 'area')).map((a) => a.id)
    : undefined;
  const { rows, total } = await repo.findProgrammes(
    db,
    { visibility: visibilitiesFor(role), ...(areaIds ? { areaIds } : {}) },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: await summaries(db, rows, lang), page: query.page, pageSize: query.pageSize, total };
}

/** The whole programme: countries, components, activities and the meetings it appears at. */
export async function getProgramme(
  db: ReadonlyDb,
  code: string,
  role: Role | null,
  lang: Language,
): Promise<ProgrammeDto> {
  const row = await repo.findProgrammeByCode(db, code);
  if (!row || !visibilitiesFor(role).includes(row.visibility)) throw errors.notFound('programme', code);
  const [countries, components, activities, links] = await Promise.all([
    repo.countriesOf(db, [row.id]),
    repo.componentsOf(db, row.id),
    repo.activitiesOf(db, row.id),
    repo.meetingLinks(db, { programmeIds: [row.id], visibility: visibilitiesFor(role) }),
  ]);
  const meetings = new Map<number, ProgrammeDto['meetings'][number]>();
  for (const l of links) {
    const m = meetings.get(l.meetingId);
    if (m) {
      if (!m.via.includes(l.via)) m.via.push(l.via);
    } else
      meetings.set(l.meetingId, {
        id: l.meetingId,
        date: l.date,
        ...textPair('title', lang, l.titleEn, l.titleRu),
        via: [l.via],
      });
  }
  return {
    ...summary(row, countries, lang),
    components: components.map((c) => ({
      id: c.id,
      position: c.position,
      ...textPair('title', lang, c.titleEn, c.titleRu),
      descriptionEn: c.descriptionEn,
      descriptionRu: c.descriptionRu,
    })),
    activities: activities.map((a) => ({
      id: a.id,
      componentId: a.componentId,
      country: a.areaCode
        ? { code: a.areaCode, name: (lang === 'ru' ? a.areaNameRu : a.areaNameEn) ?? a.areaCode }
        : null,
      ...textPair('title', lang, a.titleEn, a.titleRu),
      descriptionEn: a.descriptionEn,
      descriptionRu: a.descriptionRu,
      startDate: a.startDate,
      endDate: a.endDate,
      status: a.status,
    })),
    meetings: [...meetings.values()],
  };
}

type Merged = Required<Omit<PatchProgrammeBody, 'countries' | 'components' | 'activities'>>;

/** Checks that go beyond one field: bilingual pairs, date order; every problem located. */
function checkFields(
  p: Merged,
  body: { components?: CreateProgrammeBody['components']; activities?: CreateProgrammeBody['activities'] },
  componentCount: number,
) {
  const details: ErrorDetail[] = [];
  if (p.nameEn === null && p.nameRu === null) details.push({ param: 'nameEn', code: 'bilingual_required' });
  if (p.startDate && p.endDate && p.endDate < p.startDate)
    details.push({ param: 'endDate', code: 'date_order', params: { start: p.startDate, end: p.endDate } });
  body.components?.forEach((c, i) => {
    if (c.titleEn === null && c.titleRu === null)
      details.push({ param: `components.${i}.titleEn`, code: 'bilingual_required' });
  });
  body.activities?.forEach((a, i) => {
    if (a.titleEn === null && a.titleRu === null)
      details.push({ param: `activities.${i}.titleEn`, code: 'bilingual_required' });
    if (a.startDate && a.endDate && a.endDate < a.startDate)
      details.push({
        param: `activities.${i}.endDate`,
        code: 'date_order',
        params: { start: a.startDate, end: a.endDate },
      });
    if (a.component != null && a.component >= componentCount)
      details.push({
        param: `activities.${i}.component`,
        code: 'zod.too_big_number',
        params: { maximum: String(componentCount - 1) },
      });
  });
  if (details.length) throw errors.invalidBody(details);
}

/** Area codes of countries (not groups) → areas; unknown codes and groups are located 400s. */
async function countries(db: ReadonlyDb, codes: string[], param: string) {
  if (codes.length === 0) return [];
  const areas = await resolveAreas(db, codes, param);
  const groups = areas.filter((a) => a.kind === 'group' || a.kind === 'region');
  if (groups.length)
    throw errors.invalidBody(groups.map((g) => ({ param, code: 'not_a_country', params: { code: g.code } })));
  return areas;
}

const countryIds = async (db: ReadonlyDb, codes: string[], param: string) =>
  (await countries(db, codes, param)).map((a) => a.id);

async function activityValues(
  db: ReadonlyDb,
  activities: CreateProgrammeBody['activities'],
  componentIdsInOrder: number[],
) {
  const codes = [...new Set(activities.map((a) => a.country).filter((c): c is string => !!c))];
  const byCode = new Map<string, number>();
  for (const a of await countries(db, codes, 'activities.country')) {
    byCode.set(a.code.toUpperCase(), a.id);
    if (a.alpha2) byCode.set(a.alpha2.toUpperCase(), a.id);
  }
  return activities.map((a) => ({
    componentId: a.component != null ? componentIdsInOrder[a.component]! : null,
    areaId: a.country ? (byCode.get(a.country.toUpperCase()) ?? null) : null,
    titleEn: a.titleEn,
    titleRu: a.titleRu,
    descriptionEn: a.descriptionEn,
    descriptionRu: a.descriptionRu,
    startDate: a.startDate,
    endDate: a.endDate,
    status: a.status,
  }));
}

const scalarFields = (b: PatchProgrammeBody) => {
  const { countries: _c, components: _k, activities: _a, ...rest } = b;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as repo.ProgrammeValues;
};

export async function createProgramme(db: Db, actor: Actor, body: CreateProgrammeBody, lang: Language) {
  const { code, countries, components, activities, ...fields } = body;
  checkFields({ ...fields, url: fields.url ?? null }, { components, activities }, components.length);
  const areaIds = await countryIds(db, countries, 'countries');
  // codes are looked up without regard to case: `cadap7` may not sit beside `CADAP7`
  if (await repo.findProgrammeByCode(db, code)) throw errors.conflict('duplicate', { value: code });
  try {
    await db.transaction().execute(async (trx) => {
      const id = await repo.insertProgramme(trx, { code, ...scalarFields(fields) }, actor.user.id);
      await repo.replaceCountries(trx, id, areaIds);
      const componentIds = await repo.replaceComponents(trx, id, components);
      await repo.replaceActivities(trx, id, await activityValues(trx, activities, componentIds));
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'programme.create',
        entity: 'programme',
        entityId: code,
        after: body,
        ip: actor.ip,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw errors.conflict('duplicate', { value: code });
    throw error;
  }
  return getProgramme(db, code, actor.user.role, lang);
}

export async function patchProgramme(
  db: Db,
  actor: Actor,
  code: string,
  body: PatchProgrammeBody,
  lang: Language,
) {
  const row = await repo.findProgrammeByCode(db, code);
  if (!row) throw errors.notFound('programme', code);
  const fields = scalarFields(body);
  const merged = { ...row, ...fields } as unknown as Merged;
  await db.transaction().execute(async (trx) => {
    const existingComponents = body.components ? [] : await repo.componentIds(trx, row.id);
    checkFields(merged, body, body.components ? body.components.length : existingComponents.length);
    if (body.countries)
      await repo.replaceCountries(trx, row.id, await countryIds(trx, body.countries, 'countries'));
    let componentIds = existingComponents;
    // Replaced components: activities that pointed at old ones lose their component (set null).
    if (body.components) componentIds = await repo.replaceComponents(trx, row.id, body.components);
    if (body.activities)
      await repo.replaceActivities(trx, row.id, await activityValues(trx, body.activities, componentIds));
    await repo.updateProgramme(trx, row.id, fields);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'programme.update',
      entity: 'programme',
      entityId: row.code,
      before: row,
      after: body,
      ip: actor.ip,
    });
  });
  return getProgramme(db, row.code, actor.user.role, lang);
}

export async function deleteProgramme(db: Db, actor: Actor, code: string): Promise<void> {
  const row = await repo.findProgrammeByCode(db, code);
  if (!row) throw errors.notFound('programme', code);
  await db.transaction().execute(async (trx) => {
    await repo.deleteProgramme(trx, row.id);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'programme.delete',
      entity: 'programme',
      entityId: row.code,
      before: row,
      ip: actor.ip,
    });
  });
}

/**
 * Programmes presented at a meeting (agenda) or supporting its participants, with their
 * countries, both languages (for the briefing packs, which go to participants).
 */
export async function programmesForMeeting(
  db: ReadonlyDb,
  meetingId: number,
  lang: Language = 'en',
): Promise<ProgrammeSummaryDto[]> {
  const links = await repo.meetingLinks(db, { meetingId, visibility: ['public', 'participants'] });
  const ids = [...new Set(links.map((l) => l.programmeId))];
  const { rows } = await repo.findProgrammes(
    db,
    { visibility: ['public', 'participants'], ids },
    { limit: 1000, offset: 0 },
  );
  return summaries(db, rows, lang);
}

/** Programmes covering a country (area code; unknown code → 400). */
export async function programmesForArea(
  db: ReadonlyDb,
  areaCode: string,
  lang: Language = 'en',
): Promise<ProgrammeSummaryDto[]> {
  const areas = await resolveAreas(db, [areaCode], 'area');
  const { rows } = await repo.findProgrammes(
    db,
    { visibility: ['public', 'participants'], areaIds: areas.map((a) => a.id) },
    { limit: 1000, offset: 0 },
  );
  return summaries(db, rows, lang);
}
