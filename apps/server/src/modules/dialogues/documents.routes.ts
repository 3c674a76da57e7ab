import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { errors } from '../../platform/http/errors.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { errorResponses, langQuery } from '../../platform/http/schemas.ts';
import { discardFile } from '../../platform/files/store.ts';
import * as schemas from './dialogues.schemas.ts';
import * as service from './documents.service.ts';

const tags = ['dialogues'];

/** Reads a document upload: the file and the document's fields, checked before anything is kept. */
async function readDocumentUpload(req: FastifyRequest, ctx: ModuleContext) {
  const { fields, received, fileName, mediaType } = await readUpload(req, ctx.config, 'document');
  const parsed = schemas.createDocumentBody.safeParse(fields);
  if (!parsed.success) {
    discardFile(received);
    throw errors.invalidParameters(
      parsed.error.issues.map((issue) => ({
        param: issue.path.map(String).join('.') || 'body',
        code:
          issue.path.length === 1 && fields[String(issue.path[0])] === undefined
            ? 'zod.required'
            : issue.code === 'invalid_value'
              ? 'zod.invalid_value'
              : issue.code === 'unrecognized_keys'
                ? 'zod.unrecognized_keys'
                : 'zod.other',
        params:
          issue.code === 'invalid_value'
            ? { values: issue.values.map(String).join(', ') }
            : issue.code === 'unrecognized_keys'
              ? { keys: issue.keys.join(', ') }
              : {},
      })),
    );
  }
  return { body: parsed.data, upload: { received, fileName, mediaType } };
}

export function documentRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  const { idParams } = schemas;

  r.post(
    '/api/v1/meetings/:id/documents',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Record a meeting document without a file (language, translation of, agenda item); starts as draft; audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.createDocumentBody,
        response: { 201: schemas.documentSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.createDocument(
            ctx.db,
            ctx.config.filesDir,
            actorOf(req),
            req.params.id,
            req.body,
            requestLanguage(req),
          ),
        ),
  );
  r.post(
    '/api/v1/meetings/:id/documents/upload',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Upload a meeting document (multipart: file, title, language, and optional kind, translationOf, agendaItem); starts as draft; audited',
        tags,
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: langQuery,
        response: { 201: schemas.documentSchema, ...errorResponses, 413: errorResponses[400] },
      },
    },
    async (req, reply) => {
      const { body, upload } = await readDocumentUpload(req, ctx);
      return reply
        .status(201)
        .send(
          await service.createDocument(
            ctx.db,
            ctx.config.filesDir,
            actorOf(req),
            req.params.id,
            body,
            requestLanguage(req),
            upload,
          ),
        );
    },
  );
  r.get(
    '/api/v1/documents/:id',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'One meeting document, if its clearance allows (draft: editors; cleared: signed-in users; public: everyone)',
        tags,
        params: idParams,
        querystring: langQuery,
        response: { 200: schemas.documentSchema, ...errorResponses },
      },
    },
    (req) => service.getDocument(ctx.readDb, req.params.id, req.user?.role ?? null, requestLanguage(req)),
  );
  r.patch(
    '/api/v1/documents/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Change a document: title, language, translation of, clearance (draft → cleared → public); audited',
        tags,
        params: idParams,
        querystring: langQuery,
        body: schemas.patchDocumentBody,
        response: { 200: schemas.documentSchema, ...errorResponses },
      },
    },
    (req) => service.patchDocument(ctx.db, actorOf(req), req.params.id, req.body, requestLanguage(req)),
  );
  r.delete(
    '/api/v1/documents/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Delete a document record (the stored file stays); audited',
        tags,
        params: idParams,
        response: { 200: schemas.deletedResponse, ...errorResponses },
      },
    },
    (req) => service.deleteDocument(ctx.db, actorOf(req), req.params.id),
  );
  r.get(
    '/api/v1/documents/:id/download',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Download a document’s file, if its clearance allows (draft: editors; cleared: signed-in users; public: everyone)',
        tags,
        params: idParams,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const file = await service.documentFile(
        ctx.readDb,
        ctx.config.filesDir,
        req.params.id,
        req.user?.role ?? null,
      );
      return reply
        .header('content-disposition', service.contentDisposition(file.fileName))
        .header('content-length', String(file.size))
        .header('x-content-type-options', 'nosniff')
        .type(file.mediaType)
        .send(file.stream);
    },
  );
}
