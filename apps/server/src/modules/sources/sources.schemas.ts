import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';

export const sourceSchema = z.object({
  code: z.string(),
  publisher: z.string(),
  title: z.string(),
  titleEn: z.string(),
  titleRu: z.string().nullable(),
  tableName: z.string().nullable(),
  edition: z.string().nullable(),
  year: z.number().int().nullable(),
  url: z.string().nullable(),
  licence: z.string().nullable(),
  fileName: z.string().nullable(),
  fileChecksum: z.string().nullable(),
  priority: z.number().int().describe('Lower wins when several sources report the same observation'),
  notes: z.string().nullable(),
  observationCount: z.number().int(),
});
export type SourceDto = z.infer<typeof sourceSchema>;

export const listSourcesQuery = pageQuery.extend({
  lang: z.enum(['en', 'ru']).optional(),
  publisher: z.string().trim().min(1).max(200).optional(),
});
export const sourceListResponse = z.object({
  items: z.array(sourceSchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});
export const sourceParams = z.object({ code: z.string().trim().min(1).max(100) });

export const createSourceBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/, 'zod.invalid_format'),
    publisher: z.string().trim().min(1).max(200),
    titleEn: z.string().trim().min(1).max(500),
    titleRu: z.string().trim().min(1).max(500).nullable().optional(),
    tableName: z.string().trim().max(200).nullable().optional(),
    edition: z.string().trim().max(100).nullable().optional(),
    year: z.number().int().min(1900).max(2200).nullable().optional(),
    url: z.string().url().max(1000).nullable().optional(),
    licence: z.string().trim().max(500).nullable().optional(),
    fileName: z.string().trim().max(300).nullable().optional(),
    fileChecksum: z
      .string()
      .regex(/^[a-f0-9]{64}$/, 'zod.invalid_format')
      .nullable()
      .optional()
      .describe('SHA-256 of the source file, hex'),
    priority: z.number().int().min(0).max(1000).optional(),
    notesEn: z.string().max(5000).nullable().optional(),
    notesRu: z.string().max(5000).nullable().optional(),
  })
  .strict();
export type CreateSourceInput = z.infer<typeof createSourceBody>;
export const updateSourceBody = createSourceBody.omit({ code: true }).partial().strict();
