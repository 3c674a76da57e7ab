import type { FastifyInstance } from 'fastify';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import * as schemas from './reports.schemas.ts';
import * as service from './reports.service.ts';

const tags = ['briefing packs'];

export function reportRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.post(
    '/api/v1/meetings/:id/briefing-packs',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Generate a briefing pack (DOCX and PDF) of a meeting for an audience and language as a job: from a new data snapshot, or from a recorded one (same numbers as before); follow it at /api/v1/jobs/:id',
        tags,
        params: schemas.meetingIdParams,
        body: schemas.generateBody,
        response: { 202: schemas.packSchema, ...errorResponses, 422: errorResponses[400] },
      },
    },
    async (req, reply) => {
      const { pack } = await service.generatePack(
        ctx.db,
        ctx.config.filesDir,
        actorOf(req),
        req.params.id,
        req.body,
        requestLanguage(req),
      );
      return reply.status(202).send(pack);
    },
  );

  r.get(
    '/api/v1/meetings/:id/briefing-packs',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Briefing packs of a meeting, newest first, paged',
        tags,
        params: schemas.meetingIdParams,
        querystring: schemas.listPacksQuery,
        response: { 200: schemas.packListResponse, ...errorResponses },
      },
    },
    (req) => service.listPacks(ctx.readDb, req.params.id, req.query),
  );

  r.get(
    '/api/v1/briefing-packs/:id',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'One briefing pack: status, job, snapshot, download links, translation fallbacks and warnings',
        tags,
        params: schemas.packIdParams,
        response: { 200: schemas.packSchema, ...errorResponses },
      },
    },
    (req) => service.getPack(ctx.readDb, req.params.id),
  );

  r.get(
    '/api/v1/briefing-packs/:id/download/:format',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Download a generated briefing pack as DOCX or PDF',
        tags,
        params: schemas.downloadParams,
      },
    },
    async (req, reply) => {
      const file = await service.packFile(ctx.readDb, ctx.config.filesDir, req.params.id, req.params.format);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.stream);
    },
  );
}
