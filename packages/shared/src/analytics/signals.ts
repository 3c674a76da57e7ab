/**
 * Signal detection on one series: unusual changes (robust z-scores), record highs and lows, the
 * first appearance of a substance, and breaks in series. Each judges a year against the series' own
 * earlier years only, so a signal for a year does not change when later years arrive.
 */
import {
  assertSeries,
  byYear,
  derivedIssue,
  derivedValue,
  mergeIds,
  type Derived,
  type Series,
} from './series.ts';

/** |z| above which a change is called an outlier (Iglewicz & Hoaglin's modified z-score cut-off). */
export const OUTLIER_Z = 3.5;

/** Makes the MAD a consistent estimator of the standard deviation for normal data. */
const MAD_SCALE = 1.4826;
/** Makes the mean absolute deviation consistent for normal data (√(π/2)); used when MAD = 0. */
const MEAN_AD_SCALE = 1.2533;
/** Spreads and deviations below this are floating-point noise (e.g. ln of equal ratios), read as 0. */
const TOLERANCE = 1e-9;

export interface RobustZOptions {
  /** Minimum number of earlier log changes needed to judge a year. Default 5, at least 1. */
  readonly minHistory?: number;
}

/**
 * Robust z-scores of year-on-year log changes. For each year t with values v_{t−1} > 0 and v_t > 0
 * (consecutive calendar years), x_t = ln(v_t / v_{t−1}) and z_t = (x_t − median(H)) / (1.4826 ·
 * MAD(H)), where the history H is every earlier log change x_s (s < t) in the series and
 * MAD(H) = median |x_s − median(H)|. With fewer than `minHistory` (default 5) changes in H the year is
 * `insufficient_history`. When MAD(H) = 0 (more than half the history identical) the scale falls
 * back to 1.2533 · mean |x_s − median(H)|; when that is also 0, z = 0 if x_t equals the median and
 * the year is `zero_spread` otherwise (an infinite z is not a number to show). A missing or
 * non-positive v_t is `missing_value` / `negative_base`, a missing or non-positive v_{t−1}
 * `no_previous_year` / `negative_base` (a log change needs two positive values). Because H is the
 * history before t, a one-year spike in mid-series shows twice: at the jump and at the return.
 * Ids of every value that entered x_t and H are carried. Compare |z| with {@link OUTLIER_Z}.
 */
export function robustZScores(series: Series, options: RobustZOptions = {}): Derived[] {
  assertSeries(series);
  const minHistory = Math.max(1, options.minHistory ?? 5);
  const points = byYear(series);
  const history: number[] = [];
  const historyIds: (readonly number[] | undefined)[] = [];
  return series.map((point): Derived => {
    const { year, value } = point;
    const previous = points.get(year - 1);
    if (value === null) return derivedIssue(year, 'missing_value');
    if (value <= 0) return derivedIssue(year, 'negative_base', { year });
    if (previous?.value == null) return derivedIssue(year, 'no_previous_year', { previousYear: year - 1 });
    if (previous.value <= 0) return derivedIssue(year, 'negative_base', { year: year - 1 });
    const change = Math.log(value / previous.value);
    const result = zAgainst(year, change, history, minHistory, historyIds, previous.ids, point.ids);
    history.push(change);
    historyIds.push(previous.ids, point.ids);
    return result;
  });
}

function zAgainst(
  year: number,
  change: number,
  history: readonly number[],
  minHistory: number,
  historyIds: readonly (readonly number[] | undefined)[],
  ...ownIds: (readonly number[] | undefined)[]
): Derived {
  if (history.length < minHistory)
    return derivedIssue(year, 'insufficient_history', { available: history.length, required: minHistory });
  const center = median(history);
  const deviations = history.map((x) => Math.abs(x - center));
  const mad = median(deviations);
  let scale = MAD_SCALE * mad;
  if (mad < TOLERANCE) scale = MEAN_AD_SCALE * (deviations.reduce((a, b) => a + b, 0) / deviations.length);
  const deviation = change - center;
  const ids = [...historyIds, ...ownIds];
  if (scale < TOLERANCE) {
    if (Math.abs(deviation) < TOLERANCE) return derivedValue(year, 0, ...ids);
    return derivedIssue(year, 'zero_spread', { change, median: center });
  }
  return derivedValue(year, deviation / scale, ...ids);
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RecordFlag {
  readonly year: number;
  readonly kind: 'record_high' | 'record_low';
  readonly value: number;
  /** The earlier extreme it beats (highest for a record high, lowest for a record low). */
  readonly previous: number;
  readonly previousYear: number;
  /** Ids of this value and of the earlier extreme. */
  readonly ids: readonly number[];
}

export interface RecordOptions {
  /** Minimum number of earlier years with a value before a record can be called. Default 3. */
  readonly minHistory?: number;
}

/**
 * Record highs and lows: year t is a record high when v_t > max(v_s, s < t) and a record low when
 * v_t < min(v_s, s < t), over earlier years with a value, once at least `minHistory` (default 3) such
 * years exist. Ties are not records. Missing years are skipped (neither flagged nor history).
 * Returns only the flagged years, ascending.
 */
export function recordHighLow(series: Series, options: RecordOptions = {}): RecordFlag[] {
  assertSeries(series);
  const minHistory = options.minHistory ?? 3;
  const flags: RecordFlag[] = [];
  let seen = 0;
  let high: (typeof series)[number] | undefined;
  let low: (typeof series)[number] | undefined;
  for (const point of series) {
    const { year, value } = point;
    if (value === null) continue;
    if (high?.value != null && low?.value != null && seen >= minHistory) {
      if (value > high.value)
        flags.push({
          year,
          kind: 'record_high',
          value,
          previous: high.value,
          previousYear: high.year,
          ids: mergeIds(point.ids, high.ids),
        });
      if (value < low.value)
        flags.push({
          year,
          kind: 'record_low',
          value,
          previous: low.value,
          previousYear: low.year,
          ids: mergeIds(point.ids, low.ids),
        });
    }
    if (high?.value == null || value > high.value) high = point;
    if (low?.value == null || value < low.value) low = point;
    seen++;
  }
  return flags;
}

export interface FirstAppearance {
  readonly year: number;
  readonly value: number;
  /** Calendar years before `year`, from the series' first year, all zero or without data. */
  readonly quietYears: number;
  /** How many of the quiet years reported an explicit zero (the rest had no data). */
  readonly zeroYears: number;
  readonly ids: readonly number[];
}

export interface FirstAppearanceOptions {
  /** Minimum number of quiet (zero or missing) years before the first positive value. Default 3. */
  readonly minQuiet?: number;
}

/**
 * First appearance: the first year with a positive value, when the `minQuiet` (default 3) or more
 * calendar years before it — counted from the series' first year, gaps included — are all zero or
 * without data. Years before the series starts are unknown and do not count. Returns `null` when
 * there is no positive value or it comes too early to tell. `zeroYears` lets the caller tell "was
 * zero" from "was not reported".
 */
export function firstAppearance(
  series: Series,
  options: FirstAppearanceOptions = {},
): FirstAppearance | null {
  assertSeries(series);
  const minQuiet = options.minQuiet ?? 3;
  const first = series[0];
  const index = series.findIndex((point) => point.value !== null && point.value > 0);
  const hit = series[index];
  if (first === undefined || hit?.value == null) return null;
  const quietYears = hit.year - first.year;
  if (quietYears < minQuiet) return null;
  const zeroYears = series.slice(0, index).filter((point) => point.value === 0).length;
  return { year: hit.year, value: hit.value, quietYears, zeroYears, ids: mergeIds(hit.ids) };
}

export interface StatusPoint {
  readonly year: number;
  /** Observation status code (SDMX OBS_STATUS: 'A' normal, 'B' break in series, 'E' estimate, …). */
  readonly status?: string | null;
  readonly ids?: readonly number[];
}

/** Years whose observation status is 'B' (break in series: not comparable with the years before). */
export function seriesBreaks(points: readonly StatusPoint[]): { year: number; ids: readonly number[] }[] {
  return points
    .filter((point) => point.status === 'B')
    .map((point) => ({ year: point.year, ids: mergeIds(point.ids) }))
    .sort((a, b) => a.year - b.year);
}
