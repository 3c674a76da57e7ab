import type { Db } from '../../platform/db/database.ts';
import { INDICATORS } from './indicators.data.ts';

/** Loads the built-in indicator catalogue. Idempotent (upsert by code). */
export async function seedIndicators(db: Db): Promise<{ indicators: number }> {
  await db.transaction().execute(async (trx) => {
    for (const [i, ind] of INDICATORS.entries()) {
      const row = {
        code: ind.code,
        domain: ind.domain,
        nameEn: ind.en,
        nameRu: ind.ru,
        descriptionEn: ind.descriptionEn,
        descriptionRu: ind.descriptionRu,
        unit: ind.unit,
        measureType: ind.measureType,
        periodType: 'annual',
        dimensions: JSON.stringify(ind.dimensions),
        requiresSubstance: ind.requiresSubstance,
        hasBounds: ind.hasBounds ?? false,
        allowsNegative: false,
        isAdditive: ind.isAdditive,
        protocol: ind.protocol,
        comparabilityEn: ind.comparabilityEn ?? null,
        comparabilityRu: ind.comparabilityRu ?? null,
        sortOrder: i,
      };
      await trx
        .insertInto('indicator')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
  });
  return { indicators: INDICATORS.length };
}
