import { pickText, type Language } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import * as repo from './codelists.repository.ts';

export async function listCodelists(db: ReadonlyDb, lang: Language, code?: string) {
  const lists = await repo.findCodelists(db, code);
  if (code && lists.length === 0) throw errors.notFound('codelist', code);
  const codes = await repo.findCodes(
    db,
    lists.map((l) => l.code),
  );
  return lists.map((l) => ({
    code: l.code,
    name: pickText(lang, l.nameEn, l.nameRu),
    nameEn: l.nameEn,
    nameRu: l.nameRu,
    description: lang === 'ru' ? (l.descriptionRu ?? l.descriptionEn) : l.descriptionEn,
    codes: codes
      .filter((c) => c.codelist === l.code)
      .map((c) => ({
        code: c.code,
        name: pickText(lang, c.nameEn, c.nameRu),
        nameEn: c.nameEn,
        nameRu: c.nameRu,
        attributes: c.attributes,
      })),
  }));
}

/** The set of valid codes per codelist, for validating dimension members. */
export async function codeSets(db: ReadonlyDb, codelists: string[]): Promise<Map<string, Set<string>>> {
  const rows = await repo.findCodes(db, codelists);
  const sets = new Map<string, Set<string>>(codelists.map((c) => [c, new Set<string>()]));
  for (const r of rows) sets.get(r.codelist)?.add(r.code);
  return sets;
}
