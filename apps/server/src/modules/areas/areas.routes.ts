import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './areas.schemas.ts';
import * as service from './areas.service.ts';

const tags = ['areas'];

export function areaRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.get(
    '/api/v1/areas',
    {
      config: { access: 'public' },
      schema: {
        summary: 'List and search areas (countries, groups, sub-national units)',
        tags,
        querystring: schemas.listAreasQuery,
        response: { 200: schemas.areaListResponse, ...errorResponses },
      },
    },
    (req) => service.listAreas(ctx.readDb, req.query, requestLanguage(req)),
  );

  r.get(
    '/api/v1/areas/:code',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One area with its members, groups and sub-national units',
        tags,
        params: schemas.areaCodeParams,
        querystring: langQuery,
        response: { 200: schemas.areaDetailSchema, ...errorResponses },
      },
    },
    (req) => service.getArea(ctx.readDb, req.params.code, requestLanguage(req)),
  );

  r.post(
    '/api/v1/areas/groups',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Create a user-defined group of areas',
        tags,
        body: schemas.createGroupBody,
        response: { 201: schemas.areaDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createGroup(ctx.db, actorOf(req), req.body, requestLanguage(req))),
  );

  r.patch(
    '/api/v1/areas/groups/:code',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Rename a user-defined group or replace its members',
        tags,
        params: schemas.areaCodeParams,
        body: schemas.updateGroupBody,
        response: { 200: schemas.areaDetailSchema, ...errorResponses },
      },
    },
    (req) => service.updateGroup(ctx.db, actorOf(req), req.params.code, req.body, requestLanguage(req)),
  );

  r.delete(
    '/api/v1/areas/groups/:code',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete a user-defined group',
        tags,
        params: schemas.areaCodeParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteGroup(ctx.db, actorOf(req), req.params.code);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/areas/subnational',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Create a sub-national area (oblast, district, border crossing) under a country',
        tags,
        body: schemas.createSubnationalBody,
        response: { 201: schemas.areaDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createSubnational(ctx.db, actorOf(req), req.body, requestLanguage(req))),
  );

  r.delete(
    '/api/v1/areas/subnational/:code',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete a sub-national area that has no data',
        tags,
        params: schemas.areaCodeParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteSubnational(ctx.db, actorOf(req), req.params.code);
      return reply.status(204).send(null);
    },
  );
}
