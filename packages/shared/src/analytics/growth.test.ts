import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cagr, growthInverse, indexed, yearOnYear } from './growth.ts';
import type { DerivedValue } from './series.ts';
import { arbitrarySeries, codesOf, positive, seriesOf, valuesOf } from './test/factories.ts';

describe('yearOnYear', () => {
  it('gives UNODC’s Afghanistan heroin seizures 2022 → 2023 (488 → 1.002 kg) as −486.998 kg, −99.8 %', () => {
    // WDR 2025 table 7.1 holds 488 for 2022 and the number 1.002 for 2023 (kilograms).
    const seizures = [
      { year: 2022, value: 488, ids: [101] },
      { year: 2023, value: 1.002, ids: [102] },
    ];
    const [first, second] = yearOnYear(seizures);
    expect(first!.absolute).toMatchObject({ kind: 'issue', code: 'no_previous_year' });
    const absolute = second!.absolute as DerivedValue;
    expect(absolute.value).toBeCloseTo(-486.998, 9);
    expect(absolute.ids).toEqual([101, 102]);
    // −486.998 / 488 = −0.997946…, i.e. −99.79 %.
    const percent = second!.percent as DerivedValue;
    expect(percent.kind).toBe('value');
    expect(percent.value).toBeCloseTo(-99.7947, 4);
    expect(percent.ids).toEqual([101, 102]);
  });

  it('needs exactly the previous calendar year with a value', () => {
    const result = yearOnYear(seriesOf(2000, [10, null, 12, 15]).filter((p) => p.year !== 2001));
    expect(result.map((r) => r.year)).toEqual([2000, 2002, 2003]);
    expect(codesOf(result.map((r) => r.absolute))).toEqual(['no_previous_year', 'no_previous_year', null]);
    expect(valuesOf(result.map((r) => r.percent))).toEqual([null, null, 25]);
    const withNull = yearOnYear(seriesOf(2000, [10, null, 12]));
    expect(codesOf(withNull.map((r) => r.absolute))).toEqual([
      'no_previous_year',
      'missing_value',
      'no_previous_year',
    ]);
  });

  it('reports a zero base for percent but still gives the absolute change', () => {
    const [, r] = yearOnYear(seriesOf(2010, [0, 7]));
    expect(r!.absolute).toMatchObject({ kind: 'value', value: 7 });
    expect(r!.percent).toEqual({ kind: 'issue', year: 2011, code: 'zero_base', params: { baseYear: 2010 } });
    expect(yearOnYear(seriesOf(2010, [-4, 2]))[1]!.percent).toMatchObject({ code: 'negative_base' });
  });

  it('is 0 (absolute and percent) for a constant series', () => {
    fc.assert(
      fc.property(positive, fc.integer({ min: 2, max: 30 }), (value, length) => {
        const result = yearOnYear(
          seriesOf(
            2000,
            Array.from({ length }, () => value),
          ),
        ).slice(1);
        return result.every(
          (r) =>
            r.absolute.kind === 'value' &&
            r.absolute.value === 0 &&
            r.percent.kind === 'value' &&
            r.percent.value === 0,
        );
      }),
    );
  });
});

describe('cagr and growthInverse', () => {
  it('gives known rates', () => {
    // 100 → 121 over two years is 10 % a year (1.1² = 1.21).
    const result = cagr(seriesOf(2000, [100, 110, 121]), 2000, 2002) as DerivedValue;
    expect(result.value).toBeCloseTo(10, 10);
    expect(result.ids).toEqual([20000, 20020]);
    expect(growthInverse(100, 10, 2)).toBeCloseTo(121, 10);
    // Halving over one year is −50 %.
    expect(cagr(seriesOf(2000, [80, 40]), 2000, 2001)).toMatchObject({ kind: 'value', value: -50 });
  });

  it('turns zero, negative and missing endpoints into issues', () => {
    const s = seriesOf(2000, [0, 5, null, -3, 8]);
    expect(cagr(s, 2000, 2001)).toEqual({
      kind: 'issue',
      year: 2001,
      code: 'zero_base',
      params: { year: 2000 },
    });
    expect(cagr(s, 2001, 2002)).toMatchObject({ code: 'missing_value', params: { year: 2002 } });
    expect(cagr(s, 2003, 2004)).toMatchObject({ code: 'negative_base', params: { year: 2003 } });
    expect(cagr(s, 2001, 2003)).toMatchObject({ code: 'negative_base', params: { year: 2003 } });
    expect(cagr(seriesOf(2000, [5, 0]), 2000, 2001)).toMatchObject({ code: 'negative_base' });
    expect(cagr(s, 1990, 2001)).toMatchObject({ code: 'missing_value', params: { year: 1990 } });
    expect(() => cagr(s, 2002, 2002)).toThrow(RangeError);
  });

  it('inverts: growing the start at the CAGR reaches the end, and the CAGR of a growth is its rate', () => {
    fc.assert(
      fc.property(positive, positive, fc.integer({ min: 1, max: 40 }), (start, end, years) => {
        const rate = cagr(
          [
            { year: 2000, value: start },
            { year: 2000 + years, value: end },
          ],
          2000,
          2000 + years,
        );
        // The percent rate carries rounding relative to the larger endpoint (a −99.99999 % rate keeps
        // few digits of the tiny end), so the tolerance is scaled to it.
        return (
          rate.kind === 'value' &&
          Math.abs(growthInverse(start, rate.value, years) - end) <= 1e-9 * Math.max(start, end)
        );
      }),
    );
    fc.assert(
      fc.property(
        positive,
        fc.double({ min: -90, max: 200, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        (start, ratePercent, years) => {
          const end = growthInverse(start, ratePercent, years);
          fc.pre(end > 0 && Number.isFinite(end));
          const rate = cagr(
            [
              { year: 2000, value: start },
              { year: 2000 + years, value: end },
            ],
            2000,
            2000 + years,
          );
          return rate.kind === 'value' && Math.abs(rate.value - ratePercent) < 1e-7;
        },
      ),
    );
  });
});

describe('indexed', () => {
  it('rebases to 100 and carries the base ids', () => {
    const result = indexed(seriesOf(2000, [50, 75, null, 25]), 2000);
    expect(valuesOf(result)).toEqual([100, 150, null, 50]);
    expect(codesOf(result)).toEqual([null, null, 'missing_value', null]);
    expect(result[1]).toEqual({ kind: 'value', year: 2001, value: 150, ids: [20000, 20010] });
  });

  it('gives issues for every year when the base is missing, zero or negative', () => {
    const s = seriesOf(2000, [0, 4, null, -2]);
    expect(codesOf(indexed(s, 2000))).toEqual(['zero_base', 'zero_base', 'zero_base', 'zero_base']);
    expect(codesOf(indexed(s, 2002))).toEqual(Array(4).fill('missing_value'));
    expect(indexed(s, 1999)[0]).toEqual({
      kind: 'issue',
      year: 2000,
      code: 'missing_value',
      params: { baseYear: 1999 },
    });
    expect(codesOf(indexed(s, 2003))).toEqual(Array(4).fill('negative_base'));
  });

  it('is exactly 100 at a positive base year', () => {
    fc.assert(
      fc.property(arbitrarySeries, fc.nat(), (series, pick) => {
        const usable = series.filter((p) => p.value !== null && p.value > 0);
        fc.pre(usable.length > 0);
        const base = usable[pick % usable.length]!;
        const atBase = indexed(series, base.year).find((r) => r.year === base.year);
        return atBase?.kind === 'value' && atBase.value === 100;
      }),
    );
  });
});
