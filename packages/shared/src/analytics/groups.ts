/** Aggregates of area groups (EU27, CA5, user-defined groups) from their members' series. */
import { assertSeries, derivedIssue, derivedValue, type Derived, type Series } from './series.ts';

export interface Coverage {
  /** Members with a value for the year. */
  readonly reporting: number;
  /** Members of the group (including those without any data). */
  readonly members: number;
}

/** A group total for one year, always with its coverage. */
export type GroupDerived = Derived & { readonly coverage: Coverage };

export interface GroupAggregateOptions {
  /**
   * Whether the indicator adds up across areas (counts, kilograms). Non-additive indicators (rates,
   * prices, purity, prevalence) give `non_additive` for every year: a sum is wrong and an unweighted
   * mean would mislead, so weighting is left to the caller.
   */
  readonly additive: boolean;
}

/**
 * Group total per year: G_t = Σ v_{m,t} over members m that reported a value for t, with
 * coverage = { reporting: number of those members, members: memberCount }. Partial years are summed
 * and their coverage says so (reporting < members): nothing is imputed for absent members. A year in
 * which no member reported is `no_reporting_members`, never 0. Years are those of any member series.
 * `members` maps area codes to series; `memberCount` is the size of the group and may exceed the
 * number of series given (members without data), but not be smaller — that throws.
 */
export function groupAggregate(
  members: ReadonlyMap<string, Series>,
  memberCount: number,
  options: GroupAggregateOptions,
): GroupDerived[] {
  if (!Number.isInteger(memberCount) || memberCount < members.size)
    throw new RangeError(
      `groupAggregate: memberCount ${memberCount} is below the ${members.size} series given`,
    );
  const years = new Set<number>();
  for (const [code, series] of members) {
    assertSeries(series, code);
    for (const point of series) years.add(point.year);
  }
  const valuesByYear = new Map<
    number,
    { sum: number; reporting: number; ids: (readonly number[] | undefined)[] }
  >();
  for (const year of years) valuesByYear.set(year, { sum: 0, reporting: 0, ids: [] });
  for (const series of members.values())
    for (const point of series) {
      if (point.value === null) continue;
      const acc = valuesByYear.get(point.year)!;
      acc.sum += point.value;
      acc.reporting++;
      acc.ids.push(point.ids);
    }
  return [...years]
    .sort((a, b) => a - b)
    .map((year): GroupDerived => {
      const acc = valuesByYear.get(year)!;
      const coverage: Coverage = { reporting: acc.reporting, members: memberCount };
      if (!options.additive) return { ...derivedIssue(year, 'non_additive'), coverage };
      if (acc.reporting === 0) return { ...derivedIssue(year, 'no_reporting_members'), coverage };
      return { ...derivedValue(year, acc.sum, ...acc.ids), coverage };
    });
}
