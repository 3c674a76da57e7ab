import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import { resolveIndicator } from '../indicators/index.ts';
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
          'Query the statistical cube (JSON, or CSV with format=csv); unpublished data only for signed-in users allowed to see it',
        tags,
        querystring: schemas.observationsQuery,
        response: { 200: schemas.observationsResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const lang = requestLanguage(req);
      const result = await service.queryObservations(ctx.readDb, req.query, req.user?.role ?? null, lang);
      if (req.query.format === 'csv') {
        const indicator = await resolveIndicator(ctx.readDb, req.query.indicator);
        const csv = stringify(
          service.observationsCsvRows(
            result,
            indicator.dimensions.map((d) => d.dimension),
          ),
          { bom: true },
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${indicator.code.toLowerCase()}-observations.csv"`,
          )
          .header('x-total-count', String(result.total))
          .serializer((body: unknown) => body as string)
          .send(csv as never);
      }
      return result;
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
