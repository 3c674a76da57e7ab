import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../api/types.ts';
import { asOverviewGroup, explorerHref, latestOf, trimmed, uniqueSources } from './profile.ts';

function point(year: number, value: number | null): SeriesPoint {
  return { year, value, issue: null, observationIds: [], sources: [] };
}

describe('latestOf', () => {
  it('takes the last year with a number and the change from the year before', () => {
    const latest = latestOf([point(2021, 100), point(2022, 200), point(2023, 150), point(2024, null)]);
    expect(latest?.point.year).toBe(2023);
    expect(latest?.previous?.year).toBe(2022);
    expect(latest?.change).toBeCloseTo(-0.25);
  });

  it('never treats a missing year as zero', () => {
    const latest = latestOf([point(2021, 100), point(2022, null), point(2023, 150)]);
    expect(latest?.previous).toBeNull();
    expect(latest?.change).toBeNull();
    expect(latestOf([point(2022, null), point(2023, null)])).toBeNull();
    expect(latestOf([])).toBeNull();
  });

  it('gives no change from zero', () => {
    expect(latestOf([point(2022, 0), point(2023, 5)])?.change).toBeNull();
  });
});

describe('trimmed', () => {
  it('cuts leading and trailing gaps but keeps inner ones', () => {
    const years = trimmed([
      point(2019, null),
      point(2020, 1),
      point(2021, null),
      point(2022, 2),
      point(2023, null),
    ]);
    expect(years.map((p) => p.year)).toEqual([2020, 2021, 2022]);
    expect(trimmed([point(2020, null)])).toEqual([]);
  });
});

describe('explorerHref', () => {
  it('writes the explorer permalink format', () => {
    expect(explorerHref({ indicator: 'SZR_QTY', substance: 'heroin', areas: ['TJK'], tab: 'table' })).toBe(
      '/explorer?indicator=SZR_QTY&substance=heroin&area=TJK&tab=table',
    );
    expect(explorerHref({ indicator: 'POP_TOTAL', areas: ['KAZ', 'KGZ'], groups: ['CA5'] })).toBe(
      '/explorer?indicator=POP_TOTAL&area=KAZ,KGZ&group=CA5',
    );
  });
});

describe('asOverviewGroup and uniqueSources', () => {
  it('falls back to Central Asia for unknown groups', () => {
    expect(asOverviewGroup('EU27')).toBe('EU27');
    expect(asOverviewGroup('XX')).toBe('CA5');
    expect(asOverviewGroup(null)).toBe('CA5');
  });

  it('lists each source once', () => {
    const a = { code: 'A', publisher: 'P', title: 'T', table: null, year: null, url: null };
    const b = { ...a, code: 'B' };
    expect(uniqueSources([[a], undefined, [a, b]]).map((s) => s.code)).toEqual(['A', 'B']);
  });
});
