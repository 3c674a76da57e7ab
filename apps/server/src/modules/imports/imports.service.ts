import { translator } from '@observatory/shared/i18n';
import type { Language } from '@observatory/shared';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import { storedPath } from '../../platform/files/store.ts';
import { errors } from '../../platform/http/errors.ts';
import { startJob, type JobProgress } from '../../platform/jobs.ts';
import { writeAudit } from '../../platform/audit.ts';
import { runImport, type ImportRequest, type ImportResult } from './pipeline.ts';
import * as repo from './imports.repository.ts';
import type { ImportIssue } from './mapping.ts';
import { scheduleSignalDetection } from '../signals/index.ts';

/** Both languages of an issue's message, from the `imports` catalogue (file problems: `files`). */
export function issueMessage(
  issue: Pick<ImportIssue, 'code' | 'params'>,
  namespaces: readonly string[] = ['imports', 'files', 'errors'],
): { en: string; ru: string } {
  const render = (lang: Language) => {
    const t = translator(lang);
    const params: Record<string, unknown> = { ...issue.params };
    params.hint = params.suggestion ? t('imports:suggestion', { suggestion: params.suggestion }) : '';
    if (typeof params.reason === 'string')
      params.reasonText = t(`imports:reason.${params.reason}`, { defaultValue: params.reason });
    return t(
      namespaces.map((ns) => `${ns}:${issue.code}`),
      {
        ...params,
        defaultValue: issue.code,
      },
    );
  };
  return { en: render('en'), ru: render('ru') };
}

export const issueDto = (i: ImportIssue) => ({
  row: i.row,
  column: i.col,
  code: i.code,
  severity: i.severity,
  params: i.params,
  message: issueMessage(i),
});

/** Starts an import job on an already stored file; `finished` settles with the result. */
/** The report of a finished import, in both languages. */
export function reportOf(jobId: number, r: ImportResult) {
  const summary = (lang: 'en' | 'ru') =>
    translator(lang)(`imports:result.${r.status}`, {
      ...r.counts,
      previous: r.previousBatchId ?? '',
      batch: r.batchId,
    });
  return {
    jobId,
    batchId: r.batchId,
    status: r.status,
    counts: { ...r.counts },
    issues: r.issues.map(issueDto),
    issuesTruncated: r.issuesTruncated,
    previousBatchId: r.previousBatchId,
    message: { en: summary('en'), ru: summary('ru') },
  };
}

export async function startImport(
  db: Db,
  request: ImportRequest,
  hooks: { onProgress?: (p: JobProgress) => void } = {},
): Promise<{ jobId: number; finished: Promise<ImportResult> }> {
  return startJob(
    db,
    {
      kind: 'import',
      params: {
        file: request.file.name,
        sha256: request.file.sha256,
        spec: `${request.spec.name}@${request.spec.version}`,
        dryRun: request.dryRun,
      },
      userId: request.userId,
    },
    async (ctx) => {
      const result = await runImport(db, request, ctx);
      // A committed batch starts signal detection over the series it touched, as a job of its own
      // that the import does not wait for and that can never fail it.
      if (result.status === 'committed')
        await scheduleSignalDetection(db, { batchId: result.batchId }, request.userId).catch(() => undefined);
      return result;
    },
    {
      ...hooks,
      // The job keeps the outcome; the issues live with the batch (GET /imports/:id/issues).
      summarise: (r) => ({
        batchId: r.batchId,
        status: r.status,
        counts: r.counts,
        previousBatchId: r.previousBatchId,
      }),
    },
  );
}

export function batchSummary(b: Awaited<ReturnType<typeof repo.findBatch>> & object, lang: Language) {
  const t = translator(lang);
  return {
    id: b.id,
    jobId: b.jobId,
    file: { name: b.fileName, sha256: b.fileSha256 },
    spec: { name: b.specName, version: b.specVersion },
    dryRun: b.dryRun,
    status: b.status,
    statusText: t(`imports:status.${b.status}`),
    counts: b.counts,
    errorCount: b.errorCount,
    warningCount: b.warningCount,
    createdBy: b.createdBy,
    createdByName: b.createdByName ?? null,
    createdAt: new Date(b.createdAt).toISOString(),
    finishedAt: b.finishedAt ? new Date(b.finishedAt).toISOString() : null,
    rolledBackAt: b.rolledBackAt ? new Date(b.rolledBackAt).toISOString() : null,
  };
}

export async function listBatches(db: ReadonlyDb, page: number, pageSize: number, lang: Language) {
  const { rows, total } = await repo.listBatches(db, page, pageSize);
  return { items: rows.map((b) => batchSummary(b, lang)), page, pageSize, total };
}

export async function getBatch(db: ReadonlyDb, id: number, lang: Language) {
  const b = await repo.findBatch(db, id);
  if (!b) throw errors.notFound('import', String(id));
  return batchSummary(b, lang);
}

export async function batchIssues(
  db: ReadonlyDb,
  id: number,
  filter: { severity?: string | undefined; code?: string | undefined; page: number; pageSize: number },
) {
  const b = await repo.findBatch(db, id);
  if (!b) throw errors.notFound('import', String(id));
  let q = db.selectFrom('importIssue').where('batchId', '=', id);
  if (filter.severity) q = q.where('severity', '=', filter.severity as ImportIssue['severity']);
  if (filter.code) q = q.where('code', '=', filter.code);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('seq')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) =>
      issueDto({ row: r.rowNo, col: r.col, code: r.code, severity: r.severity, params: r.params }),
    ),
    page: filter.page,
    pageSize: filter.pageSize,
    total: Number(total.n),
  };
}

/** The stored file of a batch, to re-run it (commit after a dry run). */
export async function batchRequest(db: ReadonlyDb, filesDir: string, id: number) {
  const b = await repo.findBatch(db, id);
  if (!b) throw errors.notFound('import', String(id));
  return {
    batch: b,
    file: { sha256: b.fileSha256, path: storedPath(filesDir, b.fileSha256), name: b.fileName },
  };
}

/** Rolls a committed batch back (see `undoBatch`); refuses when its values have changed since. */
export async function rollbackBatch(
  db: Db,
  id: number,
  actor: { userId: number | null; ip?: string | null },
  reason: string,
) {
  const b = await repo.findBatch(db, id);
  if (!b) throw errors.notFound('import', String(id));
  if (b.status !== 'committed') throw errors.conflict('rollback_not_committed', { id, status: b.status });
  const result = await db.transaction().execute(async (trx) => {
    const conflict = await repo.rollbackConflicts(trx, id);
    if (conflict.count > 0)
      throw errors.conflict('rollback_conflict', {
        id,
        count: conflict.count,
        later: conflict.laterBatches.join(', ') || '—',
      });
    const undone = await repo.undoBatch(trx, id, {
      userId: actor.userId,
      reason: `rollback of import batch ${id}: ${reason}`,
    });
    await trx
      .updateTable('importBatch')
      .set({ status: 'rolled_back', rolledBackBy: actor.userId, rolledBackAt: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.userId,
      action: 'import.rollback',
      entity: 'import_batch',
      entityId: id,
      after: { ...undone, reason },
      ip: actor.ip ?? null,
    });
    return { id, ...undone };
  });
  // The series the batch had touched are judged again (its signals may no longer hold).
  await scheduleSignalDetection(db, { batchId: id }, actor.userId).catch(() => undefined);
  return result;
}
