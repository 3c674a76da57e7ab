import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Role } from '@observatory/shared';

export const SESSION_COOKIE = 'obs_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: 'en' | 'ru';
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: SessionUser;
}

/** Session ids are stored hashed, so a leaked database does not hand out live sessions. */
function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  userId: number,
  hours: number,
  meta: { ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db
    .insertInto('session')
    .values({
      id: sessionId(token),
      userId,
      csrfToken,
      expiresAt,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Db, token: string): Promise<ActiveSession | null> {
  const row = await db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .select([
      'session.id',
      'session.csrfToken',
      'session.expiresAt',
      'appUser.id as userId',
      'appUser.username',
      'appUser.displayName',
      'appUser.role',
      'appUser.locale',
      'appUser.disabled',
    ])
    .where('session.id', '=', sessionId(token))
    .executeTakeFirst();
  if (!row || row.disabled || new Date(row.expiresAt).getTime() <= Date.now()) return null;
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    expiresAt: new Date(row.expiresAt),
    user: {
      id: row.userId,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      locale: row.locale,
    },
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId(token)).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('session').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('session').where('expiresAt', '<', new Date()).execute();
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
