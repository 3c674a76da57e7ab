import {
  cagr,
  derivedIssue,
  derivedValue,
  groupAggregate,
  indexed,
  perCapita,
  pickText,
  rollingMean,
  shareOfTotal,
  visibleConfidentiality,
  yearOnYear,
  type Coverage,
  type Derived,
  type DerivedIssue,
  type Language,
  type Role,
  type Series,
  type SeriesPoint,
} from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import type { Area, Indicator, Substance } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { resolveAreas } from '../areas/index.ts';
import { resolveIndicator } from '../indicators/index.ts';
import { parseDimFilters } from '../observations/index.ts';
import { resolveSubstances } from '../substances/index.ts';
import * as repo from './analytics.repository.ts';
import type {
  CompareQuery,
  Measure,
  PointDto,
  RankingQuery,
  SeriesDto,
  SeriesQuery,
  Transform,
} from './analytics.schemas.ts';

/** The indicator whose observations are the denominator of per capita rates. */
export const POPULATION_INDICATOR = 'POP_TOTAL';

/** A derived number with the coverage of its group (groups only). */
type Point = Derived & { coverage?: Coverage };

/** Everything resolved from a request that selects values: checked codes and the value filter. */
interface Selection {
  indicator: Indicator;
  substance: Substance | null;
  filter: Omit<repo.ValueFilter, 'areaIds' | 'fromYear' | 'toYear'>;
  /** Dimensions left free (not fixed, no total member): added up for additive indicators only. */
  freeDims: string[];
}

/** Values of each area over a year range, with per-year issues the values alone cannot carry. */
interface AreaValues {
  series: Map<number, Series>;
  issues: Map<number, Map<number, DerivedIssue>>;
  /** Observation id → its source, status and footnotes, for every observation read. */
  notes: Notes;
}

/** What the response says about each observation behind a number. */
type Notes = Map<number, Pick<repo.ValueRow, 'sourceId' | 'status' | 'footnotes'>>;

async function select(
  db: ReadonlyDb,
  q: { indicator: string | Indicator; substance?: string | undefined; dim?: string[] | undefined },
  role: Role | null,
): Promise<Selection> {
  const indicator = typeof q.indicator === 'string' ? await resolveIndicator(db, q.indicator) : q.indicator;
  const [substances, dims] = await Promise.all([
    q.substance ? resolveSubstances(db, [q.substance], 'substance') : Promise.resolve([]),
    parseDimFilters(db, indicator, q.dim),
  ]);
  if (indicator.requiresSubstance && !q.substance)
    throw errors.invalidParameter('substance', 'substance_required', { indicator: indicator.code });
  const unfixed = indicator.dimensions.filter((d) => dims[d.dimension] === undefined);
  const withTotal = await repo.codelistsWithTotal(db, [
    ...new Set(unfixed.map((d) => d.codelist).filter(Boolean)),
  ]);
  const totalDims = unfixed.filter((d) => withTotal.has(d.codelist)).map((d) => d.dimension);
  return {
    indicator,
    substance: substances[0] ?? null,
    filter: {
      indicatorId: indicator.id,
      substanceId: substances[0]?.id ?? null,
      dims,
      totalDims,
      unit: indicator.unit,
      confidentiality: visibleConfidentiality(role),
    },
    freeDims: unfixed.filter((d) => !totalDims.includes(d.dimension)).map((d) => d.dimension),
  };
}

const yearsOf = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Reads the preferred values of the areas and makes one series per area with a point for every
 * year (no data → `null`, a gap, never 0). Several values left for one area and year differ only in
 * free dimensions (UNODC's `item`): an additive indicator adds them up, a non-additive one cannot
 * and says so (`ambiguous_dimension`).
 */
async function areaValues(
  db: ReadonlyDb,
  sel: Selection,
  areaIds: number[],
  from: number,
  to: number,
): Promise<AreaValues> {
  const rows = await repo.preferredValues(db, { ...sel.filter, areaIds, fromYear: from, toYear: to });
  const cells = new Map<string, repo.ValueRow[]>();
  const notes: Notes = new Map();
  for (const row of rows) {
    const key = `${row.areaId}:${row.year}`;
    const list = cells.get(key);
    if (list) list.push(row);
    else cells.set(key, [row]);
    notes.set(row.id, { sourceId: row.sourceId, status: row.status, footnotes: row.footnotes });
  }
  const series = new Map<number, Series>();
  const issues = new Map<number, Map<number, DerivedIssue>>();
  for (const areaId of areaIds) {
    const own = new Map<number, DerivedIssue>();
    const points: SeriesPoint[] = yearsOf(from, to).map((year) => {
      const list = cells.get(`${areaId}:${year}`) ?? [];
      if (list.length === 0) return { year, value: null };
      const ids = list.map((r) => r.id);
      if (list.length > 1 && !sel.indicator.isAdditive) {
        own.set(year, derivedIssue(year, 'ambiguous_dimension', { dimensions: sel.freeDims.join(', ') }));
        return { year, value: null, ids };
      }
      if (list.some((r) => r.value === null)) return { year, value: null, ids };
      return { year, value: list.reduce((sum, r) => sum + r.value!, 0), ids };
    });
    series.set(areaId, points);
    issues.set(areaId, own);
  }
  return { series, issues, notes };
}

/** Derived numbers → a series for the next step (an issue becomes a gap). */
const asSeries = (points: readonly Derived[]): Series =>
  points.map((p) =>
    p.kind === 'value' ? { year: p.year, value: p.value, ids: p.ids } : { year: p.year, value: null },
  );

/** A series as derived numbers: values stay, gaps are `missing_value` (or the reason recorded). */
function asDerived(series: Series, issues?: Map<number, DerivedIssue>): Derived[] {
  return series.map((p) =>
    p.value === null
      ? (issues?.get(p.year) ?? derivedIssue(p.year, 'missing_value'))
      : derivedValue(p.year, p.value, p.ids),
  );
}

/**
 * A transform's gap is reported with the reason of the measure underneath when there is one:
 * "population missing" says more than "value missing" for a per capita year-on-year change.
 */
function keepReasons<T extends Derived>(result: T[], measure: readonly Point[]): T[] {
  const byYear = new Map(measure.map((p) => [p.year, p]));
  return result.map((p) => {
    const under = byYear.get(p.year);
    if (p.kind === 'issue' && p.code === 'missing_value' && under?.kind === 'issue')
      return { ...p, ...under };
    return p;
  });
}

interface PopulationData {
  series: Map<number, Series>;
  notes: Notes;
}

/**
 * Populations of the areas. When the numerator fixes a dimension that population has too (women's
 * deaths: `sex=F`), the denominator is the population of that sex or age band, never the total.
 */
async function populationOf(
  db: ReadonlyDb,
  role: Role | null,
  areaIds: number[],
  from: number,
  to: number,
  fixed: Record<string, string>,
): Promise<PopulationData> {
  const indicator = await resolveIndicator(db, POPULATION_INDICATOR);
  const own = new Set(indicator.dimensions.map((d) => d.dimension));
  const dim = Object.entries(fixed)
    .filter(([name]) => own.has(name))
    .map(([name, code]) => `${name}:${code}`);
  const sel = await select(db, { indicator, dim }, role);
  const values = await areaValues(db, sel, areaIds, from, to);
  return { series: values.series, notes: values.notes };
}

/** The measure of one area: its values, or per `per` inhabitants. */
function areaMeasure(
  measure: Measure,
  per: number,
  indicator: Indicator,
  values: Series,
  issues: Map<number, DerivedIssue> | undefined,
  population: Series | undefined,
): Point[] {
  const base = asDerived(values, issues);
  if (measure === 'value') return base;
  return keepReasons(perCapita(values, population ?? [], per, { additive: indicator.isAdditive }), base);
}

/**
 * The measure of a group of members. Values: the sum over reporting members with coverage
 * (`groupAggregate`). Per capita: Σ values / Σ population over the members that reported both for
 * the year, so that a member without data is neither counted in the numerator nor the denominator;
 * coverage counts those members. Nothing is imputed.
 */
function groupMeasure(
  measure: Measure,
  per: number,
  indicator: Indicator,
  members: Map<number, Series>,
  memberCount: number,
  population: Map<number, Series> | undefined,
  from: number,
  to: number,
): Point[] {
  const byCode = new Map([...members].map(([id, s]) => [String(id), s]));
  const totals = groupAggregate(byCode, memberCount, { additive: indicator.isAdditive });
  const padded = new Map(totals.map((p) => [p.year, p]));
  const sums: Point[] = yearsOf(from, to).map(
    (year) =>
      padded.get(year) ?? {
        ...derivedIssue(year, 'no_reporting_members'),
        coverage: { reporting: 0, members: memberCount },
      },
  );
  if (measure === 'value') return sums;
  return yearsOf(from, to).map((year): Point => {
    if (!indicator.isAdditive)
      return { ...derivedIssue(year, 'not_applicable'), coverage: { reporting: 0, members: memberCount } };
    let sum = 0;
    let people = 0;
    let reporting = 0;
    let withValue = 0;
    const ids: (readonly number[] | undefined)[] = [];
    for (const [id, series] of members) {
      const point = series.find((p) => p.year === year);
      if (point?.value == null) continue;
      withValue++;
      const pop = population?.get(id)?.find((p) => p.year === year);
      if (pop?.value == null || pop.value <= 0) continue;
      sum += point.value;
      people += pop.value;
      reporting++;
      ids.push(point.ids, pop.ids);
    }
    const coverage = { reporting, members: memberCount };
    if (withValue === 0) return { ...derivedIssue(year, 'no_reporting_members'), coverage };
    if (reporting === 0)
      return { ...derivedIssue(year, 'missing_denominator', { denominator: 'population' }), coverage };
    return { ...derivedValue(year, (sum / people) * per, ...ids), coverage };
  });
}

/** Applies a transform to a measure; coverage of a group stays with its year. */
function transform(
  points: Point[],
  kind: Transform,
  options: { baseYear?: number | undefined; window?: number | undefined; total?: Point[] | undefined },
): Point[] {
  const series = asSeries(points);
  let result: Derived[];
  switch (kind) {
    case 'none':
      return points;
    case 'yoy':
      result = yearOnYear(series).map((p) => p.absolute);
      break;
    case 'yoy_pct':
      result = yearOnYear(series).map((p) => p.percent);
      break;
    case 'index':
      result = indexed(series, options.baseYear!);
      break;
    case 'rolling_mean':
      result = rollingMean(series, options.window!);
      break;
    case 'share_of_group':
      result = shareOfTotal(series, asSeries(options.total ?? []));
      break;
  }
  const coverage = new Map(points.map((p) => [p.year, p.coverage]));
  return keepReasons(result, points).map((p) => {
    const c = coverage.get(p.year);
    return c ? { ...p, coverage: c } : p;
  });
}

/** How a transform changes the unit the numbers are in. */
function unitLabel(indicator: Indicator, measure: Measure, per: number, kind: Transform) {
  if (kind === 'yoy_pct' || kind === 'share_of_group') return { code: 'PCT', per: null };
  if (kind === 'index') return { code: 'INDEX', per: null };
  return { code: indicator.unit, per: measure === 'per_capita' ? per : null };
}

/** Renders an analytics issue in the caller's language. */
export function issueText(issue: Pick<DerivedIssue, 'code' | 'params'>, lang: Language): string {
  const t = translator(lang);
  const params: Record<string, unknown> = { ...issue.params };
  if (typeof params.denominator === 'string')
    params.denominator = t(`analytics:denominator.${params.denominator}`);
  return t(`analytics:issue.${issue.code}`, { ...params, defaultValue: issue.code });
}

function pointDto(p: Point, lang: Language, notes: Notes, sourceCode: Map<number, string>) {
  const base = {
    year: p.year,
    ...(p.coverage ? { coverage: p.coverage } : {}),
  };
  if (p.kind === 'issue')
    return {
      ...base,
      value: null,
      issue: { code: p.code, params: p.params ?? {}, message: issueText(p, lang) },
      observationIds: [],
      sources: [],
      statuses: [],
      footnotes: [],
    } satisfies PointDto;
  const behind = p.ids.map((id) => notes.get(id)!);
  const unique = (list: string[]) => [...new Set(list)].sort();
  return {
    ...base,
    value: p.value,
    issue: null,
    observationIds: [...p.ids],
    sources: unique(behind.map((n) => sourceCode.get(n.sourceId)!)),
    statuses: unique(behind.map((n) => n.status).filter((s) => s !== 'A')),
    footnotes: unique(
      behind.flatMap((n) => n.footnotes.map((f) => pickText(lang, f.en, f.ru ?? null))),
    ).filter(Boolean),
  } satisfies PointDto;
}

/** Checks the parameters that only some transforms take, naming what is wrong. */
function checkTransform(q: {
  transform: Transform;
  measure: Measure;
  baseYear?: number | undefined;
  window?: number | undefined;
  shareOf?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  cagrFrom?: number | undefined;
  cagrTo?: number | undefined;
}) {
  if (q.from !== undefined && q.to !== undefined && q.from > q.to)
    throw errors.invalidParameter('from', 'zod.too_big_number', { maximum: q.to });
  if (q.transform === 'index' && q.baseYear === undefined)
    throw errors.invalidParameter('baseYear', 'transform_parameter_required', { transform: 'index' });
  if (q.transform === 'rolling_mean' && q.window === undefined)
    throw errors.invalidParameter('window', 'transform_parameter_required', { transform: 'rolling_mean' });
  if (q.transform === 'share_of_group') {
    if (!q.shareOf)
      throw errors.invalidParameter('shareOf', 'transform_parameter_required', {
        transform: 'share_of_group',
      });
    if (q.measure !== 'value')
      throw errors.invalidParameter('measure', 'transform_measure_conflict', { transform: 'share_of_group' });
  }
  if ((q.cagrFrom === undefined) !== (q.cagrTo === undefined))
    throw errors.invalidParameter(q.cagrFrom === undefined ? 'cagrFrom' : 'cagrTo', 'cagr_range_incomplete');
  if (q.cagrFrom !== undefined && q.cagrTo !== undefined && q.cagrFrom >= q.cagrTo)
    throw errors.invalidParameter('cagrFrom', 'zod.too_big_number', { maximum: q.cagrTo - 1 });
}

async function resolveGroup(db: ReadonlyDb, code: string, param: string) {
  const [group] = await resolveAreas(db, [code], param);
  if (group!.kind !== 'group' && group!.kind !== 'region')
    throw errors.invalidParameter(param, 'not_a_group', { code });
  const members = await repo.groupMembers(db, group!.id);
  return { group: group!, members };
}

const areaRef = (a: Pick<Area, 'code' | 'nameEn' | 'nameRu'>, lang: Language) => ({
  code: a.code,
  name: pickText(lang, a.nameEn, a.nameRu),
});

/** The year range asked for, or the years with data for the areas when open. */
async function rangeOf(
  db: ReadonlyDb,
  sel: Selection,
  areaIds: number[],
  q: { from?: number | undefined; to?: number | undefined },
): Promise<{ from: number; to: number } | null> {
  if (q.from !== undefined && q.to !== undefined) return { from: q.from, to: q.to };
  const range = await repo.yearRange(db, { ...sel.filter, areaIds });
  const from = q.from ?? range.min;
  const to = q.to ?? range.max;
  if (from === null || to === null || from > to) return null;
  return { from, to };
}

/**
 * Series of areas and of group aggregates for one indicator (and substance), as a measure (values
 * or per capita) with an optional transform and CAGR. Every number lists the observations (ids and
 * source codes) it came from; every gap says why.
 */
export async function series(db: ReadonlyDb, q: SeriesQuery, role: Role | null, lang: Language) {
  checkTransform({ ...q, shareOf: q.shareOf });
  if (!q.area?.length && !q.group?.length) throw errors.invalidParameter('area', 'area_or_group_required');
  const sel = await select(db, q, role);
  const areas = q.area?.length ? await resolveAreas(db, q.area, 'area') : [];
  const groupAreas = areas.filter((a) => a.kind === 'group' || a.kind === 'region');
  if (groupAreas.length)
    throw errors.invalidParameters(
      groupAreas.map((a) => ({ param: 'area', code: 'group_in_area', params: { code: a.code } })),
    );
  const groups = [];
  for (const code of q.group ?? []) groups.push(await resolveGroup(db, code, 'group'));
  const share = q.transform === 'share_of_group' ? await resolveGroup(db, q.shareOf!, 'shareOf') : undefined;

  const ids = new Set<number>(areas.map((a) => a.id));
  for (const g of [...groups, ...(share ? [share] : [])]) for (const m of g.members) ids.add(m.id);
  const allIds = [...ids];
  const range = await rangeOf(db, sel, allIds, q);
  const built: { dto: Omit<SeriesDto, 'points' | 'cagr'>; points: Point[] }[] = [];
  const notes: Notes = new Map();
  if (range) {
    const { from, to } = range;
    const values = await areaValues(db, sel, allIds, from, to);
    for (const [k, v] of values.notes) notes.set(k, v);
    const population =
      q.measure === 'per_capita'
        ? await populationOf(db, role, allIds, from, to, sel.filter.dims)
        : undefined;
    for (const [k, v] of population?.notes ?? []) notes.set(k, v);

    const groupPoints = (members: { id: number }[]) =>
      groupMeasure(
        q.measure,
        q.per,
        sel.indicator,
        new Map(members.map((m) => [m.id, values.series.get(m.id)!])),
        members.length,
        population?.series,
        from,
        to,
      );
    const shareTotal = share ? groupPoints(share.members) : undefined;
    const options = { baseYear: q.baseYear, window: q.window, total: shareTotal };
    for (const area of areas) {
      const measure = areaMeasure(
        q.measure,
        q.per,
        sel.indicator,
        values.series.get(area.id)!,
        values.issues.get(area.id),
        population?.series.get(area.id),
      );
      built.push({
        dto: { kind: 'area', area: areaRef(area, lang) },
        points: transform(measure, q.transform, options),
      });
    }
    for (const g of groups) {
      built.push({
        dto: { kind: 'group', area: areaRef(g.group, lang), members: g.members.map((m) => m.code) },
        points: transform(
          groupPoints(g.members),
          q.transform === 'share_of_group' ? 'none' : q.transform,
          options,
        ),
      });
    }
  } else {
    for (const area of areas) built.push({ dto: { kind: 'area', area: areaRef(area, lang) }, points: [] });
    for (const g of groups)
      built.push({
        dto: { kind: 'group', area: areaRef(g.group, lang), members: g.members.map((m) => m.code) },
        points: [],
      });
  }
  const sources = await repo.sourcesByIds(db, [...new Set([...notes.values()].map((n) => n.sourceId))]);
  const sourceCode = new Map(sources.map((s) => [s.id, s.code]));
  const cagrOf = (points: Point[]) => {
    if (q.cagrFrom === undefined || q.cagrTo === undefined) return null;
    // CAGR is of the measure, before any transform: recompute from the points when untransformed.
    const value = cagr(asSeries(points), q.cagrFrom, q.cagrTo);
    return pointDto(value, lang, notes, sourceCode);
  };
  return {
    indicator: { code: sel.indicator.code, name: pickText(lang, sel.indicator.nameEn, sel.indicator.nameRu) },
    substance: sel.substance
      ? { code: sel.substance.code, name: pickText(lang, sel.substance.nameEn, sel.substance.nameRu) }
      : null,
    measure: q.measure,
    transform: q.transform,
    unit: unitLabel(sel.indicator, q.measure, q.per, q.transform),
    from: range?.from ?? null,
    to: range?.to ?? null,
    series: built.map((b) => ({
      ...b.dto,
      points: b.points.map((p) => pointDto(p, lang, notes, sourceCode)),
      cagr: q.transform === 'none' ? cagrOf(b.points) : null,
    })),
    sources: sources.map((s) => ({
      code: s.code,
      publisher: s.publisher,
      title: pickText(lang, s.titleEn, s.titleRu),
      table: s.tableName,
      year: s.year,
      url: s.url,
    })),
  };
}

/**
 * Areas ranked by their measure in one year (highest first, or lowest with `order=asc`); ties share
 * a rank (1, 2, 2, 4). Areas without a number for the year come last, with the reason.
 */
export async function ranking(db: ReadonlyDb, q: RankingQuery, role: Role | null, lang: Language) {
  const sel = await select(db, q, role);
  let areas: { id: number; code: string; nameEn: string; nameRu: string }[];
  if (q.group) areas = (await resolveGroup(db, q.group, 'group')).members;
  else if (q.area?.length) areas = await resolveAreas(db, q.area, 'area', { expandGroups: true });
  else throw errors.invalidParameter('group', 'area_or_group_required');
  const ids = areas.map((a) => a.id);
  const values = await areaValues(db, sel, ids, q.year, q.year);
  const population =
    q.measure === 'per_capita'
      ? await populationOf(db, role, ids, q.year, q.year, sel.filter.dims)
      : undefined;
  const notes: Notes = new Map([...values.notes, ...(population?.notes ?? [])]);
  const sources = await repo.sourcesByIds(db, [...new Set([...notes.values()].map((n) => n.sourceId))]);
  const sourceCode = new Map(sources.map((s) => [s.id, s.code]));
  const rows = areas.map((area) => {
    const [point] = areaMeasure(
      q.measure,
      q.per,
      sel.indicator,
      values.series.get(area.id)!,
      values.issues.get(area.id),
      population?.series.get(area.id),
    );
    return { area: areaRef(area, lang), point: point! };
  });
  const sign = q.order === 'asc' ? 1 : -1;
  const withValue = rows
    .filter((r) => r.point.kind === 'value')
    .sort(
      (a, b) =>
        sign * ((a.point as { value: number }).value - (b.point as { value: number }).value) ||
        a.area.code.localeCompare(b.area.code),
    );
  const without = rows
    .filter((r) => r.point.kind === 'issue')
    .sort((a, b) => a.area.code.localeCompare(b.area.code));
  let rank = 0;
  let previous: number | null = null;
  const ranked = withValue.map((r, i) => {
    const value = (r.point as { value: number }).value;
    if (value !== previous) rank = i + 1;
    previous = value;
    return { rank, area: r.area, ...pointDto(r.point, lang, notes, sourceCode) };
  });
  return {
    indicator: { code: sel.indicator.code, name: pickText(lang, sel.indicator.nameEn, sel.indicator.nameRu) },
    substance: sel.substance
      ? { code: sel.substance.code, name: pickText(lang, sel.substance.nameEn, sel.substance.nameRu) }
      : null,
    year: q.year,
    measure: q.measure,
    unit: unitLabel(sel.indicator, q.measure, q.per, 'none'),
    items: [
      ...ranked,
      ...without.map((r) => ({ rank: null, area: r.area, ...pointDto(r.point, lang, notes, sourceCode) })),
    ],
    sources: sources.map((s) => s.code),
  };
}

/**
 * One area against its group: the area's measure, the group's (coverage-aware) measure, and — for
 * values of an additive indicator — the area's share of the group total.
 */
export async function compare(db: ReadonlyDb, q: CompareQuery, role: Role | null, lang: Language) {
  const base = { ...q, group: [q.group], area: [q.area], transform: 'none' as const };
  const levels = await series(db, base, role, lang);
  const membership = (await resolveGroup(db, q.group, 'group')).members.some(
    (m) => m.code === levels.series[0]?.area.code,
  );
  let shares = null;
  if (q.measure === 'value') {
    const shareResult = await series(
      db,
      { ...q, area: [q.area], group: undefined, transform: 'share_of_group', shareOf: q.group },
      role,
      lang,
    );
    shares = shareResult.series[0]?.points ?? [];
  }
  return {
    indicator: levels.indicator,
    substance: levels.substance,
    measure: levels.measure,
    unit: levels.unit,
    from: levels.from,
    to: levels.to,
    member: membership,
    area: levels.series[0]!,
    group: levels.series[1]!,
    share: shares,
    sources: levels.sources,
  };
}
