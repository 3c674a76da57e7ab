import type { Db } from '../../platform/db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import * as repo from './programmes.repository.ts';

/** Where every fact of the demo programme comes from. */
const SOURCE =
  'Press release “EU – Central Asia Drug Dialogue”, Brussels, 12 December 2023 (Russian original; ../shared/reference/press-release-2023-12-12-eu-central-asia-drug-dialogue.ru.txt)';

/**
 * CADAP 7 as the press release of 12 December 2023 describes it: EU-funded, implemented by FIIAPP,
 * for the five Central Asian countries. No period, components or activities: the source gives none.
 */
export const CADAP7 = {
  code: 'CADAP7',
  nameEn: 'Central Asia Drug Action Programme (CADAP 7)',
  nameRu: 'Программа действий по борьбе с наркотиками в Центральной Азии (КАДАП 7)',
  funderEn: 'European Union',
  funderRu: 'Европейский Союз',
  implementerEn:
    'FIIAPP — International and Ibero-American Foundation for Administration and Public Policies (Spanish public foundation)',
  implementerRu: 'ФИАПП — Международный иберо-американский фонд государственного управления и политики',
  countries: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'],
  sourceReference: SOURCE,
} as const;

/** Loads CADAP 7 unless a programme with its code exists. Returns whether it loaded anything. */
export async function loadProgrammesDemo(db: Db): Promise<boolean> {
  const existing = await repo.findProgrammeByCode(db, CADAP7.code);
  if (existing) return false;
  const { countries, ...fields } = CADAP7;
  await db.transaction().execute(async (trx) => {
    const id = await repo.insertProgramme(trx, { ...fields, visibility: 'public' }, null);
    const areas = await trx
      .selectFrom('area')
      .select('id')
      .where('code', 'in', [...countries])
      .execute();
    await repo.replaceCountries(
      trx,
      id,
      areas.map((a) => a.id),
    );
    await writeAudit(trx, {
      actorId: null,
      action: 'programme.demo',
      entity: 'programme',
      entityId: CADAP7.code,
      after: CADAP7,
    });
  });
  return true;
}
