import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './events.schemas.ts';
import * as service from './events.service.ts';
import { eventTemplateWorkbook } from './events.template.ts';

const tags = ['events'];

export function eventRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.get(
    '/api/v1/events',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Seizure events, newest first: filter by area (with its sub-national areas; groups expand), substance (with its forms), date range, source, reference, batch, or the roll-up observation they make; unpublished events only for signed-in users allowed to see them',
        tags,
        querystring: schemas.eventsQuery,
        response: { 200: schemas.eventsResponse, ...errorResponses },
      },
    },
    (req) => service.listEvents(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );

  r.get(
    '/api/v1/events/factors',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Conversion factors to kilograms: mass units by definition, tablets / doses / litres per substance where configured',
        tags,
        querystring: langQuery,
        response: { 200: schemas.factorsResponse, ...errorResponses },
      },
    },
    (req) => service.listFactors(ctx.readDb, requestLanguage(req)),
  );

  r.put(
    '/api/v1/events/factors/:substance/:unit',
    {
      config: { access: 'admin' },
      schema: {
        summary:
          'Set the kilograms per unit of a substance (with where the factor comes from); the kg equivalents of its events and their roll-ups are recomputed',
        tags,
        params: schemas.factorParams,
        querystring: langQuery,
        body: schemas.putFactorBody,
        response: {
          200: schemas.factorSchema.omit({ updatedAt: true }).extend({
            rollupKeys: z.number().int(),
            rollups: schemas.rollupCountsSchema,
          }),
          ...errorResponses,
        },
      },
    },
    (req) =>
      service.putFactor(
        ctx.db,
        actorOf(req),
        req.params.substance,
        req.params.unit,
        req.body,
        requestLanguage(req),
      ),
  );

  r.delete(
    '/api/v1/events/factors/:substance/:unit',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Remove a conversion factor; its events keep their own unit again (roll-ups follow)',
        tags,
        params: schemas.factorParams,
        response: {
          200: z.object({ rollupKeys: z.number().int(), rollups: schemas.rollupCountsSchema }),
          ...errorResponses,
        },
      },
    },
    (req) => service.deleteFactor(ctx.db, actorOf(req), req.params.substance, req.params.unit),
  );

  r.get(
    '/api/v1/events/import-template.xlsx',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'The canonical seizure-event template as XLSX (preset observatory-events), with instructions in English and Russian',
        tags,
      },
    },
    async (_req, reply) => {
      const buffer = await eventTemplateWorkbook(ctx.readDb);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="observatory-events-template.xlsx"')
        .send(buffer);
    },
  );

  r.post(
    '/api/v1/events/rollups/rebuild',
    {
      config: { access: 'admin' },
      schema: {
        summary:
          'Recompute every roll-up of seizure events into the cube (normally kept current incrementally)',
        tags,
        response: { 200: schemas.rollupCountsSchema, ...errorResponses },
      },
    },
    (req) => {
      const actor = actorOf(req);
      return service.rebuildAllRollups(ctx.db, { userId: actor.user.id, ip: actor.ip });
    },
  );

  r.get(
    '/api/v1/events/:id',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One seizure event with its revision history',
        tags,
        params: schemas.eventIdParams,
        querystring: langQuery,
        response: { 200: schemas.eventDetailResponse, ...errorResponses },
      },
    },
    (req) => service.getEvent(ctx.readDb, req.params.id, req.user?.role ?? null, requestLanguage(req)),
  );

  r.patch(
    '/api/v1/events/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Correct one seizure event, with the reason (kept in its history); its roll-ups are recomputed in the same transaction',
        tags,
        params: schemas.eventIdParams,
        querystring: langQuery,
        body: schemas.patchEventBody,
        response: { 200: schemas.eventSchema, ...errorResponses, 409: errorResponses[400] },
      },
    },
    (req) => service.patchEvent(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );

  r.delete(
    '/api/v1/events/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete one seizure event, with the reason (its last version stays in the history)',
        tags,
        params: schemas.eventIdParams,
        body: schemas.deleteEventBody,
        response: {
          200: z.object({ id: z.number().int(), rollups: schemas.rollupCountsSchema }),
          ...errorResponses,
        },
      },
    },
    (req) => service.deleteEvent(ctx.db, actorOf(req), req.params.id, req.body.reason),
  );
}
