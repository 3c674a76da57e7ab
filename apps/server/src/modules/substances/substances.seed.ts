import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../platform/db/database.ts';

interface SubstanceSeed {
  code: string;
  parentCode: string | null;
  level: 'group' | 'drug' | 'form';
  nameEn: string;
  nameRu: string;
  synonymsEn: string[];
  synonymsRu: string[];
}

interface MappingSeed {
  scheme: string;
  externalGroup: string | null;
  externalSubgroup: string | null;
  externalName: string;
  normalisedName: string;
  substanceCode: string;
  relation: 'exact' | 'broader' | 'narrower';
}

const dataDir = path.join(import.meta.dirname, 'data');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as T;

/** Loads the substance taxonomy and its crosswalks (see data/README.md). Idempotent. */
export async function seedSubstances(db: Db): Promise<{ substances: number; mappings: number }> {
  const substances = readJson<SubstanceSeed[]>('substances.json');
  const mappings = readJson<MappingSeed[]>('substance-mappings.json');
  await db.transaction().execute(async (trx) => {
    // Parents before children, so parent ids exist when children are written.
    const depth = (s: SubstanceSeed): number => {
      let d = 0;
      for (let p = s.parentCode; p; p = substances.find((x) => x.code === p)?.parentCode ?? null) d++;
      return d;
    };
    const ordered = [...substances].sort((a, b) => depth(a) - depth(b));
    const ids = new Map<string, number>();
    for (const [index, s] of ordered.entries()) {
      const row = {
        code: s.code,
        parentId: s.parentCode ? (ids.get(s.parentCode) ?? null) : null,
        level: s.level,
        nameEn: s.nameEn,
        nameRu: s.nameRu,
        synonymsEn: s.synonymsEn,
        synonymsRu: s.synonymsRu,
        sortOrder: index,
      };
      const saved = await trx
        .insertInto('substance')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet({ ...row }))
        .returning(['id'])
        .executeTakeFirstOrThrow();
      ids.set(s.code, saved.id);
    }
    const schemes = [...new Set(mappings.map((m) => m.scheme))];
    if (schemes.length) await trx.deleteFrom('substanceMapping').where('scheme', 'in', schemes).execute();
    const rows = mappings.map((m) => {
      const substanceId = ids.get(m.substanceCode);
      if (substanceId === undefined)
        throw new Error(`Mapping ${m.externalName}: unknown substance ${m.substanceCode}`);
      return {
        scheme: m.scheme,
        externalGroup: m.externalGroup,
        externalSubgroup: m.externalSubgroup,
        externalName: m.externalName,
        normalisedName: m.normalisedName,
        substanceId,
        relation: m.relation,
      };
    });
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('substanceMapping')
        .values(rows.slice(i, i + 200))
        .execute();
  });
  return { substances: substances.length, mappings: mappings.length };
}
