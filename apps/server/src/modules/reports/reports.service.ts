import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pickText, type Language } from '@observatory/shared';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import { registerFile, receiveFile, storedPath } from '../../platform/files/store.ts';
import { errors } from '../../platform/http/errors.ts';
import { startJob, type JobContext } from '../../platform/jobs.ts';
import { chartPng } from './pack.chart.ts';
import { renderDocx } from './pack.docx.ts';
import { buildPackModel, type Fallback, type PackModel } from './pack.model.ts';
import { renderPdf } from './pack.pdf.ts';
import { buildSnapshot, digestOf, hasFigures, type SnapshotContent } from './pack.snapshot.ts';
import * as repo from './reports.repository.ts';
import type { GenerateBody, PackDto } from './reports.schemas.ts';

export const SNAPSHOT_KIND = 'briefing_pack';
export const JOB_KIND = 'briefing_pack';

type Actor = { user: SessionUser; ip: string | null };
type PackRow = NonNullable<Awaited<ReturnType<typeof repo.findPack>>>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const MEDIA = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export const packFileName = (
  meetingDate: string,
  audience: string,
  language: string,
  format: 'docx' | 'pdf',
) => `briefing-pack-${meetingDate}-${audience}-${language}.${format}`;

function toDto(row: PackRow): PackDto {
  // A job interrupted by a restart is marked failed by recoverJobs; its pack says so too.
  const interrupted =
    (row.status === 'queued' || row.status === 'running') &&
    (row.jobStatus === 'failed' || row.jobStatus === 'cancelled');
  const status = interrupted ? row.jobStatus! : row.status;
  const ready = status === 'succeeded';
  return {
    id: row.id,
    meetingId: row.meetingId,
    audience: row.audience,
    language: row.language,
    snapshotId: row.snapshotId,
    jobId: row.jobId,
    status,
    files: {
      docx: ready && row.docxSha256 ? `/api/v1/briefing-packs/${row.id}/download/docx` : null,
      pdf: ready && row.pdfSha256 ? `/api/v1/briefing-packs/${row.id}/download/pdf` : null,
    },
    fileNames: {
      docx: packFileName(row.meetingDate, row.audience, row.language, 'docx'),
      pdf: packFileName(row.meetingDate, row.audience, row.language, 'pdf'),
    },
    fallbacks: (row.fallbacks ?? []) as Fallback[],
    warnings: (row.warnings ?? []) as PackDto['warnings'],
    error: row.error ?? null,
    createdAt: iso(row.createdAt)!,
    finishedAt: iso(row.finishedAt),
  };
}

export interface RenderedPack {
  model: PackModel;
  docx: Buffer;
  pdf: Buffer;
}

/** Renders a pack from a snapshot: the content model, then DOCX (with PNG charts) and PDF (with SVG). */
export async function renderPack(
  content: SnapshotContent,
  language: Language,
  snapshot: { id: number; takenAt: string },
  ctx?: Pick<JobContext, 'progress' | 'checkCancelled'>,
): Promise<RenderedPack> {
  ctx?.progress('charts', 1, 5);
  const model = buildPackModel(content, language, snapshot);
  const pngs: Buffer[] = [];
  for (const s of model.sections)
    for (const b of s.blocks) if (b.type === 'chart') pngs.push(chartPng(b.svg, b.width));
  ctx?.checkCancelled();
  ctx?.progress('docx', 2, 5);
  const docx = await renderDocx(model, pngs);
  ctx?.checkCancelled();
  ctx?.progress('pdf', 3, 5);
  const pdf = await renderPdf(model);
  return { model, docx, pdf };
}

async function storeBuffer(
  db: Db,
  dir: string,
  buffer: Buffer,
  name: string,
  mediaType: string,
  userId: number,
) {
  const received = await receiveFile(dir, Readable.from([buffer]));
  return registerFile(db, dir, received, { originalName: name, mediaType, userId });
}

/**
 * Records a snapshot (or takes the one given) and generates the pack as a job. Everything that can
 * be wrong with the request is checked before anything is written: an unknown meeting (404), a
 * snapshot of another meeting or audience (400), no figures for the audience (422, no job).
 */
export async function generatePack(
  db: Db,
  filesDir: string,
  actor: Actor,
  meetingId: number,
  body: GenerateBody,
  /** Language of error messages (the request's); the pack's own language is `body.language`. */
  lang: Language = body.language,
): Promise<{ pack: PackDto; finished: Promise<unknown> }> {
  const audience = body.audience;
  const meeting = await repo.findMeeting(db, meetingId);
  if (!meeting) throw errors.notFound('meeting', String(meetingId));

  let snapshot: { id: number; takenAt: string; content: SnapshotContent } | null = null;
  let fresh: SnapshotContent | null = null;
  if (body.snapshotId !== undefined) {
    const row = await repo.findSnapshot(db, body.snapshotId);
    const params = (row?.params ?? {}) as { meetingId?: number; audience?: string };
    if (!row || row.kind !== SNAPSHOT_KIND || params.meetingId !== meetingId || params.audience !== audience)
      throw errors.invalidParameter('snapshotId', 'snapshot_mismatch', { id: body.snapshotId });
    snapshot = {
      id: row.id,
      takenAt: iso(row.createdAt)!.slice(0, 10),
      content: row.content as SnapshotContent,
    };
  } else {
    fresh = await buildSnapshot(db, { meetingId, audience, language: body.language });
    if (!fresh) throw errors.notFound('meeting', String(meetingId));
    if (!hasFigures(fresh))
      throw errors.validation(
        'briefing_pack_no_data',
        {
          audience: pickText(lang, fresh.audience.name.en, fresh.audience.name.ru),
          areas: fresh.situation.areas.map((a) => pickText(lang, a.name.en, a.name.ru)).join(', '),
        },
        'audience',
      );
  }

  const packId = await db.transaction().execute(async (trx) => {
    const row = await repo.insertPack(trx, {
      meetingId,
      audience,
      language: body.language,
      snapshotId: snapshot?.id ?? null,
      createdBy: actor.user.id,
    });
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'briefing_pack.generate',
      entity: 'briefing_pack',
      entityId: row.id,
      after: { meetingId, audience, language: body.language, snapshotId: snapshot?.id ?? null },
      ip: actor.ip,
    });
    return row.id;
  });

  const run = async (ctx: JobContext) => {
    await repo.updatePack(db, packId, { status: 'running' });
    ctx.progress('snapshot', 0, 5);
    let used = snapshot;
    if (!used) {
      const content = fresh!;
      const row = await repo.insertSnapshot(db, {
        kind: SNAPSHOT_KIND,
        params: { meetingId, audience, language: body.language },
        content,
        digest: digestOf(content),
        createdBy: actor.user.id,
      });
      used = { id: row.id, takenAt: iso(row.createdAt)!.slice(0, 10), content };
      await repo.updatePack(db, packId, { snapshotId: row.id });
    }
    const rendered = await renderPack(used.content, body.language, used, ctx);
    ctx.checkCancelled();
    ctx.progress('store', 4, 5);
    const docx = await storeBuffer(
      db,
      filesDir,
      rendered.docx,
      packFileName(meeting.startDate, audience, body.language, 'docx'),
      MEDIA.docx,
      actor.user.id,
    );
    const pdf = await storeBuffer(
      db,
      filesDir,
      rendered.pdf,
      packFileName(meeting.startDate, audience, body.language, 'pdf'),
      MEDIA.pdf,
      actor.user.id,
    );
    await repo.updatePack(db, packId, {
      status: 'succeeded',
      docxSha256: docx.sha256,
      pdfSha256: pdf.sha256,
      fallbacks: rendered.model.fallbacks,
      warnings: rendered.model.warnings,
      finishedAt: new Date(),
    });
    ctx.progress('store', 5, 5);
    return {
      packId,
      snapshotId: used.id,
      charts: rendered.model.charts,
      fallbacks: rendered.model.fallbacks.length,
    };
  };

  const { jobId, finished } = await startJob(
    db,
    {
      kind: JOB_KIND,
      params: { packId, meetingId, audience, language: body.language },
      userId: actor.user.id,
    },
    async (ctx) => {
      try {
        return await run(ctx);
      } catch (error) {
        const e = error as { code?: unknown; message?: unknown };
        await repo
          .updatePack(db, packId, {
            status: error instanceof Error && error.name === 'JobCancelled' ? 'cancelled' : 'failed',
            error: {
              code: typeof e.code === 'string' ? e.code : 'internal',
              message: String(e.message ?? error),
            },
            finishedAt: new Date(),
          })
          .catch(() => undefined);
        throw error;
      }
    },
  );
  await repo.updatePack(db, packId, { jobId });
  return { pack: await getPack(db, packId), finished: finished.catch(() => undefined) };
}

export async function getPack(db: ReadonlyDb, id: number): Promise<PackDto> {
  const row = await repo.findPack(db, id);
  if (!row) throw errors.notFound('briefing_pack', String(id));
  return toDto(row);
}

export async function listPacks(db: ReadonlyDb, meetingId: number, q: { page: number; pageSize: number }) {
  const meeting = await repo.findMeeting(db, meetingId);
  if (!meeting) throw errors.notFound('meeting', String(meetingId));
  const { items, total } = await repo.listPacks(db, meetingId, q.page, q.pageSize);
  return { items: items.map(toDto), page: q.page, pageSize: q.pageSize, total };
}

/** The stored file of a finished pack, with its download name and media type. */
export async function packFile(db: ReadonlyDb, filesDir: string, id: number, format: 'docx' | 'pdf') {
  const row = await repo.findPack(db, id);
  if (!row) throw errors.notFound('briefing_pack', String(id));
  const sha = format === 'docx' ? row.docxSha256 : row.pdfSha256;
  if (row.status !== 'succeeded' || !sha)
    throw errors.conflict('briefing_pack_not_ready', { id, status: row.status });
  return {
    stream: fs.createReadStream(storedPath(filesDir, sha)),
    name: packFileName(row.meetingDate, row.audience, row.language, format),
    mediaType: MEDIA[format],
  };
}
