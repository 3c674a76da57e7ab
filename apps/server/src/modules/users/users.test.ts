import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, cookieFrom, createTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { ensureInitialAdmin } from './users.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ OBSERVATORY_LOGIN_RATE_LIMIT: '5' });
});
afterAll(() => t.close());

describe('accounts and sessions', () => {
  it('stores argon2id hashes, never the password', async () => {
    await signIn(t, 'viewer', 'hash-check');
    const row = await t.database.db
      .selectFrom('appUser')
      .select('passwordHash')
      .where('username', '=', 'hash-check')
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it('signs in, reports the session, signs out', async () => {
    const s = await signIn(t, 'editor', 'eddie');
    const session = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie } });
    expect(session.json()).toMatchObject({
      user: { username: 'eddie', role: 'editor' },
      csrfToken: s.csrfToken,
    });
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie } });
    expect(after.json().user).toBeNull();
  });

  it('session cookie is httpOnly and SameSite=Lax', async () => {
    await signIn(t, 'viewer', 'cookie-check');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'cookie-check', password: TEST_PASSWORD },
    });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const s = await signIn(t, 'editor');
    const payload = { code: 'CSRF-TEST', publisher: 'Test', titleEn: 'CSRF test' };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: { cookie: s.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: { cookie: s.cookie, 'x-csrf-token': 'nope' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/sources', headers: s.headers, payload });
    expect(right.statusCode).toBe(201);
  });

  it('refuses a login posted from another origin', async () => {
    await signIn(t, 'viewer', 'origin-check');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'origin-check', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
  });

  it('rate-limits login attempts per address, with a translated message', async () => {
    const codes: number[] = [];
    let last: { error: { message: string } } | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.9.9.9',
        headers: { 'accept-language': 'ru' },
        payload: { username: 'nobody', password: 'wrong-password' },
      });
      codes.push(res.statusCode);
      last = res.json();
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[6]).toBe(429);
    expect(last?.error.message).toMatch(/Слишком много попыток/);
  });

  it('wrong password and unknown user give the same answer and are audited', async () => {
    await signIn(t, 'viewer', 'known-user');
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.1.1.1',
      payload: { username: 'known-user', password: 'wrong-password!' },
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.1.1.2',
      payload: { username: 'unknown-user', password: 'wrong-password!' },
    });
    expect(a.statusCode).toBe(401);
    expect(b.json()).toEqual(a.json());
    const audits = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('action', '=', 'auth.login_failed')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('admins manage users; the last admin cannot be demoted; a role change ends sessions', async () => {
    const admin = await signIn(t, 'admin', 'root-admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'new.analyst', displayName: 'Аналитик', role: 'viewer', locale: 'ru' },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.oneTimePassword).toMatch(/^[\w-]{23}$/);
    expect(body.user.mustChangePassword).toBe(true);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'new.analyst', password: body.oneTimePassword },
    });
    expect(login.statusCode).toBe(200);
    const analystCookie = cookieFrom(login);

    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'NEW.ANALYST', displayName: 'x', role: 'viewer' },
    });
    expect(dup.statusCode).toBe(409);

    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${body.user.id}`,
      headers: admin.headers,
      payload: { role: 'editor' },
    });
    expect(promote.json().role).toBe('editor');
    const stale = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: analystCookie } });
    expect(stale.json().user).toBeNull();

    const admins = await t.database.db
      .selectFrom('appUser')
      .select(['id', 'username'])
      .where('role', '=', 'admin')
      .execute();
    for (const a of admins.filter((x) => x.username !== 'root-admin')) {
      await t.database.db.updateTable('appUser').set({ disabled: true }).where('id', '=', a.id).execute();
    }
    const self = admins.find((a) => a.username === 'root-admin')!;
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${self.id}`,
      headers: admin.headers,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_admin');
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .selectAll()
      .where('action', '=', 'user.update')
      .execute();
    expect(audit.length).toBe(1);
  });

  it('creates the first administrator only once', async () => {
    const again = await ensureInitialAdmin(t.database.db, { username: 'admin' });
    expect(again.created).toBe(false);
  });
});
