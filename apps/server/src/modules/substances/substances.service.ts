import { pickText, searchFold, type Language } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import type { Substance } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import * as repo from './substances.repository.ts';
import type { SubstanceDto, SubstanceNode } from './substances.schemas.ts';

function toDto(s: Substance, byId: Map<number, Substance>, lang: Language): SubstanceDto {
  return {
    code: s.code,
    parent: s.parentId ? (byId.get(s.parentId)?.code ?? null) : null,
    level: s.level,
    name: pickText(lang, s.nameEn, s.nameRu),
    nameEn: s.nameEn,
    nameRu: s.nameRu,
    synonymsEn: s.synonymsEn,
    synonymsRu: s.synonymsRu,
  };
}

export async function listSubstances(
  db: ReadonlyDb,
  query: { flat: boolean; q?: string | undefined },
  lang: Language,
): Promise<{ items: SubstanceNode[] }> {
  const all = await repo.findAllSubstances(db);
  const byId = new Map(all.map((s) => [s.id, s]));
  const collator = new Intl.Collator(lang);
  const sortByName = (a: SubstanceDto, b: SubstanceDto) => collator.compare(a.name, b.name);
  if (query.q !== undefined) {
    const key = searchFold(query.q);
    const hits = all.filter((s) =>
      [s.code, s.nameEn, s.nameRu, ...s.synonymsEn, ...s.synonymsRu].some((n) => searchFold(n).includes(key)),
    );
    return { items: hits.map((s) => ({ ...toDto(s, byId, lang), children: [] })).sort(sortByName) };
  }
  const nodes = new Map<number, SubstanceNode>(
    all.map((s) => [s.id, { ...toDto(s, byId, lang), children: [] }]),
  );
  if (query.flat) return { items: [...nodes.values()].sort(sortByName) };
  const roots: SubstanceNode[] = [];
  for (const s of all) {
    const node = nodes.get(s.id)!;
    const parent = s.parentId ? nodes.get(s.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sortTree = (list: SubstanceNode[]) => {
    list.sort(sortByName);
    list.forEach((n) => sortTree(n.children));
  };
  sortTree(roots);
  return { items: roots };
}

export async function getSubstance(db: ReadonlyDb, code: string, lang: Language) {
  const all = await repo.findAllSubstances(db);
  const byId = new Map(all.map((s) => [s.id, s]));
  const node = all.find((s) => s.code === code.toLowerCase());
  if (!node) throw errors.notFound('substance', code);
  const path: { code: string; name: string }[] = [];
  for (
    let p = node.parentId ? byId.get(node.parentId) : undefined;
    p;
    p = p.parentId ? byId.get(p.parentId) : undefined
  ) {
    path.unshift({ code: p.code, name: pickText(lang, p.nameEn, p.nameRu) });
  }
  return {
    ...toDto(node, byId, lang),
    path,
    children: all.filter((s) => s.parentId === node.id).map((s) => toDto(s, byId, lang)),
    mappings: await repo.findMappings(db, node.id),
  };
}

/** Resolves substance codes; all unknown codes are reported together. */
export async function resolveSubstances(
  db: ReadonlyDb,
  codes: string[],
  param: string,
): Promise<Substance[]> {
  const found = await repo.findSubstancesByCodes(db, codes);
  const known = new Set(found.map((s) => s.code));
  const unknown = codes.filter((c) => !known.has(c.toLowerCase()));
  if (unknown.length) throw errors.unknownCodes(param, unknown);
  return found;
}
