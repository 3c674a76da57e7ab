import type { Db } from './platform/db/database.ts';
import { seedAreas } from './modules/areas/index.ts';
import { seedCodelists } from './modules/codelists/index.ts';
import { seedIndicators } from './modules/indicators/index.ts';
import { seedPresets } from './modules/imports/index.ts';
import { seedSubstances } from './modules/substances/index.ts';

/** Loads all built-in reference data. Idempotent: safe on every start. */
export async function seedReferenceData(db: Db) {
  const codelists = await seedCodelists(db);
  const areas = await seedAreas(db);
  const substances = await seedSubstances(db);
  const indicators = await seedIndicators(db);
  const presets = await seedPresets(db);
  return { ...codelists, ...areas, ...substances, ...indicators, presets };
}
