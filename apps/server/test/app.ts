import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '@observatory/shared';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createUser } from '../src/modules/users/index.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct-horse-battery';

/** The HTTP app on a fresh test database (no listening socket; use app.inject). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    OBSERVATORY_WEB_DIST: 'apps/web/__no_dist_in_api_tests__',
    ...env,
  });
  const app = await buildApp({ config, database, logger: config.LOG_LEVEL !== 'silent' });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

/** Creates a user with the role and signs in; returns headers for authenticated writes. */
export async function signIn(
  t: TestApp,
  role: Role,
  username = `${role}-${Math.random().toString(36).slice(2, 8)}`,
): Promise<Session> {
  await createUser(
    t.database.db,
    { user: null, via: 'cli' },
    {
      username,
      displayName: username,
      role,
      locale: 'en',
      password: TEST_PASSWORD,
      mustChangePassword: false,
    },
  );
  // A fresh client address per sign-in, so the login rate limit only bites where a test wants it to.
  const remoteAddress = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = cookieFrom(res);
  const csrfToken = res.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error('no cookie');
  return first.split(';')[0]!;
}
