import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code);

describe('areas', () => {
  it('holds every ISO 3166 country and territory with names in English and Russian', async () => {
    const res = await t.app.inject({ url: '/api/v1/areas?kind=country,territory&pageSize=1000' });
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(249);
    for (const a of body.items) {
      expect(a.nameEn).toBeTruthy();
      expect(a.nameRu).toMatch(/[А-Яа-яЁё]/);
    }
    const kgz = body.items.find((a: { code: string }) => a.code === 'KGZ');
    expect(kgz).toMatchObject({ alpha2: 'KG', m49: 417, atlasId: '417' });
  });

  it('finds Kyrgyzstan by English, Russian and transliterated names', async () => {
    for (const q of ['Kyrgyz', 'Кыргыз', 'kirgiz', 'Киргизия', 'KGZ', 'kg']) {
      const res = await t.app.inject({ url: `/api/v1/areas?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(200);
      expect(codes(res.json()), q).toContain('KGZ');
    }
    const tj = await t.app.inject({ url: `/api/v1/areas?q=${encodeURIComponent('Tadzhik')}` });
    expect(codes(tj.json())).toContain('TJK');
  });

  it('lists the Central Asia 5 and EU27 groups, names in the requested language, sorted by them', async () => {
    const ca = await t.app.inject({ url: '/api/v1/areas?group=CA5&lang=ru' });
    expect(codes(ca.json()).sort()).toEqual(['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
    const names = ca.json().items.map((a: { name: string }) => a.name);
    expect(names).toEqual(['Казахстан', 'Кыргызстан', 'Таджикистан', 'Туркменистан', 'Узбекистан']);
    const eu = await t.app.inject({ url: '/api/v1/areas?group=EU27&pageSize=100' });
    expect(eu.json().total).toBe(27);
    expect(codes(eu.json())).toContain('MLT');
  });

  it('reports unknown group codes back', async () => {
    const res = await t.app.inject({ url: '/api/v1/areas?group=NOPE' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'unknown_codes',
      details: [{ param: 'group', unknown: ['NOPE'] }],
    });
  });

  it('lets editors define groups and sub-national units, with audit events; viewers may not', async () => {
    const editor = await signIn(t, 'editor');
    const viewer = await signIn(t, 'viewer');
    const payload = {
      code: 'NORTHERN_ROUTE',
      nameEn: 'Northern route',
      nameRu: 'Северный маршрут',
      members: ['AFG', 'TJK', 'KGZ', 'KAZ', 'RUS'],
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/areas/groups', headers: viewer.headers, payload }))
        .statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/areas/groups',
      headers: editor.headers,
      payload: { ...payload, members: ['AFG', 'XXX', 'YYY'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].unknown).toEqual(['XXX', 'YYY']);
    expect(
      await t.database.db
        .selectFrom('area')
        .select('id')
        .where('code', '=', 'NORTHERN_ROUTE')
        .executeTakeFirst(),
    ).toBeUndefined();

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/areas/groups',
      headers: editor.headers,
      payload,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().members).toHaveLength(5);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/areas/groups',
      headers: editor.headers,
      payload,
    });
    expect(dup.statusCode).toBe(409);
    const members = await t.app.inject({ url: '/api/v1/areas?group=NORTHERN_ROUTE' });
    expect(members.json().total).toBe(5);

    const sys = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/areas/groups/CA5',
      headers: editor.headers,
      payload: { nameEn: 'x' },
    });
    expect(sys.statusCode).toBe(409);

    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/v1/areas/subnational',
      headers: editor.headers,
      payload: {
        code: 'TJK-GBAO',
        parent: 'TJK',
        nameEn: 'Gorno-Badakhshan Autonomous Region',
        nameRu: 'Горно-Бадахшанская автономная область',
      },
    });
    expect(sub.statusCode).toBe(201);
    const tjk = await t.app.inject({ url: '/api/v1/areas/TJK?lang=ru' });
    expect(tjk.json().children).toEqual([
      { code: 'TJK-GBAO', kind: 'subnational', name: 'Горно-Бадахшанская автономная область' },
    ]);
    expect(tjk.json().groups.map((g: { code: string }) => g.code)).toEqual(
      expect.arrayContaining(['CA5', 'NORTHERN_ROUTE']),
    );

    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select(['action', 'entityId'])
      .where('entity', '=', 'area')
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'area.group.create', entityId: 'NORTHERN_ROUTE' },
        { action: 'area.create', entityId: 'TJK-GBAO' },
      ]),
    );
  });
});
