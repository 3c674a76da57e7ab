import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perCapita, shareOfTotal } from './ratios.ts';
import { arbitrarySeries, close, codesOf, positive, seriesOf, valuesOf } from './test/factories.ts';

describe('perCapita', () => {
  it('gives rates per 100,000 by default and carries both ids', () => {
    const cases = [{ year: 2020, value: 250, ids: [1] }];
    const population = [{ year: 2020, value: 5_000_000, ids: [9] }];
    // 250 / 5,000,000 × 100,000 = 5.
    expect(perCapita(cases, population)).toEqual([{ kind: 'value', year: 2020, value: 5, ids: [1, 9] }]);
    // … and 0.05 per 1,000.
    expect(valuesOf(perCapita(cases, population, 1000))).toEqual([0.05]);
  });

  it('never guesses a missing or zero population', () => {
    const cases = seriesOf(2000, [10, 10, 10, null]);
    // 2001 is absent from the population series, 2002 is zero; 2000 and 2003 are given.
    const population = [
      { year: 2000, value: 1000 },
      { year: 2002, value: 0 },
      { year: 2003, value: 1000 },
    ];
    expect(codesOf(perCapita(cases, population, 1000))).toEqual([
      null,
      'missing_denominator',
      'missing_denominator',
      'missing_value',
    ]);
    expect(perCapita(cases, population)[1]).toEqual({
      kind: 'issue',
      year: 2001,
      code: 'missing_denominator',
      params: { denominator: 'population' },
    });
  });

  it('is not applicable to a non-additive indicator (a price)', () => {
    const price = seriesOf(2020, [45]);
    expect(codesOf(perCapita(price, seriesOf(2020, [1e6]), 100_000, { additive: false }))).toEqual([
      'not_applicable',
    ]);
  });

  it('scales linearly with `per` and inversely with the population', () => {
    fc.assert(
      fc.property(
        arbitrarySeries,
        positive,
        positive,
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        (series, pop, per, k) => {
          const population = series.map((p) => ({ year: p.year, value: pop }));
          const scaledPopulation = series.map((p) => ({ year: p.year, value: pop * k }));
          const base = perCapita(series, population, per);
          const morePer = perCapita(series, population, per * k);
          const morePeople = perCapita(series, scaledPopulation, per);
          return base.every((r, i) => {
            const a = morePer[i]!;
            const b = morePeople[i]!;
            if (r.kind === 'issue') return a.kind === 'issue' && b.kind === 'issue';
            return (
              a.kind === 'value' &&
              b.kind === 'value' &&
              close(a.value, r.value * k) &&
              close(b.value * k, r.value)
            );
          });
        },
      ),
    );
  });
});

describe('shareOfTotal', () => {
  it('gives percent shares and issues for missing or zero totals', () => {
    const part = seriesOf(2000, [25, 5, 3, null]);
    const total = [
      { year: 2000, value: 200, ids: [7] },
      { year: 2001, value: 0 },
      { year: 2003, value: 10 },
    ];
    const result = shareOfTotal(part, total);
    expect(result[0]).toEqual({ kind: 'value', year: 2000, value: 12.5, ids: [7, 20000] });
    expect(codesOf(result)).toEqual([null, 'zero_base', 'missing_denominator', 'missing_value']);
  });
});
