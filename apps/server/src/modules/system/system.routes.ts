import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ping } from '../../platform/db/database.ts';
import { typed, type ModuleContext } from '../../platform/http/context.ts';

export const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export function systemRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  typed(app).get(
    '/api/v1/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Health: service status, database engine and version',
        tags: ['system'],
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_req, reply) => {
      const ok = await ping(ctx.db);
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? 'ok' : 'degraded', database: ctx.engine, version: ctx.version });
    },
  );
}
