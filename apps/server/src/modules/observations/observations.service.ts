import {
  pickText,
  visibleConfidentiality,
  type Confidentiality,
  type Language,
  type Role,
} from '@observatory/shared';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Footnote, Indicator, NewObservation, Observation } from '../../platform/db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors, type ErrorDetail } from '../../platform/http/errors.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { resolveAreas } from '../areas/index.ts';
import { resolveSubstances } from '../substances/index.ts';
import { resolveIndicator } from '../indicators/index.ts';
import { resolveSources } from '../sources/index.ts';
import { codeSets } from '../codelists/index.ts';
import * as repo from './observations.repository.ts';
import type {
  ObservationDto,
  ObservationInput,
  ObservationsFilterQuery,
  ObservationsQuery,
} from './observations.schemas.ts';

/** Rows per page when an export reads the whole result of a query. */
export const EXPORT_PAGE_SIZE = 5000;

export const PREFERENCE_RULE =
  'One value per indicator, area, period, substance and dimensions: the source with the lowest priority number, then the latest publication year, then the most recently registered source.';

/** Canonical text form of dimension members, part of an observation's identity. */
export function dimKey(dims: Record<string, string>): string {
  return Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join('|');
}

const footnoteText = (f: Footnote[], lang: Language) => f.map((n) => pickText(lang, n.en, n.ru));

function toDto(r: repo.ObservationRow, indicatorCode: string, lang: Language): ObservationDto {
  return {
    id: r.id,
    indicator: indicatorCode,
    area: { code: r.areaCode, name: pickText(lang, r.areaNameEn, r.areaNameRu) },
    period: r.period,
    year: r.year,
    substance: r.substanceCode
      ? { code: r.substanceCode, name: pickText(lang, r.substanceNameEn, r.substanceNameRu) }
      : null,
    dims: r.dims,
    value: r.value,
    lower: r.lower,
    upper: r.upper,
    unit: r.unit,
    status: r.status,
    confidentiality: r.confidentiality,
    footnotes: footnoteText(r.footnotes, lang),
    source: {
      code: r.sourceCode,
      publisher: r.sourcePublisher,
      title: pickText(lang, r.sourceTitleEn, r.sourceTitleRu),
      tableName: r.sourceTable,
      year: r.sourceYear,
    },
    sourceCount: r.sourceCount,
    revision: r.revision,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** Parses `dim=sex:F` filters and checks them against the indicator's dimensions and codelists. */
export async function parseDimFilters(
  db: ReadonlyDb,
  indicator: Indicator,
  raw: string[] | undefined,
): Promise<Record<string, string>> {
  const dims: Record<string, string> = {};
  if (!raw?.length) return dims;
  const allowed = new Map(indicator.dimensions.map((d) => [d.dimension, d]));
  const details: ErrorDetail[] = [];
  for (const item of raw) {
    const [name = '', code = ''] = item.split(':', 2);
    const dim = allowed.get(name);
    if (!dim) {
      details.push({
        param: 'dim',
        code: 'dimension_not_allowed',
        params: {
          indicator: indicator.code,
          dimension: name,
          allowed: [...allowed.keys()].join(', ') || '—',
        },
      });
      continue;
    }
    dims[name] = code;
  }
  if (details.length) throw errors.invalidParameters(details);
  const lists = indicator.dimensions.filter((d) => d.codelist && dims[d.dimension] !== undefined);
  const sets = await codeSets(
    db,
    lists.map((d) => d.codelist),
  );
  const unknown = lists
    .filter((d) => !sets.get(d.codelist)?.has(dims[d.dimension]!))
    .map((d) => `${d.dimension}:${dims[d.dimension]}`);
  if (unknown.length) throw errors.unknownCodes('dim', unknown);
  return dims;
}

/** Checks and resolves a query's codes into a repository filter (without paging). */
async function resolveQuery(
  db: ReadonlyDb,
  query: ObservationsFilterQuery,
  role: Role | null,
): Promise<{ indicator: Indicator; filter: Omit<repo.ObservationFilter, 'limit' | 'offset'> }> {
  const indicator = await resolveIndicator(db, query.indicator);
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw errors.invalidParameter('from', 'zod.too_big_number', { maximum: query.to });
  }
  // Resolve everything first, so that all unknown codes of one parameter are reported together.
  const [areas, substances, sources, dims] = await Promise.all([
    query.area?.length ? resolveAreas(db, query.area, 'area', { expandGroups: true }) : undefined,
    query.substance?.length ? resolveSubstances(db, query.substance, 'substance') : undefined,
    query.source?.length ? resolveSources(db, query.source, 'source') : undefined,
    parseDimFilters(db, indicator, query.dim),
  ]);
  return {
    indicator,
    filter: {
      indicatorId: indicator.id,
      ...(areas ? { areaIds: areas.map((a) => a.id) } : {}),
      ...(substances ? { substanceIds: substances.map((s) => s.id) } : {}),
      ...(sources ? { sourceIds: sources.map((s) => s.id) } : {}),
      ...(query.from !== undefined ? { fromYear: query.from } : {}),
      ...(query.to !== undefined ? { toYear: query.to } : {}),
      dims,
      confidentiality: visibleConfidentiality(role),
      preferredOnly: query.sources === 'preferred',
      ...(query.periodType ? { periodType: query.periodType } : {}),
    },
  };
}

export async function queryObservations(
  db: ReadonlyDb,
  query: ObservationsQuery,
  role: Role | null,
  lang: Language,
) {
  const { indicator, filter } = await resolveQuery(db, query, role);
  const rows = await repo.queryObservations(db, {
    ...filter,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    indicator: {
      code: indicator.code,
      name: pickText(lang, indicator.nameEn, indicator.nameRu),
      unit: indicator.unit,
    },
    items: rows.map((r) => toDto(r, indicator.code, lang)),
    page: query.page,
    pageSize: query.pageSize,
    total: rows[0]?.total ?? 0,
    preferenceRule: PREFERENCE_RULE,
  };
}

/** One row of an export: the query's row with both languages of every name and footnote. */
export type ObservationExportRow = repo.ObservationRow;

/** The whole result of an observations query, read page by page (see `openObservationExport`). */
export interface ObservationExport {
  indicator: Indicator;
  /** The query as given (codes as the caller wrote them), for describing the export. */
  query: ObservationsFilterQuery;
  /** The confidentiality levels the caller may see; no other rows are read. */
  confidentiality: Confidentiality[];
  /** How many rows the export has (counted with its first page). */
  total: number;
  pageSize: number;
  /** The rows, page by page, in the requested order. Can be iterated once. */
  pages(): AsyncGenerator<ObservationExportRow[]>;
}

/**
 * Opens the whole result of an observations query for export: the same checks and the same
 * repository query as `queryObservations` (so the same confidentiality levels for the caller), read
 * in pages of `pageSize` rows with keyset paging over a total order, so that memory stays bounded
 * and concurrent writes cannot make a page repeat or skip rows. The first page is read here, so
 * that bad parameters and database faults surface before a response starts.
 */
export async function openObservationExport(
  db: ReadonlyDb,
  query: ObservationsFilterQuery,
  role: Role | null,
  options: { order: repo.ExportOrder; pageSize?: number },
): Promise<ObservationExport> {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const { indicator, filter } = await resolveQuery(db, query, role);
  const page = (after?: repo.ObservationCursor) =>
    repo.queryObservations(db, {
      ...filter,
      order: options.order,
      ...(after ? { after } : {}),
      limit: pageSize,
      offset: 0,
    });
  const first = await page();
  let consumed = false;
  return {
    indicator,
    query,
    confidentiality: filter.confidentiality as Confidentiality[],
    total: first[0]?.total ?? 0,
    pageSize,
    async *pages() {
      if (consumed) throw new Error('An observation export can be read only once');
      consumed = true;
      let rows = first;
      while (rows.length > 0) {
        yield rows;
        if (rows.length < pageSize) return;
        rows = await page(repo.cursorOf(rows[rows.length - 1]!));
      }
    },
  };
}

async function visibleObservation(
  db: ReadonlyDb,
  id: number,
  role: Role | null,
  lang: Language,
): Promise<{ obs: Observation; dto: ObservationDto }> {
  const obs = await repo.findObservation(db, id);
  if (!obs || !visibleConfidentiality(role).includes(obs.confidentiality))
    throw errors.notFound('observation', String(id));
  const indicator = await db
    .selectFrom('indicator')
    .select('code')
    .where('id', '=', obs.indicatorId)
    .executeTakeFirstOrThrow();
  const [row] = await repo.queryObservations(db, {
    indicatorId: obs.indicatorId,
    id,
    confidentiality: visibleConfidentiality(role),
    preferredOnly: false,
    limit: 1,
    offset: 0,
  });
  return { obs, dto: toDto(row!, indicator.code, lang) };
}

export async function getObservation(db: ReadonlyDb, id: number, role: Role | null, lang: Language) {
  return (await visibleObservation(db, id, role, lang)).dto;
}

export async function observationHistory(db: ReadonlyDb, id: number, role: Role | null, lang: Language) {
  const { obs, dto } = await visibleObservation(db, id, role, lang);
  const revisions = await repo.findRevisions(db, id);
  const current = {
    revision: obs.revision,
    value: obs.value,
    lower: obs.lower,
    upper: obs.upper,
    unit: obs.unit,
    status: obs.status,
    confidentiality: obs.confidentiality,
    footnotes: footnoteText(obs.footnotes, lang),
    reason: obs.changeReason,
    recordedBy: await repo.userName(db, obs.updatedBy),
    recordedAt: new Date(obs.updatedAt).toISOString(),
    current: true,
  };
  return {
    observation: dto,
    revisions: [
      current,
      ...revisions.map((r) => ({
        revision: r.revision,
        value: r.value,
        lower: r.lower,
        upper: r.upper,
        unit: r.unit,
        status: r.status,
        confidentiality: r.confidentiality,
        footnotes: footnoteText(r.footnotes, lang),
        reason: r.changeReason,
        recordedBy: r.recordedByName,
        recordedAt: new Date(r.recordedAt).toISOString(),
        current: false,
      })),
    ],
  };
}

type Values = Pick<
  Observation,
  'value' | 'lower' | 'upper' | 'unit' | 'status' | 'confidentiality' | 'footnotes'
>;

/** Checks one observation's values against its indicator; returns problems as values. */
export function checkValues(
  v: Values,
  indicator: Indicator,
  statusCodes: Set<string>,
  unitCodes: Set<string>,
  at: string,
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  if (v.value === null && v.status !== 'M') issues.push({ param: `${at}.value`, code: 'value_or_missing' });
  if (!statusCodes.has(v.status))
    issues.push({
      param: `${at}.status`,
      code: 'unknown_codes',
      unknown: [v.status],
      params: { param: 'status', codes: v.status, count: 1 },
    });
  if (!unitCodes.has(v.unit))
    issues.push({
      param: `${at}.unit`,
      code: 'unknown_codes',
      unknown: [v.unit],
      params: { param: 'unit', codes: v.unit, count: 1 },
    });
  else if (v.unit !== indicator.unit)
    issues.push({
      param: `${at}.unit`,
      code: 'unit_mismatch',
      params: { unit: v.unit, indicator: indicator.code, expected: indicator.unit },
    });
  for (const field of ['value', 'lower', 'upper'] as const) {
    const n = v[field];
    if (n !== null && n < 0 && !indicator.allowsNegative)
      issues.push({ param: `${at}.${field}`, code: 'negative_value', params: { value: n } });
  }
  if (v.lower !== null && v.upper !== null && v.lower > v.upper)
    issues.push({ param: `${at}.lower`, code: 'bounds_order', params: { lower: v.lower, upper: v.upper } });
  else if (
    v.value !== null &&
    ((v.lower !== null && v.value < v.lower) || (v.upper !== null && v.value > v.upper))
  ) {
    issues.push({
      param: `${at}.value`,
      code: 'value_outside_bounds',
      params: { value: v.value, lower: v.lower ?? '', upper: v.upper ?? '' },
    });
  }
  return issues;
}

const sameValues = (a: Values, b: Values) =>
  a.value === b.value &&
  a.lower === b.lower &&
  a.upper === b.upper &&
  a.unit === b.unit &&
  a.status === b.status &&
  a.confidentiality === b.confidentiality &&
  JSON.stringify(a.footnotes) === JSON.stringify(b.footnotes);

export interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  ids: number[];
}

/**
 * Writes observations all-or-nothing: every code is resolved and every row checked first; any
 * problem rejects the whole request (422 with one detail per problem, located by row and field).
 * Existing keys are revised (the previous version goes to the history), identical values are left
 * alone. One audit event records the write.
 */
export async function writeObservations(
  db: Db,
  actor: { user: SessionUser; ip?: string },
  items: ObservationInput[],
  reason: string | undefined,
): Promise<WriteResult> {
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  const details: ErrorDetail[] = [];
  const collect = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof Error && 'details' in error)
        details.push(...(error as { details: ErrorDetail[] }).details);
      else throw error;
      return undefined;
    }
  };
  const indicatorCodes = unique(items.map((i) => i.indicator.toUpperCase()));
  const indicators = new Map<string, Indicator>();
  for (const code of indicatorCodes) {
    const ind = await collect(() => resolveIndicator(db, code, 'indicator'));
    if (ind) indicators.set(code, ind);
  }
  const areas = await collect(() => resolveAreas(db, unique(items.map((i) => i.area)), 'area'));
  const substanceCodes = unique(items.flatMap((i) => (i.substance ? [i.substance] : [])));
  const substances = substanceCodes.length
    ? await collect(() => resolveSubstances(db, substanceCodes, 'substance'))
    : [];
  const sources = await collect(() => resolveSources(db, unique(items.map((i) => i.source)), 'source'));
  if (details.length) throw errors.invalidBody(details);

  const areaBy = new Map<string, number>();
  for (const a of areas!) {
    areaBy.set(a.code.toUpperCase(), a.id);
    if (a.alpha2) areaBy.set(a.alpha2.toUpperCase(), a.id);
  }
  const groupCodes = new Set(
    areas!.filter((a) => a.kind === 'group' || a.kind === 'region').map((a) => a.code),
  );
  const substanceBy = new Map(substances!.map((s) => [s.code, s.id]));
  const sourceBy = new Map(sources!.map((s) => [s.code, s.id]));
  const codelistNames = unique(
    [...indicators.values()].flatMap((i) => i.dimensions.map((d) => d.codelist).filter(Boolean)),
  );
  const sets = await codeSets(db, ['OBS_STATUS', 'UNIT', ...codelistNames]);

  const rows: (NewObservation & repo.ObservationKey)[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const at = `observations.${index}`;
    const indicator = indicators.get(item.indicator.toUpperCase())!;
    if (groupCodes.has(item.area.toUpperCase())) details.push({ param: `${at}.area`, code: 'zod.other' });
    const dims = item.dims ?? {};
    const allowed = new Map(indicator.dimensions.map((d) => [d.dimension, d]));
    for (const [name, code] of Object.entries(dims)) {
      const d = allowed.get(name);
      if (!d)
        details.push({
          param: `${at}.dims.${name}`,
          code: 'dimension_not_allowed',
          params: {
            indicator: indicator.code,
            dimension: name,
            allowed: [...allowed.keys()].join(', ') || '—',
          },
        });
      else if (d.codelist && !sets.get(d.codelist)?.has(code))
        details.push({
          param: `${at}.dims.${name}`,
          code: 'unknown_codes',
          unknown: [code],
          params: { param: name, codes: code, count: 1 },
        });
    }
    for (const d of indicator.dimensions)
      if (d.required && dims[d.dimension] === undefined)
        details.push({
          param: `${at}.dims`,
          code: 'dimension_required',
          params: { indicator: indicator.code, dimension: d.dimension },
        });
    if (indicator.requiresSubstance && !item.substance)
      details.push({ param: `${at}.substance`, code: 'zod.required' });
    const values: Values = {
      value: item.value,
      lower: item.lower ?? null,
      upper: item.upper ?? null,
      unit: item.unit ?? indicator.unit,
      status: item.status,
      confidentiality: item.confidentiality,
      footnotes: (item.footnotes ?? []).map((f) => ({ en: f.en, ru: f.ru ?? null })),
    };
    details.push(...checkValues(values, indicator, sets.get('OBS_STATUS')!, sets.get('UNIT')!, at));
    const key: repo.ObservationKey = {
      indicatorId: indicator.id,
      substanceId: item.substance ? substanceBy.get(item.substance.toLowerCase())! : null,
      areaId: areaBy.get(item.area.toUpperCase())!,
      period: String(item.year),
      dimKey: dimKey(dims),
      sourceId: sourceBy.get(item.source)!,
    };
    const k = repo.keyOf(key);
    const first = seen.get(k);
    if (first !== undefined)
      details.push({ param: at, code: 'duplicate', params: { value: `observations.${first}` } });
    seen.set(k, index);
    rows.push({
      ...key,
      ...values,
      year: item.year,
      dims: JSON.stringify(dims),
      footnotes: JSON.stringify(values.footnotes),
      changeReason: reason ?? null,
      updatedBy: actor.user.id,
    });
  });
  if (details.length) throw errors.invalidBody(details);

  return db.transaction().execute(async (trx) => {
    const existing = await repo.findByKeys(trx, rows);
    const fresh: NewObservation[] = [];
    const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, ids: [] };
    for (const row of rows) {
      const current = existing.get(repo.keyOf(row));
      const values: Values = {
        value: row.value ?? null,
        lower: row.lower ?? null,
        upper: row.upper ?? null,
        unit: row.unit,
        status: row.status ?? 'A',
        confidentiality: row.confidentiality ?? 'public',
        footnotes: JSON.parse(row.footnotes as string) as Footnote[],
      };
      if (!current) {
        fresh.push(row);
        continue;
      }
      result.ids.push(current.id);
      if (sameValues(current, values)) result.unchanged++;
      else {
        await repo.reviseObservation(trx, current, values, { userId: actor.user.id, reason: reason ?? null });
        result.updated++;
      }
    }
    const insertedIds = await repo.insertObservations(trx, fresh);
    result.inserted = insertedIds.length;
    result.ids.push(...insertedIds);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'observation.write',
      entity: 'observation',
      after: {
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
        reason: reason ?? null,
      },
      ip: actor.ip ?? null,
    });
    return result;
  });
}

/** Changes one observation's values; the reason is required and kept with the previous version. */
export async function patchObservation(
  db: Db,
  actor: { user: SessionUser; ip?: string },
  id: number,
  patch: {
    value?: number | null | undefined;
    lower?: number | null | undefined;
    upper?: number | null | undefined;
    status?: string | undefined;
    confidentiality?: Observation['confidentiality'] | undefined;
    footnotes?: { en: string; ru?: string | null | undefined }[] | undefined;
    reason: string;
  },
  lang: Language,
) {
  const current = await repo.findObservation(db, id);
  if (!current) throw errors.notFound('observation', String(id));
  const indicator = await db
    .selectFrom('indicator')
    .selectAll()
    .where('id', '=', current.indicatorId)
    .executeTakeFirstOrThrow();
  const next: Values = {
    value: patch.value !== undefined ? patch.value : current.value,
    lower: patch.lower !== undefined ? patch.lower : current.lower,
    upper: patch.upper !== undefined ? patch.upper : current.upper,
    unit: current.unit,
    status: patch.status ?? current.status,
    confidentiality: patch.confidentiality ?? current.confidentiality,
    footnotes: patch.footnotes
      ? patch.footnotes.map((f) => ({ en: f.en, ru: f.ru ?? null }))
      : current.footnotes,
  };
  const sets = await codeSets(db, ['OBS_STATUS', 'UNIT']);
  const issues = checkValues(next, indicator, sets.get('OBS_STATUS')!, sets.get('UNIT')!, 'body');
  if (issues.length)
    throw errors.invalidBody(issues.map((d) => ({ ...d, param: d.param?.replace(/^body\./, '') ?? 'body' })));
  if (!sameValues(current, next)) {
    await db.transaction().execute(async (trx) => {
      await repo.reviseObservation(trx, current, next, { userId: actor.user.id, reason: patch.reason });
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'observation.update',
        entity: 'observation',
        entityId: id,
        before: {
          value: current.value,
          lower: current.lower,
          upper: current.upper,
          status: current.status,
          confidentiality: current.confidentiality,
          revision: current.revision,
        },
        after: { ...next, reason: patch.reason },
        ip: actor.ip ?? null,
      });
    });
  }
  return getObservation(db, id, actor.user.role, lang);
}
