import { pickText, searchFold, type Language } from '@observatory/shared';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Area } from '../../platform/db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors, isUniqueViolation } from '../../platform/http/errors.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import * as repo from './areas.repository.ts';
import type { AreaDto } from './areas.schemas.ts';

export interface Actor {
  user: SessionUser;
  ip?: string;
}

/** The text users search by: every name, official name, synonym and code, folded. */
export function areaSearchKey(a: {
  code: string;
  alpha2?: string | null;
  nameEn: string;
  nameRu: string;
  officialNameEn?: string | null;
  officialNameRu?: string | null;
  synonyms?: string[];
  names?: Record<string, string>;
}): string {
  const parts = [
    a.code,
    a.alpha2 ?? '',
    a.nameEn,
    a.nameRu,
    a.officialNameEn ?? '',
    a.officialNameRu ?? '',
    ...(a.synonyms ?? []),
    ...Object.values(a.names ?? {}),
  ];
  return ` ${[...new Set(parts.filter(Boolean).map(searchFold))].join(' | ')} `;
}

export function toAreaDto(
  a: Area & { parentCode?: string | null },
  lang: Language,
  parentCode?: string | null,
): AreaDto {
  return {
    code: a.code,
    kind: a.kind,
    alpha2: a.alpha2,
    m49: a.m49,
    atlasId: a.atlasId,
    name: pickText(lang, a.nameEn, a.nameRu),
    nameEn: a.nameEn,
    nameRu: a.nameRu,
    officialName: lang === 'ru' ? (a.officialNameRu ?? a.officialNameEn) : a.officialNameEn,
    region: a.region,
    subRegion: a.subRegion,
    parent: parentCode ?? a.parentCode ?? null,
    isSystem: a.isSystem,
  };
}

const ref = (a: Area, lang: Language) => ({
  code: a.code,
  kind: a.kind,
  name: pickText(lang, a.nameEn, a.nameRu),
});

async function requireArea(db: ReadonlyDb, code: string, param = 'code'): Promise<Area> {
  const area = await repo.findAreaByCode(db, code);
  if (!area) throw errors.unknownCodes(param, [code]);
  return area;
}

export async function listAreas(
  db: ReadonlyDb,
  query: {
    group?: string | undefined;
    q?: string | undefined;
    kind?: Area['kind'][] | undefined;
    parent?: string | undefined;
    page: number;
    pageSize: number;
  },
  lang: Language,
) {
  const group = query.group ? await requireArea(db, query.group, 'group') : undefined;
  if (group && group.kind !== 'group' && group.kind !== 'region')
    throw errors.invalidParameter('group', 'zod.other');
  const parent = query.parent ? await requireArea(db, query.parent, 'parent') : undefined;
  const folded = query.q ? searchFold(query.q) : undefined;
  const { rows, total } = await repo.findAreas(db, {
    ...(group ? { groupId: group.id } : {}),
    ...(parent ? { parentId: parent.id } : {}),
    ...(query.kind ? { kinds: query.kind } : {}),
    ...(query.q !== undefined ? { searchKey: folded ?? '', rawQuery: query.q } : {}),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
    orderBy: lang === 'ru' ? 'name_ru' : 'name_en',
  });
  return { items: rows.map((r) => toAreaDto(r, lang)), page: query.page, pageSize: query.pageSize, total };
}

export async function getArea(db: ReadonlyDb, code: string, lang: Language) {
  const area = await repo.findAreaByCode(db, code);
  if (!area) throw errors.notFound('area', code);
  const [members, groups, children, parent] = await Promise.all([
    repo.findMembers(db, area.id),
    repo.findGroupsOf(db, area.id),
    repo.findChildren(db, area.id),
    area.parentId
      ? db.selectFrom('area').select('code').where('id', '=', area.parentId).executeTakeFirst()
      : undefined,
  ]);
  return {
    ...toAreaDto(area, lang, parent?.code ?? null),
    synonyms: area.synonyms,
    members: members.map((m) => ref(m, lang)),
    groups: groups.map((g) => ref(g, lang)),
    children: children.map((c) => ref(c, lang)),
  };
}

/**
 * Resolves area codes; unknown codes are collected and reported together. Groups are expanded to
 * their members when `expandGroups` is set.
 */
export async function resolveAreas(
  db: ReadonlyDb,
  codes: string[],
  param: string,
  options: { expandGroups?: boolean } = {},
): Promise<Area[]> {
  const found = await repo.findAreasByCodes(db, codes);
  const byCode = new Map<string, Area>();
  for (const a of found) {
    byCode.set(a.code.toUpperCase(), a);
    if (a.alpha2) byCode.set(a.alpha2.toUpperCase(), a);
  }
  const unknown = codes.filter((c) => !byCode.has(c.toUpperCase()));
  if (unknown.length) throw errors.unknownCodes(param, unknown);
  const result = new Map<number, Area>();
  for (const code of codes) {
    const area = byCode.get(code.toUpperCase())!;
    if (options.expandGroups && (area.kind === 'group' || area.kind === 'region')) {
      for (const m of await repo.findMembers(db, area.id)) result.set(m.id, m);
    } else result.set(area.id, area);
  }
  return [...result.values()];
}

async function memberIds(db: ReadonlyDb, codes: string[]): Promise<number[]> {
  const areas = await resolveAreas(db, codes, 'members');
  const groups = areas.filter((a) => a.kind === 'group' || a.kind === 'region');
  if (groups.length) throw errors.invalidParameter('members', 'zod.other');
  return areas.map((a) => a.id);
}

export async function createGroup(
  db: Db,
  actor: Actor,
  input: { code: string; nameEn: string; nameRu: string; members: string[] },
  lang: Language,
) {
  const ids = await memberIds(db, input.members);
  try {
    const created = await db.transaction().execute(async (trx) => {
      const area = await repo.insertArea(trx, {
        code: input.code,
        kind: 'group',
        nameEn: input.nameEn,
        nameRu: input.nameRu,
        searchKey: areaSearchKey(input),
        isSystem: false,
        createdBy: actor.user.id,
      });
      await repo.replaceMembers(trx, area.id, ids);
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'area.group.create',
        entity: 'area',
        entityId: area.code,
        after: input,
        ip: actor.ip ?? null,
      });
      return area;
    });
    return getArea(db, created.code, lang);
  } catch (error) {
    if (isUniqueViolation(error)) throw errors.conflict('duplicate', { value: input.code });
    throw error;
  }
}

export async function updateGroup(
  db: Db,
  actor: Actor,
  code: string,
  input: { nameEn?: string | undefined; nameRu?: string | undefined; members?: string[] | undefined },
  lang: Language,
) {
  const area = await repo.findAreaByCode(db, code);
  if (!area || area.kind !== 'group') throw errors.notFound('area', code);
  if (area.isSystem) throw errors.conflict('system_area_readonly');
  const ids = input.members ? await memberIds(db, input.members) : undefined;
  const before = await getArea(db, code, 'en');
  await db.transaction().execute(async (trx) => {
    const nameEn = input.nameEn ?? area.nameEn;
    const nameRu = input.nameRu ?? area.nameRu;
    await repo.updateArea(trx, area.id, {
      nameEn,
      nameRu,
      searchKey: areaSearchKey({ code: area.code, nameEn, nameRu }),
    });
    if (ids) await repo.replaceMembers(trx, area.id, ids);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'area.group.update',
      entity: 'area',
      entityId: area.code,
      before: { nameEn: before.nameEn, nameRu: before.nameRu, members: before.members.map((m) => m.code) },
      after: input,
      ip: actor.ip ?? null,
    });
  });
  return getArea(db, code, lang);
}

export async function deleteGroup(db: Db, actor: Actor, code: string): Promise<void> {
  const area = await repo.findAreaByCode(db, code);
  if (!area || area.kind !== 'group') throw errors.notFound('area', code);
  if (area.isSystem) throw errors.conflict('system_area_readonly');
  const before = await getArea(db, code, 'en');
  await db.transaction().execute(async (trx) => {
    await repo.deleteArea(trx, area.id);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'area.group.delete',
      entity: 'area',
      entityId: area.code,
      before,
      ip: actor.ip ?? null,
    });
  });
}

export async function createSubnational(
  db: Db,
  actor: Actor,
  input: {
    code: string;
    parent: string;
    nameEn: string;
    nameRu: string;
    names?: Record<string, string> | undefined;
  },
  lang: Language,
) {
  const parent = await requireArea(db, input.parent, 'parent');
  if (parent.kind === 'group' || parent.kind === 'region')
    throw errors.invalidParameter('parent', 'zod.other');
  try {
    await db.transaction().execute(async (trx) => {
      const area = await repo.insertArea(trx, {
        code: input.code,
        kind: 'subnational',
        parentId: parent.id,
        nameEn: input.nameEn,
        nameRu: input.nameRu,
        names: JSON.stringify(input.names ?? {}),
        searchKey: areaSearchKey({ ...input, names: input.names ?? {} }),
        isSystem: false,
        createdBy: actor.user.id,
      });
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'area.create',
        entity: 'area',
        entityId: area.code,
        after: input,
        ip: actor.ip ?? null,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw errors.conflict('duplicate', { value: input.code });
    throw error;
  }
  return getArea(db, input.code, lang);
}

export async function deleteSubnational(db: Db, actor: Actor, code: string): Promise<void> {
  const area = await repo.findAreaByCode(db, code);
  if (!area || area.kind !== 'subnational') throw errors.notFound('area', code);
  if (await repo.isAreaReferenced(db, area.id))
    throw errors.conflict('conflict', { reason: 'area has observations or children' });
  await db.transaction().execute(async (trx) => {
    await repo.deleteArea(trx, area.id);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'area.delete',
      entity: 'area',
      entityId: area.code,
      before: toAreaDto(area, 'en'),
      ip: actor.ip ?? null,
    });
  });
}
