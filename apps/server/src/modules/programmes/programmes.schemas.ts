import { z } from 'zod';
import { codeList, langQuery, pageQuery, paginated, textPairSchema } from '../../platform/http/schemas.ts';

const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed', 'cancelled'] as const;

/** One side of a bilingual text; empty means missing. */
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
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'zod.invalid_format',
  )
  .nullish()
  .transform((v) => v ?? null);

export const componentInput = z
  .object({
    titleEn: text(500),
    titleRu: text(500),
    descriptionEn: text(4000),
    descriptionRu: text(4000),
  })
  .strict();

export const activityInput = z
  .object({
    component: z.number().int().min(0).nullish().describe('Index (0-based) of the component in `components`'),
    country: z.string().trim().min(1).max(64).nullish().describe('Area code of the country'),
    titleEn: text(500),
    titleRu: text(500),
    descriptionEn: text(4000),
    descriptionRu: text(4000),
    startDate: isoDate,
    endDate: isoDate,
    status: z.enum(ACTIVITY_STATUSES).default('planned'),
  })
  .strict();

const programmeFields = {
  nameEn: text(500),
  nameRu: text(500),
  descriptionEn: text(8000),
  descriptionRu: text(8000),
  funderEn: text(500),
  funderRu: text(500),
  implementerEn: text(500),
  implementerRu: text(500),
  startDate: isoDate.describe('YYYY-MM-DD'),
  endDate: isoDate.describe('YYYY-MM-DD, not before startDate'),
  url: z.string().trim().url().max(1000).nullish(),
  sourceReference: text(1000),
  visibility: z.enum(['participants', 'public']),
  countries: z.array(z.string().trim().min(1).max(64)).max(100).describe('Area codes of the countries'),
  components: z.array(componentInput).max(200).describe('In order; replaces the list when given'),
  activities: z.array(activityInput).max(2000).describe('Replaces the list when given'),
};

export const createProgrammeBody = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'zod.invalid_format'),
    ...programmeFields,
    visibility: programmeFields.visibility.default('public'),
    countries: programmeFields.countries.default([]),
    components: programmeFields.components.default([]),
    activities: programmeFields.activities.default([]),
  })
  .strict();
export type CreateProgrammeBody = z.infer<typeof createProgrammeBody>;

export const patchProgrammeBody = z
  .object({
    nameEn: programmeFields.nameEn.optional(),
    nameRu: programmeFields.nameRu.optional(),
    descriptionEn: programmeFields.descriptionEn.optional(),
    descriptionRu: programmeFields.descriptionRu.optional(),
    funderEn: programmeFields.funderEn.optional(),
    funderRu: programmeFields.funderRu.optional(),
    implementerEn: programmeFields.implementerEn.optional(),
    implementerRu: programmeFields.implementerRu.optional(),
    startDate: programmeFields.startDate.optional(),
    endDate: programmeFields.endDate.optional(),
    url: programmeFields.url.optional(),
    sourceReference: programmeFields.sourceReference.optional(),
    visibility: programmeFields.visibility.optional(),
    countries: programmeFields.countries.optional(),
    components: programmeFields.components.optional(),
    activities: programmeFields.activities.optional(),
  })
  .strict();
export type PatchProgrammeBody = z.infer<typeof patchProgrammeBody>;

export const listProgrammesQuery = pageQuery.merge(langQuery).extend({
  area: codeList.optional().describe('Only programmes covering one of these countries (area codes)'),
});
export type ListProgrammesQuery = z.infer<typeof listProgrammesQuery>;

export const programmeCodeParams = z.object({ code: z.string().min(1).max(40) });

const ref = z.object({ code: z.string(), name: z.string().describe('Name in the requested language') });
export const programmeSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  ...textPairSchema('name'),
  descriptionEn: z.string().nullable(),
  descriptionRu: z.string().nullable(),
  ...textPairSchema('funder'),
  ...textPairSchema('implementer'),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  url: z.string().nullable(),
  sourceReference: z.string().nullable(),
  visibility: z.enum(['participants', 'public']),
  countries: z.array(ref),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const programmeSchema = programmeSummarySchema.extend({
  components: z.array(
    z.object({
      id: z.number().int(),
      position: z.number().int(),
      ...textPairSchema('title'),
      descriptionEn: z.string().nullable(),
      descriptionRu: z.string().nullable(),
    }),
  ),
  activities: z.array(
    z.object({
      id: z.number().int(),
      componentId: z.number().int().nullable(),
      country: ref.nullable(),
      ...textPairSchema('title'),
      descriptionEn: z.string().nullable(),
      descriptionRu: z.string().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      status: z.enum(ACTIVITY_STATUSES),
    }),
  ),
  meetings: z
    .array(
      z.object({
        id: z.number().int(),
        date: z.string(),
        ...textPairSchema('title'),
        via: z.array(z.enum(['agenda', 'delegation', 'participant'])),
      }),
    )
    .describe(
      'Meetings where the programme is presented or supported participation (those the caller may read)',
    ),
});

export const programmeListResponse = paginated(programmeSummarySchema);
