import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './programmes.schemas.ts';
import * as service from './programmes.service.ts';

const tags = ['programmes'];
const withConflict = { ...errorResponses, 409: errorResponses[400] };

export function programmeRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.get(
    '/api/v1/programmes',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Programmes (e.g. CADAP 7) with funder, implementer and countries, paged; participants-only ones for signed-in users',
        tags,
        querystring: schemas.listProgrammesQuery,
        response: { 200: schemas.programmeListResponse, ...errorResponses },
      },
    },
    (req) => service.listProgrammes(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );

  r.get(
    '/api/v1/programmes/:code',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'One programme with its countries, components, activities and the meetings where it is presented',
        tags,
        params: schemas.programmeCodeParams,
        querystring: langQuery,
        response: { 200: schemas.programmeSchema, ...errorResponses },
      },
    },
    (req) => service.getProgramme(ctx.readDb, req.params.code, req.user?.role ?? null, requestLanguage(req)),
  );

  r.post(
    '/api/v1/programmes',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Create a programme with its countries, components and activities (audited)',
        tags,
        querystring: langQuery,
        body: schemas.createProgrammeBody,
        response: { 201: schemas.programmeSchema, ...withConflict },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createProgramme(ctx.db, actorOf(req), req.body, requestLanguage(req))),
  );

  r.patch(
    '/api/v1/programmes/:code',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Change a programme; countries, components and activities given replace the lists (audited)',
        tags,
        params: schemas.programmeCodeParams,
        querystring: langQuery,
        body: schemas.patchProgrammeBody,
        response: { 200: schemas.programmeSchema, ...errorResponses },
      },
    },
    (req) => service.patchProgramme(ctx.db, actorOf(req), req.params.code, req.body, requestLanguage(req)),
  );

  r.delete(
    '/api/v1/programmes/:code',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Delete a programme with its components and activities; meetings keep their items without it (audited)',
        tags,
        params: schemas.programmeCodeParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteProgramme(ctx.db, actorOf(req), req.params.code);
      return reply.status(204).send(null);
    },
  );
}
