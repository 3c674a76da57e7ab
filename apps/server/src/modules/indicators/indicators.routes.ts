import type { FastifyInstance } from 'fastify';
import { typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './indicators.schemas.ts';
import * as service from './indicators.service.ts';

const tags = ['indicators'];

export function indicatorRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  r.get(
    '/api/v1/indicators',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The indicator catalogue with units, dimensions and protocols',
        tags,
        querystring: schemas.listIndicatorsQuery,
        response: { 200: schemas.indicatorListResponse, ...errorResponses },
      },
    },
    (req) => service.listIndicators(ctx.readDb, req.query, requestLanguage(req)),
  );

  r.get(
    '/api/v1/indicators/:code',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One indicator',
        tags,
        params: schemas.indicatorParams,
        querystring: langQuery,
        response: { 200: schemas.indicatorSchema, ...errorResponses },
      },
    },
    (req) => service.getIndicator(ctx.readDb, req.params.code, requestLanguage(req)),
  );
}
