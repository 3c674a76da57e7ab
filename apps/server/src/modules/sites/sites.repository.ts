import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { MonitoringSite } from '../../platform/db/schema.ts';

export interface SiteRow {
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  population: number | null;
  areaCode: string;
  areaAlpha2: string | null;
  areaNameEn: string;
  areaNameRu: string;
  sourceCode: string;
}

/** Sites with their country and source, optionally only in the given areas. */
export function findSites(db: ReadonlyDb, areaIds?: number[]): Promise<SiteRow[]> {
  let q = db
    .selectFrom('monitoringSite as m')
    .innerJoin('area as a', 'a.id', 'm.areaId')
    .innerJoin('source as s', 's.id', 'm.sourceId')
    .select([
      'm.code',
      'm.name',
      'm.latitude',
      'm.longitude',
      'm.population',
      'a.code as areaCode',
      'a.alpha2 as areaAlpha2',
      'a.nameEn as areaNameEn',
      'a.nameRu as areaNameRu',
      's.code as sourceCode',
    ]);
  if (areaIds) {
    if (areaIds.length === 0) return Promise.resolve([]);
    q = q.where('m.areaId', 'in', areaIds);
  }
  return q.orderBy('a.code').orderBy('m.code').execute();
}

export function findSitesByCodes(db: ReadonlyDb, codes: string[]): Promise<MonitoringSite[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('monitoringSite').selectAll().where('code', 'in', codes).execute();
}

export interface SiteValues {
  code: string;
  name: string;
  areaId: number;
  latitude: number;
  longitude: number;
  population: number | null;
  sourceId: number;
}

/** Inserts new sites and overwrites existing ones with the same code (one statement). */
export async function upsertSites(db: Db, rows: SiteValues[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('monitoringSite')
    .values(rows)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        areaId: eb.ref('excluded.areaId'),
        latitude: eb.ref('excluded.latitude'),
        longitude: eb.ref('excluded.longitude'),
        population: eb.ref('excluded.population'),
        sourceId: eb.ref('excluded.sourceId'),
      })),
    )
    .execute();
}
