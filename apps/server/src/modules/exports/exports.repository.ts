import type { ReadonlyDb } from '../../platform/db/database.ts';

export interface CodeName {
  en: string;
  ru: string;
}

/**
 * Names of the codes of some codelists (codelist → code → names), for labelling SDMX values. Read
 * here rather than through the codelists module, whose public surface has no names lookup yet.
 */
export async function findCodeNames(
  db: ReadonlyDb,
  codelists: string[],
): Promise<Map<string, Map<string, CodeName>>> {
  const names = new Map<string, Map<string, CodeName>>(codelists.map((c) => [c, new Map()]));
  if (codelists.length === 0) return names;
  const rows = await db
    .selectFrom('code')
    .select(['codelist', 'code', 'nameEn', 'nameRu'])
    .where('codelist', 'in', codelists)
    .execute();
  for (const r of rows) names.get(r.codelist)?.set(r.code, { en: r.nameEn, ru: r.nameRu });
  return names;
}
