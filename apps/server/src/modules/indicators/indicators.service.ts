import { pickText, type Language } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import type { Indicator } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import type { IndicatorDto } from './indicators.schemas.ts';

export function toIndicatorDto(i: Indicator, lang: Language): IndicatorDto {
  return {
    code: i.code,
    domain: i.domain,
    name: pickText(lang, i.nameEn, i.nameRu),
    nameEn: i.nameEn,
    nameRu: i.nameRu,
    description: lang === 'ru' ? (i.descriptionRu ?? i.descriptionEn) : i.descriptionEn,
    unit: i.unit,
    measureType: i.measureType,
    periodType: i.periodType,
    dimensions: i.dimensions.map((d) => ({ ...d, codelist: d.codelist || null })),
    requiresSubstance: i.requiresSubstance,
    hasBounds: i.hasBounds,
    isAdditive: i.isAdditive,
    protocol: i.protocol,
    comparability: lang === 'ru' ? (i.comparabilityRu ?? i.comparabilityEn) : i.comparabilityEn,
  };
}

export async function listIndicators(db: ReadonlyDb, query: { domain?: string | undefined }, lang: Language) {
  let q = db.selectFrom('indicator').selectAll();
  if (query.domain) q = q.where('domain', '=', query.domain.toUpperCase());
  const rows = await q.orderBy('sortOrder').execute();
  return { items: rows.map((r) => toIndicatorDto(r, lang)) };
}

export async function getIndicator(db: ReadonlyDb, code: string, lang: Language) {
  const row = await findIndicator(db, code);
  if (!row) throw errors.notFound('indicator', code);
  return toIndicatorDto(row, lang);
}

export function findIndicator(db: ReadonlyDb, code: string): Promise<Indicator | undefined> {
  return db.selectFrom('indicator').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
}

/** The indicator for a query parameter, or a 400 that lists the unknown code back. */
export async function resolveIndicator(
  db: ReadonlyDb,
  code: string,
  param = 'indicator',
): Promise<Indicator> {
  const row = await findIndicator(db, code);
  if (!row) throw errors.unknownCodes(param, [code]);
  return row;
}
