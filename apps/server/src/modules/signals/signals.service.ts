import { createHash } from 'node:crypto';
import templatesEn from '@observatory/shared/locales/en/signals.json' with { type: 'json' };
import templatesRu from '@observatory/shared/locales/ru/signals.json' with { type: 'json' };
import {
  CONFIDENTIALITY,
  pickText,
  visibleConfidentiality,
  type Confidentiality,
  type Language,
  type Role,
} from '@observatory/shared';
import {
  SIGNAL_KINDS,
  SIGNAL_SEVERITIES,
  SIGNAL_STATUSES,
  signalLabel,
  signalText,
  type SignalNames,
} from '@observatory/shared/signals';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors } from '../../platform/http/errors.ts';
import { startJob, type JobContext, type JobProgress } from '../../platform/jobs.ts';
import { resolveAreas } from '../areas/index.ts';
import { resolveSubstances } from '../substances/index.ts';
import { detectSeries, type Candidate } from './signals.detect.ts';
import * as repo from './signals.repository.ts';
import type { ListSignalsQuery, SignalDetailDto, SignalDto } from './signals.schemas.ts';

/**
 * What a detection run covers: the whole cube, the series one import batch touched, or the series
 * of given (indicator, area) pairs (for writers outside the import pipeline, e.g. roll-ups).
 */
export type DetectionScope =
  { all: true } | { batchId: number } | { groups: readonly { indicatorId: number; areaId: number }[] };

export interface DetectionResult {
  scope: 'all' | 'batch' | 'groups';
  batchId: number | null;
  groups: number;
  series: number;
  observations: number;
  found: number;
  inserted: number;
  updated: number;
  unchanged: number;
  stale: number;
  deleted: number;
  ms: number;
}

/**
 * Observations per chunk: series are loaded, judged and written one chunk of (indicator, area)
 * groups at a time, so memory stays bounded on a cube of any size and each chunk's writes are one
 * short transaction (PGlite serves one connection). Chunks are large because the rows of a chunk
 * can be spread over most of the table's pages (imports append year by year): fewer chunks, fewer
 * passes over the heap (100,000 points are a few tens of MB in memory).
 */
export const CHUNK_OBSERVATIONS = 100_000;

const rank = (c: Confidentiality) => CONFIDENTIALITY.indexOf(c);

/** Reference names in both languages, for the texts. */
class Names {
  private readonly indicators;
  private readonly areas;
  private readonly substances;
  private readonly codes = new Map<string, { en: string; ru: string }>();
  private readonly units = new Map<string, { en: string; ru: string }>();

  constructor(ref: repo.Reference) {
    this.indicators = new Map(ref.indicators.map((i) => [i.id, i]));
    this.areas = new Map(ref.areas.map((a) => [a.id, a]));
    this.substances = new Map(ref.substances.map((s) => [s.id, s]));
    for (const c of ref.codes) {
      this.codes.set(`${c.codelist}:${c.code}`, { en: c.nameEn, ru: c.nameRu });
      if (c.codelist === 'UNIT') {
        const a = c.attributes as { symbol?: string; symbolRu?: string };
        this.units.set(c.code, { en: a.symbol ?? c.code, ru: a.symbolRu ?? a.symbol ?? c.code });
      }
    }
  }

  of(p: repo.PointRow, dimMembers: Record<string, string>, unit: string, lang: Language): SignalNames {
    const indicator = this.indicators.get(p.indicatorId)!;
    const area = this.areas.get(p.areaId)!;
    const substance = p.substanceId === null ? undefined : this.substances.get(p.substanceId);
    const substanceNames = substance ? [substance.nameEn, substance.nameRu].map((n) => n.toLowerCase()) : [];
    const dims = indicator.dimensions
      .filter((d) => dimMembers[d.dimension] !== undefined)
      .map((d) => {
        const code = dimMembers[d.dimension]!;
        if (!d.codelist) return substanceNames.includes(code.toLowerCase()) ? null : code;
        const name = this.codes.get(`${d.codelist}:${code}`);
        return name ? pickText(lang, name.en, name.ru) : code;
      })
      .filter((x): x is string => x !== null);
    const u = this.units.get(unit);
    return {
      indicator: pickText(lang, indicator.nameEn, indicator.nameRu),
      area: pickText(lang, area.nameEn, area.nameRu),
      substance: substance ? pickText(lang, substance.nameEn, substance.nameRu) : null,
      dims: dims.length ? dims.join(', ') : null,
      unit: u ? (lang === 'ru' ? u.ru : u.en) : unit,
    };
  }
}

const fingerprint = (p: repo.PointRow, kind: string, year: number) =>
  `${kind}:${p.indicatorId}:${p.areaId}:${p.substanceId ?? '-'}:${year}:${p.dimKey}`;

/** Changes whenever a template changes, so that every stored text is rendered again. */
const TEMPLATES = createHash('sha256')
  .update(JSON.stringify([templatesEn, templatesRu]))
  .digest('hex');

/**
 * Splits groups, ordered by (area, indicator), into chunks of about CHUNK_OBSERVATIONS observations
 * (a bigger group is a chunk alone).
 */
function chunks(groups: repo.SeriesGroup[]): repo.SeriesGroup[][] {
  const sorted = [...groups].sort((a, b) => a.areaId - b.areaId || a.indicatorId - b.indicatorId);
  const out: repo.SeriesGroup[][] = [];
  let current: repo.SeriesGroup[] = [];
  let size = 0;
  for (const g of sorted) {
    if (current.length && size + g.observations > CHUNK_OBSERVATIONS) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(g);
    size += g.observations;
  }
  if (current.length) out.push(current);
  return out;
}

/** A judged signal before its texts are rendered (only new or changed ones are). */
interface Found {
  candidate: Candidate;
  point: repo.PointRow;
  dims: Record<string, string>;
  fingerprint: string;
  digest: string;
  confidentiality: Confidentiality;
  names: Record<Language, SignalNames>;
}

/** Judges the series of one chunk of points (ordered by series key, then year). */
async function judge(
  db: ReadonlyDb,
  points: repo.PointRow[],
  names: Names,
): Promise<{ series: number; found: Found[] }> {
  const judged: { candidate: Candidate; point: repo.PointRow }[] = [];
  let series = 0;
  let start = 0;
  for (let i = 1; i <= points.length; i++) {
    const a = points[start]!;
    const b = points[i];
    if (
      b &&
      b.indicatorId === a.indicatorId &&
      b.areaId === a.areaId &&
      b.substanceId === a.substanceId &&
      b.dimKey === a.dimKey
    )
      continue;
    const slice = points.slice(start, i);
    start = i;
    series++;
    const point = slice[slice.length - 1]!;
    for (const candidate of detectSeries(slice, { hasSubstance: a.substanceId !== null }))
      judged.push({ candidate, point });
  }
  const confidentiality = new Map(points.map((p) => [p.id, p.confidentiality]));
  const dims = await repo.dimsOf(db, [...new Set(judged.map((j) => j.point.id))]);
  const found = judged.map(({ candidate, point }): Found => {
    const unit = candidate.params.unit;
    const level = candidate.ids.reduce<Confidentiality>((max, id) => {
      const conf = confidentiality.get(id) ?? 'restricted';
      return rank(conf) > rank(max) ? conf : max;
    }, 'public');
    const members = dims.get(point.id) ?? {};
    const both = { en: names.of(point, members, unit, 'en'), ru: names.of(point, members, unit, 'ru') };
    const digest = createHash('sha256')
      .update(
        JSON.stringify([
          candidate.severity,
          candidate.params,
          candidate.ids,
          level,
          members,
          both,
          TEMPLATES,
        ]),
      )
      .digest('base64url');
    return {
      candidate,
      point,
      dims: members,
      fingerprint: fingerprint(point, candidate.kind, candidate.year),
      digest,
      confidentiality: level,
      names: both,
    };
  });
  return { series, found };
}

function toValues(f: Found): repo.SignalValues {
  const c = f.candidate;
  const p = f.point;
  return {
    fingerprint: f.fingerprint,
    digest: f.digest,
    kind: c.kind,
    indicatorId: p.indicatorId,
    areaId: p.areaId,
    substanceId: p.substanceId,
    dimKey: p.dimKey,
    dims: f.dims,
    year: c.year,
    severity: c.severity,
    params: c.params as unknown as Record<string, unknown>,
    observationIds: c.ids,
    textEn: signalText(c.kind, c.year, c.params, f.names.en, 'en'),
    textRu: signalText(c.kind, c.year, c.params, f.names.ru, 'ru'),
    confidentiality: f.confidentiality,
  };
}

/**
 * Detection over a scope: loads series chunk by chunk (one ordered query per chunk of (indicator,
 * area) groups), judges each series (signals.detect.ts), then in one short transaction per chunk
 * writes what is new or changed (idempotent by fingerprint: status and notes are kept; unchanged
 * signals, by digest, are not rewritten) and retires what is no longer found in those groups
 * (deleted when untouched, otherwise marked stale). A cancelled run leaves the chunks already
 * written consistent; the next run completes the rest.
 */
export async function detectSignals(
  db: Db,
  scope: DetectionScope,
  ctx: JobContext | null,
): Promise<DetectionResult> {
  const started = Date.now();
  ctx?.progress('planning', 0, null);
  const groups =
    'all' in scope
      ? await repo.allGroups(db)
      : 'batchId' in scope
        ? await repo.batchGroups(db, scope.batchId)
        : await repo.pairGroups(db, scope.groups);
  const names = new Names(await repo.loadReference(db));
  const total = groups.reduce((n, g) => n + g.observations, 0);
  const result: DetectionResult = {
    scope: 'all' in scope ? 'all' : 'batchId' in scope ? 'batch' : 'groups',
    batchId: 'batchId' in scope ? scope.batchId : null,
    groups: groups.length,
    series: 0,
    observations: 0,
    found: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    stale: 0,
    deleted: 0,
    ms: 0,
  };
  let done = 0;
  ctx?.progress('detecting', 0, total);
  for (const chunk of chunks(groups)) {
    ctx?.checkCancelled();
    const points = await repo.loadPoints(db, chunk);
    const stored = await repo.storedSignals(db, chunk);
    const { series, found } = await judge(db, points, names);
    const byFingerprint = new Map(stored.map((s) => [s.fingerprint, s]));
    const changed = found.filter((f) => {
      const s = byFingerprint.get(f.fingerprint);
      return !s || s.stale || s.digest !== f.digest;
    });
    const current = new Set(found.map((f) => f.fingerprint));
    const gone = stored.filter((s) => !current.has(s.fingerprint)).map((s) => s.id);
    const written = await db.transaction().execute(async (trx) => ({
      ...(await repo.upsertSignals(trx, changed.map(toValues))),
      ...(await repo.retireSignals(trx, gone)),
    }));
    result.series += series;
    result.observations += points.length;
    result.found += found.length;
    result.inserted += written.inserted;
    result.updated += written.updated;
    result.unchanged += found.length - written.inserted - written.updated;
    result.stale += written.stale;
    result.deleted += written.deleted;
    done += chunk.reduce((n, g) => n + g.observations, 0);
    ctx?.progress('detecting', done, total);
  }
  result.ms = Date.now() - started;
  return result;
}

// One detection at a time in this process: runs queue behind each other, so two runs never judge
// and retire the same groups at once.
let queue: Promise<void> = Promise.resolve();

/**
 * Starts signal detection as a background job (kind `signals.detect`, with progress and cancel
 * through the jobs API) and returns its id at once. Runs of this process wait for each other. The
 * job never rejects unhandled: `finished` may be awaited or ignored.
 */
export async function scheduleSignalDetection(
  db: Db,
  scope: DetectionScope,
  userId: number | null,
  hooks: { onProgress?: (p: JobProgress) => void } = {},
): Promise<{ jobId: number; finished: Promise<DetectionResult> }> {
  const previous = queue;
  let release!: () => void;
  queue = new Promise<void>((resolve) => {
    release = resolve;
  });
  try {
    const job = await startJob(
      db,
      {
        kind: 'signals.detect',
        params: 'groups' in scope ? { groups: scope.groups.length } : { ...scope },
        userId,
      },
      async (ctx) => {
        try {
          ctx.progress('queued', 0, null);
          await previous;
          return await detectSignals(db, scope, ctx);
        } finally {
          release();
        }
      },
      hooks,
    );
    job.finished.catch(() => undefined);
    return job;
  } catch (error) {
    release();
    throw error;
  }
}

/** `POST /signals/detect`: checks the batch, records who asked, starts the job (and waits if asked). */
export async function requestDetection(
  db: Db,
  actor: { user: SessionUser; ip: string | null },
  body: { batchId?: number | undefined; wait?: boolean | undefined },
): Promise<{ jobId: number; result?: DetectionResult }> {
  let scope: DetectionScope = { all: true };
  if (body.batchId !== undefined) {
    const batch = await repo.findBatch(db, body.batchId);
    if (!batch) throw errors.notFound('import', String(body.batchId));
    if (batch.status !== 'committed' && batch.status !== 'rolled_back')
      throw errors.conflict('signal_batch_not_applied', { id: batch.id, status: batch.status });
    scope = { batchId: batch.id };
  }
  await writeAudit(db, {
    actorId: actor.user.id,
    action: 'signals.detect',
    entity: 'signal',
    after: scope,
    ip: actor.ip,
  });
  const { jobId, finished } = await scheduleSignalDetection(db, scope, actor.user.id);
  if (!body.wait) return { jobId };
  return { jobId, result: await finished };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toDto(r: repo.SignalRow, lang: Language): SignalDto {
  return {
    id: r.id,
    kind: r.kind,
    kindText: signalLabel('kind', r.kind, lang),
    severity: r.severity,
    severityText: signalLabel('severity', r.severity, lang),
    status: r.status,
    statusText: signalLabel('status', r.status, lang),
    stale: r.staleAt !== null,
    staleAt: iso(r.staleAt),
    year: r.year,
    indicator: { code: r.indicatorCode, name: pickText(lang, r.indicatorNameEn, r.indicatorNameRu) },
    area: { code: r.areaCode, name: pickText(lang, r.areaNameEn, r.areaNameRu) },
    substance: r.substanceCode
      ? { code: r.substanceCode, name: pickText(lang, r.substanceNameEn, r.substanceNameRu) }
      : null,
    dims: r.dims,
    text: lang === 'ru' ? r.textRu : r.textEn,
    params: r.params,
    observationIds: r.observationIds,
    confidentiality: r.confidentiality,
    noteCount: r.noteCount,
    detectedAt: iso(r.detectedAt)!,
    updatedAt: iso(r.updatedAt)!,
    statusChangedAt: iso(r.statusChangedAt),
  };
}

/** Values of an enumerated filter; anything else is a 400 naming the unknown values. */
function checkEnum(param: string, values: string[] | undefined, allowed: readonly string[]) {
  if (!values?.length) return undefined;
  const normalised = values.map((v) => v.toLowerCase());
  const unknown = values.filter((_, i) => !allowed.includes(normalised[i]!));
  if (unknown.length) throw errors.unknownCodes(param, unknown);
  return normalised;
}

async function resolveIndicators(db: ReadonlyDb, codes: string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('indicator')
    .select(['id', 'code'])
    .where(
      'code',
      'in',
      codes.map((c) => c.toUpperCase()),
    )
    .execute();
  const known = new Set(rows.map((r) => r.code));
  const unknown = codes.filter((c) => !known.has(c.toUpperCase()));
  if (unknown.length) throw errors.unknownCodes('indicator', unknown);
  return rows.map((r) => r.id);
}

/** A group code means the group itself and its members. */
async function resolveAreaIds(db: ReadonlyDb, codes: string[]): Promise<number[]> {
  const direct = await resolveAreas(db, codes, 'area');
  const members = await resolveAreas(db, codes, 'area', { expandGroups: true });
  return [...new Set([...direct, ...members].map((a) => a.id))];
}

/** Signals the caller may see (confidentiality by role), filtered, one page, text in `lang`. */
export async function listSignals(
  db: ReadonlyDb,
  query: ListSignalsQuery,
  role: Role | null,
  lang: Language,
) {
  const kinds = checkEnum('kind', query.kind, SIGNAL_KINDS);
  const severities = checkEnum('severity', query.severity, SIGNAL_SEVERITIES);
  const statuses = checkEnum('status', query.status, SIGNAL_STATUSES);
  if (query.from !== undefined && query.to !== undefined && query.from > query.to)
    throw errors.invalidParameter('from', 'zod.too_big_number', { maximum: query.to });
  const [indicatorIds, areaIds, substances] = await Promise.all([
    query.indicator?.length ? resolveIndicators(db, query.indicator) : undefined,
    query.area?.length ? resolveAreaIds(db, query.area) : undefined,
    query.substance?.length ? resolveSubstances(db, query.substance, 'substance') : undefined,
  ]);
  const filter: repo.SignalFilter = {
    ...(kinds ? { kinds } : {}),
    ...(severities ? { severities } : {}),
    ...(statuses ? { statuses } : {}),
    ...(indicatorIds ? { indicatorIds } : {}),
    ...(areaIds ? { areaIds } : {}),
    ...(substances ? { substanceIds: substances.map((s) => s.id) } : {}),
    ...(query.from !== undefined ? { fromYear: query.from } : {}),
    ...(query.to !== undefined ? { toYear: query.to } : {}),
    stale: query.stale,
    confidentiality: visibleConfidentiality(role),
  };
  const { rows, total } = await repo.findSignals(db, filter, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map((r) => toDto(r, lang)), page: query.page, pageSize: query.pageSize, total };
}

/**
 * One signal with its observations (id, value, source) and, for signed-in users, the notes. A
 * signal the caller may not see is a 404, as if it did not exist.
 */
export async function getSignal(
  db: ReadonlyDb,
  id: number,
  role: Role | null,
  lang: Language,
): Promise<SignalDetailDto> {
  const { rows } = await repo.findSignals(
    db,
    { id, stale: 'include', confidentiality: visibleConfidentiality(role) },
    { limit: 1, offset: 0 },
  );
  const row = rows[0];
  if (!row) throw errors.notFound('signal', String(id));
  const visible = visibleConfidentiality(role);
  const observations = (await repo.findObservations(db, row.observationIds)).filter((o) =>
    visible.includes(o.confidentiality),
  );
  const detail: SignalDetailDto = {
    ...toDto(row, lang),
    observations: observations.map((o) => ({
      id: o.id,
      period: o.period,
      year: o.year,
      value: o.value,
      unit: o.unit,
      status: o.status,
      source: {
        code: o.sourceCode,
        publisher: o.sourcePublisher,
        title: pickText(lang, o.sourceTitleEn, o.sourceTitleRu),
        tableName: o.sourceTable,
        year: o.sourceYear,
      },
    })),
  };
  if (role !== null)
    detail.notes = (await repo.findNotes(db, id)).map((n) => ({
      id: n.id,
      author: n.author,
      text: n.text,
      createdAt: iso(n.createdAt)!,
    }));
  return detail;
}

const TARGET = { confirm: 'confirmed', mute: 'muted', reopen: 'new' } as const;

/** confirm | mute | reopen, with an audit event in the same transaction. */
export async function changeStatus(
  db: Db,
  actor: { user: SessionUser; ip: string | null },
  id: number,
  action: keyof typeof TARGET,
  lang: Language,
): Promise<SignalDetailDto> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockSignal(trx, id);
    if (!row || !visibleConfidentiality(actor.user.role).includes(row.confidentiality))
      throw errors.notFound('signal', String(id));
    const status = TARGET[action];
    if (row.status === status) throw errors.conflict('signal_status_unchanged', { id, status });
    await repo.setStatus(trx, id, status, actor.user.id);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'signal.status',
      entity: 'signal',
      entityId: id,
      before: { status: row.status },
      after: { status, action },
      ip: actor.ip,
    });
  });
  return getSignal(db, id, actor.user.role, lang);
}

/** Adds an analyst's note (audited). */
export async function addNote(
  db: Db,
  actor: { user: SessionUser; ip: string | null },
  id: number,
  text: string,
) {
  const note = await db.transaction().execute(async (trx) => {
    const row = await repo.lockSignal(trx, id);
    if (!row || !visibleConfidentiality(actor.user.role).includes(row.confidentiality))
      throw errors.notFound('signal', String(id));
    const created = await repo.insertNote(trx, id, actor.user.id, text);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'signal.note',
      entity: 'signal',
      entityId: id,
      after: { noteId: created.id, text },
      ip: actor.ip,
    });
    return created;
  });
  return { id: note.id, author: actor.user.username, text: note.text, createdAt: iso(note.createdAt)! };
}
