import type { FastifyInstance } from 'fastify';
import { typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import * as schemas from './analytics.schemas.ts';
import * as service from './analytics.service.ts';

const tags = ['analytics'];

/** Read-only analytics over the cube; callers see numbers built from the data they may see only. */
export function analyticsRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.get(
    '/api/v1/analytics/series',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Series of areas and group aggregates (with coverage): values or per capita, optionally year-on-year, index, rolling mean or share of a group, and CAGR; each number lists its observations and sources, each gap its reason',
        tags,
        querystring: schemas.seriesQuery,
        response: { 200: schemas.seriesResponse, ...errorResponses },
      },
    },
    (req) => service.series(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );

  r.get(
    '/api/v1/analytics/ranking',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Areas ranked by value or per capita rate in one year; areas without a number last, with the reason',
        tags,
        querystring: schemas.rankingQuery,
        response: { 200: schemas.rankingResponse, ...errorResponses },
      },
    },
    (req) => service.ranking(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );

  r.get(
    '/api/v1/analytics/compare',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One area against a group: both measures and the area’s share of the group total',
        tags,
        querystring: schemas.compareQuery,
        response: { 200: schemas.compareResponse, ...errorResponses },
      },
    },
    (req) => service.compare(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );
}
