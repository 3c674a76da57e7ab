import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/schema.ts';

export interface AuditInput {
  actorId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/**
 * Writes an audit event. Call it with the transaction that makes the change, so the event and
 * the change commit or roll back together.
 */
export async function writeAudit(
  trx: Transaction<Database> | Kysely<Database>,
  input: AuditInput,
): Promise<void> {
  await trx
    .insertInto('auditEvent')
    .values({
      actorId: input.actorId,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId == null ? null : String(input.entityId),
      before: input.before === undefined ? null : JSON.stringify(input.before),
      after: input.after === undefined ? null : JSON.stringify(input.after),
      ip: input.ip ?? null,
    })
    .execute();
}
