/**
 * The shapes the analytics maths works on. A series is one point per year, ascending; `null` means
 * "no data" and is never read as zero. Every derived number carries the observation ids it came
 * from ("every number traceable"); anything that cannot be computed is a typed issue, not a number.
 */

export interface SeriesPoint {
  /** Calendar year (integer). */
  readonly year: number;
  /** The value, or `null` when the year has no data. */
  readonly value: number | null;
  /** Ids of the observations that produced the value. */
  readonly ids?: readonly number[];
}

/** One point per year, years strictly ascending. */
export type Series = readonly SeriesPoint[];

/** Why a derived number could not be computed. Messages are looked up by code in the catalogues. */
export type AnalyticsIssueCode =
  /** The input value for the year is missing. */
  | 'missing_value'
  /** The denominator (population, total) is missing, zero or negative for the year. */
  | 'missing_denominator'
  /** Division by a zero base value (percent change, index, share of a zero total). */
  | 'zero_base'
  /** A base or endpoint is negative, so a ratio or growth rate has no meaning. */
  | 'negative_base'
  /** The previous year (exactly year − 1) has no value. */
  | 'no_previous_year'
  /** The calculation does not apply to this kind of indicator (per capita of a price). */
  | 'not_applicable'
  /** Summing a non-additive indicator (rate, price, purity) across areas. */
  | 'non_additive'
  /** No member of a group reported for the year. */
  | 'no_reporting_members'
  /** A rolling window misses at least one year. */
  | 'incomplete_window'
  /** Too few earlier points to judge the year against its own history. */
  | 'insufficient_history'
  /** Several values for one area and year differ only in dimensions that cannot be added up. */
  | 'ambiguous_dimension'
  /** The history has no spread (MAD and mean absolute deviation are zero) and the point differs from it. */
  | 'zero_spread';

export interface DerivedValue {
  readonly kind: 'value';
  readonly year: number;
  readonly value: number;
  /** Observation ids of every input that produced the value, ascending, without duplicates. */
  readonly ids: readonly number[];
}

export interface DerivedIssue {
  readonly kind: 'issue';
  readonly year: number;
  readonly code: AnalyticsIssueCode;
  readonly params?: Readonly<Record<string, number | string>>;
}

/** A derived number for one year, or the reason it cannot be given. */
export type Derived = DerivedValue | DerivedIssue;

/** Builds a derived value; the ids of all inputs are merged. */
export function derivedValue(
  year: number,
  value: number,
  ...idLists: (readonly number[] | undefined)[]
): DerivedValue {
  return { kind: 'value', year, value, ids: mergeIds(...idLists) };
}

/** Builds a derived issue. */
export function derivedIssue(
  year: number,
  code: AnalyticsIssueCode,
  params?: Record<string, number | string>,
): DerivedIssue {
  return params === undefined ? { kind: 'issue', year, code } : { kind: 'issue', year, code, params };
}

/** Union of id lists, ascending, without duplicates. */
export function mergeIds(...idLists: (readonly number[] | undefined)[]): number[] {
  const all = new Set<number>();
  for (const list of idLists) for (const id of list ?? []) all.add(id);
  return [...all].sort((a, b) => a - b);
}

/**
 * Checks the series invariants: integer years, strictly ascending, values finite or null. A broken
 * series is a programmer fault (the repository builds series), so it throws.
 */
export function assertSeries(series: Series, name = 'series'): void {
  let previous = -Infinity;
  for (const point of series) {
    if (!Number.isInteger(point.year)) throw new RangeError(`${name}: year ${point.year} is not an integer`);
    if (point.year <= previous) throw new RangeError(`${name}: years must be strictly ascending`);
    if (point.value !== null && !Number.isFinite(point.value))
      throw new RangeError(`${name}: value for ${point.year} is not finite`);
    previous = point.year;
  }
}

/** The points of a series by year. */
export function byYear(series: Series): Map<number, SeriesPoint> {
  return new Map(series.map((point) => [point.year, point]));
}
