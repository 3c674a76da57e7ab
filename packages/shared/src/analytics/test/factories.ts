/** Factories for the analytics tests (CONVENTIONS §14); not exported from the package. */
import fc from 'fast-check';
import type { Derived, Series } from '../series.ts';

/** A series from a first year and values; each point gets the id year × 10. */
export function seriesOf(firstYear: number, values: readonly (number | null)[]): Series {
  return values.map((value, i) => ({ year: firstYear + i, value, ids: [(firstYear + i) * 10] }));
}

/** The numbers of derived results, `null` for issues. */
export function valuesOf(results: readonly Derived[]): (number | null)[] {
  return results.map((r) => (r.kind === 'value' ? r.value : null));
}

/** The issue codes of derived results, `null` for values. */
export function codesOf(results: readonly Derived[]): (string | null)[] {
  return results.map((r) => (r.kind === 'issue' ? r.code : null));
}

/** Relative closeness for floating-point properties. */
export function close(a: number, b: number, tolerance = 1e-9): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Realistic magnitudes for drug statistics (no NaN or infinities). */
export const positive = fc.double({ min: 1e-3, max: 1e9, noNaN: true, noDefaultInfinity: true });
export const nonNegative = fc.oneof(fc.constant(0), positive);

/** A series of 1–25 consecutive years with some values missing. */
export const arbitrarySeries = fc
  .tuple(
    fc.integer({ min: 1990, max: 2030 }),
    fc.array(fc.option(nonNegative, { nil: null }), { minLength: 1, maxLength: 25 }),
  )
  .map(([first, values]) => seriesOf(first, values));
