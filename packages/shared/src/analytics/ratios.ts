/** Ratios to another series of the same years: per capita rates and shares of a total. */
import { assertSeries, byYear, derivedIssue, derivedValue, type Derived, type Series } from './series.ts';

export interface PerCapitaOptions {
  /**
   * Whether the indicator is a quantity that adds up across people and areas (cases, seizures in
   * kg). Per capita of a non-additive indicator (a price, a purity, a rate) gives `not_applicable`.
   * Default true.
   */
  readonly additive?: boolean;
}

/**
 * Rate per `per` inhabitants: r_t = v_t / P_t × per (default per 100,000). The population P_t must be
 * given for the very same year and be positive; otherwise the year is `missing_denominator` — a
 * population is never guessed or interpolated. A missing v_t gives `missing_value`. Ids of the value
 * and of the population are carried.
 */
export function perCapita(
  series: Series,
  population: Series,
  per = 100_000,
  options: PerCapitaOptions = {},
): Derived[] {
  assertSeries(series);
  assertSeries(population, 'population');
  if (!(per > 0) || !Number.isFinite(per))
    throw new RangeError(`perCapita: per must be positive (got ${per})`);
  const people = byYear(population);
  return series.map((point): Derived => {
    const { year, value } = point;
    if (options.additive === false) return derivedIssue(year, 'not_applicable');
    if (value === null) return derivedIssue(year, 'missing_value');
    const denominator = people.get(year);
    if (denominator?.value == null || denominator.value <= 0)
      return derivedIssue(year, 'missing_denominator', { denominator: 'population' });
    return derivedValue(year, (value / denominator.value) * per, point.ids, denominator.ids);
  });
}

/**
 * Share of a total, in percent: s_t = v_t / T_t × 100. A missing or negative total gives
 * `missing_denominator`, a zero total `zero_base`; a missing v_t gives `missing_value`. A part larger
 * than its total is returned as computed (above 100): spotting inconsistent sources is the caller's
 * check, not hidden here. Ids of the part and the total are carried.
 */
export function shareOfTotal(series: Series, total: Series): Derived[] {
  assertSeries(series);
  assertSeries(total, 'total');
  const totals = byYear(total);
  return series.map((point): Derived => {
    const { year, value } = point;
    if (value === null) return derivedIssue(year, 'missing_value');
    const denominator = totals.get(year);
    if (denominator?.value == null || denominator.value < 0)
      return derivedIssue(year, 'missing_denominator', { denominator: 'total' });
    if (denominator.value === 0) return derivedIssue(year, 'zero_base', { denominator: 'total' });
    return derivedValue(year, (value / denominator.value) * 100, point.ids, denominator.ids);
  });
}
