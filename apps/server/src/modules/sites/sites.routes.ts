import type { FastifyInstance } from 'fastify';
import { typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import * as schemas from './sites.schemas.ts';
import * as service from './sites.service.ts';

const tags = ['sites'];

export function siteRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.get(
    '/api/v1/sites',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Monitoring sites (wastewater treatment plants) with their country and coordinates',
        tags,
        querystring: schemas.listSitesQuery,
        response: { 200: schemas.siteListResponse, ...errorResponses },
      },
    },
    (req) => service.listSites(ctx.readDb, req.query, requestLanguage(req)),
  );
}
