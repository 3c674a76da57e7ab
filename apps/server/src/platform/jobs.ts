import type { Db, ReadonlyDb } from './db/database.ts';
import type { JobStatus } from './db/schema.ts';

/**
 * Background jobs in this process: a row in `job` (so history survives restarts) and live progress
 * in memory (so polling does not wait for a long write to finish). Progress is written to the row
 * at most once a second. Cancellation is cooperative: the job checks `signal` between steps.
 * A job interrupted by a crash is marked failed at the next start (`recoverJobs`).
 */

export interface JobProgress {
  phase: string;
  done: number;
  total: number | null;
}

export interface JobContext {
  jobId: number;
  signal: AbortSignal;
  progress(phase: string, done: number, total?: number | null): void;
  /** Throws JobCancelled when cancellation was requested. */
  checkCancelled(): void;
}

export class JobCancelled extends Error {
  constructor() {
    super('job_cancelled');
    this.name = 'JobCancelled';
  }
}

interface Live {
  controller: AbortController;
  progress: JobProgress;
  listeners: Set<(p: JobProgress) => void>;
  done: Promise<unknown>;
}

const live = new Map<number, Live>();

export interface JobView {
  id: number;
  kind: string;
  status: JobStatus;
  phase: string | null;
  done: number;
  total: number | null;
  result: unknown;
  error: unknown;
  createdBy: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Starts `run` as a job and returns its id at once; `finished` settles when the job ends (with its
 * result, or rejects with its error).
 */
export async function startJob<T>(
  db: Db,
  input: { kind: string; params: Record<string, unknown>; userId: number | null },
  run: (ctx: JobContext) => Promise<T>,
  hooks: { onProgress?: (p: JobProgress) => void; summarise?: (result: T) => unknown } = {},
): Promise<{ jobId: number; finished: Promise<T> }> {
  const row = await db
    .insertInto('job')
    .values({
      kind: input.kind,
      status: 'running',
      phase: 'queued',
      params: JSON.stringify(input.params),
      createdBy: input.userId,
      startedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const jobId = row.id;
  const controller = new AbortController();
  const state: Live = {
    controller,
    progress: { phase: 'queued', done: 0, total: null },
    listeners: new Set(hooks.onProgress ? [hooks.onProgress] : []),
    done: Promise.resolve(),
  };
  live.set(jobId, state);
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const ctx: JobContext = {
    jobId,
    signal: controller.signal,
    progress(phase, done, total = state.progress.total) {
      state.progress = { phase, done, total };
      for (const l of state.listeners) l(state.progress);
      const now = Date.now();
      if (now - lastWrite >= 1000) {
        lastWrite = now;
        writing = writing
          .then(() =>
            db
              .updateTable('job')
              .set({ phase, done, total })
              .where('id', '=', jobId)
              .where('status', '=', 'running')
              .execute(),
          )
          .catch(() => undefined);
      }
    },
    checkCancelled() {
      if (controller.signal.aborted) throw new JobCancelled();
    },
  };
  const finished = (async () => {
    try {
      const result = await run(ctx);
      await writing;
      await db
        .updateTable('job')
        .set({
          status: 'succeeded',
          phase: 'done',
          done: state.progress.done,
          total: state.progress.total,
          result: JSON.stringify((hooks.summarise ? hooks.summarise(result) : result) ?? null),
          finishedAt: new Date(),
        })
        .where('id', '=', jobId)
        .execute();
      return result;
    } catch (error) {
      await writing;
      const cancelled = error instanceof JobCancelled;
      await db
        .updateTable('job')
        .set({
          status: cancelled ? 'cancelled' : 'failed',
          phase: state.progress.phase,
          done: state.progress.done,
          total: state.progress.total,
          error: JSON.stringify(errorJson(error)),
          finishedAt: new Date(),
        })
        .where('id', '=', jobId)
        .execute()
        .catch(() => undefined);
      throw error;
    } finally {
      live.delete(jobId);
    }
  })();
  state.done = finished.catch(() => undefined);
  return { jobId, finished };
}

function errorJson(error: unknown): Record<string, unknown> {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; params?: unknown; message?: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : 'internal',
      params: e.params ?? {},
      message: typeof e.message === 'string' ? e.message : 'error',
    };
  }
  return { code: 'internal', message: String(error) };
}

/** The job as stored, with live progress when it runs in this process. */
export async function getJob(db: ReadonlyDb, id: number): Promise<JobView | undefined> {
  const row = await db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const running = live.get(id);
  const p = running?.progress;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    phase: p?.phase ?? row.phase,
    done: p?.done ?? row.done,
    total: p ? p.total : row.total,
    result: row.result,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

/** Asks a running job to stop. Returns false when the job is not running in this process. */
export async function cancelJob(db: Db, id: number): Promise<boolean> {
  const running = live.get(id);
  await db
    .updateTable('job')
    .set({ cancelRequested: true })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
  if (!running) return false;
  running.controller.abort();
  return true;
}

/** Waits for a job of this process to end (no-op when it is not running here). */
export async function waitForJob(id: number): Promise<void> {
  await live.get(id)?.done;
}

/** Waits for every running job of this process (used on shutdown and in tests). */
export async function waitForAllJobs(): Promise<void> {
  await Promise.all([...live.values()].map((l) => l.done));
}

/** Marks jobs left running by a crashed process as failed. */
export async function recoverJobs(db: Db): Promise<number> {
  const ids = [...live.keys()];
  let q = db
    .updateTable('job')
    .set({ status: 'failed', error: JSON.stringify({ code: 'job_interrupted' }), finishedAt: new Date() })
    .where('status', 'in', ['queued', 'running']);
  if (ids.length) q = q.where('id', 'not in', ids);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
