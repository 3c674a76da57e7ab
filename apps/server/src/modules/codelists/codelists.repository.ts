import type { ReadonlyDb } from '../../platform/db/database.ts';

export function findCodelists(db: ReadonlyDb, code?: string) {
  let q = db.selectFrom('codelist').selectAll();
  if (code) q = q.where('code', '=', code.toUpperCase());
  return q.orderBy('code').execute();
}

export function findCodes(db: ReadonlyDb, codelists: string[]) {
  if (codelists.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('code')
    .selectAll()
    .where('codelist', 'in', codelists)
    .orderBy('codelist')
    .orderBy('sortOrder')
    .execute();
}
