import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DerivedValue } from './series.ts';
import { OUTLIER_Z, firstAppearance, median, recordHighLow, robustZScores, seriesBreaks } from './signals.ts';
import { codesOf, positive, seriesOf } from './test/factories.ts';

const outlierYears = (z: ReturnType<typeof robustZScores>): number[] =>
  z.filter((r): r is DerivedValue => r.kind === 'value' && Math.abs(r.value) > OUTLIER_Z).map((r) => r.year);

describe('robustZScores', () => {
  const noisy = [100, 104, 99, 102, 107, 103, 101, 106, 104, 108];

  it('flags one outlying latest year, and only that year', () => {
    const z = robustZScores(seriesOf(2010, [...noisy, 300]));
    expect(outlierYears(z)).toEqual([2020]);
    const last = z.at(-1) as DerivedValue;
    expect(last.value).toBeGreaterThan(OUTLIER_Z);
    // The latest z-score rests on every earlier value: all 11 ids are carried.
    expect(last.ids).toHaveLength(11);
  });

  it('flags a level shift once, at the jump', () => {
    const z = robustZScores(seriesOf(2010, [...noisy, 214, 210, 216, 212]));
    expect(outlierYears(z)).toEqual([2020]);
  });

  it('matches a hand computation', () => {
    // Log changes: ln 2 ×3 (2011–2013), ln 1 ×2 (2014–2015), then 2016: ln 8.
    // History for 2016 = {ln2, ln2, ln2, 0, 0}: median ln2; |deviations| = {0,0,0,ln2,ln2}, MAD 0,
    // so the scale falls back to 1.2533 × mean = 1.2533 × (2 ln2 / 5); z = (ln8 − ln2) / that
    // = 2 ln2 / (1.2533 × 0.4 ln2) = 2 / 0.50132 = 3.98947…
    const z = robustZScores(seriesOf(2010, [1, 2, 4, 8, 8, 8, 64]));
    expect(codesOf(z).slice(0, 6)).toEqual([
      'no_previous_year',
      'insufficient_history',
      'insufficient_history',
      'insufficient_history',
      'insufficient_history',
      'insufficient_history',
    ]);
    expect((z[6] as DerivedValue).value).toBeCloseTo(3.98947, 4);
    // A plain MAD case: history {0.1, 0.2, 0.3, 0.4, 0.5} as log changes; median 0.3, MAD 0.1;
    // the next change ln(v_t/v_{t−1}) = 0.9 gives z = 0.6 / 0.14826 = 4.0469…
    const values = [1];
    for (const x of [0.1, 0.2, 0.3, 0.4, 0.5, 0.9]) values.push(values.at(-1)! * Math.exp(x));
    expect((robustZScores(seriesOf(2000, values)).at(-1) as DerivedValue).value).toBeCloseTo(4.0469, 3);
  });

  it('shows a one-year spike twice: at the jump and at the return (history is the years before)', () => {
    const z = robustZScores(seriesOf(2010, [...noisy, 300, 105]));
    expect(outlierYears(z)).toEqual([2020, 2021]);
  });

  it('needs two consecutive positive values and enough history', () => {
    const z = robustZScores(seriesOf(2000, [5, null, 5, 0, 5, 5, 10, -1]), { minHistory: 1 });
    expect(codesOf(z)).toEqual([
      'no_previous_year',
      'missing_value',
      'no_previous_year',
      'negative_base',
      'negative_base',
      'insufficient_history',
      'zero_spread',
      'negative_base',
    ]);
    expect(z[5]).toMatchObject({ params: { available: 0, required: 1 } });
  });

  it('is 0 for a constant series and zero_spread for a change after a flat history', () => {
    const z = robustZScores(seriesOf(2000, [7, 7, 7, 7, 7, 7, 7, 9]));
    expect(z[6]).toMatchObject({ kind: 'value', value: 0 });
    expect(z[7]).toMatchObject({ kind: 'issue', code: 'zero_spread' });
  });

  it('is unchanged by rescaling the series (log changes are unit-free)', () => {
    fc.assert(
      fc.property(
        fc.array(positive, { minLength: 2, maxLength: 15 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (values, k) => {
          const a = robustZScores(seriesOf(2000, values), { minHistory: 3 });
          const b = robustZScores(
            seriesOf(
              2000,
              values.map((v) => v * k),
            ),
            { minHistory: 3 },
          );
          return a.every((r, i) => {
            const s = b[i]!;
            if (r.kind !== 'value' || s.kind !== 'value') return true;
            return Math.abs(r.value - s.value) < 1e-6 * Math.max(1, Math.abs(r.value));
          });
        },
      ),
    );
  });

  it('median handles odd and even lengths', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('recordHighLow', () => {
  it('flags values beyond all earlier ones once there is enough history', () => {
    const flags = recordHighLow(seriesOf(2000, [10, 20, 5, 20, 25, null, 3, 30]));
    expect(flags).toEqual([
      { year: 2004, kind: 'record_high', value: 25, previous: 20, previousYear: 2001, ids: [20010, 20040] },
      { year: 2006, kind: 'record_low', value: 3, previous: 5, previousYear: 2002, ids: [20020, 20060] },
      { year: 2007, kind: 'record_high', value: 30, previous: 25, previousYear: 2004, ids: [20040, 20070] },
    ]);
  });

  it('does not flag ties or the first years', () => {
    expect(recordHighLow(seriesOf(2000, [1, 2, 3, 3]))).toEqual([]);
    expect(recordHighLow(seriesOf(2000, [1, 2, 3]), { minHistory: 1 }).map((f) => f.year)).toEqual([
      2001, 2002,
    ]);
  });
});

describe('firstAppearance', () => {
  it('finds the first positive year after enough zero or missing years', () => {
    const series = seriesOf(2015, [0, null, 0, 0, 12, 30]).filter((p) => p.year !== 2016);
    expect(firstAppearance(series)).toEqual({
      year: 2019,
      value: 12,
      quietYears: 4,
      zeroYears: 3,
      ids: [20190],
    });
    expect(firstAppearance(series, { minQuiet: 5 })).toBeNull();
  });

  it('is null when there is no positive value or it comes first', () => {
    expect(firstAppearance(seriesOf(2000, [0, 0, 0, null]))).toBeNull();
    expect(firstAppearance(seriesOf(2000, [4, 0, 0, 0, 5]))).toBeNull();
    expect(firstAppearance([])).toBeNull();
  });
});

describe('seriesBreaks', () => {
  it('lists the years with status B', () => {
    expect(
      seriesBreaks([
        { year: 2012, status: 'B', ids: [3] },
        { year: 2010, status: 'A' },
        { year: 2011, status: null },
        { year: 2009, status: 'B' },
        { year: 2013, status: 'E' },
      ]),
    ).toEqual([
      { year: 2009, ids: [] },
      { year: 2012, ids: [3] },
    ]);
  });
});
