import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import { idParams } from './dialogues.schemas.ts';
import * as schemas from './press-release.schemas.ts';
import * as service from './press-release.service.ts';

const tags = ['dialogues'];

export function pressReleaseRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.post(
    '/api/v1/meetings/:id/press-release/draft',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Generate the bilingual press-release draft from the meeting record (title, dateline, lead, one paragraph per agenda item, participants, programme boilerplate, contact); lists texts that fell back to the other language; audited',
        tags,
        params: idParams,
        body: schemas.draftBody.nullish(),
        response: { 200: schemas.pressReleaseSchema, ...errorResponses, 409: errorResponses[400] },
      },
    },
    (req) => service.generateDraft(ctx.db, actorOf(req), req.params.id, req.body ?? {}),
  );
  r.get(
    '/api/v1/meetings/:id/press-release',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The press release of a meeting: drafts for editors only, published ones with the meeting',
        tags,
        params: idParams,
        response: { 200: schemas.pressReleaseSchema, ...errorResponses },
      },
    },
    (req) => service.getPressRelease(ctx.readDb, req.params.id, req.user?.role ?? null),
  );
  r.put(
    '/api/v1/meetings/:id/press-release',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Edit the press release (either language’s content; null removes it); audited',
        tags,
        params: idParams,
        body: schemas.editBody,
        response: { 200: schemas.pressReleaseSchema, ...errorResponses },
      },
    },
    (req) => service.editPressRelease(ctx.db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/meetings/:id/press-release/publish',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Publish the press release: readable by everyone who may read the meeting; audited',
        tags,
        params: idParams,
        response: { 200: schemas.pressReleaseSchema, ...errorResponses },
      },
    },
    (req) => service.publishPressRelease(ctx.db, actorOf(req), req.params.id),
  );
  r.get(
    '/api/v1/meetings/:id/press-release.txt',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The press release as plain text in one language (?lang=en|ru), same access as the JSON',
        tags,
        params: idParams,
        querystring: langQuery,
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(
          await service.pressReleaseText(
            ctx.readDb,
            req.params.id,
            req.user?.role ?? null,
            requestLanguage(req),
          ),
        ),
  );
}
