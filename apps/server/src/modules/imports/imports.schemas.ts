import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';

export const batchIdParams = z.object({ id: z.coerce.number().int().positive() });

const text2 = z.object({ en: z.string(), ru: z.string() });

export const issueSchema = z.object({
  row: z.number().int().nullable().describe('Row in the file (1-based, as shown by Excel or a text editor)'),
  column: z.string().nullable().describe('Column letter and header'),
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  params: z.record(z.string(), z.unknown()),
  message: text2.describe('The message in English and Russian'),
});

export const countsSchema = z.record(z.string(), z.number());

export const batchSchema = z.object({
  id: z.number().int(),
  jobId: z.number().int().nullable(),
  file: z.object({ name: z.string(), sha256: z.string() }),
  spec: z.object({ name: z.string(), version: z.number().int() }),
  dryRun: z.boolean(),
  status: z.string(),
  statusText: z.string(),
  counts: countsSchema,
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable().describe('Display name of the user; null when the user was deleted'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
});

export const reportSchema = z.object({
  jobId: z.number().int(),
  batchId: z.number().int().nullable(),
  status: z.string(),
  counts: countsSchema.nullable(),
  issues: z.array(issueSchema),
  issuesTruncated: z.boolean(),
  previousBatchId: z.number().int().nullable(),
  message: text2,
});

export const issuesQuery = pageQuery.extend({
  severity: z.enum(['error', 'warning', 'info']).optional(),
  code: z.string().max(60).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  lang: z.enum(['en', 'ru']).optional(),
});

export const rollbackBody = z.object({ reason: z.string().trim().min(3).max(500) });

export const commitBody = z.object({ wait: z.boolean().default(false) }).default({ wait: false });

export const specNameParams = z.object({ name: z.string().min(2).max(80) });
export const specVersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });
