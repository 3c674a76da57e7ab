import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { loadProgrammesDemo } from './index.ts';
import { loadStrategiesDemo } from '../strategies/index.ts';

/** The demo programme and strategy: idempotent loaders, content exactly as the reference files say. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('demo content', () => {
  it('loads once: the second run changes nothing', async () => {
    expect(await loadProgrammesDemo(t.database.db)).toBe(true);
    expect(await loadStrategiesDemo(t.database.db)).toBe(true);
    const snapshot = async () =>
      Promise.all(
        (
          [
            'programme',
            'programmeCountry',
            'programmeComponent',
            'programmeActivity',
            'strategy',
            'strategyNode',
            'progressUpdate',
            'strategyNodeIndicator',
          ] as const
        ).map(async (table) =>
          Number(
            (
              await t.database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const first = await snapshot();
    expect(first).toEqual([1, 5, 0, 0, 1, 11, 0, 0]);
    expect(await loadProgrammesDemo(t.database.db)).toBe(false);
    expect(await loadStrategiesDemo(t.database.db)).toBe(false);
    expect(await snapshot()).toEqual(first);
  });

  it('CADAP 7 is exactly what the press release says', async () => {
    const res = await t.app.inject({ url: '/api/v1/programmes/CADAP7' });
    const p = res.json<Json>();
    expect(p).toMatchObject({
      code: 'CADAP7',
      nameEn: 'Central Asia Drug Action Programme (CADAP 7)',
      nameRu: 'Программа действий по борьбе с наркотиками в Центральной Азии (КАДАП 7)',
      funderEn: 'European Union',
      funderRu: 'Европейский Союз',
      implementerEn:
        'FIIAPP — International and Ibero-American Foundation for Administration and Public Policies (Spanish public foundation)',
      implementerRu: 'ФИАПП — Международный иберо-американский фонд государственного управления и политики',
      startDate: null,
      endDate: null,
      components: [],
      activities: [],
      visibility: 'public',
    });
    expect(p.countries.map((c: Json) => c.code)).toEqual(['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
    expect(p.sourceReference).toContain('press-release-2023-12-12-eu-central-asia-drug-dialogue.ru.txt');
  });

  it('the EU Drugs Strategy 2021-2025 has only the verified items, no actions, no progress', async () => {
    const res = await t.app.inject({ url: '/api/v1/strategies/EU-DS-2021-2025?lang=ru' });
    expect(res.statusCode).toBe(200);
    const s = res.json<Json>();
    expect(s).toMatchObject({
      scope: 'eu',
      area: null,
      periodStart: 2021,
      periodEnd: 2025,
      titleEn: 'EU Drugs Strategy 2021-2025',
      adoptedByEn: 'Council of the European Union',
      visibility: 'public',
      rollup: { percent: null, status: null, coverage: { reported: 0, total: 6 } },
    });
    expect(s.sourceReference).toContain('OJ C 102 I, 24.3.2021');
    const brief = (nodes: Json[]): unknown[] =>
      nodes.map((n) => [n.kind, n.code, n.titleEn, ...(n.children.length ? [brief(n.children)] : [])]);
    expect(brief(s.nodes)).toEqual([
      [
        'policy_area',
        'I',
        'Drug supply reduction: enhancing security',
        [
          [
            'priority',
            'SP1',
            'Disrupt and dismantle high-risk drug-related organised crime groups operating in, originating in or targeting the EU Member States; address links with other security threats and improve crime prevention.',
          ],
          [
            'priority',
            'SP2',
            'Increase the detection of illicit wholesale trafficking of drugs and drug precursors at EU points of entry and exit.',
          ],
          [
            'priority',
            'SP3',
            'Tackle the exploitation of logistical and digital channels for medium- and small-volume illicit drug distribution and increase seizures of illicit substances smuggled through these channels in close cooperation with the private sector.',
          ],
          [
            'priority',
            'SP4',
            'Dismantle illicit drug production and counter illicit cultivation; prevent the diversion and trafficking of drug precursors for illicit drug production; and address environmental damage.',
          ],
        ],
      ],
      [
        'policy_area',
        'II',
        'Drug demand reduction: prevention, treatment and care services',
        [['priority', 'SP5', 'Prevent drug use and raise awareness of the adverse effects of drugs.']],
      ],
      ['policy_area', 'III', 'Addressing drug-related harm'],
      ['cross_cutting_theme', 'INT-COOP', 'International cooperation'],
      ['cross_cutting_theme', 'RESEARCH', 'Research, innovation and foresight'],
      ['cross_cutting_theme', 'COORDINATION', 'Coordination, governance and implementation'],
    ]);
    const all = (nodes: Json[]): Json[] => nodes.flatMap((n) => [n, ...all(n.children)]);
    for (const n of all(s.nodes)) {
      expect(n.titleRu, n.code).toMatch(/[а-яё]/i);
      expect(n.titleFallback).toBe(false);
      expect(n.latest).toBeNull();
      expect(n.indicators).toEqual([]);
    }
  });
});
