import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { tempDir } from './test/helpers.ts';

/**
 * Export → import gives back the same cube, in every export format: values, missing values,
 * bounds, statuses, confidentiality, dimensions, sources and footnotes in both languages.
 */

const ROWS = [
  'indicator,area_code,substance_code,period,sex,age,item,value,lower,upper,unit,status,confidentiality,source_code,footnotes_en,footnotes_ru',
  'SZR_QTY,KAZ,heroin,2021,,,Heroin,1234.5,,,KG,A,public,RT_SOURCE,Includes one large seizure,Включая одно крупное изъятие',
  'SZR_QTY,KAZ,heroin,2022,,,Heroin,..,,,KG,M,public,RT_SOURCE,,',
  'SZR_QTY,TJK,opium,2022,,,Opium (raw and prepared),17.25,,,KG,P,dialogue,RT_SOURCE,Provisional | Two agencies,Предварительно | Два ведомства',
  'SZR_QTY,TJK,opium,2023,,,Opium (raw and prepared),9,,,KG,E,restricted,RT_SOURCE,,',
  'CULT_OPIUM_HA,AFG,,2020,,,,224000,202000,246000,HA,A,public,RT_SOURCE,,',
  'DRD_DEATHS,DEU,,2017,F,Y15T19,,12,,,PERSONS,A,public,RT_SOURCE,,',
  'DRD_DEATHS,DEU,,2017,M,_T,,1000,,,PERSONS,B,public,RT_SOURCE,Break in series,Разрыв ряда',
].join('\n');

interface Obs {
  indicator: string;
  area: string;
  substance: string | null;
  period: string;
  dims: Record<string, string>;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit: string;
  status: string;
  confidentiality: string;
  source: string;
  footnotes: unknown;
}

async function cube(t: TestApp): Promise<Obs[]> {
  const r = await sql<Obs>`
    select i.code as indicator, a.code as area, s.code as substance, o.period, o.dims, o.value, o.lower, o.upper,
      o.unit, o.status, o.confidentiality, src.code as source, o.footnotes
    from observation o join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
    left join substance s on s.id = o.substance_id join source src on src.id = o.source_id
    order by 1, 2, 3, 4, o.dim_key`.execute(t.database.db);
  return r.rows;
}

async function setup(): Promise<{ t: TestApp; editor: Session }> {
  const t = await createTestApp({ OBSERVATORY_FILES_DIR: tempDir() });
  const editor = await signIn(t, 'editor');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sources',
    headers: editor.headers,
    payload: { code: 'RT_SOURCE', publisher: 'Round trip', titleEn: 'Round-trip test', titleRu: 'Проверка' },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { t, editor };
}

async function upload(t: TestApp, s: Session, body: Buffer | string, name: string, preset: string) {
  const f = new FormData();
  f.append('preset', preset);
  f.append('wait', 'true');
  f.append('file', new Blob([body]), name);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: s.headers, payload: f });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ status: string; counts: Record<string, number>; issues: unknown[] }>();
}

let origin: { t: TestApp; editor: Session };
let expected: Obs[];

beforeAll(async () => {
  origin = await setup();
  const r = await upload(origin.t, origin.editor, ROWS, 'rt.csv', 'observatory-long');
  expect(r.status, JSON.stringify(r.issues)).toBe('committed');
  expected = await cube(origin.t);
  expect(expected).toHaveLength(7);
});
afterAll(async () => origin?.t.close());

describe.each([
  ['csv', 'observatory-long'],
  ['xlsx', 'observatory-long'],
  ['sdmx-csv', 'sdmx-csv'],
  ['sdmx-json', 'sdmx-json'],
])('export as %s, import with %s', (format, preset) => {
  it('gives back the same cube', async () => {
    const target = await setup();
    try {
      for (const indicator of ['SZR_QTY', 'CULT_OPIUM_HA', 'DRD_DEATHS']) {
        const exported = await origin.t.app.inject({
          url: `/api/v1/observations?indicator=${indicator}&format=${format}`,
          headers: origin.editor.headers,
        });
        expect(exported.statusCode, exported.body).toBe(200);
        const r = await upload(target.t, target.editor, exported.rawPayload, `export.${format}`, preset);
        expect(r.status, JSON.stringify(r.issues)).toBe('committed');
      }
      expect(await cube(target.t)).toEqual(expected);
    } finally {
      await target.t.close();
    }
  });
});
