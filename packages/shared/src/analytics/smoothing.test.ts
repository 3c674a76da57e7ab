import { describe, expect, it } from 'vitest';
import { rollingMean } from './smoothing.ts';
import { codesOf, seriesOf, valuesOf } from './test/factories.ts';

describe('rollingMean', () => {
  it('averages the trailing window of consecutive years', () => {
    const result = rollingMean(seriesOf(2000, [3, 6, 9, 12]), 3);
    expect(valuesOf(result)).toEqual([null, null, 6, 9]);
    expect(result[0]).toEqual({
      kind: 'issue',
      year: 2000,
      code: 'incomplete_window',
      params: { window: 3, missing: 2 },
    });
    expect(result[3]).toEqual({ kind: 'value', year: 2003, value: 9, ids: [20010, 20020, 20030] });
  });

  it('does not fill or skip gaps', () => {
    // 2002 is null and 2004 is absent from the series altogether.
    const series = seriesOf(2000, [1, 2, null, 4, 5, 6, 7]).filter((p) => p.year !== 2004);
    const result = rollingMean(series, 2);
    expect(result.map((r) => r.year)).toEqual([2000, 2001, 2002, 2003, 2005, 2006]);
    expect(codesOf(result)).toEqual([
      'incomplete_window',
      null,
      'incomplete_window',
      'incomplete_window',
      'incomplete_window',
      null,
    ]);
    expect(valuesOf(result)[5]).toBe(6.5);
  });

  it('returns the values for a window of 1 and rejects a bad window', () => {
    expect(valuesOf(rollingMean(seriesOf(2000, [4, null, 5]), 1))).toEqual([4, null, 5]);
    expect(() => rollingMean([], 0)).toThrow(RangeError);
    expect(() => rollingMean([], 1.5)).toThrow(RangeError);
  });
});
