import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db, Engine, ReadonlyDb } from '../db/database.ts';
import { requireUser } from './access.ts';

/** What every module's routes get: the database handles and configuration. */
export interface ModuleContext {
  db: Db;
  /** The same connection, typed read-only: for read paths. */
  readDb: ReadonlyDb;
  engine: Engine;
  config: Config;
  version: string;
}

export type App = FastifyInstance;
export type TypedApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** The acting user (and address, for the audit log) of a write request. */
export function actorOf(request: FastifyRequest) {
  return { user: requireUser(request), ip: request.ip };
}
