import type { ReadonlyDb } from '../../platform/db/database.ts';
import type { Substance } from '../../platform/db/schema.ts';

export function findAllSubstances(db: ReadonlyDb): Promise<Substance[]> {
  return db.selectFrom('substance').selectAll().orderBy('sortOrder').orderBy('code').execute();
}

export function findSubstancesByCodes(db: ReadonlyDb, codes: string[]): Promise<Substance[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('substance')
    .selectAll()
    .where(
      'code',
      'in',
      codes.map((c) => c.toLowerCase()),
    )
    .execute();
}

export function findMappings(db: ReadonlyDb, substanceId: number) {
  return db
    .selectFrom('substanceMapping')
    .select(['scheme', 'externalGroup', 'externalSubgroup', 'externalName', 'relation'])
    .where('substanceId', '=', substanceId)
    .orderBy('scheme')
    .orderBy('externalName')
    .execute();
}
