import type { FastifyInstance } from 'fastify';
import { typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './substances.schemas.ts';
import * as service from './substances.service.ts';

const tags = ['substances'];

export function substanceRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  r.get(
    '/api/v1/substances',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The substance taxonomy (group → drug → form) as a tree, a flat list, or search results',
        tags,
        querystring: schemas.listSubstancesQuery,
        response: { 200: schemas.substanceListResponse, ...errorResponses },
      },
    },
    (req) => service.listSubstances(ctx.readDb, req.query, requestLanguage(req)),
  );

  r.get(
    '/api/v1/substances/:code',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One substance with its place in the tree and its crosswalks (UNODC, EUDA, national lists)',
        tags,
        params: schemas.substanceCodeParams,
        querystring: langQuery,
        response: { 200: schemas.substanceDetail, ...errorResponses },
      },
    },
    (req) => service.getSubstance(ctx.readDb, req.params.code, requestLanguage(req)),
  );
}
