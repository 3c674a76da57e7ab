import { z } from 'zod';

export const indicatorSchema = z.object({
  code: z.string(),
  domain: z.string(),
  name: z.string(),
  nameEn: z.string(),
  nameRu: z.string(),
  description: z.string().nullable(),
  unit: z.string().describe('Code in the UNIT codelist'),
  measureType: z.string(),
  periodType: z.string(),
  dimensions: z.array(
    z.object({
      dimension: z.string(),
      codelist: z.string().nullable().describe('null: free codes (e.g. study, site)'),
      required: z.boolean(),
    }),
  ),
  requiresSubstance: z.boolean(),
  hasBounds: z.boolean(),
  isAdditive: z.boolean(),
  protocol: z.string().nullable(),
  comparability: z.string().nullable(),
});
export type IndicatorDto = z.infer<typeof indicatorSchema>;

export const indicatorListResponse = z.object({ items: z.array(indicatorSchema) });
export const listIndicatorsQuery = z.object({
  lang: z.enum(['en', 'ru']).optional(),
  domain: z.string().trim().min(2).max(10).optional().describe('Filter by domain, e.g. SZR, DRD, TDI'),
});
export const indicatorParams = z.object({ code: z.string().trim().min(1).max(64) });
