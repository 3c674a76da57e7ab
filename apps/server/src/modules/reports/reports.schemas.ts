import { z } from 'zod';
import { pageQuery, paginated } from '../../platform/http/schemas.ts';
import { AUDIENCES } from './pack.snapshot.ts';

const id = z.coerce.number().int().min(1).max(2_147_483_647);

export const meetingIdParams = z.object({ id });
export const packIdParams = z.object({ id });
export const downloadParams = z.object({ id, format: z.enum(['docx', 'pdf']) });
export const listPacksQuery = pageQuery;

export const generateBody = z
  .object({
    audience: z
      .enum(AUDIENCES, { error: () => 'zod.invalid_value' })
      .describe('EU (the EU side: the five Central Asian countries side by side) or KAZ, KGZ, TJK, TKM, UZB'),
    language: z.enum(['en', 'ru']).describe('Language of the pack'),
    snapshotId: id
      .optional()
      .describe(
        'Render from this recorded snapshot (same meeting and audience) instead of recording a new one: the same numbers as before, even after the data changed',
      ),
  })
  .strict();
export type GenerateBody = z.infer<typeof generateBody>;

const fallback = z.object({
  field: z.string().describe('What fell back, e.g. agenda.title'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  missing: z.enum(['en', 'ru']).describe('The language the text is missing in'),
  used: z.enum(['en', 'ru']).describe('The language shown instead'),
  message: z.string(),
});

export const packSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  audience: z.string(),
  language: z.enum(['en', 'ru']),
  snapshotId: z.number().int().nullable(),
  jobId: z.number().int().nullable(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  files: z.object({
    docx: z.string().nullable().describe('Download path of the DOCX, when generated'),
    pdf: z.string().nullable().describe('Download path of the PDF, when generated'),
  }),
  fileNames: z.object({ docx: z.string(), pdf: z.string() }),
  fallbacks: z.array(fallback).describe('Texts shown in the other language (also listed in the pack)'),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  error: z.unknown().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PackDto = z.infer<typeof packSchema>;

export const packListResponse = paginated(packSchema);
