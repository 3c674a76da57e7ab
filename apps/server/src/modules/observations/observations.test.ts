import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';

// Values below are test fixtures (not statistics), except where a comment names the source.
let t: TestApp;
let editor: Session;
let viewer: Session;

const count = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('observation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
  for (const source of [
    {
      code: 'TEST-A',
      publisher: 'Test publisher A',
      titleEn: 'Fixture source A',
      titleRu: 'Тестовый источник A',
      year: 2024,
      priority: 10,
    },
    { code: 'TEST-B', publisher: 'Test publisher B', titleEn: 'Fixture source B', year: 2025, priority: 20 },
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: editor.headers,
      payload: source,
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

const seizure = (year: number, value: number, extra: Record<string, unknown> = {}) => ({
  indicator: 'SZR_QTY',
  area: 'TJK',
  substance: 'heroin',
  year,
  source: 'TEST-A',
  value,
  ...extra,
});

describe('observations', () => {
  it('writes observations and answers the query in JSON and CSV', async () => {
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: editor.headers,
      payload: {
        observations: [
          seizure(2019, 100.5),
          seizure(2020, 200),
          seizure(2021, 300.25),
          seizure(2022, 400),
          seizure(2023, 422.48),
        ],
      },
    });
    expect(write.statusCode, write.body).toBe(200);
    expect(write.json()).toMatchObject({ inserted: 5, updated: 0, unchanged: 0 });

    const res = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=TJK&substance=heroin&from=2019&to=2023&lang=ru',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.items.map((o: { year: number }) => o.year)).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(body.items[4]).toMatchObject({
      value: 422.48,
      unit: 'KG',
      area: { code: 'TJK', name: 'Таджикистан' },
      substance: { code: 'heroin', name: 'Героин' },
      source: { code: 'TEST-A', title: 'Тестовый источник A' },
      sourceCount: 1,
      revision: 1,
    });

    const csv = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=TJK&substance=heroin&format=csv',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(
      /^indicator,area_code,area,substance_code,substance,period,(item,)?(measureUnit,)?value,lower,upper,unit,status/,
    );
    expect(lines).toHaveLength(6);
    expect(lines[5]).toMatch(/,2023,(,)*422\.48,/);

    const paged = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=TJK&pageSize=2&page=3',
    });
    expect(paged.json()).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(paged.json().items.map((o: { year: number }) => o.year)).toEqual([2023]);
  });

  it('keeps every earlier value with who, when and why', async () => {
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: editor.headers,
      payload: { observations: [seizure(2022, 400)] },
    });
    expect(same.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const id = same.json().ids[0];

    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: editor.headers,
      payload: { observations: [seizure(2022, 410)], reason: 'Revised in the 2025 edition' },
    });
    expect(changed.json()).toMatchObject({ updated: 1 });

    const noReason = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/observations/${id}`,
      headers: editor.headers,
      payload: { value: 415 },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].param).toBe('reason');

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/observations/${id}`,
      headers: editor.headers,
      payload: { value: 415, status: 'P', reason: 'Provisional national figure' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ value: 415, status: 'P', revision: 3 });

    const history = await t.app.inject({ url: `/api/v1/observations/${id}/history` });
    const revisions = history.json().revisions;
    expect(revisions.map((r: { revision: number; value: number }) => [r.revision, r.value])).toEqual([
      [3, 415],
      [2, 410],
      [1, 400],
    ]);
    expect(revisions[0]).toMatchObject({
      current: true,
      reason: 'Provisional national figure',
      recordedBy: expect.stringMatching(/^editor-/),
    });
    expect(revisions[1]).toMatchObject({ current: false, reason: 'Revised in the 2025 edition' });
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entity', '=', 'observation')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['observation.write', 'observation.update']),
    );
  });

  it('rejects a request with any bad row and writes nothing, naming each problem', async () => {
    const before = await count();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: { ...editor.headers, 'accept-language': 'ru' },
      payload: {
        observations: [
          seizure(2018, 50),
          seizure(2017, -3),
          seizure(2016, 5, { unit: 'HA' }),
          seizure(2015, 5, { status: 'Q' }),
          seizure(2018, 60),
          {
            indicator: 'CULT_OPIUM_HA',
            area: 'AFG',
            year: 2019,
            source: 'TEST-A',
            value: 0,
            lower: 149000,
            upper: 178000,
          },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const params = res
      .json()
      .error.details.map((d: { param: string; code: string }) => `${d.param}:${d.code}`);
    expect(params).toEqual(
      expect.arrayContaining([
        'observations.1.value:negative_value',
        'observations.2.unit:unit_mismatch',
        'observations.3.status:unknown_codes',
        'observations.4:duplicate',
        'observations.5.value:value_outside_bounds',
      ]),
    );
    expect(
      res.json().error.details.find((d: { code: string }) => d.code === 'negative_value').message,
    ).toMatch(/отрицательно/);
    expect(await count()).toBe(before);

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: editor.headers,
      payload: { observations: [{ ...seizure(2018, 1), area: 'XXX', substance: 'unobtainium' }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ param: 'area', unknown: ['XXX'] }),
        expect.objectContaining({ param: 'substance', unknown: ['unobtainium'] }),
      ]),
    );
    expect(await count()).toBe(before);
  });

  it('lists unknown codes back and names bad parameters', async () => {
    const res = await t.app.inject({ url: '/api/v1/observations?indicator=SZR_QTY&area=KAZ,XXX,YYY' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'unknown_codes',
      details: [{ param: 'area', unknown: ['XXX', 'YYY'] }],
    });
    expect(res.json().error.message).toContain('XXX, YYY');
    const ind = await t.app.inject({ url: '/api/v1/observations?indicator=NOPE' });
    expect(ind.json().error.details[0]).toMatchObject({ param: 'indicator', unknown: ['NOPE'] });
    const missing = await t.app.inject({ url: '/api/v1/observations' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].param).toBe('indicator');
    const order = await t.app.inject({ url: '/api/v1/observations?indicator=SZR_QTY&from=2023&to=2019' });
    expect(order.statusCode).toBe(400);
    expect(order.json().error.details[0].param).toBe('from');
    const year = await t.app.inject({ url: '/api/v1/observations?indicator=SZR_QTY&from=20x' });
    expect(year.json().error.details[0].param).toBe('from');
  });

  it('hides unpublished data from those who may not see it', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: editor.headers,
      payload: {
        observations: [
          seizure(2019, 1, { area: 'UZB', confidentiality: 'dialogue' }),
          seizure(2020, 2, { area: 'UZB', confidentiality: 'restricted' }),
          seizure(2021, 3, { area: 'UZB' }),
        ],
      },
    });
    const url = '/api/v1/observations?indicator=SZR_QTY&area=UZB';
    const years = async (headers: Record<string, string> = {}) =>
      (await t.app.inject({ url, headers })).json().items.map((o: { year: number }) => o.year);
    expect(await years()).toEqual([2021]);
    expect(await years({ cookie: viewer.cookie })).toEqual([2019, 2021]);
    expect(await years({ cookie: editor.cookie })).toEqual([2019, 2020, 2021]);
    const csv = await t.app.inject({ url: `${url}&format=csv` });
    expect(csv.body).not.toContain(',2020,');
    const restrictedId = (
      await t.database.db
        .selectFrom('observation')
        .select('id')
        .where('confidentiality', '=', 'restricted')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await t.app.inject({ url: `/api/v1/observations/${restrictedId}` })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          url: `/api/v1/observations/${restrictedId}/history`,
          headers: { cookie: viewer.cookie },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          url: `/api/v1/observations/${restrictedId}`,
          headers: { cookie: editor.cookie },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('keeps both values when two sources disagree and prefers one by the documented rule', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: editor.headers,
      payload: { observations: [seizure(2023, 430, { source: 'TEST-B' })] },
    });
    const preferred = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=TJK&from=2023&to=2023',
    });
    expect(preferred.json().items).toHaveLength(1);
    expect(preferred.json().items[0]).toMatchObject({
      value: 422.48,
      source: { code: 'TEST-A' },
      sourceCount: 2,
    });
    expect(preferred.json().preferenceRule).toMatch(/lowest priority/);
    const all = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=TJK&from=2023&to=2023&sources=all',
    });
    expect(all.json().items.map((o: { value: number }) => o.value)).toEqual([422.48, 430]);
    const onlyB = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=TJK&from=2023&to=2023&source=TEST-B',
    });
    expect(onlyB.json().items.map((o: { value: number }) => o.value)).toEqual([430]);
  });

  it('filters by other dimensions and checks them against the indicator', async () => {
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: editor.headers,
      payload: {
        observations: [
          {
            indicator: 'DRD_DEATHS',
            area: 'AUT',
            year: 2017,
            source: 'TEST-A',
            value: 10,
            dims: { sex: 'F', age: 'Y25T29' },
          },
          {
            indicator: 'DRD_DEATHS',
            area: 'AUT',
            year: 2017,
            source: 'TEST-A',
            value: 20,
            dims: { sex: 'M', age: 'Y25T29' },
          },
          {
            indicator: 'DRD_DEATHS',
            area: 'AUT',
            year: 2017,
            source: 'TEST-A',
            value: 30,
            dims: { sex: '_T', age: '_T' },
          },
        ],
      },
    });
    expect(write.statusCode, write.body).toBe(200);
    const f = await t.app.inject({ url: '/api/v1/observations?indicator=DRD_DEATHS&area=AUT&dim=sex:F' });
    expect(f.json().items.map((o: { value: number; dims: object }) => [o.value, o.dims])).toEqual([
      [10, { sex: 'F', age: 'Y25T29' }],
    ]);
    const both = await t.app.inject({
      url: '/api/v1/observations?indicator=DRD_DEATHS&area=AUT&dim=age:Y25T29&dim=sex:M',
    });
    expect(both.json().items.map((o: { value: number }) => o.value)).toEqual([20]);
    const csv = await t.app.inject({ url: '/api/v1/observations?indicator=DRD_DEATHS&area=AUT&format=csv' });
    expect(csv.body.split('\n')[0]).toContain(',period,sex,age,value,');
    const badCode = await t.app.inject({ url: '/api/v1/observations?indicator=DRD_DEATHS&dim=sex:X' });
    expect(badCode.json().error.details[0]).toMatchObject({ param: 'dim', unknown: ['sex:X'] });
    const badDim = await t.app.inject({ url: '/api/v1/observations?indicator=SZR_QTY&dim=sex:F' });
    expect(badDim.statusCode).toBe(400);
    expect(badDim.json().error.details[0].code).toBe('dimension_not_allowed');
  });

  it('expands a group to its members', async () => {
    const res = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=CA5&substance=heroin',
    });
    const areas = new Set(res.json().items.map((o: { area: { code: string } }) => o.area.code));
    expect([...areas].sort()).toEqual(['TJK', 'UZB']);
  });
});
