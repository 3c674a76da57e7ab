import { sql } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Area, AreaUpdate, NewArea } from '../../platform/db/schema.ts';

export interface AreaFilter {
  groupId?: number;
  kinds?: Area['kind'][];
  searchKey?: string;
  rawQuery?: string;
  parentId?: number;
  limit: number;
  offset: number;
  orderBy: 'name_en' | 'name_ru';
}

export async function findAreas(
  db: ReadonlyDb,
  filter: AreaFilter,
): Promise<{ rows: (Area & { parentCode: string | null })[]; total: number }> {
  let query = db.selectFrom('area').leftJoin('area as parent', 'parent.id', 'area.parentId');
  if (filter.groupId !== undefined) {
    const groupId = filter.groupId;
    query = query.where('area.id', 'in', (eb) =>
      eb.selectFrom('areaMember').select('memberId').where('groupId', '=', groupId),
    );
  }
  if (filter.kinds?.length) query = query.where('area.kind', 'in', filter.kinds);
  if (filter.parentId !== undefined) query = query.where('area.parentId', '=', filter.parentId);
  if (filter.searchKey !== undefined) {
    const key = filter.searchKey;
    const raw = (filter.rawQuery ?? '').trim().toUpperCase();
    query = query.where((eb) =>
      eb.or([
        eb('area.searchKey', 'like', `%${key.replace(/[%_\\]/g, '\\$&')}%`),
        eb(eb.fn('upper', ['area.code']), '=', raw),
        eb(eb.fn('upper', ['area.alpha2']), '=', raw),
      ]),
    );
  }
  const countRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const nameColumn = filter.orderBy === 'name_ru' ? sql.ref('area.name_ru') : sql.ref('area.name_en');
  const rows = await query
    .selectAll('area')
    .select('parent.code as parentCode')
    .orderBy(sql`${nameColumn} collate "und-x-icu"`)
    .orderBy('area.code')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: Number(countRow.n) };
}

export function findAreaByCode(db: ReadonlyDb, code: string): Promise<Area | undefined> {
  return db
    .selectFrom('area')
    .selectAll()
    .where(sql`upper(code)`, '=', code.toUpperCase())
    .executeTakeFirst();
}

/** Resolves codes (alpha-3, group codes, sub-national codes; alpha-2 as a convenience) to areas. */
export async function findAreasByCodes(db: ReadonlyDb, codes: string[]): Promise<Area[]> {
  if (codes.length === 0) return [];
  const upper = [...new Set(codes.map((c) => c.toUpperCase()))];
  return db
    .selectFrom('area')
    .selectAll()
    .where((eb) => eb.or([eb(sql`upper(code)`, 'in', upper), eb(sql`upper(alpha2)`, 'in', upper)]))
    .execute();
}

export async function findMembers(db: ReadonlyDb, groupId: number): Promise<Area[]> {
  return db
    .selectFrom('areaMember')
    .innerJoin('area', 'area.id', 'areaMember.memberId')
    .selectAll('area')
    .where('areaMember.groupId', '=', groupId)
    .orderBy('area.code')
    .execute();
}

export async function findGroupsOf(db: ReadonlyDb, memberId: number): Promise<Area[]> {
  return db
    .selectFrom('areaMember')
    .innerJoin('area', 'area.id', 'areaMember.groupId')
    .selectAll('area')
    .where('areaMember.memberId', '=', memberId)
    .orderBy('area.code')
    .execute();
}

export async function findChildren(db: ReadonlyDb, parentId: number): Promise<Area[]> {
  return db.selectFrom('area').selectAll().where('parentId', '=', parentId).orderBy('code').execute();
}

export async function insertArea(db: Db, area: NewArea): Promise<Area> {
  return db.insertInto('area').values(area).returningAll().executeTakeFirstOrThrow();
}

export async function updateArea(db: Db, id: number, patch: AreaUpdate): Promise<Area> {
  return db
    .updateTable('area')
    .set({ ...patch, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteArea(db: Db, id: number): Promise<void> {
  await db.deleteFrom('area').where('id', '=', id).execute();
}

export async function replaceMembers(db: Db, groupId: number, memberIds: number[]): Promise<void> {
  await db.deleteFrom('areaMember').where('groupId', '=', groupId).execute();
  if (memberIds.length > 0) {
    await db
      .insertInto('areaMember')
      .values(memberIds.map((memberId) => ({ groupId, memberId })))
      .execute();
  }
}

export async function isAreaReferenced(db: ReadonlyDb, id: number): Promise<boolean> {
  const observation = await db
    .selectFrom('observation')
    .select('id')
    .where('areaId', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (observation) return true;
  const child = await db
    .selectFrom('area')
    .select('id')
    .where('parentId', '=', id)
    .limit(1)
    .executeTakeFirst();
  return child !== undefined;
}
