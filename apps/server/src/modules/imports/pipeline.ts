import { translator } from '@observatory/shared/i18n';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Footnote, ImportBatchStatus } from '../../platform/db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import { JobCancelled, type JobContext } from '../../platform/jobs.ts';
import { lockEventWrites, refreshRollups, batchKeysQuery, todayUtc } from '../events/index.ts';
import { loadResolver, type CodeResolver } from './codes.ts';
import { EventMapper, type StagedEvent } from './event-mapping.ts';
import { MappingError, RowMapper, SPEC_SOURCE, type ImportIssue, type StagedRow } from './mapping.ts';
import { detectFormat, openTable } from './readers/index.ts';
import { FileError, type OpenOptions } from './readers/types.ts';
import * as repo from './imports.repository.ts';
import { ensureSource } from './source.ts';
import type { EventSpec, MappingSpec, SourceSpec } from './spec.ts';

/**
 * One import, start to end: read the stored file → map → check → stage → compare → commit in one
 * transaction (or stop after the report for a dry run). Until the commit nothing in the cube
 * changes; the commit is a single transaction, so a crash or kill leaves the cube as it was.
 */

export interface ImportRequest {
  file: { sha256: string; path: string; name: string };
  spec: MappingSpec;
  dryRun: boolean;
  /** Overrides of the spec's file settings (sheet, encoding, delimiter, format). */
  options: {
    sheet?: string | number | undefined;
    encoding?: OpenOptions['encoding'];
    delimiter?: OpenOptions['delimiter'];
  };
  userId: number | null;
  ip?: string | null;
}

export interface ImportCounts {
  /** Data rows read (after the header; blank rows not counted). */
  rows: number;
  /** Observations the rows produced (a wide row gives one per year). */
  observations: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows merged into another row with the same key (duplicate policy sum / last). */
  merged: number;
  /** Rows skipped on purpose (skip rules, aggregates), each with a warning saying why. */
  skipped: number;
  /** Rows not imported because of errors. */
  rejected: number;
  /** Observations recorded as missing values. */
  missing: number;
  errors: number;
  warnings: number;
  /** Event batches: roll-up observations the commit added, revised and removed. */
  rollupsInserted?: number;
  rollupsUpdated?: number;
  rollupsDeleted?: number;
}

export interface ImportResult {
  batchId: number;
  status: ImportBatchStatus;
  counts: ImportCounts;
  /** The issues (at most ISSUE_LIMIT are stored; counts cover all). */
  issues: ImportIssue[];
  issuesTruncated: boolean;
  /** An earlier batch that imported the same file with the same spec. */
  previousBatchId: number | null;
}

/**
 * Opens the file as the spec reads it: the format the spec names must be the file's (a spec for
 * XLSX given a CSV is refused before any row is read); request options override the spec's.
 */
async function openSpecTable(req: ImportRequest, spec: MappingSpec) {
  if (spec.file.format !== 'auto') {
    const actual = await detectFormat(req.file.path);
    if (actual !== spec.file.format)
      throw new FileError('format_mismatch', { expected: spec.file.format, actual });
  }
  return openTable(req.file.path, {
    format: spec.file.format,
    sheet: req.options.sheet ?? spec.file.sheet,
    encoding: req.options.encoding ?? spec.file.encoding,
    delimiter: req.options.delimiter ?? spec.file.delimiter,
  });
}

/** In a commit's transaction: the sources the batch used, and the audit event with what it did. */
async function recordCommit(
  trx: Db,
  req: ImportRequest,
  batchId: number,
  sourceIds: Set<number>,
  after: Record<string, unknown>,
): Promise<void> {
  await trx
    .updateTable('importBatch')
    .set({ sourceIds: [...sourceIds].filter((x) => x > 0) })
    .where('id', '=', batchId)
    .execute();
  await writeAudit(trx, {
    actorId: req.userId,
    action: 'import.commit',
    entity: 'import_batch',
    entityId: batchId,
    after: { file: req.file.name, sha256: req.file.sha256, ...after },
    ip: req.ip ?? null,
  });
}

export const ISSUE_LIMIT = 10_000;
const STAGE_CHUNK = 5_000;

class Issues {
  readonly list: ImportIssue[] = [];
  errors = 0;
  warnings = 0;
  truncated = false;
  add(issue: ImportIssue) {
    if (issue.severity === 'error') this.errors++;
    else if (issue.severity === 'warning') this.warnings++;
    if (this.list.length < ISSUE_LIMIT) this.list.push(issue);
    else this.truncated = true;
  }
}

const bilingual = (key: string, params: Record<string, unknown>): Footnote => ({
  en: translator('en')(`imports:footnote_${key}`, params),
  ru: translator('ru')(`imports:footnote_${key}`, params),
});

export async function runImport(db: Db, req: ImportRequest, ctx: JobContext | null): Promise<ImportResult> {
  const spec = req.spec;
  const batch = await db
    .insertInto('importBatch')
    .values({
      jobId: ctx?.jobId ?? null,
      fileSha256: req.file.sha256,
      fileName: req.file.name,
      specName: spec.name,
      specVersion: spec.version,
      spec: JSON.stringify(spec),
      options: JSON.stringify(req.options),
      dryRun: req.dryRun,
      status: 'running',
      counts: '{}',
      createdBy: req.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const batchId = batch.id;
  const issues = new Issues();
  const counts: ImportCounts = {
    rows: 0,
    observations: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    merged: 0,
    skipped: 0,
    rejected: 0,
    missing: 0,
    errors: 0,
    warnings: 0,
  };
  const previous = await db
    .selectFrom('importBatch')
    .select('id')
    .where('fileSha256', '=', req.file.sha256)
    .where('specName', '=', spec.name)
    .where('specVersion', '=', spec.version)
    .where('status', 'in', ['committed', 'unchanged'])
    .where('id', '<>', batchId)
    .orderBy('id', 'desc')
    .executeTakeFirst();

  const finish = async (status: ImportBatchStatus): Promise<ImportResult> => {
    counts.errors = issues.errors;
    counts.warnings = issues.warnings;
    await repo.clearStaged(db, batchId);
    await repo.saveIssues(db, batchId, issues.list);
    await db
      .updateTable('importBatch')
      .set({
        status,
        counts: JSON.stringify(counts),
        issueCount: issues.list.length,
        errorCount: issues.errors,
        warningCount: issues.warnings,
        finishedAt: new Date(),
      })
      .where('id', '=', batchId)
      .execute();
    return {
      batchId,
      status,
      counts,
      issues: issues.list,
      issuesTruncated: issues.truncated,
      previousBatchId: previous?.id ?? null,
    };
  };

  try {
    const sourceSpec = 'code' in spec.source ? spec.source : null;
    const existingSource = sourceSpec
      ? await db.selectFrom('source').select('id').where('code', '=', sourceSpec.code).executeTakeFirst()
      : undefined;
    const resolver = await loadResolver(db, { substanceScheme: spec.codes.substanceScheme });
    if (spec.target === 'seizure_events')
      return await importEvents(db, req, spec, ctx, {
        batchId,
        issues,
        counts,
        finish,
        sourceSpec,
        existingSourceId: existingSource?.id ?? null,
        resolver,
      });
    const mapper = new RowMapper(spec, resolver, {
      note: bilingual,
      specSourceId: existingSource?.id ?? (sourceSpec ? SPEC_SOURCE : null),
      maxYear: new Date().getUTCFullYear() + 1,
    });

    ctx?.progress('reading', 0, null);
    const table = await openSpecTable(req, spec);
    const total = table.estimatedRows ?? null;
    mapper.sheetName = table.sheet ?? null;
    let buffer: StagedRow[] = [];
    let headerSeen = false;
    let lastRow = 0;
    const take = async (r: ReturnType<RowMapper['map']>) => {
      if (!r) return;
      for (const i of r.issues) issues.add(i);
      if (r.skipped) counts.skipped++;
      else if (r.rejected > 0 && r.rows.length === 0) counts.rejected++;
      counts.observations += r.rows.length;
      buffer.push(...r.rows);
      if (buffer.length >= STAGE_CHUNK) {
        await repo.stageRows(db, batchId, buffer);
        buffer = [];
      }
    };
    for await (const row of table.rows()) {
      lastRow = row.row;
      if (row.row < mapper.headerRow) continue;
      if (row.row === mapper.headerRow) {
        mapper.header(row);
        headerSeen = true;
        continue;
      }
      if (!headerSeen || row.row < mapper.dataStartRow) continue;
      if (row.cells.some((c) => c !== null && c !== '')) counts.rows++;
      await take(mapper.map(row));
      if (counts.rows % 1000 === 0) {
        ctx?.checkCancelled();
        ctx?.progress('reading', row.row, total);
      }
    }
    if (!headerSeen) throw new MappingError('header_not_found', { row: mapper.headerRow, rows: lastRow });
    await take(mapper.flush());
    await repo.stageRows(db, batchId, buffer);
    buffer = [];
    await repo.analyzeStaged(db);
    ctx?.checkCancelled();

    ctx?.progress('checking', counts.rows, counts.rows);
    const groups = await repo.duplicateGroups(db, batchId);
    if (groups.length) {
      if (spec.duplicates === 'error') {
        for (const g of groups)
          for (const row of g.rows.slice(1))
            issues.add({
              row,
              col: null,
              code: 'duplicate_key',
              severity: 'error',
              params: { first: g.rows[0] },
            });
      } else {
        if (spec.duplicates === 'sum') await repo.sumDuplicates(db, batchId, spec.defaults.status);
        else await repo.keepLast(db, batchId);
        for (const g of groups)
          issues.add({
            row: g.rows[0]!,
            col: null,
            code: spec.duplicates === 'sum' ? 'duplicate_summed' : 'duplicate_last',
            severity: 'warning',
            params: { rows: g.rows.join(', '), count: g.rows.length, value: g.value ?? '' },
          });
      }
    }
    if (spec.checks.historyRatio > 0) {
      for (const j of await repo.historyJumps(db, batchId, spec.checks.historyRatio))
        issues.add({
          row: j.rowNo,
          col: null,
          code: 'history_jump',
          severity: 'warning',
          params: { year: j.year, value: j.value, reference: j.reference, ratio: spec.checks.historyRatio },
        });
    }
    ctx?.checkCancelled();
    if (issues.errors > 0 || req.dryRun) {
      // A commit compares inside its transaction; a report compares here.
      await repo.classify(db, batchId);
      Object.assign(counts, toCounts(await repo.outcomes(db, batchId)));
      return await finish(issues.errors > 0 ? 'rejected' : 'checked');
    }

    ctx?.progress('writing', 0, counts.observations);
    const reason = `import batch ${batchId}`;
    const changed = await db.transaction().execute(async (trx) => {
      const sourceIds = new Set<number>();
      if (sourceSpec) {
        const id = existingSource?.id ?? (await ensureSource(trx, sourceSpec, req.userId));
        await trx
          .updateTable('source')
          .set({ fileName: req.file.name, fileChecksum: `sha256:${req.file.sha256}` })
          .where('id', '=', id)
          .execute();
        if (!existingSource) await repo.assignSource(trx, batchId, id);
        sourceIds.add(id);
      }
      // Compare again inside the transaction: the cube may have changed since the check.
      await repo.classify(trx, batchId);
      const o = await repo.outcomes(trx, batchId);
      Object.assign(counts, toCounts(o));
      await repo.applyBatch(trx, batchId, { userId: req.userId, reason });
      const used = await trx
        .selectFrom('importRow')
        .select('sourceId')
        .distinct()
        .where('batchId', '=', batchId)
        .execute();
      for (const u of used) sourceIds.add(u.sourceId);
      await recordCommit(trx, req, batchId, sourceIds, {
        spec: `${spec.name}@${spec.version}`,
        ...toCounts(o),
      });
      return o.insert + o.update;
    });
    ctx?.progress('writing', counts.observations, counts.observations);
    return await finish(changed > 0 ? 'committed' : 'unchanged');
  } catch (error) {
    if (error instanceof FileError || error instanceof MappingError) {
      issues.add({ row: null, col: null, code: error.code, severity: 'error', params: error.params });
      return await finish('rejected');
    }
    await finish(error instanceof JobCancelled ? 'cancelled' : 'failed').catch(() => undefined);
    throw error;
  }
}

function toCounts(o: repo.Outcomes) {
  return {
    inserted: o.insert,
    updated: o.update,
    unchanged: o.unchanged,
    merged: o.merged,
    missing: o.missing,
  };
}

/** Batches left 'running' by a crashed process: staged rows removed, marked failed. */
export async function recoverImports(db: Db): Promise<number> {
  const stale = await db.selectFrom('importBatch').select('id').where('status', '=', 'running').execute();
  for (const b of stale) {
    await repo.clearStaged(db, b.id);
    await db
      .updateTable('importBatch')
      .set({ status: 'failed', finishedAt: new Date() })
      .where('id', '=', b.id)
      .execute();
  }
  return stale.length;
}

/**
 * The seizure-event half of `runImport` (specs with `target: seizure_events`): read → map → stage
 * → check (duplicate references, repeated rows) → compare with the stored events → commit in one
 * transaction with the roll-ups of every key the batch touched.
 */
async function importEvents(
  db: Db,
  req: ImportRequest,
  spec: EventSpec,
  ctx: JobContext | null,
  run: {
    batchId: number;
    issues: Issues;
    counts: ImportCounts;
    finish: (status: ImportBatchStatus) => Promise<ImportResult>;
    sourceSpec: SourceSpec | null;
    existingSourceId: number | null;
    resolver: CodeResolver;
  },
): Promise<ImportResult> {
  const { batchId, issues, counts, finish, sourceSpec } = run;
  const mapper = new EventMapper(spec, run.resolver, {
    specSourceId: run.existingSourceId ?? (sourceSpec ? SPEC_SOURCE : null),
    today: todayUtc(),
  });
  ctx?.progress('reading', 0, null);
  const table = await openSpecTable(req, spec);
  const total = table.estimatedRows ?? null;
  mapper.sheetName = table.sheet ?? null;
  let buffer: StagedEvent[] = [];
  let headerSeen = false;
  let lastRow = 0;
  for await (const row of table.rows()) {
    lastRow = row.row;
    if (row.row < mapper.headerRow) continue;
    if (row.row === mapper.headerRow) {
      mapper.header(row);
      headerSeen = true;
      continue;
    }
    if (!headerSeen || row.row < mapper.dataStartRow) continue;
    if (row.cells.some((c) => c !== null && c !== '')) counts.rows++;
    const r = mapper.map(row);
    if (r) {
      for (const i of r.issues) issues.add(i);
      if (r.skipped) counts.skipped++;
      else if (r.rejected > 0) counts.rejected++;
      counts.observations += r.rows.length;
      buffer.push(...r.rows);
      if (buffer.length >= STAGE_CHUNK) {
        await repo.stageEvents(db, batchId, buffer);
        buffer = [];
      }
    }
    if (counts.rows % 1000 === 0) {
      ctx?.checkCancelled();
      ctx?.progress('reading', row.row, total);
    }
  }
  if (!headerSeen) throw new MappingError('header_not_found', { row: mapper.headerRow, rows: lastRow });
  await repo.stageEvents(db, batchId, buffer);
  await repo.analyzeStagedEvents(db);
  ctx?.checkCancelled();

  ctx?.progress('checking', counts.rows, counts.rows);
  for (const g of await repo.duplicateReferences(db, batchId))
    for (const row of g.rows.slice(1))
      issues.add({
        row,
        col: null,
        code: 'duplicate_reference',
        severity: 'error',
        params: { reference: g.reference, first: g.rows[0] },
      });
  for (const rows of await repo.possibleDuplicateEvents(db, batchId))
    for (const row of rows.slice(1))
      issues.add({
        row,
        col: null,
        code: 'possible_duplicate_event',
        severity: 'warning',
        params: { first: rows[0] },
      });
  ctx?.checkCancelled();
  if (issues.errors > 0 || req.dryRun) {
    await repo.classifyEvents(db, batchId);
    Object.assign(counts, toCounts(await repo.eventOutcomes(db, batchId)));
    return await finish(issues.errors > 0 ? 'rejected' : 'checked');
  }

  ctx?.progress('writing', 0, counts.observations);
  const reason = `import batch ${batchId}`;
  const changed = await db.transaction().execute(async (trx) => {
    await lockEventWrites(trx);
    const sourceIds = new Set<number>();
    if (sourceSpec) {
      const id = run.existingSourceId ?? (await ensureSource(trx, sourceSpec, req.userId));
      await trx
        .updateTable('source')
        .set({ fileName: req.file.name, fileChecksum: `sha256:${req.file.sha256}` })
        .where('id', '=', id)
        .execute();
      if (run.existingSourceId === null) await repo.assignEventSource(trx, batchId, id);
      sourceIds.add(id);
    }
    // Compare again inside the transaction: the events may have changed since the check.
    await repo.classifyEvents(trx, batchId);
    const o = await repo.eventOutcomes(trx, batchId);
    Object.assign(counts, toCounts(o));
    await repo.applyEventBatch(trx, batchId, { userId: req.userId, reason });
    const rollups = await refreshRollups(
      trx,
      { query: batchKeysQuery(batchId) },
      { userId: req.userId, reason: `roll-up of seizure events, ${reason}`, batchId },
    );
    counts.rollupsInserted = rollups.inserted;
    counts.rollupsUpdated = rollups.updated;
    counts.rollupsDeleted = rollups.deleted;
    const used = await sql<{ sourceId: number }>`
      select distinct source_id from seizure_event_row where batch_id = ${batchId}
    `.execute(trx);
    for (const u of used.rows) sourceIds.add(u.sourceId);
    await recordCommit(trx, req, batchId, sourceIds, {
      spec: `${spec.name}@${spec.version}`,
      target: spec.target,
      ...toCounts(o),
      rollups,
    });
    return o.insert + o.update;
  });
  ctx?.progress('writing', counts.observations, counts.observations);
  return await finish(changed > 0 ? 'committed' : 'unchanged');
}
