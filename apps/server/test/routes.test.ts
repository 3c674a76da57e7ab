import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const fill = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? '1' : 'KAZ'));

describe('route catalogue', () => {
  it('every API route declares an access level and an OpenAPI summary', () => {
    const api = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1'));
    expect(api.length).toBeGreaterThan(20);
    const missing = api.filter((r) => !r.access || !r.summary).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('every non-public route refuses anonymous callers with 401 in the shared error shape', async () => {
    const guarded = t.app.registeredRoutes.filter(
      (r) => r.url.startsWith('/api/v1') && r.access !== 'public',
    );
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: fill(route.url),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('admin routes refuse editors and editor routes refuse viewers (403)', async () => {
    const viewer = await signIn(t, 'viewer');
    const editor = await signIn(t, 'editor');
    for (const route of t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1'))) {
      const session = route.access === 'admin' ? editor : route.access === 'editor' ? viewer : null;
      if (!session) continue;
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: fill(route.url),
        headers: session.headers,
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('serves OpenAPI 3.1 listing every API route with a summary, and a docs page', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const route of t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1'))) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${path}`).toBeDefined();
      expect(op.summary).toBeTruthy();
    }
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('platform behaviour', () => {
  it('reports health with engine and version', async () => {
    const res = await t.app.inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: t.database.engine,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/api/v1/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('answers unknown API paths with a translated 404 in the shared shape', async () => {
    const en = await t.app.inject({ url: '/api/v1/nope' });
    expect(en.statusCode).toBe(404);
    expect(en.json().error.code).toBe('route_not_found');
    const ru = await t.app.inject({
      url: '/api/v1/nope',
      headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' },
    });
    expect(ru.json().error.message).toMatch(/Нет такого адреса/);
  });

  it('rejects malformed and oversized bodies with 4xx and writes nothing', async () => {
    const editor = await signIn(t, 'editor');
    const before = await t.database.db
      .selectFrom('source')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: { ...editor.headers, 'content-type': 'application/json' },
      payload: '{"code": "X",',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_json');
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: { ...editor.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ code: 'BIG', publisher: 'x'.repeat(2_000_000), titleEn: 't' }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('body_too_large');
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: { ...editor.headers, 'content-type': 'application/xml' },
      payload: '<source/>',
    });
    expect(wrongType.statusCode).toBe(415);
    const after = await t.database.db
      .selectFrom('source')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('names the bad parameter and why, in the caller’s language', async () => {
    const res = await t.app.inject({ url: '/api/v1/areas?pageSize=0&lang=ru' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.details[0].param).toBe('pageSize');
    expect(body.error.message).toContain('pageSize');
    expect(body.error.message).toMatch(/не меньше 1/);
    const en = await t.app.inject({ url: '/api/v1/areas?page=abc' });
    expect(en.json().error.details[0].param).toBe('page');
  });
});
