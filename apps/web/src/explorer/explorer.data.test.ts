import { describe, expect, it } from 'vitest';
import type { Observation, SeriesResponse } from '../api/types.ts';
import { buildSeries, nonPositiveCount, notablePoints, PALETTE, yearsOf } from './explorer.data.ts';

function observation(id: number, area: string, year: number, patch: Partial<Observation> = {}): Observation {
  return {
    id,
    indicator: 'CULT_OPIUM_HA',
    area: { code: area, name: area === 'AFG' ? 'Afghanistan' : area },
    period: String(year),
    year,
    substance: null,
    dims: {},
    value: 100,
    lower: null,
    upper: null,
    unit: 'HA',
    status: 'A',
    confidentiality: 'public',
    footnotes: [],
    source: { code: 'S', publisher: 'UNODC', title: 'T', tableName: null, year: 2025 },
    sourceCount: 1,
    ...patch,
  };
}

const missing = { code: 'missing_value', params: {}, message: 'No data for this year.' };

function response(patch: Partial<SeriesResponse> = {}): SeriesResponse {
  return {
    indicator: { code: 'CULT_OPIUM_HA', name: 'Opium poppy' },
    substance: null,
    measure: 'value',
    transform: 'none',
    unit: { code: 'HA', per: null },
    from: 2018,
    to: 2020,
    series: [
      {
        kind: 'area',
        area: { code: 'AFG', name: 'Afghanistan' },
        points: [
          { year: 2018, value: 263000, issue: null, observationIds: [1], sources: ['S'] },
          { year: 2019, value: null, issue: missing, observationIds: [], sources: [] },
          { year: 2020, value: 224000, issue: null, observationIds: [3], sources: ['S'] },
        ],
        cagr: null,
      },
      {
        kind: 'group',
        area: { code: 'CA5', name: 'Central Asia' },
        members: ['KAZ', 'TJK'],
        points: [
          {
            year: 2018,
            value: 0,
            issue: null,
            observationIds: [],
            sources: [],
            coverage: { reporting: 2, members: 2 },
          },
          {
            year: 2019,
            value: 5,
            issue: null,
            observationIds: [10],
            sources: ['S'],
            coverage: { reporting: 1, members: 2 },
          },
          {
            year: 2020,
            value: null,
            issue: { ...missing, code: 'no_reporting_members' },
            observationIds: [],
            sources: [],
            coverage: { reporting: 0, members: 2 },
          },
        ],
        cagr: null,
      },
    ],
    sources: [],
    ...patch,
  };
}

const observations = [
  observation(1, 'AFG', 2018, { value: 263000, lower: 238000, upper: 287000, status: 'E' }),
  // The gap year still has an observation: recorded as missing, with the source's footnote.
  observation(2, 'AFG', 2019, {
    value: null,
    status: 'M',
    footnotes: ['The source gives 0; recorded as missing.'],
  }),
  observation(3, 'AFG', 2020, { value: 224000 }),
  observation(10, 'TJK', 2019, { value: 5, status: 'B', footnotes: ['New method.'] }),
];

describe('explorer series', () => {
  it('keeps gaps as nulls with their reasons, never zeros', () => {
    const [afg] = buildSeries(response(), observations, null, null);
    expect(afg?.points.map((p) => p.value)).toEqual([263000, null, 224000]);
    expect(afg?.points[1]?.reason).toBe('No data for this year.');
    expect(afg?.points[0]?.reason).toBeNull();
  });

  it('carries status flags, footnotes and bounds of the observations behind each number', () => {
    const [afg, ca5] = buildSeries(response(), observations, null, null);
    expect(afg?.points[0]).toMatchObject({ statuses: ['E'], bounds: { lower: 238000, upper: 287000 } });
    // A gap finds its observation by area and year: the footnote says why it is missing.
    expect(afg?.points[1]).toMatchObject({
      statuses: ['M'],
      footnotes: ['The source gives 0; recorded as missing.'],
    });
    // A group total names the member a footnote belongs to.
    expect(ca5?.points[1]).toMatchObject({ statuses: ['B'], footnotes: ['TJK: New method.'], bounds: null });
    expect(ca5?.points[1]?.coverage).toEqual({ reporting: 1, members: 2 });
  });

  it('drops bounds from rates and transforms (they belong to the observation’s own value)', () => {
    const [afg] = buildSeries(response({ measure: 'per_capita' }), observations, null, null);
    expect(afg?.points[0]?.bounds).toBeNull();
    const [indexed] = buildSeries(response({ transform: 'index' }), observations, null, null);
    expect(indexed?.points[0]?.bounds).toBeNull();
  });

  it('cuts the chosen years and colours series in palette order', () => {
    const series = buildSeries(response(), observations, 2019, 2020);
    expect(yearsOf(series)).toEqual([2019, 2020]);
    expect(series.map((s) => s.color)).toEqual([PALETTE[0], PALETTE[1]]);
    expect(series.map((s) => s.kind)).toEqual(['area', 'group']);
  });

  it('lists what the notes must mention: gaps, flags, footnotes, partial totals', () => {
    const notes = notablePoints(buildSeries(response(), observations, null, null)).map(
      ({ series, point }) => `${series.code} ${point.year}`,
    );
    expect(notes).toEqual(['AFG 2018', 'AFG 2019', 'CA5 2019', 'CA5 2020']);
  });

  it('counts the values a log scale cannot draw', () => {
    expect(nonPositiveCount(buildSeries(response(), observations, null, null))).toBe(1);
  });
});
