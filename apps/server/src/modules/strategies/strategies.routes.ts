import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './strategies.schemas.ts';
import * as service from './strategies.service.ts';

const tags = ['strategies'];
const withConflict = { ...errorResponses, 409: errorResponses[400] };

export function strategyRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  const role = (req: { user?: { role: 'viewer' | 'editor' | 'admin' } | null }) => req.user?.role ?? null;

  r.get(
    '/api/v1/strategies',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Strategies and action plans (EU, national, regional), paged; participants-only ones for signed-in users',
        tags,
        querystring: schemas.listStrategiesQuery,
        response: { 200: schemas.strategyListResponse, ...errorResponses },
      },
    },
    (req) => service.listStrategies(ctx.readDb, req.query, role(req), requestLanguage(req)),
  );

  r.get(
    '/api/v1/strategies/:code',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'A strategy as a tree (policy areas and themes → priorities → actions) with the latest progress of each item, progress rolled up the tree, indicator links with the latest observed values, and alignments',
        tags,
        params: schemas.strategyCodeParams,
        querystring: langQuery,
        response: { 200: schemas.strategySchema, ...errorResponses },
      },
    },
    (req) => service.getStrategy(ctx.readDb, req.params.code, role(req), requestLanguage(req)),
  );

  r.post(
    '/api/v1/strategies',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Create a strategy (a national one needs its country; audited)',
        tags,
        querystring: langQuery,
        body: schemas.createStrategyBody,
        response: { 201: schemas.strategySchema, ...withConflict },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createStrategy(ctx.db, actorOf(req), req.body, requestLanguage(req))),
  );

  r.patch(
    '/api/v1/strategies/:code',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Change a strategy (audited)',
        tags,
        params: schemas.strategyCodeParams,
        querystring: langQuery,
        body: schemas.patchStrategyBody,
        response: { 200: schemas.strategySchema, ...errorResponses },
      },
    },
    (req) => service.patchStrategy(ctx.db, actorOf(req), req.params.code, req.body, requestLanguage(req)),
  );

  r.delete(
    '/api/v1/strategies/:code',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Delete a strategy with its whole tree, progress updates, indicator links and alignments (audited)',
        tags,
        params: schemas.strategyCodeParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteStrategy(ctx.db, actorOf(req), req.params.code);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/strategies/:code/nodes',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Add an item to a strategy: a policy area or cross-cutting theme (top level), a priority (under one of those) or an action (under a priority); codes are unique per strategy (audited)',
        tags,
        params: schemas.strategyCodeParams,
        querystring: langQuery,
        body: schemas.createNodeBody,
        response: { 201: schemas.nodeViewSchema, ...withConflict },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.createNode(ctx.db, actorOf(req), req.params.code, req.body, requestLanguage(req)),
        ),
  );

  r.patch(
    '/api/v1/strategy-nodes/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Change an item, move it under another parent or reorder it among its siblings (audited)',
        tags,
        params: schemas.idParams,
        querystring: langQuery,
        body: schemas.patchNodeBody,
        response: { 200: schemas.nodeViewSchema, ...withConflict },
      },
    },
    (req) => service.patchNode(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );

  r.delete(
    '/api/v1/strategy-nodes/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete an item and everything under it (audited, with the codes deleted)',
        tags,
        params: schemas.idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteNode(ctx.db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/strategy-nodes/:id/indicators',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Link an indicator (optionally for an area and substance) with baseline and target (audited)',
        tags,
        params: schemas.idParams,
        querystring: langQuery,
        body: schemas.indicatorLinkBody,
        response: { 201: schemas.indicatorLinkSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.addIndicatorLink(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
        ),
  );

  r.delete(
    '/api/v1/strategy-nodes/:id/indicators/:linkId',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Remove an indicator link (audited)',
        tags,
        params: schemas.linkParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteIndicatorLink(ctx.db, actorOf(req), req.params.id, req.params.linkId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/strategy-nodes/:id/progress',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Progress updates of an item, latest first',
        tags,
        params: schemas.idParams,
        querystring: langQuery,
        response: { 200: schemas.progressListResponse, ...errorResponses },
      },
    },
    (req) => service.listProgress(ctx.readDb, req.params.id, role(req), requestLanguage(req)),
  );

  r.post(
    '/api/v1/strategy-nodes/:id/progress',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Report progress on an item: status, percent, narrative (en/ru), evidence documents and observations (must exist; audited)',
        tags,
        params: schemas.idParams,
        querystring: langQuery,
        body: schemas.progressBody,
        response: { 201: schemas.progressSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.addProgress(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req))),
  );

  r.post(
    '/api/v1/strategy-alignments',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Align an item of an EU strategy with an item of a national or regional strategy (audited)',
        tags,
        querystring: langQuery,
        body: schemas.alignmentBody,
        response: { 201: schemas.alignmentCreatedSchema, ...withConflict },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createAlignment(ctx.db, actorOf(req), req.body, requestLanguage(req))),
  );

  r.delete(
    '/api/v1/strategy-alignments/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Remove an alignment (audited)',
        tags,
        params: schemas.idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteAlignment(ctx.db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
