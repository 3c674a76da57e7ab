import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { loadDemoPack } from '../imports/index.ts';

/**
 * On the demo pack (UNODC WDR 2025 table 7.1 extract and World Bank population, committed with
 * their manifest): the numbers analysts quote come out with their sources.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemoPack(t.database.db, fs.mkdtempSync(path.join(os.tmpdir(), 'obs-analytics-')));
});
afterAll(() => t?.close());

describe('analytics on the demo data', () => {
  it('gives Tajikistan heroin seizures 2019-2023 with their source, per capita from World Bank population', async () => {
    const res = await t.app.inject({
      url: '/api/v1/analytics/series?indicator=SZR_QTY&substance=heroin&area=TJK&from=2019&to=2023&lang=ru',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const points = body.series[0].points as { year: number; value: number; sources: string[] }[];
    expect(points.map((p) => p.year)).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(points.every((p) => p.value > 0)).toBe(true);
    expect(points[4]).toMatchObject({ value: 422.48, sources: ['UNODC_WDR2025_T7.1'] });
    expect(body.series[0].area.name).toBe('Таджикистан');
    expect(body.sources[0]).toMatchObject({ code: 'UNODC_WDR2025_T7.1', publisher: 'UNODC' });

    const perCapita = await t.app.inject({
      url: '/api/v1/analytics/series?indicator=SZR_QTY&substance=heroin&area=TJK&from=2023&to=2023&measure=per_capita',
    });
    const point = perCapita.json().series[0].points[0];
    // 422.48 kg / 10,389,799 inhabitants (World Bank SP.POP.TOTL, 2023) × 100,000.
    expect(point.value).toBeCloseTo((422.48 / 10_389_799) * 100_000, 10);
    expect(point.sources).toEqual(['UNODC_WDR2025_T7.1', 'WB_WDI_SP.POP.TOTL']);
  });

  it('aggregates Central Asia with coverage, equal to the sum of its members', async () => {
    const res = await t.app.inject({
      url: '/api/v1/analytics/series?indicator=SZR_QTY&substance=methamphetamine&group=CA5&area=KAZ,KGZ,TJK,TKM,UZB&from=2019&to=2023',
    });
    expect(res.statusCode, res.body).toBe(200);
    const series = res.json().series as {
      kind: string;
      points: { value: number | null; coverage?: { reporting: number } }[];
    }[];
    const group = series.find((s) => s.kind === 'group')!;
    const members = series.filter((s) => s.kind === 'area');
    group.points.forEach((p, i) => {
      const reported = members.filter((m) => m.points[i]!.value !== null);
      expect(p.coverage!.reporting).toBe(reported.length);
      if (reported.length)
        expect(p.value).toBeCloseTo(
          reported.reduce((s, m) => s + m.points[i]!.value!, 0),
          6,
        );
      else expect(p.value).toBeNull();
    });
  });
});
