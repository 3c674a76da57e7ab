import { z } from 'zod';
import { SIGNAL_KINDS, SIGNAL_SEVERITIES, SIGNAL_STATUSES } from '@observatory/shared/signals';
import { codeList, langQuery, pageQuery } from '../../platform/http/schemas.ts';

const year = z.coerce.number().int().min(1900).max(2200);

export const listSignalsQuery = pageQuery.merge(langQuery).extend({
  kind: codeList.optional().describe(`Kinds, comma-separated: ${SIGNAL_KINDS.join(', ')}`),
  severity: codeList.optional().describe(`Severities, comma-separated: ${SIGNAL_SEVERITIES.join(', ')}`),
  status: codeList.optional().describe(`Analyst status, comma-separated: ${SIGNAL_STATUSES.join(', ')}`),
  indicator: codeList.optional().describe('Indicator codes, comma-separated, e.g. SZR_QTY'),
  area: codeList
    .optional()
    .describe(
      'Area codes, comma-separated (ISO alpha-3 or alpha-2; a group such as CA5 means the group and its members)',
    ),
  substance: codeList.optional().describe('Substance codes, comma-separated, e.g. heroin'),
  from: year.optional().describe('First year'),
  to: year.optional().describe('Last year'),
  stale: z
    .enum(['exclude', 'include', 'only'])
    .default('exclude')
    .describe(
      'Signals that re-detection no longer finds (kept because an analyst confirmed, muted or annotated them)',
    ),
});
export type ListSignalsQuery = z.infer<typeof listSignalsQuery>;

const ref = z.object({ code: z.string(), name: z.string().describe('Name in the requested language') });

export const signalSchema = z.object({
  id: z.number().int(),
  kind: z.enum(SIGNAL_KINDS),
  kindText: z.string(),
  severity: z.enum(SIGNAL_SEVERITIES),
  severityText: z.string(),
  status: z.enum(SIGNAL_STATUSES),
  statusText: z.string(),
  stale: z.boolean().describe('True when re-detection no longer finds the signal in the current data'),
  staleAt: z.string().nullable(),
  year: z.number().int(),
  indicator: ref,
  area: ref,
  substance: ref.nullable(),
  dims: z.record(z.string(), z.string()).describe('Other dimension members of the series'),
  text: z.string().describe('The signal in the requested language'),
  params: z
    .record(z.string(), z.unknown())
    .describe('The numbers (value, unit, previous value and year, change as a fraction, z, median, …)'),
  observationIds: z.array(z.number().int()).describe('The observations behind the signal'),
  confidentiality: z
    .enum(['public', 'dialogue', 'restricted'])
    .describe('The most restrictive confidentiality of its observations'),
  noteCount: z.number().int(),
  detectedAt: z.string(),
  updatedAt: z.string(),
  statusChangedAt: z.string().nullable(),
});
export type SignalDto = z.infer<typeof signalSchema>;

export const signalListResponse = z.object({
  items: z.array(signalSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const noteSchema = z.object({
  id: z.number().int(),
  author: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
});

export const signalDetailSchema = signalSchema.extend({
  observations: z
    .array(
      z.object({
        id: z.number().int(),
        period: z.string(),
        year: z.number().int(),
        value: z.number().nullable(),
        unit: z.string(),
        status: z.string(),
        source: z.object({
          code: z.string(),
          publisher: z.string(),
          title: z.string(),
          tableName: z.string().nullable(),
          year: z.number().int().nullable(),
        }),
      }),
    )
    .describe('The observations behind the signal that are still in the cube, by year'),
  notes: z.array(noteSchema).optional().describe('Analysts’ notes (signed-in users only)'),
});
export type SignalDetailDto = z.infer<typeof signalDetailSchema>;

export const signalIdParams = z.object({ id: z.coerce.number().int().positive() });

export const patchSignalBody = z
  .object({
    action: z.enum(['confirm', 'mute', 'reopen']).describe('confirm → confirmed, mute → muted, reopen → new'),
  })
  .strict();

export const noteBody = z.object({ text: z.string().trim().min(1).max(4000) }).strict();

export const detectBody = z
  .object({
    batchId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Only the series touched by this import batch; without it, every series of the cube'),
    wait: z.boolean().default(false).describe('Answer when detection has finished, with its result'),
  })
  .strict();

export const detectionResultSchema = z.object({
  scope: z.enum(['all', 'batch', 'groups']),
  batchId: z.number().int().nullable(),
  groups: z.number().int().describe('(indicator, area) groups examined'),
  series: z.number().int(),
  observations: z.number().int().describe('Preferred yearly observations read'),
  found: z.number().int().describe('Signals found'),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  stale: z.number().int().describe('Signals no longer found, kept because an analyst touched them'),
  deleted: z.number().int().describe('Signals no longer found and never touched, removed'),
  ms: z.number().int(),
});

export const detectResponse = z.object({
  jobId: z.number().int(),
  result: detectionResultSchema.optional(),
});
