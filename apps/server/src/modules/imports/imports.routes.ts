import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { translator } from '@observatory/shared/i18n';
import { requireUser } from '../../platform/http/access.ts';
import { typed, type ModuleContext } from '../../platform/http/context.ts';
import { errors } from '../../platform/http/errors.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { errorResponses, langQuery, pageQuery, paginated } from '../../platform/http/schemas.ts';
import { discardFile, registerFile } from '../../platform/files/store.ts';
import * as schemas from './imports.schemas.ts';
import * as service from './imports.service.ts';
import { previewFile, previewSchema } from './preview.ts';
import { findSpec, listSpecs, parseSpec, PRESETS, saveSpec } from './specs.ts';
import { mappingSpecJsonSchema, type MappingSpec } from './spec.ts';
import { templateWorkbook } from './template.ts';

const tags = ['imports'];

const uploadFields = z.object({
  preset: z.string().max(80).optional(),
  specName: z.string().max(80).optional(),
  specVersion: z.coerce.number().int().positive().optional(),
  spec: z.string().max(200_000).optional(),
  dryRun: z.enum(['true', 'false', '1', '0']).optional(),
  wait: z.enum(['true', 'false', '1', '0']).optional(),
  sheet: z.string().max(100).optional(),
  encoding: z.enum(['auto', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1251']).optional(),
  delimiter: z.enum(['auto', ',', ';', '\t', 'tab']).optional(),
});

const yes = (v: string | undefined) => v === 'true' || v === '1';

async function chooseSpec(ctx: ModuleContext, f: z.infer<typeof uploadFields>): Promise<MappingSpec> {
  const given = [f.preset, f.specName, f.spec].filter((x) => x !== undefined).length;
  if (given !== 1) throw errors.invalidParameter('preset', 'spec_choice');
  if (f.spec !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(f.spec);
    } catch {
      throw errors.invalidParameter('spec', 'invalid_json');
    }
    return parseSpec(json);
  }
  const name = (f.preset ?? f.specName)!;
  const spec = await findSpec(ctx.readDb, name, f.specVersion);
  if (!spec) throw errors.unknownCodes(f.preset !== undefined ? 'preset' : 'specName', [name]);
  return spec;
}

export function importRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);

  r.post(
    '/api/v1/imports',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Upload a file (multipart: file, and preset | specName | spec; dryRun, wait, sheet, encoding, delimiter) and import it as a job',
        tags,
        consumes: ['multipart/form-data'],
        response: {
          200: schemas.reportSchema,
          202: z.object({ jobId: z.number().int() }),
          ...errorResponses,
          413: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const upload = await readUpload(req, ctx.config);
      let spec: MappingSpec;
      let options: z.infer<typeof uploadFields>;
      try {
        const parsed = uploadFields.safeParse(upload.fields);
        if (!parsed.success)
          throw errors.invalidParameter(
            String(parsed.error.issues[0]?.path[0] ?? 'fields'),
            'zod.invalid_value',
          );
        options = parsed.data;
        spec = await chooseSpec(ctx, options);
      } catch (error) {
        discardFile(upload.received);
        throw error;
      }
      const file = await registerFile(ctx.db, ctx.config.filesDir, upload.received, {
        originalName: upload.fileName,
        mediaType: upload.mediaType,
        userId: user.id,
      });
      const sheet =
        options.sheet === undefined
          ? undefined
          : /^\d+$/.test(options.sheet)
            ? Number(options.sheet)
            : options.sheet;
      const { jobId, finished } = await service.startImport(ctx.db, {
        file: { sha256: file.sha256, path: file.path, name: file.originalName },
        spec,
        dryRun: yes(options.dryRun),
        options: {
          sheet,
          encoding: options.encoding,
          delimiter: options.delimiter === 'tab' ? '\t' : options.delimiter,
        },
        userId: user.id,
        ip: req.ip,
      });
      if (!yes(options.wait)) {
        finished.catch(() => undefined);
        return reply.status(202).send({ jobId });
      }
      return service.reportOf(jobId, await finished);
    },
  );

  r.post(
    '/api/v1/imports/preview',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Preview an uploaded file (multipart: file, optional sheet): format, sheets, header and first rows; nothing is stored',
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: previewSchema, ...errorResponses, 413: errorResponses[400] },
      },
    },
    async (req) => {
      requireUser(req);
      const upload = await readUpload(req, ctx.config);
      try {
        const sheet = z.string().max(100).optional().safeParse(upload.fields.sheet);
        if (!sheet.success) throw errors.invalidParameter('sheet', 'zod.too_big_string', { maximum: '100' });
        const chosen =
          sheet.data === undefined || sheet.data === ''
            ? undefined
            : /^\d+$/.test(sheet.data)
              ? Number(sheet.data)
              : sheet.data;
        return await previewFile(upload.received.tmpPath, { sheet: chosen }, requestLanguage(req));
      } finally {
        discardFile(upload.received);
      }
    },
  );

  r.get(
    '/api/v1/imports',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Import batches, newest first',
        tags,
        querystring: pageQuery.merge(langQuery),
        response: { 200: paginated(schemas.batchSchema), ...errorResponses },
      },
    },
    (req) => service.listBatches(ctx.readDb, req.query.page, req.query.pageSize, requestLanguage(req)),
  );

  r.get(
    '/api/v1/imports/:id',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'One import batch: file, spec, status and counts',
        tags,
        params: schemas.batchIdParams,
        querystring: langQuery,
        response: { 200: schemas.batchSchema, ...errorResponses },
      },
    },
    (req) => service.getBatch(ctx.readDb, req.params.id, requestLanguage(req)),
  );

  r.get(
    '/api/v1/imports/:id/issues',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'The validation report of a batch (filter by severity or code; CSV with format=csv)',
        tags,
        params: schemas.batchIdParams,
        querystring: schemas.issuesQuery,
        response: { 200: paginated(schemas.issueSchema), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      if (format === 'csv') {
        const lang = requestLanguage(req);
        const all = await service.batchIssues(ctx.readDb, req.params.id, {
          ...filter,
          page: 1,
          pageSize: 100_000,
        });
        const t = translator(lang);
        const csv = stringify(
          [
            [
              t('imports:csv.row'),
              t('imports:csv.column'),
              t('imports:csv.severity'),
              t('imports:csv.code'),
              t('imports:csv.message'),
            ],
            ...all.items.map((i) => [
              i.row ?? '',
              i.column ?? '',
              t(`imports:severity.${i.severity}`),
              i.code,
              i.message[lang],
            ]),
          ],
          { bom: true },
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="import-${req.params.id}-issues.csv"`)
          .serializer((body: unknown) => body as string)
          .send(csv as never);
      }
      return service.batchIssues(ctx.readDb, req.params.id, filter);
    },
  );

  r.post(
    '/api/v1/imports/:id/commit',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Commit a checked dry run: runs the same file with the same spec for real, as a new batch',
        tags,
        params: schemas.batchIdParams,
        body: schemas.commitBody,
        response: {
          200: schemas.reportSchema,
          202: z.object({ jobId: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { batch, file } = await service.batchRequest(ctx.readDb, ctx.config.filesDir, req.params.id);
      if (batch.status !== 'checked')
        throw errors.conflict('commit_not_checked', { id: batch.id, status: batch.status });
      const { jobId, finished } = await service.startImport(ctx.db, {
        file,
        spec: parseSpec(batch.spec),
        dryRun: false,
        options: batch.options,
        userId: user.id,
        ip: req.ip,
      });
      if (!req.body.wait) {
        finished.catch(() => undefined);
        return reply.status(202).send({ jobId });
      }
      return service.reportOf(jobId, await finished);
    },
  );

  r.post(
    '/api/v1/imports/:id/rollback',
    {
      config: { access: 'editor' },
      schema: {
        summary:
          'Roll a committed batch back: its inserts are removed and its updates restored from the revision history',
        tags,
        params: schemas.batchIdParams,
        body: schemas.rollbackBody,
        response: {
          200: z.object({ id: z.number().int(), removed: z.number().int(), restored: z.number().int() }),
          ...errorResponses,
          409: errorResponses[400],
        },
      },
    },
    (req) =>
      service.rollbackBatch(
        ctx.db,
        req.params.id,
        { userId: requireUser(req).id, ip: req.ip },
        req.body.reason,
      ),
  );

  r.get(
    '/api/v1/import-specs',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Mapping specs: built-in presets and saved specs',
        tags,
        querystring: langQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                name: z.string(),
                version: z.number().int(),
                title: z.string(),
                builtin: z.boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const lang = requestLanguage(req);
      const rows = await listSpecs(ctx.readDb);
      const seen = new Set(rows.map((s) => `${s.name}@${s.version}`));
      const items = [
        ...rows.map((s) => ({
          name: s.name,
          version: s.version,
          title: lang === 'ru' ? s.titleRu : s.titleEn,
          builtin: s.builtin,
        })),
        ...PRESETS.filter((p) => !seen.has(`${p.name}@${p.version}`)).map((p) => ({
          name: p.name,
          version: p.version,
          title: p.title[lang],
          builtin: true,
        })),
      ];
      return { items };
    },
  );

  r.get(
    '/api/v1/import-specs/schema',
    {
      config: { access: 'public' },
      schema: { summary: 'JSON Schema of mapping specs', tags },
    },
    () => mappingSpecJsonSchema(),
  );

  r.get(
    '/api/v1/import-specs/:name',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'One mapping spec as JSON (latest version unless ?version=)',
        tags,
        params: schemas.specNameParams,
        querystring: schemas.specVersionQuery,
      },
    },
    async (req, reply) => {
      const spec = await findSpec(ctx.readDb, req.params.name, req.query.version);
      if (!spec) throw errors.notFound('spec', req.params.name);
      return reply
        .header('content-disposition', `attachment; filename="${spec.name}-v${spec.version}.json"`)
        .send(spec);
    },
  );

  r.post(
    '/api/v1/import-specs',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Save a mapping spec (a new version of a name, or a new name)',
        tags,
        body: z.unknown(),
        response: { 201: z.object({ name: z.string(), version: z.number().int() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const spec = parseSpec(req.body);
      await saveSpec(ctx.db, spec, requireUser(req).id);
      return reply.status(201).send({ name: spec.name, version: spec.version });
    },
  );

  r.get(
    '/api/v1/import-template.xlsx',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The canonical long template as XLSX, with instructions in English and Russian',
        tags,
      },
    },
    async (_req, reply) => {
      const buffer = await templateWorkbook(ctx.readDb);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="observatory-template.xlsx"')
        .send(buffer);
    },
  );
}
