import type { FastifyInstance } from 'fastify';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './sources.schemas.ts';
import * as service from './sources.service.ts';

const tags = ['sources'];

export function sourceRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  r.get(
    '/api/v1/sources',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Sources of data (publisher, title, table, year, licence, file checksum)',
        tags,
        querystring: schemas.listSourcesQuery,
        response: { 200: schemas.sourceListResponse, ...errorResponses },
      },
    },
    (req) => service.listSources(ctx.readDb, req.query, requestLanguage(req)),
  );

  r.get(
    '/api/v1/sources/:code',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One source',
        tags,
        params: schemas.sourceParams,
        querystring: langQuery,
        response: { 200: schemas.sourceSchema, ...errorResponses },
      },
    },
    (req) => service.getSource(ctx.readDb, req.params.code, requestLanguage(req)),
  );

  r.post(
    '/api/v1/sources',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Register a source',
        tags,
        body: schemas.createSourceBody,
        response: { 201: schemas.sourceSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createSource(ctx.db, actorOf(req), req.body, requestLanguage(req))),
  );

  r.patch(
    '/api/v1/sources/:code',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Correct a source’s description',
        tags,
        params: schemas.sourceParams,
        body: schemas.updateSourceBody,
        response: { 200: schemas.sourceSchema, ...errorResponses },
      },
    },
    (req) => service.updateSource(ctx.db, actorOf(req), req.params.code, req.body, requestLanguage(req)),
  );
}
