import { z } from 'zod';
import { codeList, pageQuery } from '../../platform/http/schemas.ts';

const dateFilter = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'zod.invalid_format')
  .describe('YYYY, YYYY-MM or YYYY-MM-DD');

export const eventsQuery = pageQuery.extend({
  area: codeList
    .optional()
    .describe(
      'Area codes, comma-separated; groups (CA5) expand to their members, and sub-national areas count',
    ),
  substance: codeList
    .optional()
    .describe('Substance codes, comma-separated; a group includes its drugs and forms'),
  from: dateFilter.optional().describe('Events whose period ends on or after this date'),
  to: dateFilter.optional().describe('Events whose period starts on or before this date'),
  source: codeList.optional().describe('Only these sources'),
  reference: z.string().trim().min(1).max(200).optional().describe('External reference (case number)'),
  batch: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Only events last written by this import batch'),
  observation: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('The events behind one roll-up observation (SZR_CASES / SZR_QTY)'),
  lang: z.enum(['en', 'ru']).optional(),
});
export type EventsQuery = z.infer<typeof eventsQuery>;

const ref = z.object({ code: z.string(), name: z.string() });

export const eventSchema = z.object({
  id: z.number().int(),
  date: z.string().describe('First day of the period the source knows (YYYY-MM-DD)'),
  datePrecision: z.enum(['day', 'month', 'year']),
  period: z.string().describe('The date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD'),
  year: z.number().int(),
  month: z.number().int().nullable(),
  area: ref,
  point: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  substance: ref,
  amount: z.number(),
  unit: z.string(),
  kgEquivalent: z
    .number()
    .nullable()
    .describe('Kilograms: by definition for mass units, else by the configured factor; null without one'),
  origin: ref.nullable(),
  transit: z.array(ref),
  destination: ref.nullable(),
  conveyance: ref.nullable(),
  agency: z.string().nullable(),
  source: z.object({ code: z.string(), publisher: z.string(), title: z.string() }),
  confidentiality: z.enum(['public', 'dialogue', 'restricted']),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
  revision: z.number().int(),
  importBatchId: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type EventDto = z.infer<typeof eventSchema>;

export const eventsResponse = z.object({
  items: z.array(eventSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const eventRevisionSchema = z.object({
  revision: z.number().int(),
  period: z.string(),
  area: z.string(),
  substance: z.string(),
  amount: z.number(),
  unit: z.string(),
  kgEquivalent: z.number().nullable(),
  confidentiality: z.string(),
  reference: z.string().nullable(),
  reason: z.string().nullable().describe('Why this version was written'),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  current: z.boolean(),
});

export const eventDetailResponse = z.object({
  event: eventSchema,
  revisions: z.array(eventRevisionSchema).describe('Newest first, the current version included'),
});

export const eventIdParams = z.object({ id: z.coerce.number().int().positive() });

const areaCode = z.string().trim().min(2).max(32);

export const patchEventBody = z
  .object({
    date: z.string().trim().min(4).max(25).optional().describe('YYYY-MM-DD, YYYY-MM or YYYY'),
    area: areaCode.optional(),
    latitude: z.number().finite().nullable().optional(),
    longitude: z.number().finite().nullable().optional(),
    substance: z.string().trim().min(1).max(64).optional(),
    amount: z.number().finite().optional(),
    unit: z.string().trim().min(1).max(32).optional(),
    origin: areaCode.nullable().optional(),
    transit: z.array(areaCode).max(20).optional(),
    destination: areaCode.nullable().optional(),
    conveyance: z.string().trim().min(1).max(32).nullable().optional(),
    agency: z.string().trim().min(1).max(200).nullable().optional(),
    confidentiality: z.enum(['public', 'dialogue', 'restricted']).optional(),
    reference: z.string().trim().min(1).max(100).nullable().optional(),
    notes: z.string().trim().min(1).max(2000).nullable().optional(),
    reason: z.string().trim().min(3).max(1000).describe('Why the event changes (kept in its history)'),
  })
  .strict();
export type PatchEventBody = z.infer<typeof patchEventBody>;

export const deleteEventBody = z
  .object({ reason: z.string().trim().min(3).max(1000).describe('Why the event is deleted') })
  .strict();

export const factorSchema = z.object({
  substance: ref,
  unit: z.string(),
  kgPerUnit: z.number(),
  source: z.string().describe('Where the factor comes from'),
  updatedAt: z.string().nullable(),
});

export const factorsResponse = z.object({
  massUnits: z
    .array(z.object({ unit: z.string(), kgPerUnit: z.number() }))
    .describe('Mass units: converted by definition, for every substance'),
  factors: z.array(factorSchema),
});

export const factorParams = z.object({
  substance: z.string().trim().min(1).max(64),
  unit: z.string().trim().min(1).max(32),
});

export const putFactorBody = z
  .object({
    kgPerUnit: z.number().finite().positive(),
    source: z.string().trim().min(3).max(500).describe('Where the factor comes from (publication, lab, …)'),
  })
  .strict();

export const rollupCountsSchema = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
});
