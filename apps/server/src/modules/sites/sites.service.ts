import { pickText, type Language } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import { resolveAreas } from '../areas/index.ts';
import * as repo from './sites.repository.ts';
import type { ListSitesQuery, SiteDto } from './sites.schemas.ts';

/** Monitoring sites with coordinates, for maps; `country` narrows to areas (groups expand). */
export async function listSites(
  db: ReadonlyDb,
  query: ListSitesQuery,
  lang: Language,
): Promise<{ items: SiteDto[]; total: number }> {
  const areaIds = query.country?.length
    ? (await resolveAreas(db, query.country, 'country', { expandGroups: true })).map((a) => a.id)
    : undefined;
  const rows = await repo.findSites(db, areaIds);
  const items = rows.map((r) => ({
    code: r.code,
    name: r.name,
    country: { code: r.areaCode, alpha2: r.areaAlpha2, name: pickText(lang, r.areaNameEn, r.areaNameRu) },
    lat: r.latitude,
    lon: r.longitude,
    population: r.population,
    source: r.sourceCode,
  }));
  return { items, total: items.length };
}
