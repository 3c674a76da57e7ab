import { z } from 'zod';

export const codeSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  nameRu: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});

export const codelistSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  nameRu: z.string(),
  description: z.string().nullable(),
  codes: z.array(codeSchema),
});

export const codelistListResponse = z.object({ items: z.array(codelistSchema) });
export const codelistParams = z.object({ code: z.string().trim().min(1).max(64) });
