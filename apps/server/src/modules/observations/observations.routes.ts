import type { FastifyInstance } from 'fastify';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import { exportFileName, exportFormatInfo, streamObservationExport } from '../exports/index.ts';
import * as schemas from './observations.schemas.ts';
import * as service from './observations.service.ts';

const tags = ['observations'];

export function observationRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.get(
    '/api/v1/observations',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Query the statistical cube: one page of JSON, or all matching rows as a download with format=csv, xlsx, sdmx-csv or sdmx-json; unpublished data only for signed-in users allowed to see it',
        tags,
        querystring: schemas.observationsQuery,
        response: { 200: schemas.observationsResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const lang = requestLanguage(req);
      const role = req.user?.role ?? null;
      const { format } = req.query;
      if (format === 'json') return service.queryObservations(ctx.readDb, req.query, role, lang);
      // A download of every matching row (page and pageSize do not apply). The first page is read
      // before the response starts, so bad parameters still get the one error shape.
      const info = exportFormatInfo(format);
      const data = await service.openObservationExport(ctx.readDb, req.query, role, { order: info.order });
      const now = new Date();
      return reply
        .type(info.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${exportFileName(data.indicator.code, format, now)}"`,
        )
        .header('content-language', lang)
        .header('x-total-count', String(data.total))
        .send(streamObservationExport(ctx.readDb, data, format, { lang, now }) as never);
    },
  );

  r.get(
    '/api/v1/observations/:id',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One observation with its source',
        tags,
        params: schemas.observationIdParams,
        querystring: langQuery,
        response: { 200: schemas.observationSchema, ...errorResponses },
      },
    },
    (req) => service.getObservation(ctx.readDb, req.params.id, req.user?.role ?? null, requestLanguage(req)),
  );

  r.get(
    '/api/v1/observations/:id/history',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Revision history of one observation: every earlier value with who, when and why',
        tags,
        params: schemas.observationIdParams,
        querystring: langQuery,
        response: { 200: schemas.historyResponse, ...errorResponses },
      },
    },
    (req) =>
      service.observationHistory(ctx.readDb, req.params.id, req.user?.role ?? null, requestLanguage(req)),
  );

  r.post(
    '/api/v1/observations',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Write observations (all or nothing); existing keys are revised and their previous values kept',
        tags,
        body: schemas.writeObservationsBody,
        response: { 200: schemas.writeResultSchema, ...errorResponses },
      },
    },
    (req) => service.writeObservations(ctx.db, actorOf(req), req.body.observations, req.body.reason),
  );

  r.patch(
    '/api/v1/observations/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Correct one observation, with the reason (kept in its history)',
        tags,
        params: schemas.observationIdParams,
        querystring: langQuery,
        body: schemas.patchObservationBody,
        response: { 200: schemas.observationSchema, ...errorResponses },
      },
    },
    (req) => service.patchObservation(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );
}
