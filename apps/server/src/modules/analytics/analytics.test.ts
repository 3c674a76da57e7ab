import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';

// Values below are test fixtures (not statistics).
let t: TestApp;
let editor: Session;

interface Point {
  year: number;
  value: number | null;
  issue: { code: string; message: string; params: Record<string, unknown> } | null;
  observationIds: number[];
  sources: string[];
  statuses: string[];
  footnotes: string[];
  coverage?: { reporting: number; members: number };
}
interface Series {
  kind: 'area' | 'group';
  area: { code: string; name: string };
  points: Point[];
  cagr: Point | null;
}

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ url, headers });
  return { status: res.statusCode, body: res.json() };
};
const series = async (query: string, headers: Record<string, string> = {}) => {
  const res = await get(`/api/v1/analytics/series?${query}`, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    series: Series[];
    sources: { code: string }[];
    unit: { code: string; per: number | null };
  };
};
const values = (s: Series) => s.points.map((p) => p.value);

const obs = (
  indicator: string,
  area: string,
  year: number,
  value: number | null,
  extra: Record<string, unknown> = {},
) => ({
  indicator,
  area,
  year,
  value,
  source: 'FIX-A',
  ...(indicator === 'POP_TOTAL' ? {} : { substance: 'heroin' }),
  ...(value === null ? { status: 'M' } : {}),
  ...extra,
});

/** Observation ids by area and year, read back through the observations API (editor sees all). */
async function idOf(indicator: string, area: string, year: number, source = 'FIX-A'): Promise<number> {
  const substance = indicator === 'POP_TOTAL' ? '' : '&substance=heroin';
  const res = await get(
    `/api/v1/observations?indicator=${indicator}&area=${area}${substance}&from=${year}&to=${year}&source=${source}`,
    editor.headers,
  );
  return (res.body as { items: { id: number }[] }).items[0]!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t, 'editor');
  for (const source of [
    {
      code: 'FIX-A',
      publisher: 'Fixture publisher',
      titleEn: 'Fixture A',
      titleRu: 'Фикстура A',
      priority: 10,
    },
    { code: 'FIX-B', publisher: 'Fixture publisher', titleEn: 'Fixture B', priority: 20 },
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: editor.headers,
      payload: source,
    });
    expect(res.statusCode).toBe(201);
  }
  const observations = [
    // Seizures: KAZ complete, KGZ with a gap in 2021 and a zero in 2020, TJK with a restricted 2022.
    ...[2019, 2020, 2021, 2022, 2023].map((y, i) => obs('SZR_QTY', 'KAZ', y, [100, 150, 120, 180, 240][i]!)),
    obs('SZR_QTY', 'KGZ', 2019, 10),
    obs('SZR_QTY', 'KGZ', 2020, 0),
    obs('SZR_QTY', 'KGZ', 2022, 30),
    obs('SZR_QTY', 'KGZ', 2023, 40),
    obs('SZR_QTY', 'TJK', 2019, 50),
    obs('SZR_QTY', 'TJK', 2020, 60),
    obs('SZR_QTY', 'TJK', 2021, 70),
    obs('SZR_QTY', 'TJK', 2022, 999, { confidentiality: 'restricted' }),
    obs('SZR_QTY', 'TJK', 2023, 80),
    // A second, less preferred source for KAZ 2023: never added to the preferred one.
    obs('SZR_QTY', 'KAZ', 2023, 7, { source: 'FIX-B' }),
    // Population: KGZ lacks 2023.
    ...[2019, 2020, 2021, 2022, 2023].map((y) => obs('POP_TOTAL', 'KAZ', y, 1_000_000)),
    ...[2019, 2020, 2021, 2022].map((y) => obs('POP_TOTAL', 'KGZ', y, 500_000)),
    ...[2019, 2020, 2021, 2022, 2023].map((y) => obs('POP_TOTAL', 'TJK', y, 200_000)),
    // Deaths by sex with their total, and population by sex for women only.
    obs('DRD_DEATHS', 'KAZ', 2023, 10, { substance: null, dims: { sex: 'F', age: '_T' } }),
    obs('DRD_DEATHS', 'KAZ', 2023, 30, { substance: null, dims: { sex: 'M', age: '_T' } }),
    obs('DRD_DEATHS', 'KAZ', 2023, 40, {
      substance: null,
      dims: { sex: '_T', age: '_T' },
      status: 'E',
      footnotes: [{ en: 'Estimated by the fixture', ru: 'Оценка фикстуры' }],
    }),
    obs('POP_TOTAL', 'KAZ', 2023, 400_000, { dims: { sex: 'F' } }),
    // A price: not additive.
    obs('PPP_PRICE', 'KAZ', 2023, 25, { dims: { marketLevel: 'RETAIL', stat: 'MEAN', study: 'S1' } }),
    obs('PPP_PRICE', 'KAZ', 2023, 35, { dims: { marketLevel: 'RETAIL', stat: 'MEAN', study: 'S2' } }),
  ];
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/observations',
    headers: editor.headers,
    payload: { observations },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t?.close());

describe('analytics series', () => {
  it('gives each area its preferred values, gaps as null with the reason, and the observations behind each number', async () => {
    const body = await series('indicator=SZR_QTY&substance=heroin&area=KAZ,KGZ,TJK&from=2019&to=2023');
    const [kaz, kgz, tjk] = body.series;
    expect(values(kaz!)).toEqual([100, 150, 120, 180, 240]);
    expect(kaz!.points[4]!.observationIds).toEqual([await idOf('SZR_QTY', 'KAZ', 2023)]);
    expect(kaz!.points[4]!.sources).toEqual(['FIX-A']);
    expect(values(kgz!)).toEqual([10, 0, null, 30, 40]);
    expect(kgz!.points[2]!.issue).toMatchObject({ code: 'missing_value', message: 'No data for this year.' });
    // The restricted value is not there for the public, and not replaced by anything.
    expect(values(tjk!)).toEqual([50, 60, 70, null, 80]);
    expect(body.sources.map((s) => s.code)).toEqual(['FIX-A']);
    expect(body.unit).toEqual({ code: 'KG', per: null });

    const signedIn = await series(
      'indicator=SZR_QTY&substance=heroin&area=TJK&from=2022&to=2022',
      editor.headers,
    );
    expect(values(signedIn.series[0]!)).toEqual([999]);
  });

  it('computes per capita rates from population of the same year and never guesses a missing one', async () => {
    const body = await series(
      'indicator=SZR_QTY&substance=heroin&area=KAZ,KGZ&from=2022&to=2023&measure=per_capita&lang=ru',
    );
    const [kaz, kgz] = body.series;
    expect(values(kaz!)).toEqual([18, 24]);
    expect(kaz!.points[1]!.observationIds).toEqual(
      [await idOf('SZR_QTY', 'KAZ', 2023), await idOf('POP_TOTAL', 'KAZ', 2023)].sort((a, b) => a - b),
    );
    expect(values(kgz!)).toEqual([6, null]);
    expect(kgz!.points[1]!.issue).toMatchObject({ code: 'missing_denominator' });
    expect(kgz!.points[1]!.issue!.message).toContain('численность населения');
    expect(body.unit).toEqual({ code: 'KG', per: 100_000 });

    const perMillion = await series(
      'indicator=SZR_QTY&substance=heroin&area=KAZ&from=2023&to=2023&measure=per_capita&per=1000000',
    );
    expect(values(perMillion.series[0]!)).toEqual([240]);
  });

  it('refuses per capita of a price and cannot add up price studies', async () => {
    const perCapita = await series(
      'indicator=PPP_PRICE&substance=heroin&area=KAZ&from=2023&to=2023&measure=per_capita&dim=study:S1',
    );
    expect(perCapita.series[0]!.points[0]).toMatchObject({ value: null, issue: { code: 'not_applicable' } });
    const both = await series('indicator=PPP_PRICE&substance=heroin&area=KAZ&from=2023&to=2023');
    expect(both.series[0]!.points[0]).toMatchObject({
      value: null,
      issue: { code: 'ambiguous_dimension', params: { dimensions: 'marketLevel, stat, study' } },
    });
    const one = await series('indicator=PPP_PRICE&substance=heroin&area=KAZ&from=2023&to=2023&dim=study:S2');
    expect(values(one.series[0]!)).toEqual([35]);
  });

  it('reads the total of a breakdown unless one member is asked for; per capita divides by that member’s population', async () => {
    const total = await series('indicator=DRD_DEATHS&area=KAZ&from=2023&to=2023&lang=ru');
    expect(total.series[0]!.points[0]).toMatchObject({
      value: 40,
      statuses: ['E'],
      footnotes: ['Оценка фикстуры'],
    });
    const women = await series(
      'indicator=DRD_DEATHS&area=KAZ&from=2023&to=2023&dim=sex:F&measure=per_capita',
    );
    expect(values(women.series[0]!)).toEqual([(10 / 400_000) * 100_000]);
    expect(women.series[0]!.points[0]!.statuses).toEqual([]);
    const men = await series('indicator=DRD_DEATHS&area=KAZ&from=2023&to=2023&dim=sex:M&measure=per_capita');
    expect(men.series[0]!.points[0]).toMatchObject({ value: null, issue: { code: 'missing_denominator' } });
  });

  it('applies year-on-year, index and rolling mean, keeping the reason of a gap underneath', async () => {
    const pct = await series(
      'indicator=SZR_QTY&substance=heroin&area=KAZ,KGZ&from=2019&to=2023&transform=yoy_pct',
    );
    expect(values(pct.series[0]!)).toEqual([null, 50, -20, 50, (240 / 180 - 1) * 100]);
    expect(pct.series[0]!.points[0]!.issue).toMatchObject({
      code: 'no_previous_year',
      params: { previousYear: 2018 },
    });
    // KGZ: 2020 → 0 is −100 %, 2021 is a gap, 2022 has no previous year, 2021 a zero base cannot happen.
    expect(values(pct.series[1]!)).toEqual([null, -100, null, null, (40 / 30 - 1) * 100]);
    expect(pct.unit.code).toBe('PCT');

    const abs = await series('indicator=SZR_QTY&substance=heroin&area=KAZ&from=2019&to=2023&transform=yoy');
    expect(values(abs.series[0]!)).toEqual([null, 50, -30, 60, 60]);

    const index = await series(
      'indicator=SZR_QTY&substance=heroin&area=KAZ&from=2019&to=2023&transform=index&baseYear=2019',
    );
    expect(values(index.series[0]!)).toEqual([100, 150, 120, 180, 240]);
    expect(index.series[0]!.points[4]!.observationIds).toHaveLength(2);

    const rolling = await series(
      'indicator=SZR_QTY&substance=heroin&area=KAZ&from=2019&to=2023&transform=rolling_mean&window=3',
    );
    expect(values(rolling.series[0]!)).toEqual([null, null, 370 / 3, 450 / 3, 540 / 3]);

    const perCapitaYoy = await series(
      'indicator=SZR_QTY&substance=heroin&area=KGZ&from=2022&to=2023&measure=per_capita&transform=yoy_pct',
    );
    expect(perCapitaYoy.series[0]!.points[1]!.issue).toMatchObject({ code: 'missing_denominator' });
  });

  it('gives CAGR over a range, and an issue across a zero', async () => {
    const body = await series(
      'indicator=SZR_QTY&substance=heroin&area=KAZ,KGZ&from=2019&to=2023&cagrFrom=2019&cagrTo=2023',
    );
    expect(body.series[0]!.cagr!.value).toBeCloseTo((Math.pow(240 / 100, 1 / 4) - 1) * 100, 10);
    expect(body.series[0]!.cagr!.observationIds).toHaveLength(2);
    const zero = await series(
      'indicator=SZR_QTY&substance=heroin&area=KGZ&from=2019&to=2023&cagrFrom=2020&cagrTo=2023',
    );
    expect(zero.series[0]!.cagr).toMatchObject({ value: null, issue: { code: 'zero_base' } });
  });

  it('aggregates a group with coverage and no gap-filling; per capita over the reporting members only', async () => {
    const body = await series(
      'indicator=SZR_QTY&substance=heroin&group=CA5&area=KAZ,KGZ,TJK&from=2019&to=2023',
    );
    const [kaz, kgz, tjk, ca5] = body.series;
    expect(ca5!.kind).toBe('group');
    const sumOfMembers = [0, 1, 2, 3, 4].map((i) =>
      [kaz, kgz, tjk].reduce((sum, s) => sum + (s!.points[i]!.value ?? 0), 0),
    );
    expect(values(ca5!)).toEqual(sumOfMembers);
    expect(ca5!.points.map((p) => p.coverage)).toEqual([
      { reporting: 3, members: 5 },
      { reporting: 3, members: 5 },
      { reporting: 2, members: 5 },
      { reporting: 2, members: 5 },
      { reporting: 3, members: 5 },
    ]);

    const perCapita = await series(
      'indicator=SZR_QTY&substance=heroin&group=CA5&from=2023&to=2023&measure=per_capita',
    );
    // KGZ has no 2023 population, so 2023 is (240 + 80) / (1,000,000 + 200,000) per 100,000.
    expect(perCapita.series[0]!.points[0]).toMatchObject({ coverage: { reporting: 2, members: 5 } });
    expect(perCapita.series[0]!.points[0]!.value).toBeCloseTo((320 / 1_200_000) * 100_000, 10);

    const early = await series('indicator=SZR_QTY&substance=heroin&group=CA5&from=2010&to=2011');
    expect(early.series[0]!.points[0]).toMatchObject({
      value: null,
      issue: { code: 'no_reporting_members' },
      coverage: { reporting: 0, members: 5 },
    });

    const share = await series(
      'indicator=SZR_QTY&substance=heroin&area=KAZ&from=2019&to=2019&transform=share_of_group&shareOf=CA5',
    );
    expect(values(share.series[0]!)).toEqual([(100 / 160) * 100]);
  });

  it('ranks areas with shared ranks, areas without a number last', async () => {
    const res = await get('/api/v1/analytics/ranking?indicator=SZR_QTY&substance=heroin&year=2021&group=CA5');
    expect(res.status).toBe(200);
    const items = (
      res.body as { items: { rank: number | null; area: { code: string }; value: number | null }[] }
    ).items;
    expect(items.map((i) => [i.rank, i.area.code, i.value])).toEqual([
      [1, 'KAZ', 120],
      [2, 'TJK', 70],
      [null, 'KGZ', null],
      [null, 'TKM', null],
      [null, 'UZB', null],
    ]);
  });

  it('compares an area with its group, with its share of the group total', async () => {
    const res = await get(
      '/api/v1/analytics/compare?indicator=SZR_QTY&substance=heroin&area=TJK&group=CA5&from=2019&to=2019',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      member: true,
      area: { points: [{ value: 50 }] },
      group: { points: [{ value: 160 }] },
    });
    expect(res.body.share[0].value).toBeCloseTo(31.25, 10);
  });

  it('answers bad requests with 400 naming what is wrong', async () => {
    const cases: [string, string, string][] = [
      ['indicator=SZR_QTY&substance=heroin&area=KAZ,XXX', 'unknown_codes', 'XXX'],
      ['indicator=SZR_QTY&substance=nosuchdrug&area=KAZ', 'unknown_codes', 'nosuchdrug'],
      ['indicator=NOPE&area=KAZ', 'unknown_codes', 'NOPE'],
      ['indicator=SZR_QTY&substance=heroin&area=KAZ&transform=squared', 'invalid_parameter', 'transform'],
      ['indicator=SZR_QTY&substance=heroin&area=KAZ&transform=index', 'invalid_parameter', 'baseYear'],
      ['indicator=SZR_QTY&substance=heroin&area=CA5', 'invalid_parameter', 'CA5'],
      ['indicator=SZR_QTY&substance=heroin&group=KAZ', 'invalid_parameter', 'KAZ'],
      ['indicator=SZR_QTY&area=KAZ', 'invalid_parameter', 'substance'],
      ['indicator=SZR_QTY&substance=heroin', 'invalid_parameter', 'area'],
      ['indicator=SZR_QTY&substance=heroin&area=KAZ&cagrFrom=2020', 'invalid_parameter', 'cagrTo'],
      [
        'indicator=SZR_QTY&substance=heroin&area=KAZ&measure=per_capita&transform=share_of_group&shareOf=CA5',
        'invalid_parameter',
        'measure',
      ],
    ];
    for (const [query, code, named] of cases) {
      const res = await get(`/api/v1/analytics/series?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe(code);
      expect(JSON.stringify(res.body.error), query).toContain(named);
    }
  });
});
