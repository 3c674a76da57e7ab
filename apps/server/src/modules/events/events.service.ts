import { pickText, visibleConfidentiality, type Language, type Role } from '@observatory/shared';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { errors, isUniqueViolation, type ErrorDetail } from '../../platform/http/errors.ts';
import { resolveAreas } from '../areas/index.ts';
import { codeSets } from '../codelists/index.ts';
import { scheduleSignalDetection } from '../signals/index.ts';
import { resolveSources } from '../sources/index.ts';
import { resolveSubstances } from '../substances/index.ts';
import { checkEventValues, isMassUnit } from './events.checks.ts';
import { formatEventDate, parseEventDate, periodEnd, todayUtc } from './events.dates.ts';
import * as repo from './events.repository.ts';
import {
  lockEventWrites,
  MASS_UNITS,
  MEASURE_UNIT_DIM,
  rebuildRollups,
  refreshRollups,
  SEIZURE_UNITS,
  type RollupCounts,
  type RollupKey,
} from './events.rollups.ts';
import type { EventDto, EventsQuery, PatchEventBody } from './events.schemas.ts';

type Actor = { user: SessionUser; ip?: string };

const ref = (lang: Language, code: string | null, en: string | null, ru: string | null) =>
  code === null ? null : { code, name: pickText(lang, en, ru) };

export function toEventDto(r: repo.EventRow, lang: Language): EventDto {
  return {
    id: r.id,
    date: r.eventDate,
    datePrecision: r.datePrecision,
    period: formatEventDate(r.eventDate, r.datePrecision),
    year: r.year,
    month: r.month,
    area: ref(lang, r.areaCode, r.areaNameEn, r.areaNameRu)!,
    point:
      r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude } : null,
    substance: ref(lang, r.substanceCode, r.substanceNameEn, r.substanceNameRu)!,
    amount: r.amount,
    unit: r.unit,
    kgEquivalent: r.kgEquivalent,
    origin: ref(lang, r.originCode, r.originNameEn, r.originNameRu),
    transit: r.transit.map((t) => ({ code: t.code, name: pickText(lang, t.nameEn, t.nameRu) })),
    destination: ref(lang, r.destinationCode, r.destinationNameEn, r.destinationNameRu),
    conveyance: ref(lang, r.conveyance, r.conveyanceNameEn, r.conveyanceNameRu),
    agency: r.agency,
    source: {
      code: r.sourceCode,
      publisher: r.sourcePublisher,
      title: pickText(lang, r.sourceTitleEn, r.sourceTitleRu),
    },
    confidentiality: r.confidentiality,
    reference: r.externalRef,
    notes: r.notes,
    revision: r.revision,
    importBatchId: r.importBatchId,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** A date filter as the first (`from`) or last (`to`) day of the period it names. */
function dateBound(param: 'from' | 'to', text: string): string {
  const d = parseEventDate(text);
  if (!d) throw errors.invalidParameter(param, 'invalid_date', { value: text });
  return param === 'from' ? d.date : periodEnd(d);
}

/** The roll-up key an observation stands for, or a 400 when it is not a roll-up of events. */
async function rollupFilter(db: ReadonlyDb, id: number, role: Role | null) {
  const o = await repo.rollupObservation(db, id);
  if (!o || !visibleConfidentiality(role).includes(o.confidentiality as 'public'))
    throw errors.notFound('observation', String(id));
  const unit = o.dims[MEASURE_UNIT_DIM] ?? null;
  const isRollup =
    o.substanceId !== null &&
    ((o.indicatorCode === 'SZR_CASES' && o.dimKey === '') ||
      (o.indicatorCode === 'SZR_QTY' && (o.dimKey === '' || o.dimKey === `${MEASURE_UNIT_DIM}=${unit}`)));
  if (!isRollup) throw errors.invalidParameter('observation', 'not_a_rollup', { id });
  const monthly = /^\d{4}-\d{2}$/.test(o.period);
  return {
    areaId: o.areaId,
    substanceId: o.substanceId!,
    sourceId: o.sourceId,
    year: o.year,
    month: monthly ? Number(o.period.slice(5, 7)) : null,
    monthly,
    kg: o.indicatorCode === 'SZR_CASES' ? null : unit === null,
    unit,
  };
}

export async function listEvents(db: ReadonlyDb, q: EventsQuery, role: Role | null, lang: Language) {
  const from = q.from !== undefined ? dateBound('from', q.from) : undefined;
  const to = q.to !== undefined ? dateBound('to', q.to) : undefined;
  if (from !== undefined && to !== undefined && from > to)
    throw errors.invalidParameter('from', 'zod.too_big_number', { maximum: q.to });
  const [areas, substances, sources, rollup] = await Promise.all([
    q.area?.length ? resolveAreas(db, q.area, 'area', { expandGroups: true }) : undefined,
    q.substance?.length ? resolveSubstances(db, q.substance, 'substance') : undefined,
    q.source?.length ? resolveSources(db, q.source, 'source') : undefined,
    q.observation !== undefined ? rollupFilter(db, q.observation, role) : undefined,
  ]);
  const rows = await repo.queryEvents(db, {
    confidentiality: visibleConfidentiality(role),
    ...(areas ? { areaIds: areas.map((a) => a.id) } : {}),
    ...(substances ? { substanceIds: substances.map((s) => s.id) } : {}),
    ...(sources ? { sourceIds: sources.map((s) => s.id) } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(q.reference !== undefined ? { reference: q.reference } : {}),
    ...(q.batch !== undefined ? { batchId: q.batch } : {}),
    ...(rollup ? { rollup } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: rows.map((r) => toEventDto(r, lang)),
    page: q.page,
    pageSize: q.pageSize,
    total: rows[0]?.total ?? 0,
  };
}

async function visibleEvent(db: ReadonlyDb, id: number, role: Role | null, lang: Language) {
  const [row] = await repo.queryEvents(db, {
    id,
    confidentiality: visibleConfidentiality(role),
    limit: 1,
    offset: 0,
  });
  if (!row) throw errors.notFound('event', String(id));
  return toEventDto(row, lang);
}

/** One event with its history (versions the caller may see, newest first, the current included). */
export async function getEvent(db: ReadonlyDb, id: number, role: Role | null, lang: Language) {
  const event = await visibleEvent(db, id, role, lang);
  const revisions = await repo.findEventRevisions(db, id, visibleConfidentiality(role));
  const stored = await db
    .selectFrom('seizureEvent')
    .leftJoin('appUser', 'appUser.id', 'seizureEvent.updatedBy')
    .select(['seizureEvent.changeReason', 'appUser.username'])
    .where('seizureEvent.id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    event,
    revisions: [
      {
        revision: event.revision,
        period: event.period,
        area: event.area.code,
        substance: event.substance.code,
        amount: event.amount,
        unit: event.unit,
        kgEquivalent: event.kgEquivalent,
        confidentiality: event.confidentiality,
        reference: event.reference,
        reason: stored.changeReason,
        recordedBy: stored.username,
        recordedAt: event.updatedAt,
        current: true,
      },
      ...revisions.map((r) => ({
        revision: r.revision,
        period: formatEventDate(r.eventDate, r.datePrecision),
        area: r.areaCode,
        substance: r.substanceCode,
        amount: r.amount,
        unit: r.unit,
        kgEquivalent: r.kgEquivalent,
        confidentiality: r.confidentiality,
        reference: r.externalRef,
        reason: r.changeReason,
        recordedBy: r.recordedByName,
        recordedAt: new Date(r.recordedAt).toISOString(),
        current: false,
      })),
    ],
  };
}

const keyOf = (e: Pick<repo.EventValues, 'areaId' | 'substanceId' | 'year' | 'month'>, sourceId: number) => ({
  areaId: e.areaId,
  substanceId: e.substanceId,
  sourceId,
  year: e.year,
  month: e.month,
});

/** Resolves the area codes of a patch (event area, route); groups are refused. */
async function resolvePatchAreas(db: ReadonlyDb, body: PatchEventBody) {
  const wanted = new Map<string, string>(); // code → first param naming it
  const add = (code: string | null | undefined, param: string) => {
    if (code && !wanted.has(code.toUpperCase())) wanted.set(code.toUpperCase(), param);
  };
  add(body.area, 'area');
  add(body.origin, 'origin');
  body.transit?.forEach((c, i) => add(c, `transit.${i}`));
  add(body.destination, 'destination');
  const found = await repo.areaIds(db, [...wanted.keys()]);
  const byCode = new Map<string, { id: number; kind: string }>();
  for (const a of found) {
    byCode.set(a.code.toUpperCase(), a);
    if (a.alpha2) byCode.set(a.alpha2.toUpperCase(), a);
  }
  const unknown = [...wanted.entries()].filter(([c]) => !byCode.has(c));
  if (unknown.length)
    throw errors.unknownCodes(
      unknown[0]![1].replace(/\.\d+$/, ''),
      unknown.map(([c]) => c),
    );
  const details: ErrorDetail[] = [];
  for (const [code, param] of wanted) {
    const kind = byCode.get(code)!.kind;
    if (kind === 'group' || kind === 'region')
      details.push({ param, code: 'event_area_is_group', params: { value: code } });
  }
  if (details.length) throw errors.invalidBody(details);
  return (code: string) => byCode.get(code.toUpperCase())!.id;
}

/**
 * Corrects one event. The previous version goes to its history with the reason; the event's roll-ups
 * (the key it left and the key it joined) are recomputed in the same transaction.
 */
export async function patchEvent(db: Db, actor: Actor, id: number, body: PatchEventBody, lang: Language) {
  const areaId = await resolvePatchAreas(db, body);
  const substance = body.substance ? (await resolveSubstances(db, [body.substance], 'substance'))[0]! : null;
  const lists = await codeSets(db, ['UNIT', 'CONVEYANCE']);
  if (body.unit && !lists.get('UNIT')!.has(body.unit)) throw errors.unknownCodes('unit', [body.unit]);
  if (body.conveyance && !lists.get('CONVEYANCE')!.has(body.conveyance))
    throw errors.unknownCodes('conveyance', [body.conveyance]);
  const date = body.date !== undefined ? parseEventDate(body.date) : undefined;
  if (date === null)
    throw errors.invalidBody([{ param: 'date', code: 'invalid_date', params: { value: body.date } }]);

  const touched: number[] = [];
  try {
    const result = await db.transaction().execute(async (trx) => {
      await lockEventWrites(trx);
      const cur = await repo.findEvent(trx, id, true);
      if (!cur) throw errors.notFound('event', String(id));
      const next: repo.EventValues = {
        date: date?.date ?? cur.eventDate,
        datePrecision: date?.precision ?? cur.datePrecision,
        year: date?.year ?? cur.year,
        month: date ? date.month : cur.month,
        areaId: body.area ? areaId(body.area) : cur.areaId,
        latitude: body.latitude !== undefined ? body.latitude : cur.latitude,
        longitude: body.longitude !== undefined ? body.longitude : cur.longitude,
        substanceId: substance?.id ?? cur.substanceId,
        amount: body.amount ?? cur.amount,
        unit: body.unit ?? cur.unit,
        originAreaId:
          body.origin !== undefined ? (body.origin ? areaId(body.origin) : null) : cur.originAreaId,
        transitAreaIds: body.transit ? body.transit.map(areaId) : cur.transitAreaIds,
        destinationAreaId:
          body.destination !== undefined
            ? body.destination
              ? areaId(body.destination)
              : null
            : cur.destinationAreaId,
        conveyance: body.conveyance !== undefined ? body.conveyance : cur.conveyance,
        agency: body.agency !== undefined ? body.agency : cur.agency,
        confidentiality: body.confidentiality ?? cur.confidentiality,
        externalRef: body.reference !== undefined ? body.reference : cur.externalRef,
        notes: body.notes !== undefined ? body.notes : cur.notes,
      };
      const issues = checkEventValues(
        {
          date: next.date,
          amount: next.amount,
          unit: next.unit,
          latitude: next.latitude,
          longitude: next.longitude,
          agency: next.agency,
          reference: next.externalRef,
          notes: next.notes,
        },
        todayUtc(),
      );
      if (issues.length)
        throw errors.invalidBody(issues.map((i) => ({ param: i.field, code: i.code, params: i.params })));
      const before: repo.EventValues = {
        date: cur.eventDate,
        datePrecision: cur.datePrecision,
        year: cur.year,
        month: cur.month,
        areaId: cur.areaId,
        latitude: cur.latitude,
        longitude: cur.longitude,
        substanceId: cur.substanceId,
        amount: cur.amount,
        unit: cur.unit,
        originAreaId: cur.originAreaId,
        transitAreaIds: cur.transitAreaIds,
        destinationAreaId: cur.destinationAreaId,
        conveyance: cur.conveyance,
        agency: cur.agency,
        confidentiality: cur.confidentiality,
        externalRef: cur.externalRef,
        notes: cur.notes,
      };
      if (JSON.stringify(before) !== JSON.stringify(next)) {
        const change = { userId: actor.user.id, reason: body.reason };
        await repo.reviseEvents(trx, [id], change);
        await repo.updateEvent(trx, id, next, change);
        touched.push(before.areaId, next.areaId);
        const rollups = await refreshRollups(
          trx,
          { keys: [keyOf(before, cur.sourceId), keyOf(next, cur.sourceId)] },
          { userId: actor.user.id, reason: `seizure event ${id} edited: ${body.reason}`, batchId: null },
        );
        await writeAudit(trx, {
          actorId: actor.user.id,
          action: 'event.update',
          entity: 'seizure_event',
          entityId: id,
          before: { ...before, revision: cur.revision },
          after: { ...next, reason: body.reason, rollups },
          ip: actor.ip ?? null,
        });
      }
      return visibleEvent(trx, id, actor.user.role, lang);
    });
    await detectSignalsAfter(db, { areaIds: touched }, actor.user.id);
    return result;
  } catch (error) {
    if (isUniqueViolation(error))
      throw errors.conflict('event_reference_exists', { reference: body.reference ?? '' });
    throw error;
  }
}

/** Deletes one event: its last version stays in the history with the reason; its roll-ups follow. */
export async function deleteEvent(db: Db, actor: Actor, id: number, reason: string) {
  const result = await db.transaction().execute(async (trx) => {
    await lockEventWrites(trx);
    const cur = await repo.findEvent(trx, id, true);
    if (!cur) throw errors.notFound('event', String(id));
    await repo.reviseEvents(trx, [id], { userId: actor.user.id, reason, deleted: true });
    await repo.deleteEvent(trx, id);
    const rollups = await refreshRollups(
      trx,
      { keys: [keyOf(cur, cur.sourceId)] },
      { userId: actor.user.id, reason: `seizure event ${id} deleted: ${reason}`, batchId: null },
    );
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'event.delete',
      entity: 'seizure_event',
      entityId: id,
      before: cur,
      after: { reason, rollups },
      ip: actor.ip ?? null,
    });
    return { id, rollups, areaId: cur.areaId };
  });
  await detectSignalsAfter(db, { areaIds: [result.areaId] }, actor.user.id);
  return { id: result.id, rollups: result.rollups };
}

/**
 * Roll-ups changed outside an import (which schedules its own detection): look for signals in the
 * seizure series of the areas touched, or in all series after a change of conversion factors or a
 * rebuild. A job of its own, after the commit; it never fails the change.
 */
async function detectSignalsAfter(
  db: Db,
  scope: { areaIds: number[] } | { all: true },
  userId: number | null,
) {
  if ('all' in scope) {
    await scheduleSignalDetection(db, { all: true }, userId).catch(() => undefined);
    return;
  }
  if (scope.areaIds.length === 0) return;
  const indicators = await db
    .selectFrom('indicator')
    .select('id')
    .where('code', 'in', ['SZR_CASES', 'SZR_QTY'])
    .execute();
  const groups = indicators.flatMap((i) =>
    [...new Set(scope.areaIds)].map((areaId) => ({ indicatorId: i.id, areaId })),
  );
  await scheduleSignalDetection(db, { groups }, userId).catch(() => undefined);
}

export async function listFactors(db: ReadonlyDb, lang: Language) {
  const rows = await repo.listFactors(db);
  return {
    massUnits: Object.entries(MASS_UNITS).map(([unit, kgPerUnit]) => ({ unit, kgPerUnit })),
    factors: rows.map((f) => ({
      substance: { code: f.substanceCode, name: pickText(lang, f.substanceNameEn, f.substanceNameRu) },
      unit: f.unit,
      kgPerUnit: f.kgPerUnit,
      source: f.sourceNote,
      updatedAt: new Date(f.updatedAt).toISOString(),
    })),
  };
}

/** Checks a factor's substance and unit: a known unit of seizures that is not a mass unit. */
async function factorTarget(db: ReadonlyDb, substanceCode: string, unit: string) {
  const [substance] = await resolveSubstances(db, [substanceCode], 'substance');
  const units = (await codeSets(db, ['UNIT'])).get('UNIT')!;
  if (!units.has(unit)) throw errors.unknownCodes('unit', [unit]);
  if (isMassUnit(unit)) throw errors.invalidParameter('unit', 'factor_by_definition', { unit });
  if (!(SEIZURE_UNITS as readonly string[]).includes(unit))
    throw errors.invalidParameter('unit', 'unit_not_for_seizures', {
      unit,
      allowed: SEIZURE_UNITS.join(', '),
    });
  return substance!;
}

/**
 * Sets the kilograms per unit of a substance; the events in that substance and unit get their kg
 * equivalent recomputed and their roll-ups follow, in one transaction.
 */
export async function putFactor(
  db: Db,
  actor: Actor,
  substanceCode: string,
  unit: string,
  body: { kgPerUnit: number; source: string },
  lang: Language,
) {
  const substance = await factorTarget(db, substanceCode, unit);
  const result = await db.transaction().execute(async (trx) => {
    await lockEventWrites(trx);
    const before = await repo.findFactor(trx, substance.id, unit);
    await repo.upsertFactor(trx, {
      substanceId: substance.id,
      unit,
      kgPerUnit: body.kgPerUnit,
      sourceNote: body.source,
      userId: actor.user.id,
    });
    const keys = await repo.recomputeKg(trx, substance.id, unit);
    const rollups = await refreshRollups(
      trx,
      { keys },
      {
        userId: actor.user.id,
        reason: `conversion factor ${substance.code} ${unit}: ${body.kgPerUnit} kg per unit`,
        batchId: null,
      },
    );
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'event.factor.put',
      entity: 'conversion_factor',
      entityId: `${substance.code}/${unit}`,
      before: before ? { kgPerUnit: before.kgPerUnit, source: before.sourceNote } : null,
      after: { ...body, rollups },
      ip: actor.ip ?? null,
    });
    return { keys: keys.length, rollups };
  });
  if (changed(result.rollups)) await detectSignalsAfter(db, { all: true }, actor.user.id);
  return {
    substance: { code: substance.code, name: pickText(lang, substance.nameEn, substance.nameRu) },
    unit,
    kgPerUnit: body.kgPerUnit,
    source: body.source,
    rollupKeys: result.keys,
    rollups: result.rollups,
  };
}

/** Removes a factor: the events in that substance and unit lose their kg equivalent again. */
export async function deleteFactor(db: Db, actor: Actor, substanceCode: string, unit: string) {
  const substance = await factorTarget(db, substanceCode, unit);
  const result = await db.transaction().execute(async (trx) => {
    await lockEventWrites(trx);
    const before = await repo.findFactor(trx, substance.id, unit);
    if (!before) throw errors.notFound('factor', `${substance.code}/${unit}`);
    await repo.deleteFactor(trx, substance.id, unit);
    const keys = await repo.recomputeKg(trx, substance.id, unit);
    const rollups = await refreshRollups(
      trx,
      { keys },
      { userId: actor.user.id, reason: `conversion factor ${substance.code} ${unit} removed`, batchId: null },
    );
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'event.factor.delete',
      entity: 'conversion_factor',
      entityId: `${substance.code}/${unit}`,
      before: { kgPerUnit: before.kgPerUnit, source: before.sourceNote },
      after: { rollups },
      ip: actor.ip ?? null,
    });
    return { rollupKeys: keys.length, rollups };
  });
  if (changed(result.rollups)) await detectSignalsAfter(db, { all: true }, actor.user.id);
  return result;
}

const changed = (c: RollupCounts) => c.inserted + c.updated + c.deleted > 0;

/** Recomputes every roll-up from the events (CLI `observatory events rebuild-rollups`, admin API). */
export async function rebuildAllRollups(db: Db, actor: { userId: number | null; ip?: string }) {
  const counts = await db.transaction().execute(async (trx): Promise<RollupCounts> => {
    await lockEventWrites(trx);
    const counts = await rebuildRollups(trx, {
      userId: actor.userId,
      reason: 'full rebuild of event roll-ups',
    });
    await writeAudit(trx, {
      actorId: actor.userId,
      action: 'event.rollups.rebuild',
      entity: 'seizure_event',
      after: counts,
      ip: actor.ip ?? null,
    });
    return counts;
  });
  if (changed(counts)) await detectSignalsAfter(db, { all: true }, actor.userId);
  return counts;
}

export type { RollupKey };
