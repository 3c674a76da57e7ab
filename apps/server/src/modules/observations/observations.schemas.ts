import { z } from 'zod';
import { codeList, pageQuery } from '../../platform/http/schemas.ts';
import { EXPORT_FORMATS } from '../exports/index.ts';

const dimFilter = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}:[^,]{1,100}$/, 'zod.invalid_format')).max(20))
  .describe('Other dimension members as `dimension:code`, repeatable, e.g. `dim=sex:F&dim=age:Y15T24`');

/** What selects observations: everything in the query but paging, format and language. */
export const observationsFilterQuery = z.object({
  indicator: z.string().trim().min(1).max(64).describe('Indicator code, e.g. SZR_QTY'),
  area: codeList
    .optional()
    .describe('Area codes, comma-separated (ISO alpha-3; groups such as CA5 expand to their members)'),
  substance: codeList.optional().describe('Substance codes, comma-separated, e.g. heroin'),
  from: z.coerce.number().int().min(1900).max(2200).optional().describe('First year'),
  to: z.coerce.number().int().min(1900).max(2200).optional().describe('Last year'),
  dim: dimFilter.optional(),
  source: codeList.optional().describe('Only these sources'),
  periodType: z
    .enum(['year', 'month'])
    .optional()
    .describe(
      'year: periods YYYY only; month: periods YYYY-MM only (e.g. roll-ups of seizure events); default both',
    ),
  sources: z
    .enum(['preferred', 'all'])
    .default('preferred')
    .describe('preferred: one value per key by the preference rule; all: every source’s value'),
});
export type ObservationsFilterQuery = z.infer<typeof observationsFilterQuery>;

export const observationsQuery = pageQuery.extend({
  ...observationsFilterQuery.shape,
  format: z
    .enum(['json', ...EXPORT_FORMATS])
    .default('json')
    .describe(
      'json: one page; csv, xlsx, sdmx-csv (SDMX-CSV 2.0) or sdmx-json (SDMX-JSON 2.x data message): a download of all matching rows (page and pageSize are ignored)',
    ),
  lang: z.enum(['en', 'ru']).optional(),
  pageSize: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export type ObservationsQuery = z.infer<typeof observationsQuery>;

const localizedRef = z.object({ code: z.string(), name: z.string() });

export const observationSchema = z.object({
  id: z.number().int(),
  indicator: z.string(),
  area: localizedRef,
  period: z.string(),
  year: z.number().int(),
  substance: localizedRef.nullable(),
  dims: z.record(z.string(), z.string()),
  value: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  unit: z.string(),
  status: z
    .string()
    .describe('SDMX observation status (A normal, E estimated, P provisional, B break, M missing, …)'),
  confidentiality: z.enum(['public', 'dialogue', 'restricted']),
  footnotes: z.array(z.string()),
  source: z.object({
    code: z.string(),
    publisher: z.string(),
    title: z.string(),
    tableName: z.string().nullable(),
    year: z.number().nullable(),
  }),
  sourceCount: z
    .number()
    .int()
    .describe('How many sources report this indicator/area/period/dimensions (>1: see sources=all)'),
  revision: z.number().int(),
  updatedAt: z.string(),
});
export type ObservationDto = z.infer<typeof observationSchema>;

export const observationsResponse = z.object({
  indicator: z.object({ code: z.string(), name: z.string(), unit: z.string() }),
  items: z.array(observationSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  preferenceRule: z.string(),
});

const footnoteInput = z.object({
  en: z.string().min(1).max(2000),
  ru: z.string().max(2000).nullable().optional(),
});

export const observationInput = z
  .object({
    indicator: z.string().trim().min(1).max(64),
    area: z.string().trim().min(2).max(32),
    year: z.number().int().min(1900).max(2200),
    substance: z.string().trim().min(1).max(64).nullable().optional(),
    dims: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}$/), z.string().min(1).max(100)).optional(),
    source: z.string().trim().min(1).max(100),
    value: z.number().finite().nullable(),
    lower: z.number().finite().nullable().optional(),
    upper: z.number().finite().nullable().optional(),
    unit: z.string().trim().min(1).max(32).optional().describe('Defaults to the indicator’s unit'),
    status: z.string().trim().min(1).max(4).default('A'),
    confidentiality: z.enum(['public', 'dialogue', 'restricted']).default('public'),
    footnotes: z.array(footnoteInput).max(20).optional(),
  })
  .strict();
export type ObservationInput = z.infer<typeof observationInput>;

export const writeObservationsBody = z
  .object({
    observations: z.array(observationInput).min(1).max(5000),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .describe('Why (kept in the revision history of changed values)'),
  })
  .strict();

export const writeResultSchema = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  ids: z.array(z.number().int()),
});

export const patchObservationBody = z
  .object({
    value: z.number().finite().nullable().optional(),
    lower: z.number().finite().nullable().optional(),
    upper: z.number().finite().nullable().optional(),
    status: z.string().trim().min(1).max(4).optional(),
    confidentiality: z.enum(['public', 'dialogue', 'restricted']).optional(),
    footnotes: z.array(footnoteInput).max(20).optional(),
    reason: z.string().trim().min(1).max(1000).describe('Why the value changes (required)'),
  })
  .strict();

export const observationIdParams = z.object({ id: z.coerce.number().int().positive() });

export const revisionSchema = z.object({
  revision: z.number().int(),
  value: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  unit: z.string(),
  status: z.string(),
  confidentiality: z.string(),
  footnotes: z.array(z.string()),
  reason: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  current: z.boolean(),
});
export const historyResponse = z.object({
  observation: observationSchema,
  revisions: z.array(revisionSchema).describe('Newest first, the current value included'),
});
