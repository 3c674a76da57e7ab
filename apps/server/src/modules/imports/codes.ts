import { searchFold } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import type { Indicator } from '../../platform/db/schema.ts';

/**
 * Turns the names and codes found in files into ids: areas (ISO codes, English and Russian names,
 * UN / World Bank / UNODC variants, transliterations), substances (crosswalks such as UNODC's,
 * codes, names), indicators and codelist members. Unknown names come back with the closest known
 * name as a suggestion.
 */

/** Label as compared: curly quotes straightened, whitespace collapsed, lower case, ё → е. */
export function labelKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е');
}

/** Variants of a name worth trying: without footnote markers, without a bracketed remark. */
function nameVariants(text: string): string[] {
  const out = [text];
  const noMarker = text.replace(/\s*(\*+|\(\s*[a-z0-9]{1,2}\s*\)|\s[a-z]\d?)\s*$/u, '').trim();
  if (noMarker !== text) out.push(noMarker);
  for (const t of [...out]) {
    const noBracket = t.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    if (noBracket !== t && noBracket) out.push(noBracket);
  }
  return out;
}

interface Candidate {
  id: number;
  label: string;
  /** `searchFold(label)`, computed once: suggestions compare it for every unknown name. */
  folded: string;
  cyrillic: boolean;
}

/** Exact keys first, then folded (transliterated) keys; a key shared by two entries is ambiguous. */
class NameIndex {
  private exact = new Map<string, number | null>();
  private folded = new Map<string, number | null>();
  readonly labels: Candidate[] = [];

  add(id: number, name: string | null | undefined, display = true): void {
    if (!name) return;
    const put = (m: Map<string, number | null>, k: string) => {
      if (!k) return;
      const prev = m.get(k);
      m.set(k, prev === undefined || prev === id ? id : null);
    };
    put(this.exact, labelKey(name));
    put(this.folded, searchFold(name));
    if (display)
      this.labels.push({
        id,
        label: name,
        folded: searchFold(name),
        cyrillic: /[\u0400-\u04ff]/u.test(name),
      });
  }

  find(text: string): number | undefined {
    for (const v of nameVariants(text)) {
      const e = this.exact.get(labelKey(v));
      if (e) return e;
    }
    for (const v of nameVariants(text)) {
      const f = this.folded.get(searchFold(v));
      if (f) return f;
    }
    return undefined;
  }

  /** The closest known label (edit distance on folded text), if reasonably close. */
  suggest(text: string): string | undefined {
    const key = searchFold(text);
    if (!key) return undefined;
    let best: Candidate | undefined;
    let bestDistance = Infinity;
    // On a tie, a label in the same script as the text (Cyrillic or Latin) reads best.
    const cyrillic = /[\u0400-\u04ff]/u.test(text);
    for (const c of this.labels) {
      const d = distance(key, c.folded) + (c.cyrillic === cyrillic ? 0 : 0.5);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best && Math.floor(bestDistance) <= Math.max(1, Math.floor(key.length / 4))
      ? best.label
      : undefined;
  }
}

/** Levenshtein distance. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

export type Lookup<T> = { ok: true; value: T } | { ok: false; suggestion?: string | undefined };

export interface AreaRef {
  id: number;
  code: string;
  kind: string;
}

export interface CodeResolver {
  indicator(text: string): Lookup<Indicator>;
  area(text: string): Lookup<AreaRef>;
  substance(text: string, group?: string | null, subgroup?: string | null): Lookup<number>;
  source(code: string): Lookup<number>;
  code(codelist: string, text: string): Lookup<string>;
  unit(text: string): Lookup<string>;
  status(text: string): Lookup<string>;
}

/** Loads the reference data once per import and answers lookups from memory. */
export async function loadResolver(
  db: ReadonlyDb,
  options: { substanceScheme?: string | undefined; areaMap?: Record<string, string> } = {},
): Promise<CodeResolver> {
  const [indicators, areas, substances, mappings, codes, sources] = await Promise.all([
    db.selectFrom('indicator').selectAll().execute(),
    db
      .selectFrom('area')
      .select([
        'id',
        'code',
        'kind',
        'alpha2',
        'm49',
        'nameEn',
        'nameRu',
        'officialNameEn',
        'officialNameRu',
        'synonyms',
        'names',
      ])
      .execute(),
    db
      .selectFrom('substance')
      .select(['id', 'code', 'nameEn', 'nameRu', 'synonymsEn', 'synonymsRu'])
      .execute(),
    db
      .selectFrom('substanceMapping')
      .select([
        'scheme',
        'externalGroup',
        'externalSubgroup',
        'externalName',
        'normalisedName',
        'substanceId',
      ])
      .execute(),
    db.selectFrom('code').select(['codelist', 'code', 'nameEn', 'nameRu']).execute(),
    db.selectFrom('source').select(['id', 'code']).execute(),
  ]);

  const indicatorBy = new Map(indicators.map((i) => [i.code.toUpperCase(), i]));

  const areaById = new Map<number, AreaRef>();
  const areaCodes = new Map<string, number>();
  const areaNames = new NameIndex();
  for (const a of areas) {
    areaById.set(a.id, { id: a.id, code: a.code, kind: a.kind });
    areaCodes.set(a.code.toUpperCase(), a.id);
    if (a.alpha2) areaCodes.set(a.alpha2.toUpperCase(), a.id);
    if (a.m49 !== null) areaCodes.set(String(a.m49).padStart(3, '0'), a.id);
    areaNames.add(a.id, a.nameEn);
    areaNames.add(a.id, a.nameRu);
    areaNames.add(a.id, a.officialNameEn);
    areaNames.add(a.id, a.officialNameRu);
    for (const s of a.synonyms) areaNames.add(a.id, s);
    for (const n of Object.values(a.names ?? {})) areaNames.add(a.id, n, false);
  }
  const areaMap = new Map(
    Object.entries(options.areaMap ?? {}).map(([k, v]) => [labelKey(k), v.toUpperCase()]),
  );

  const substanceCodes = new Map(substances.map((s) => [s.code.toLowerCase(), s.id]));
  const substanceNames = new NameIndex();
  for (const s of substances) {
    substanceNames.add(s.id, s.nameEn);
    substanceNames.add(s.id, s.nameRu);
    for (const n of [...s.synonymsEn, ...s.synonymsRu]) substanceNames.add(s.id, n);
  }
  const scheme = options.substanceScheme;
  const crosswalk = new Map<string, number>();
  const crosswalkByName = new Map<string, number | null>();
  for (const m of mappings) {
    if (m.scheme !== scheme) continue;
    const name = labelKey(m.externalName);
    crosswalk.set(
      `${labelKey(m.externalGroup ?? '')}\u0000${labelKey(m.externalSubgroup ?? '')}\u0000${name}`,
      m.substanceId,
    );
    for (const n of new Set([name, labelKey(m.normalisedName)])) {
      const prev = crosswalkByName.get(n);
      crosswalkByName.set(n, prev === undefined || prev === m.substanceId ? m.substanceId : null);
    }
  }

  const codeSets = new Map<string, Map<string, string>>();
  for (const c of codes) {
    let set = codeSets.get(c.codelist);
    if (!set) codeSets.set(c.codelist, (set = new Map<string, string>()));
    set.set(c.code.toUpperCase(), c.code);
    set.set(labelKey(c.nameEn), c.code);
    set.set(labelKey(c.nameRu), c.code);
  }
  const sourceBy = new Map(sources.map((s) => [s.code, s.id]));

  const codeLookup = (codelist: string, text: string): Lookup<string> => {
    const set = codeSets.get(codelist);
    const hit = set?.get(text.trim().toUpperCase()) ?? set?.get(labelKey(text));
    if (hit) return { ok: true, value: hit };
    let best: string | undefined;
    let bestD = Infinity;
    for (const k of set?.keys() ?? []) {
      const d = distance(text.toUpperCase(), k.toUpperCase());
      if (d < bestD) [best, bestD] = [set!.get(k), d];
    }
    return { ok: false, suggestion: bestD <= 2 ? best : undefined };
  };

  return {
    indicator(text) {
      const hit = indicatorBy.get(text.trim().toUpperCase());
      if (hit) return { ok: true, value: hit };
      let best: string | undefined;
      let bestD = Infinity;
      for (const k of indicatorBy.keys()) {
        const d = distance(text.trim().toUpperCase(), k);
        if (d < bestD) [best, bestD] = [k, d];
      }
      return { ok: false, suggestion: bestD <= 3 ? best : undefined };
    },
    area(text) {
      const mapped = areaMap.get(labelKey(text));
      const t = mapped ?? text.trim();
      const id = areaCodes.get(t.toUpperCase()) ?? areaNames.find(t);
      if (id !== undefined) return { ok: true, value: areaById.get(id)! };
      return { ok: false, suggestion: areaNames.suggest(t) };
    },
    substance(text, group, subgroup) {
      const name = labelKey(text);
      if (scheme) {
        const exact =
          crosswalk.get(`${labelKey(group ?? '')}\u0000${labelKey(subgroup ?? '')}\u0000${name}`) ??
          crosswalkByName.get(name);
        if (exact) return { ok: true, value: exact };
      }
      const id = substanceCodes.get(text.trim().toLowerCase()) ?? substanceNames.find(text);
      if (id !== undefined) return { ok: true, value: id };
      return { ok: false, suggestion: substanceNames.suggest(text) };
    },
    source(code) {
      const id = sourceBy.get(code.trim());
      return id === undefined ? { ok: false } : { ok: true, value: id };
    },
    code: codeLookup,
    unit: (text) => codeLookup('UNIT', text),
    status: (text) => codeLookup('OBS_STATUS', text),
  };
}
