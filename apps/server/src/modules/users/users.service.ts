import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { User } from '../../platform/db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors, isUniqueViolation } from '../../platform/http/errors.ts';
import {
  dummyPasswordHash,
  generatePassword,
  hashPassword,
  verifyPassword,
} from '../../platform/auth/passwords.ts';
import {
  createSession,
  deleteExpiredSessions,
  deleteUserSessions,
  type SessionUser,
} from '../../platform/auth/sessions.ts';
import * as repo from './users.repository.ts';
import type { CreateUserInput, UserDto } from './users.schemas.ts';

type Actor = { user: SessionUser; ip?: string } | { user: null; ip?: string; via: 'cli' };

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    locale: u.locale,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    createdAt: new Date(u.createdAt).toISOString(),
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
  };
}

/** Checks credentials and opens a session. Wrong user and wrong password look the same, in time too. */
export async function login(
  db: Db,
  input: { username: string; password: string },
  meta: { ip: string; userAgent?: string; sessionHours: number },
) {
  const user = await repo.findUserByName(db, input.username);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) {
    await writeAudit(db, {
      actorId: user?.id ?? null,
      action: 'auth.login_failed',
      entity: 'user',
      entityId: input.username.slice(0, 64),
      ip: meta.ip,
    });
    throw errors.invalidCredentials();
  }
  if (user.disabled) throw errors.conflict('account_disabled');
  await deleteExpiredSessions(db);
  const session = await createSession(db, user.id, meta.sessionHours, {
    ip: meta.ip,
    ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
  });
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { lastLoginAt: new Date() });
    await writeAudit(trx, {
      actorId: user.id,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      ip: meta.ip,
    });
  });
  return { user, ...session };
}

export function listUsers(db: ReadonlyDb) {
  return repo.findUsers(db).then((rows) => ({ items: rows.map(toUserDto) }));
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: CreateUserInput & { mustChangePassword?: boolean },
) {
  const oneTimePassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  try {
    const user = await db.transaction().execute(async (trx) => {
      const created = await repo.insertUser(trx, {
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        passwordHash,
        role: input.role,
        locale: input.locale,
        disabled: false,
        mustChangePassword: input.mustChangePassword ?? oneTimePassword !== null,
      });
      await writeAudit(trx, {
        actorId: actor.user?.id ?? null,
        action: 'user.create',
        entity: 'user',
        entityId: created.id,
        after: { username: created.username, role: created.role, via: actor.user ? 'api' : 'cli' },
        ip: actor.ip ?? null,
      });
      return created;
    });
    return { user: toUserDto(user), oneTimePassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw errors.conflict('duplicate', { value: input.username });
    throw error;
  }
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: number,
  patch: {
    displayName?: string | undefined;
    email?: string | null | undefined;
    role?: User['role'] | undefined;
    locale?: 'en' | 'ru' | undefined;
    disabled?: boolean | undefined;
  },
) {
  const before = await repo.findUserById(db, id);
  if (!before) throw errors.notFound('user', String(id));
  const losesAdmin =
    before.role === 'admin' &&
    !before.disabled &&
    ((patch.role && patch.role !== 'admin') || patch.disabled === true);
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const after = await db.transaction().execute(async (trx) => {
    if (losesAdmin && (await repo.countActiveAdmins(trx, id)) === 0) throw errors.conflict('last_admin');
    const updated = await repo.updateUser(trx, id, clean);
    // A role change or disabling takes effect at once: existing sessions end.
    if (patch.role !== undefined || patch.disabled === true) await deleteUserSessions(trx, id);
    await writeAudit(trx, {
      actorId: actor.user?.id ?? null,
      action: 'user.update',
      entity: 'user',
      entityId: id,
      before: { role: before.role, disabled: before.disabled, displayName: before.displayName },
      after: clean,
      ip: actor.ip ?? null,
    });
    return updated;
  });
  return toUserDto(after);
}

export async function setRoleByName(db: Db, username: string, role: User['role']) {
  const user = await repo.findUserByName(db, username);
  if (!user) throw errors.notFound('user', username);
  return updateUser(db, { user: null, via: 'cli' }, user.id, { role });
}

export async function changePassword(
  db: Db,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  ip: string,
) {
  const row = await repo.findUserById(db, user.id);
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword)))
    throw errors.invalidCredentials();
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { passwordHash, mustChangePassword: false });
    await writeAudit(trx, {
      actorId: user.id,
      action: 'user.password_change',
      entity: 'user',
      entityId: user.id,
      ip,
    });
  });
}

/**
 * On first start (no users at all) creates the administrator. The password comes from
 * OBSERVATORY_ADMIN_PASSWORD or is generated; a generated one is returned so that the caller can
 * print it once. Later starts do nothing.
 */
export async function ensureInitialAdmin(
  db: Db,
  options: { username: string; password?: string | undefined },
): Promise<{ created: boolean; username: string; password: string | null }> {
  if ((await repo.countUsers(db)) > 0) return { created: false, username: options.username, password: null };
  const result = await createUser(
    db,
    { user: null, via: 'cli' },
    {
      username: options.username,
      displayName: 'Administrator',
      role: 'admin',
      locale: 'en',
      ...(options.password ? { password: options.password, mustChangePassword: false } : {}),
    },
  );
  return { created: true, username: options.username, password: result.oneTimePassword };
}
