import { z } from 'zod';
import { codeList } from '../../platform/http/schemas.ts';

export const MEASURES = ['value', 'per_capita'] as const;
export type Measure = (typeof MEASURES)[number];

export const TRANSFORMS = ['none', 'yoy', 'yoy_pct', 'index', 'rolling_mean', 'share_of_group'] as const;
export type Transform = (typeof TRANSFORMS)[number];

const year = z.coerce.number().int().min(1900).max(2200);
const dim = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}:[^,]{1,100}$/, 'zod.invalid_format')).max(20))
  .describe(
    'Fix a dimension as `dimension:code`, repeatable. An unfixed dimension whose codelist has a total (`_T`) reads the total; other unfixed dimensions (UNODC `item`) are added up for additive indicators, and make a gap with the reason for others.',
  );

/** What every analytics read selects. */
const selection = {
  indicator: z.string().trim().min(1).max(64).describe('Indicator code, e.g. SZR_QTY'),
  substance: z.string().trim().min(1).max(64).optional().describe('Substance code, e.g. heroin'),
  dim: dim.optional(),
  measure: z
    .enum(MEASURES)
    .default('value')
    .describe('value, or per_capita: per `per` inhabitants of the same area and year (POP_TOTAL)'),
  per: z.coerce.number().int().min(1).max(1_000_000_000).default(100_000).describe('Per capita base'),
  lang: z.enum(['en', 'ru']).optional(),
};

export const seriesQuery = z.object({
  ...selection,
  area: codeList.optional().describe('Area codes (countries, sub-national areas), comma-separated'),
  group: codeList
    .optional()
    .describe('Group codes (CA5, EU27, custom): one aggregate series each, with coverage'),
  from: year.optional().describe('First year (default: first year with data)'),
  to: year.optional().describe('Last year (default: last year with data)'),
  transform: z
    .enum(TRANSFORMS)
    .default('none')
    .describe(
      'none; yoy (absolute change); yoy_pct (% change); index (baseYear = 100); rolling_mean (window years); share_of_group (% of the shareOf group total)',
    ),
  baseYear: year.optional().describe('Base year of transform=index'),
  window: z.coerce.number().int().min(1).max(25).optional().describe('Years of transform=rolling_mean'),
  shareOf: z.string().trim().min(1).max(64).optional().describe('Group of transform=share_of_group'),
  cagrFrom: year.optional().describe('Compound annual growth rate from this year (with cagrTo)'),
  cagrTo: year.optional().describe('… to this year'),
});
export type SeriesQuery = z.infer<typeof seriesQuery>;

export const rankingQuery = z.object({
  ...selection,
  year: year.describe('The year ranked'),
  group: z.string().trim().min(1).max(64).optional().describe('Rank the members of this group'),
  area: codeList.optional().describe('… or these areas (groups expand to their members)'),
  order: z.enum(['desc', 'asc']).default('desc'),
});
export type RankingQuery = z.infer<typeof rankingQuery>;

export const compareQuery = z.object({
  ...selection,
  area: z.string().trim().min(1).max(64).describe('The area'),
  group: z.string().trim().min(1).max(64).describe('The group it is compared with'),
  from: year.optional(),
  to: year.optional(),
});
export type CompareQuery = z.infer<typeof compareQuery>;

const coverage = z
  .object({ reporting: z.number().int(), members: z.number().int() })
  .describe('Members with data for the year / members of the group');

export const pointSchema = z.object({
  year: z.number().int(),
  value: z.number().nullable().describe('null: no number, see issue'),
  issue: z
    .object({ code: z.string(), params: z.record(z.string(), z.unknown()), message: z.string() })
    .nullable(),
  observationIds: z.array(z.number().int()).describe('The observations that produced the number'),
  sources: z.array(z.string()).describe('Codes of their sources'),
  statuses: z
    .array(z.string())
    .describe(
      'Observation status flags behind the number other than A (E estimated, P provisional, B break…)',
    ),
  footnotes: z.array(z.string()).describe('Footnotes of those observations, in the request language'),
  coverage: coverage.optional(),
});
export type PointDto = z.infer<typeof pointSchema>;

const named = z.object({ code: z.string(), name: z.string() });
const unit = z.object({
  code: z.string().describe('Unit code; PCT for percentages, INDEX for an index'),
  per: z.number().nullable().describe('Per this many inhabitants (per capita), else null'),
});
const sourceRef = z.object({
  code: z.string(),
  publisher: z.string(),
  title: z.string(),
  table: z.string().nullable(),
  year: z.number().nullable(),
  url: z.string().nullable(),
});

export const seriesSchema = z.object({
  kind: z.enum(['area', 'group']),
  area: named,
  members: z.array(z.string()).optional().describe('Member codes of a group'),
  points: z.array(pointSchema),
  cagr: pointSchema.nullable().describe('CAGR in % between cagrFrom and cagrTo (transform=none only)'),
});
export type SeriesDto = z.infer<typeof seriesSchema>;

export const seriesResponse = z.object({
  indicator: named,
  substance: named.nullable(),
  measure: z.enum(MEASURES),
  transform: z.enum(TRANSFORMS),
  unit,
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  series: z.array(seriesSchema),
  sources: z.array(sourceRef),
});

export const rankingResponse = z.object({
  indicator: named,
  substance: named.nullable(),
  year: z.number().int(),
  measure: z.enum(MEASURES),
  unit,
  items: z.array(pointSchema.extend({ rank: z.number().int().nullable(), area: named })),
  sources: z.array(z.string()),
});

export const compareResponse = z.object({
  indicator: named,
  substance: named.nullable(),
  measure: z.enum(MEASURES),
  unit,
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  member: z.boolean().describe('Whether the area is a member of the group'),
  area: seriesSchema,
  group: seriesSchema,
  share: z.array(pointSchema).nullable().describe('Share of the group total in % (values only)'),
  sources: z.array(sourceRef),
});
