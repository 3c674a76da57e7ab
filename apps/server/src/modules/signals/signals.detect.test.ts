import { describe, expect, it } from 'vitest';
import { DETECTION, detectSeries, type SeriesPointRow } from './signals.detect.ts';

/** Pure detection on hand-made series with known answers (no database). */

/** Points from `from` on; null = missing (status M); ids are 100 + index. */
function series(
  from: number,
  values: (number | null)[],
  extra: Partial<Record<number, Partial<SeriesPointRow>>> = {},
): SeriesPointRow[] {
  return values.map((value, i) => ({
    id: 100 + i,
    year: from + i,
    value,
    unit: 'KG',
    status: value === null ? 'M' : 'A',
    ...extra[from + i],
  }));
}

const brief = (points: SeriesPointRow[], hasSubstance = true) =>
  detectSeries(points, { hasSubstance }).map((c) => [c.kind, c.year, c.severity]);

describe('detectSeries', () => {
  it('Afghanistan heroin 2019-2023 (4,200 → 488 → 1.002 kg): record lows and an unusual fall', () => {
    const found = detectSeries(series(2019, [4200, 3052, 922, 488, 1.002]), { hasSubstance: true });
    expect(found.map((c) => [c.kind, c.year, c.severity])).toEqual([
      ['record_low', 2022, 'notice'],
      ['record_low', 2023, 'alert'],
      ['unusual_change', 2023, 'alert'],
    ]);
    const fall = found[2]!;
    expect(fall.params).toMatchObject({ value: 1.002, previousValue: 488, previousYear: 2022, history: 3 });
    const p = fall.params as { change: number; z: number; logChange: number; median: number };
    expect(p.change).toBeCloseTo(1.002 / 488 - 1, 12);
    expect(p.logChange).toBeCloseTo(Math.log(1.002 / 488), 12);
    // History: ln(3052/4200), ln(922/3052), ln(488/922); median = ln(488/922); MAD = |ln(3052/4200) − median|.
    const h = [Math.log(3052 / 4200), Math.log(922 / 3052), Math.log(488 / 922)];
    const mad = Math.abs(h[0]! - h[2]!);
    expect(p.median).toBeCloseTo(h[2]!, 12);
    expect(p.z).toBeCloseTo((Math.log(1.002 / 488) - h[2]!) / (1.4826 * mad), 9);
    expect(p.z).toBeLessThan(-DETECTION.alertZ);
    // The z-score rests on the whole history; the record on this value, the earlier low and last year.
    expect(fall.ids).toEqual([100, 101, 102, 103, 104]);
    expect(found[1]!.ids).toEqual([103, 104]);
    expect(found[1]!.params).toEqual({
      value: 1.002,
      unit: 'KG',
      previous: 488,
      previousYear: 2022,
      lastValue: 488,
      lastYear: 2022,
      change: 1.002 / 488 - 1,
      years: 5,
      firstYear: 2019,
      z: p.z,
    });
  });

  it('a quiet series yields nothing', () => {
    expect(brief(series(2014, [1000, 1050, 980, 1020, 1000, 1040, 990, 1010, 1030, 1000]))).toEqual([]);
    expect(brief([])).toEqual([]);
    // Too short to judge anything.
    expect(brief(series(2021, [1, 100, 1]))).toEqual([]);
  });

  it('records: info for a small step, notice for a large one, alert when the change is also unusual', () => {
    expect(brief(series(2014, [100, 120, 90, 110, 105, 95, 115, 100, 108, 130]))).toEqual([
      ['record_high', 2023, 'info'],
    ]);
    expect(brief(series(2014, [100, 120, 90, 110, 105, 95, 115, 100, 108, 170]))).toEqual([
      ['record_high', 2023, 'notice'],
    ]);
    expect(brief(series(2014, [100, 120, 90, 110, 105, 95, 115, 100, 108, 900]))).toEqual([
      ['record_high', 2023, 'alert'],
      ['unusual_change', 2023, 'alert'],
    ]);
    // A steady trend is one signal where it first passes its earlier extreme, unless a step is large.
    expect(brief(series(2010, [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 200, 201]))).toEqual([
      ['record_high', 2013, 'info'],
      ['record_high', 2020, 'alert'],
      ['unusual_change', 2020, 'alert'],
    ]);
    expect(brief(series(2010, [100, 99, 98, 97, 96, 95, 94, 96, 93, 92]))).toEqual([
      ['record_low', 2013, 'info'],
      ['record_low', 2018, 'info'],
    ]);
    // Ties are not records; a record needs three earlier values.
    expect(brief(series(2020, [5, 7, 6, 7]))).toEqual([]);
    expect(brief(series(2020, [5, 7, 8]))).toEqual([]);
  });

  it('an unusual change needs |z| ≥ 3.5 and a change of at least +50 % or −33 %', () => {
    // Very steady, then +30 %: a huge z, but too small a change to be unusual (the record stays).
    expect(brief(series(2014, [100, 101, 100, 101, 100, 101, 100, 101, 100, 130]))).toEqual([
      ['record_high', 2023, 'info'],
    ]);
    // A large fall that is no record: an unusual change only.
    const fall = detectSeries(series(2014, [100, 320, 280, 310, 290, 300, 305, 295, 310, 120]), {
      hasSubstance: true,
    });
    expect(fall.map((c) => [c.kind, c.year, c.severity])).toEqual([['unusual_change', 2023, 'alert']]);
    expect(fall[0]!.params).toMatchObject({ previousValue: 310, value: 120, history: 8 });
  });

  it('a history without spread makes any large change an alert without a z-score', () => {
    const found = detectSeries(series(2016, [10, 10, 10, 10, 30]), { hasSubstance: false });
    expect(found.map((c) => [c.kind, c.year, c.severity])).toEqual([
      ['record_high', 2020, 'alert'],
      ['unusual_change', 2020, 'alert'],
    ]);
    expect(found[1]!.params).toMatchObject({ z: null, medianChange: 0, history: 3 });
  });

  it('first appearance: after three quiet years, only for a substance; explicit zeros are cited', () => {
    const points = series(2014, [0, null, 0, 12, 11, 12, 11, 12, 12]);
    const found = detectSeries(points, { hasSubstance: true });
    expect(found.map((c) => [c.kind, c.year, c.severity])).toEqual([['first_appearance', 2017, 'notice']]);
    expect(found[0]!.params).toEqual({ value: 12, unit: 'KG', quietYears: 3, zeroYears: 2, firstYear: 2014 });
    expect(found[0]!.ids).toEqual([100, 102, 103]);
    expect(brief(points, false)).toEqual([]);
    // Two quiet years are not enough.
    expect(brief(series(2015, [null, 0, 12, 11, 12]))).toEqual([]);
  });

  it('a break in series is a signal of its own and no record or unusual change is read across it', () => {
    expect(brief(series(2014, [10, 11, 10, 11, 10, 11, 10, 11], { 2019: { status: 'B' } }))).toEqual([
      ['series_break', 2019, 'info'],
    ]);
    // 2023 would be a record high and an unusual rise, but the method changed that year.
    expect(
      brief(series(2014, [100, 120, 90, 110, 105, 95, 115, 100, 108, 900], { 2023: { status: 'B' } })),
    ).toEqual([['series_break', 2023, 'info']]);
  });

  it('values in another unit than the latest are gaps, not comparable values', () => {
    // 2019 is in tablets: without the rule, 5000 would be a record high and 2020 an unusual fall.
    const points = series(2014, [100, 120, 90, 110, 105, 5000, 115, 100, 108, 110], {
      2019: { unit: 'TABLETS' },
    });
    expect(brief(points)).toEqual([]);
  });
});
