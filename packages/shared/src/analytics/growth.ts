/**
 * Change over time: year-on-year change, compound annual growth rate and index numbers. Rates and
 * percent changes are in percent (5 means +5 %), like index values (base = 100).
 */
import { assertSeries, byYear, derivedIssue, derivedValue, type Derived, type Series } from './series.ts';

export interface YearOnYear {
  readonly year: number;
  /** v_t − v_{t−1}. */
  readonly absolute: Derived;
  /** (v_t − v_{t−1}) / v_{t−1} × 100. */
  readonly percent: Derived;
}

/**
 * Year-on-year change for every point: absolute = v_t − v_{t−1}, percent = (v_t − v_{t−1}) / v_{t−1}
 * × 100. The previous year must be exactly t − 1 and have a value (no skipping over gaps), otherwise
 * both are `no_previous_year`; a missing v_t gives `missing_value`. A previous value of 0 gives a
 * percent issue `zero_base`, a negative one `negative_base` (the absolute change is still given).
 * Ids of both years are carried.
 */
export function yearOnYear(series: Series): YearOnYear[] {
  assertSeries(series);
  const points = byYear(series);
  return series.map((point) => {
    const { year, value } = point;
    const previous = points.get(year - 1);
    if (value === null) {
      const issue = derivedIssue(year, 'missing_value');
      return { year, absolute: issue, percent: issue };
    }
    if (previous === undefined || previous.value === null) {
      const issue = derivedIssue(year, 'no_previous_year', { previousYear: year - 1 });
      return { year, absolute: issue, percent: issue };
    }
    const before = previous.value;
    const absolute = derivedValue(year, value - before, previous.ids, point.ids);
    let percent: Derived;
    if (before === 0) percent = derivedIssue(year, 'zero_base', { baseYear: year - 1 });
    else if (before < 0) percent = derivedIssue(year, 'negative_base', { baseYear: year - 1 });
    else percent = derivedValue(year, ((value - before) / before) * 100, previous.ids, point.ids);
    return { year, absolute, percent };
  });
}

/**
 * Compound annual growth rate between two years, in percent:
 * CAGR = ((v_to / v_from)^(1 / (to − from)) − 1) × 100. The result's year is `to`.
 * A missing endpoint gives `missing_value`; a zero start `zero_base`; a negative start or a zero or
 * negative end `negative_base` (the rate is undefined or meaningless); `from >= to` is a programmer
 * fault and throws. Inverse: {@link growthInverse}.
 */
export function cagr(series: Series, from: number, to: number): Derived {
  assertSeries(series);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from >= to)
    throw new RangeError(`cagr: need integer years with from < to (got ${from}, ${to})`);
  const points = byYear(series);
  const start = points.get(from);
  const end = points.get(to);
  if (start?.value == null) return derivedIssue(to, 'missing_value', { year: from });
  if (end?.value == null) return derivedIssue(to, 'missing_value', { year: to });
  if (start.value === 0) return derivedIssue(to, 'zero_base', { year: from });
  if (start.value < 0) return derivedIssue(to, 'negative_base', { year: from });
  if (end.value <= 0) return derivedIssue(to, 'negative_base', { year: to });
  const rate = (Math.pow(end.value / start.value, 1 / (to - from)) - 1) * 100;
  return derivedValue(to, rate, start.ids, end.ids);
}

/**
 * The value reached after growing `start` at `ratePercent` per year for `years` years:
 * start × (1 + ratePercent / 100)^years. The inverse of {@link cagr}.
 */
export function growthInverse(start: number, ratePercent: number, years: number): number {
  return start * Math.pow(1 + ratePercent / 100, years);
}

/**
 * Index numbers: I_t = v_t / v_base × 100, so the base year is 100. A missing base gives
 * `missing_value` (with `baseYear`) for every year, a zero base `zero_base`, a negative base
 * `negative_base`; a missing v_t gives `missing_value` for that year. Ids of the point and the base
 * are carried.
 */
export function indexed(series: Series, baseYear: number): Derived[] {
  assertSeries(series);
  const base = byYear(series).get(baseYear);
  const baseValue = base?.value ?? null;
  return series.map((point): Derived => {
    const { year, value } = point;
    if (baseValue === null) return derivedIssue(year, 'missing_value', { baseYear });
    if (baseValue === 0) return derivedIssue(year, 'zero_base', { baseYear });
    if (baseValue < 0) return derivedIssue(year, 'negative_base', { baseYear });
    if (value === null) return derivedIssue(year, 'missing_value');
    // x / x is exactly 1 in IEEE arithmetic, so the base year comes out as exactly 100.
    return derivedValue(year, (value / baseValue) * 100, point.ids, base?.ids);
  });
}
