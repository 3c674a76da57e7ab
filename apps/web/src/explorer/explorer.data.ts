import type { Observation, SeriesPoint, SeriesResponse } from '../api/types.ts';

/**
 * Turns an analytics series response and the observations behind it into what the chart, the
 * table and the notes show: one point per series and year, a number or the reason why not, with the
 * status flags and footnotes of the observations that made it. Pure; unit-tested.
 */

/** Colour-blind-safe (Okabe–Ito), darkest first so that the first series have the most contrast. */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#000000',
  '#E69F00',
  '#56B4E9',
  '#8C564B',
  '#332288',
  '#882255',
  '#117733',
  '#999933',
] as const;

/** SDMX observation status codes that change how a number should be read. */
export const NOTABLE_STATUSES = ['B', 'E', 'P', 'F', 'I', 'U', 'M'] as const;

export interface DisplayPoint {
  year: number;
  /** null: no number for this year (a gap, never a zero). */
  value: number | null;
  /** Why there is no number, in the UI language (from the API). */
  reason: string | null;
  /** Notable status codes of the observations behind the number (E estimated, B break, …). */
  statuses: string[];
  /** Footnotes of those observations, prefixed with the member's name for group totals. */
  footnotes: string[];
  /** Groups: members that reported / members. */
  coverage: { reporting: number; members: number } | null;
  /** Lower and upper bound of an estimate (cultivation surveys, prevalence), when the number is one observation's value. */
  bounds: { lower: number; upper: number } | null;
  sources: string[];
  observationIds: number[];
}

export interface DisplaySeries {
  code: string;
  name: string;
  kind: 'area' | 'group';
  color: string;
  points: DisplayPoint[];
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function pointNotes(
  point: SeriesPoint,
  seriesCode: string,
  byId: Map<number, Observation>,
  byAreaYear: Map<string, Observation[]>,
  withBounds: boolean,
): Pick<DisplayPoint, 'statuses' | 'footnotes' | 'bounds'> {
  let observations = point.observationIds.flatMap((id) => byId.get(id) ?? []);
  // A gap may still have an observation: a value recorded as missing, with the footnote saying why.
  if (observations.length === 0) observations = byAreaYear.get(`${seriesCode} ${point.year}`) ?? [];
  const statuses = unique(
    observations.map((o) => o.status).filter((s) => (NOTABLE_STATUSES as readonly string[]).includes(s)),
  ).sort();
  const footnotes = unique(
    observations.flatMap((o) =>
      o.footnotes.map((note) => (o.area.code === seriesCode ? note : `${o.area.name}: ${note}`)),
    ),
  );
  // Bounds belong to one observation's own value, not to sums, rates or indices made from it.
  const single = observations.length === 1 ? observations[0] : undefined;
  const bounds =
    withBounds &&
    point.value !== null &&
    single?.value === point.value &&
    single.lower !== null &&
    single.upper !== null
      ? { lower: single.lower, upper: single.upper }
      : null;
  return { statuses, footnotes, bounds };
}

/**
 * The series to show, restricted to `[from, to]` (null: no limit). Observations are those of the
 * same selection; they supply status flags and footnotes (the series points carry only ids).
 */
export function buildSeries(
  response: SeriesResponse,
  observations: Observation[],
  from: number | null,
  to: number | null,
): DisplaySeries[] {
  const withBounds = response.measure === 'value' && response.transform === 'none';
  const byId = new Map(observations.map((o) => [o.id, o]));
  const byAreaYear = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = `${o.area.code} ${o.year}`;
    byAreaYear.set(key, [...(byAreaYear.get(key) ?? []), o]);
  }
  return response.series.map((series, index) => ({
    code: series.area.code,
    name: series.area.name,
    kind: series.kind,
    color: PALETTE[index % PALETTE.length] ?? '#000000',
    points: series.points
      .filter((p) => (from === null || p.year >= from) && (to === null || p.year <= to))
      .map((p) => ({
        year: p.year,
        value: p.value,
        reason: p.value === null ? (p.issue?.message ?? null) : null,
        ...pointNotes(p, series.area.code, byId, byAreaYear, withBounds),
        coverage: p.coverage ?? null,
        sources: p.sources,
        observationIds: p.observationIds,
      })),
  }));
}

/** The years shown, ascending (every series has every year of the range). */
export function yearsOf(series: DisplaySeries[]): number[] {
  return unique(series.flatMap((s) => s.points.map((p) => p.year))).sort((a, b) => a - b);
}

/** A group total that not every member reported. */
export function partialCoverage(point: DisplayPoint): boolean {
  return point.coverage !== null && point.coverage.reporting < point.coverage.members;
}

/** Points a reader should be told about under the chart: gaps, flags, footnotes, partial totals. */
export function notablePoints(series: DisplaySeries[]): { series: DisplaySeries; point: DisplayPoint }[] {
  return series.flatMap((s) =>
    s.points
      .filter(
        (p) => p.value === null || p.statuses.length > 0 || p.footnotes.length > 0 || partialCoverage(p),
      )
      .map((point) => ({ series: s, point })),
  );
}

/** Whether a log scale can show every number (it cannot show zero or negative values). */
export function nonPositiveCount(series: DisplaySeries[]): number {
  return series.reduce((n, s) => n + s.points.filter((p) => p.value !== null && p.value <= 0).length, 0);
}
