import { sql } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { User } from '../../platform/db/schema.ts';

export function findUserByName(db: ReadonlyDb, username: string): Promise<User | undefined> {
  return db
    .selectFrom('appUser')
    .selectAll()
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: ReadonlyDb, id: number): Promise<User | undefined> {
  return db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUsers(db: ReadonlyDb): Promise<User[]> {
  return db.selectFrom('appUser').selectAll().orderBy('username').execute();
}

export async function countActiveAdmins(db: ReadonlyDb, exceptId?: number): Promise<number> {
  let q = db
    .selectFrom('appUser')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', false);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function countUsers(db: ReadonlyDb): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('appUser')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

export function insertUser(db: Db, user: Omit<User, 'id' | 'createdAt' | 'lastLoginAt'>): Promise<User> {
  return db.insertInto('appUser').values(user).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(
  db: Db,
  id: number,
  patch: Partial<Omit<User, 'id' | 'createdAt'>>,
): Promise<User> {
  return db.updateTable('appUser').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
