import type { FastifyInstance } from 'fastify';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import * as schemas from './signals.schemas.ts';
import * as service from './signals.service.ts';

const tags = ['signals'];

export function signalRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.get(
    '/api/v1/signals',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Signals detected in the data (record highs and lows, unusual changes, first appearances, breaks in series), filtered and paged; only those built on data the caller may see',
        tags,
        querystring: schemas.listSignalsQuery,
        response: { 200: schemas.signalListResponse, ...errorResponses },
      },
    },
    (req) => service.listSignals(ctx.readDb, req.query, req.user?.role ?? null, requestLanguage(req)),
  );

  r.get(
    '/api/v1/signals/:id',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'One signal with the observations behind it (id, value, source) and, when signed in, its notes',
        tags,
        params: schemas.signalIdParams,
        querystring: langQuery,
        response: { 200: schemas.signalDetailSchema, ...errorResponses },
      },
    },
    (req) => service.getSignal(ctx.readDb, req.params.id, req.user?.role ?? null, requestLanguage(req)),
  );

  r.patch(
    '/api/v1/signals/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Confirm, mute or reopen a signal (audited)',
        tags,
        params: schemas.signalIdParams,
        querystring: langQuery,
        body: schemas.patchSignalBody,
        response: { 200: schemas.signalDetailSchema, ...errorResponses, 409: errorResponses[400] },
      },
    },
    (req) => service.changeStatus(ctx.db, actorOf(req), req.params.id, req.body.action, requestLanguage(req)),
  );

  r.post(
    '/api/v1/signals/:id/notes',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Add an analyst’s note to a signal',
        tags,
        params: schemas.signalIdParams,
        body: schemas.noteBody,
        response: { 201: schemas.noteSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addNote(ctx.db, actorOf(req), req.params.id, req.body.text)),
  );

  r.post(
    '/api/v1/signals/detect',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Run signal detection as a background job over every series, or over the series one import batch touched; follow it at /api/v1/jobs/:id',
        tags,
        body: schemas.detectBody.nullish(),
        response: {
          200: schemas.detectResponse,
          202: schemas.detectResponse,
          ...errorResponses,
          409: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const body = req.body ?? { wait: false };
      const out = await service.requestDetection(ctx.db, actorOf(req), body);
      return reply.status(out.result ? 200 : 202).send(out);
    },
  );
}
