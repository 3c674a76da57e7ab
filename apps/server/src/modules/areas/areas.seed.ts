import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { areaSearchKey } from './areas.service.ts';

interface CountrySeed {
  alpha3: string;
  alpha2: string | null;
  m49: number | null;
  atlasId: string | null;
  nameEn: string;
  nameRu: string;
  officialNameEn: string | null;
  officialNameRu: string | null;
  independent: boolean;
  region: string | null;
  subRegion: string | null;
  synonyms: string[];
}

interface GroupSeed {
  code: string;
  nameEn: string;
  nameRu: string;
  kind: 'group' | 'region';
  members: string[];
}

const dataDir = path.join(import.meta.dirname, 'data');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as T;

/**
 * Loads the built-in countries, territories and groups (see data/README.md for sources). Idempotent:
 * rows are upserted by code, and built-in group memberships are replaced.
 */
export async function seedAreas(db: Db): Promise<{ countries: number; groups: number }> {
  const countries = readJson<CountrySeed[]>('countries.json');
  const groups = readJson<GroupSeed[]>('groups.json');
  const rows = [
    ...countries.map((c) => ({
      code: c.alpha3,
      kind: c.independent ? ('country' as const) : ('territory' as const),
      alpha2: c.alpha2,
      m49: c.m49,
      atlasId: c.atlasId,
      nameEn: c.nameEn,
      nameRu: c.nameRu,
      officialNameEn: c.officialNameEn,
      officialNameRu: c.officialNameRu,
      region: c.region,
      subRegion: c.subRegion,
      synonyms: c.synonyms,
      searchKey: areaSearchKey({ code: c.alpha3, ...c }),
      isSystem: true,
    })),
    ...groups.map((g) => ({
      code: g.code,
      kind: g.kind,
      alpha2: null,
      m49: null,
      atlasId: null,
      nameEn: g.nameEn,
      nameRu: g.nameRu,
      officialNameEn: null,
      officialNameRu: null,
      region: null,
      subRegion: null,
      synonyms: [],
      searchKey: areaSearchKey({ code: g.code, nameEn: g.nameEn, nameRu: g.nameRu }),
      isSystem: true,
    })),
  ];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('area')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            alpha2: eb.ref('excluded.alpha2'),
            m49: eb.ref('excluded.m49'),
            atlasId: eb.ref('excluded.atlasId'),
            nameEn: eb.ref('excluded.nameEn'),
            nameRu: eb.ref('excluded.nameRu'),
            officialNameEn: eb.ref('excluded.officialNameEn'),
            officialNameRu: eb.ref('excluded.officialNameRu'),
            region: eb.ref('excluded.region'),
            subRegion: eb.ref('excluded.subRegion'),
            synonyms: eb.ref('excluded.synonyms'),
            searchKey: eb.ref('excluded.searchKey'),
            isSystem: sql<boolean>`true`,
          })),
        )
        .execute();
    }
    const ids = new Map(
      (await trx.selectFrom('area').select(['id', 'code']).execute()).map((a) => [a.code, a.id]),
    );
    for (const g of groups) {
      const groupId = ids.get(g.code)!;
      await trx.deleteFrom('areaMember').where('groupId', '=', groupId).execute();
      const members = g.members.map((m) => {
        const memberId = ids.get(m);
        if (memberId === undefined) throw new Error(`Group ${g.code}: unknown member ${m}`);
        return { groupId, memberId };
      });
      if (members.length) await trx.insertInto('areaMember').values(members).execute();
    }
  });
  return { countries: countries.length, groups: groups.length };
}
