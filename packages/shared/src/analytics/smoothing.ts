/** Smoothing over consecutive years. */
import { assertSeries, byYear, derivedIssue, derivedValue, type Derived, type Series } from './series.ts';

/**
 * Trailing rolling mean: m_t = (v_{t−w+1} + … + v_t) / w over the w consecutive calendar years
 * ending at t. Every year of the window must be in the series with a value — a gap is never filled
 * or skipped — otherwise the year is `incomplete_window` with `missing` (how many years lack a
 * value, counting years before the series starts). Ids of all w points are carried.
 * `window` must be a positive integer (1 returns the values themselves).
 */
export function rollingMean(series: Series, window: number): Derived[] {
  assertSeries(series);
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError(`rollingMean: window must be a positive integer (got ${window})`);
  const points = byYear(series);
  return series.map((point): Derived => {
    let sum = 0;
    let missing = 0;
    const ids: (readonly number[] | undefined)[] = [];
    for (let year = point.year - window + 1; year <= point.year; year++) {
      const p = points.get(year);
      if (p?.value == null) missing++;
      else {
        sum += p.value;
        ids.push(p.ids);
      }
    }
    if (missing > 0) return derivedIssue(point.year, 'incomplete_window', { window, missing });
    return derivedValue(point.year, sum / window, ...ids);
  });
}
