import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../../platform/http/access.ts';
import { typed, type ModuleContext } from '../../platform/http/context.ts';
import { errors } from '../../platform/http/errors.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { cancelJob, getJob } from '../../platform/jobs.ts';

const tags = ['jobs'];
const params = z.object({ id: z.coerce.number().int().positive() });

export const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  phase: z.string().nullable(),
  done: z.number(),
  total: z.number().nullable(),
  result: z.unknown(),
  error: z.unknown(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export function jobRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  r.get(
    '/api/v1/jobs/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'A background job with its progress (phase, done / total) and, when finished, its result',
        tags,
        params,
        response: { 200: jobSchema, ...errorResponses },
      },
    },
    async (req) => {
      const job = await getJob(ctx.readDb, req.params.id);
      if (!job) throw errors.notFound('job', String(req.params.id));
      return job;
    },
  );
  r.post(
    '/api/v1/jobs/:id/cancel',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Ask a running job to stop; an import stops before it writes and leaves the data as it was',
        tags,
        params,
        response: { 200: jobSchema, ...errorResponses, 409: errorResponses[400] },
      },
    },
    async (req) => {
      requireUser(req);
      const job = await getJob(ctx.readDb, req.params.id);
      if (!job) throw errors.notFound('job', String(req.params.id));
      if (job.status !== 'running' && job.status !== 'queued')
        throw errors.conflict('job_not_running', { id: job.id, status: job.status });
      await cancelJob(ctx.db, req.params.id);
      return (await getJob(ctx.readDb, req.params.id))!;
    },
  );
}
