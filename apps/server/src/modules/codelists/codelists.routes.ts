import type { FastifyInstance } from 'fastify';
import { typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './codelists.schemas.ts';
import * as service from './codelists.service.ts';

const tags = ['reference'];

export function codelistRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  r.get(
    '/api/v1/codelists',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'All codelists (sex, age bands, units, observation status, confidentiality, …) with their codes',
        tags,
        querystring: langQuery,
        response: { 200: schemas.codelistListResponse, ...errorResponses },
      },
    },
    async (req) => ({ items: await service.listCodelists(ctx.readDb, requestLanguage(req)) }),
  );

  r.get(
    '/api/v1/codelists/:code',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One codelist with its codes',
        tags,
        params: schemas.codelistParams,
        querystring: langQuery,
        response: { 200: schemas.codelistSchema, ...errorResponses },
      },
    },
    async (req) => (await service.listCodelists(ctx.readDb, requestLanguage(req), req.params.code))[0]!,
  );
}
