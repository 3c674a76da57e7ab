import { z } from 'zod';
import {
  codeList,
  langQuery,
  pageQuery,
  paginated,
  textFieldsSchema,
  textPairSchema,
} from '../../platform/http/schemas.ts';

export const SCOPES = ['eu', 'national', 'regional'] as const;
export const NODE_KINDS = ['policy_area', 'cross_cutting_theme', 'priority', 'action'] as const;
export const PROGRESS_STATUSES = [
  'not_started',
  'on_track',
  'delayed',
  'at_risk',
  'completed',
  'discontinued',
] as const;
export const RELATIONS = ['supports', 'contributes_to', 'equivalent'] as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'zod.invalid_format')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'zod.invalid_format');
const optionalDate = isoDate.nullish().transform((v) => v ?? null);
const year = z.number().int().min(1900).max(2200);
const code = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'zod.invalid_format');
const nodeCode = z.string().trim().min(1).max(40);

// ---------------------------------------------------------------- strategies

export const createStrategyBody = z
  .object({
    code,
    scope: z.enum(SCOPES),
    area: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .nullish()
      .describe('Country (area code); national strategies only'),
    titleEn: text(500),
    titleRu: text(500),
    descriptionEn: text(8000),
    descriptionRu: text(8000),
    periodStart: year,
    periodEnd: year.describe('Not before periodStart'),
    adoptedByEn: text(500),
    adoptedByRu: text(500),
    sourceReference: text(1000),
    visibility: z.enum(['participants', 'public']).default('public'),
  })
  .strict();
export type CreateStrategyBody = z.infer<typeof createStrategyBody>;

export const patchStrategyBody = z
  .object({
    scope: z.enum(SCOPES).optional(),
    area: z.string().trim().min(1).max(64).nullish(),
    titleEn: text(500).optional(),
    titleRu: text(500).optional(),
    descriptionEn: text(8000).optional(),
    descriptionRu: text(8000).optional(),
    periodStart: year.optional(),
    periodEnd: year.optional(),
    adoptedByEn: text(500).optional(),
    adoptedByRu: text(500).optional(),
    sourceReference: text(1000).optional(),
    visibility: z.enum(['participants', 'public']).optional(),
  })
  .strict();
export type PatchStrategyBody = z.infer<typeof patchStrategyBody>;

export const listStrategiesQuery = pageQuery.merge(langQuery).extend({
  scope: z.enum(SCOPES).optional(),
  area: codeList.optional().describe('Only national strategies of these countries (area codes)'),
});
export type ListStrategiesQuery = z.infer<typeof listStrategiesQuery>;

export const strategyCodeParams = z.object({ code: z.string().min(1).max(40) });
export const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const linkParams = idParams.extend({
  linkId: z.coerce.number().int().positive().max(2_147_483_647),
});

// ---------------------------------------------------------------- nodes

export const createNodeBody = z
  .object({
    kind: z.enum(NODE_KINDS),
    code: nodeCode.describe('Unique within the strategy, e.g. SP1 or I'),
    parent: nodeCode
      .nullish()
      .describe(
        'Code of the parent item: none for a policy area or theme, a policy area or theme for a priority, a priority for an action',
      ),
    position: z.number().int().min(0).max(100_000).optional().describe('Among its siblings; default last'),
    titleEn: text(1000),
    titleRu: text(1000),
    descriptionEn: text(8000),
    descriptionRu: text(8000),
    responsibleEn: text(1000),
    responsibleRu: text(1000),
    startDate: optionalDate,
    endDate: optionalDate,
  })
  .strict();
export type CreateNodeBody = z.infer<typeof createNodeBody>;

export const patchNodeBody = z
  .object({
    code: nodeCode.optional(),
    parent: nodeCode.nullish().describe('Move under another item (code); null for the top level'),
    position: z.number().int().min(0).max(100_000).optional().describe('Reorder among its siblings'),
    titleEn: text(1000).optional(),
    titleRu: text(1000).optional(),
    descriptionEn: text(8000).optional(),
    descriptionRu: text(8000).optional(),
    responsibleEn: text(1000).optional(),
    responsibleRu: text(1000).optional(),
    startDate: optionalDate.optional(),
    endDate: optionalDate.optional(),
  })
  .strict();
export type PatchNodeBody = z.infer<typeof patchNodeBody>;

export const indicatorLinkBody = z
  .object({
    indicator: z.string().trim().min(1).max(64).describe('Indicator code, e.g. SZR_QTY'),
    area: z.string().trim().min(1).max(64).nullish(),
    substance: z.string().trim().min(1).max(64).nullish(),
    baselineValue: z.number().finite().nullish(),
    baselineYear: year.nullish(),
    targetValue: z.number().finite().nullish(),
    targetYear: year.nullish().describe('Not before baselineYear'),
    noteEn: text(2000),
    noteRu: text(2000),
  })
  .strict();
export type IndicatorLinkBody = z.infer<typeof indicatorLinkBody>;

export const progressBody = z
  .object({
    reportedOn: isoDate,
    status: z.enum(PROGRESS_STATUSES),
    percent: z.number().int().min(0).max(100).nullish(),
    narrativeEn: text(8000),
    narrativeRu: text(8000),
    evidenceDocumentIds: z.array(z.number().int().positive().max(2_147_483_647)).max(100).default([]),
    evidenceObservationIds: z.array(z.number().int().positive()).max(1000).default([]),
  })
  .strict();
export type ProgressBody = z.infer<typeof progressBody>;

export const alignmentBody = z
  .object({
    euNodeId: z.number().int().positive().max(2_147_483_647).describe('An item of an EU strategy'),
    nationalNodeId: z
      .number()
      .int()
      .positive()
      .max(2_147_483_647)
      .describe('An item of a national or regional strategy'),
    relation: z.enum(RELATIONS).default('supports'),
    noteEn: text(2000),
    noteRu: text(2000),
  })
  .strict();
export type AlignmentBody = z.infer<typeof alignmentBody>;

// ---------------------------------------------------------------- responses

const ref = z.object({ code: z.string(), name: z.string() });

export const strategySummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  scope: z.enum(SCOPES),
  area: ref.nullable(),
  ...textPairSchema('title'),
  descriptionEn: z.string().nullable(),
  descriptionRu: z.string().nullable(),
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  ...textPairSchema('adoptedBy'),
  sourceReference: z.string().nullable(),
  visibility: z.enum(['participants', 'public']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const progressSchema = z.object({
  id: z.number().int(),
  reportedOn: z.string(),
  status: z.enum(PROGRESS_STATUSES),
  statusText: z.string(),
  percent: z.number().int().nullable(),
  ...textPairSchema('narrative'),
  evidenceDocumentIds: z.array(z.number().int()),
  evidenceObservationIds: z.array(z.number().int()),
  createdAt: z.string(),
});

export const rollupSchema = z
  .object({
    percent: z
      .number()
      .nullable()
      .describe('Mean of the children’s rolled-up percent (own percent for an item without children)'),
    status: z
      .enum(PROGRESS_STATUSES)
      .nullable()
      .describe('Worst status among the children (see ROLLUP_STATUS_ORDER)'),
    statusText: z.string().nullable(),
    coverage: z.object({
      reported: z
        .number()
        .int()
        .describe('Children (or the item itself, without children) with progress data'),
      total: z.number().int(),
    }),
    notReported: z.array(z.string()).describe('Codes of the children without progress data'),
  })
  .describe('Progress rolled up the tree');

export const indicatorLinkSchema = z.object({
  id: z.number().int(),
  indicator: ref,
  area: ref.nullable(),
  substance: ref.nullable(),
  baselineValue: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  targetValue: z.number().nullable(),
  targetYear: z.number().int().nullable(),
  noteEn: z.string().nullable(),
  noteRu: z.string().nullable(),
  latest: z
    .object({
      value: z.number(),
      year: z.number().int(),
      unit: z.string(),
      sourceCode: z.string(),
      observationId: z.number().int().describe('The first observation behind the value'),
      observationIds: z
        .array(z.number().int())
        .describe('All observations behind the value (several when a breakdown is summed)'),
    })
    .nullable()
    .describe(
      'Latest observed value for the indicator, area and substance, read as the analytics series reads it (data the caller may read)',
    ),
});

export const alignmentSchema = z.object({
  id: z.number().int(),
  relation: z.enum(RELATIONS),
  noteEn: z.string().nullable(),
  noteRu: z.string().nullable(),
  other: z.object({
    strategyCode: z.string(),
    nodeId: z.number().int(),
    nodeCode: z.string(),
    ...textPairSchema('title'),
  }),
});

export interface NodeDto {
  id: number;
  kind: (typeof NODE_KINDS)[number];
  code: string;
  position: number;
  titleEn: string | null;
  titleRu: string | null;
  title: string | null;
  titleFallback: boolean;
  descriptionEn: string | null;
  descriptionRu: string | null;
  responsibleEn: string | null;
  responsibleRu: string | null;
  startDate: string | null;
  endDate: string | null;
  latest: z.infer<typeof progressSchema> | null;
  rollup: z.infer<typeof rollupSchema>;
  indicators: z.infer<typeof indicatorLinkSchema>[];
  alignments: z.infer<typeof alignmentSchema>[];
  children: NodeDto[];
}

const nodeBase = z.object({
  id: z.number().int(),
  kind: z.enum(NODE_KINDS),
  code: z.string(),
  position: z.number().int(),
  ...textPairSchema('title'),
  descriptionEn: z.string().nullable(),
  descriptionRu: z.string().nullable(),
  responsibleEn: z.string().nullable(),
  responsibleRu: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  latest: progressSchema.nullable().describe('The latest progress update (by reported_on, then id)'),
  rollup: rollupSchema,
  indicators: z.array(indicatorLinkSchema),
  alignments: z.array(alignmentSchema),
});

export const nodeSchema: z.ZodType<NodeDto> = nodeBase.extend({
  children: z.lazy(() => z.array(nodeSchema)),
});

export const strategySchema = strategySummarySchema.extend({
  rollup: rollupSchema,
  nodes: z
    .array(nodeSchema)
    .describe('Top-level items (policy areas, cross-cutting themes) with their subtrees'),
});

export const strategyListResponse = paginated(strategySummarySchema);
export const progressListResponse = z.object({ items: z.array(progressSchema) });
export const nodeRefSchema = z.object({ id: z.number().int(), strategyCode: z.string(), code: z.string() });

const alignmentSide = z.object({
  strategyCode: z.string(),
  nodeId: z.number().int(),
  nodeCode: z.string(),
  ...textFieldsSchema('title'),
});
export const alignmentCreatedSchema = z.object({
  id: z.number().int(),
  relation: z.enum(RELATIONS),
  noteEn: z.string().nullable(),
  noteRu: z.string().nullable(),
  eu: alignmentSide,
  national: alignmentSide,
});

/** One item with its subtree and roll-up, as in its strategy's tree. */
export const nodeViewSchema = z.intersection(z.object({ strategyCode: z.string() }), nodeSchema);
