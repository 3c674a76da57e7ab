import { z } from 'zod';

/** The press release content of one language, as stored in press_release.content_en / content_ru. */
export const pressContentSchema = z
  .object({
    title: z.string().max(500),
    dateline: z.string().max(300),
    lead: z.string().max(8000),
    paragraphs: z
      .array(z.object({ heading: z.string().max(500).optional(), text: z.string().max(8000) }).strict())
      .max(100),
    participants: z.string().max(8000),
    boilerplate: z.array(z.string().max(4000)).max(50),
    contact: z.string().max(2000),
    fallbacks: z
      .array(z.object({ field: z.string(), usedLanguage: z.enum(['en', 'ru']) }).strict())
      .optional()
      .describe('Texts that were missing in this language and taken from the other one'),
  })
  .strict();
export type PressContent = z.infer<typeof pressContentSchema>;

export const pressReleaseSchema = z.object({
  meetingId: z.number().int(),
  status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  contentEn: pressContentSchema.nullable(),
  contentRu: pressContentSchema.nullable(),
  fallbacks: z
    .array(
      z.object({ language: z.enum(['en', 'ru']), field: z.string(), usedLanguage: z.enum(['en', 'ru']) }),
    )
    .describe('Per language, the fields whose text came from the other language'),
});
export type PressReleaseDto = z.infer<typeof pressReleaseSchema>;

export const draftBody = z
  .object({
    contactEn: z.string().trim().max(2000).nullish().describe('Contact block (free text), English'),
    contactRu: z.string().trim().max(2000).nullish().describe('Contact block (free text), Russian'),
  })
  .strict();
export const editBody = z
  .object({ contentEn: pressContentSchema.nullish(), contentRu: pressContentSchema.nullish() })
  .strict();
