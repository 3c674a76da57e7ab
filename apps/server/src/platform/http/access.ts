import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACCESS_LEVELS, roleSatisfies, type AccessLevel } from '@observatory/shared';
import type { Db } from '../db/database.ts';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  csrfMatches,
  findSession,
  type ActiveSession,
  type SessionUser,
} from '../auth/sessions.ts';
import { errors } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Required on every route; checked at registration. */
    access?: AccessLevel;
    /** Set false only on routes that must accept unsafe methods without a CSRF token (login). */
    csrf?: boolean;
  }
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
  interface FastifyRequest {
    user: SessionUser | null;
    session: ActiveSession | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes served by plugins (docs, static files) that are public by nature. */
function isPluginRoute(url: string): boolean {
  return url.startsWith('/api/docs') || url === '/api/openapi.json' || !url.startsWith('/api/');
}

/**
 * Access control for every route:
 * - at registration, an API route without `config.access` or without an OpenAPI summary is a
 *   programming error and stops the server from starting;
 * - on each request, the session cookie is resolved to a user, the route's level is enforced,
 *   and unsafe methods with a session need the CSRF token in the `x-csrf-token` header.
 */
export function installAccessControl(app: FastifyInstance, db: Db): void {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);

  app.decorate('registeredRoutes', [] as RegisteredRoute[]);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.registeredRoutes.push({
        method,
        url: route.url,
        access: route.config?.access,
        summary: route.schema?.summary,
      });
    }
    if (isPluginRoute(route.url)) {
      route.config = { access: 'public', ...(route.config ?? {}) };
      return;
    }
    const access = route.config?.access;
    if (!access || !ACCESS_LEVELS.includes(access)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access level (config.access)`);
    }
    if (!route.schema?.summary)
      throw new Error(`Route ${String(route.method)} ${route.url} has no OpenAPI summary`);
  });

  // Runs before body parsing and validation, so that callers without the right get 401/403 and
  // never learn anything from validation messages, and large bodies are not even read.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(db, token);
      if (session) {
        request.session = session;
        request.user = session.user;
      }
    }
    if (request.is404) return;
    const config = request.routeOptions.config;
    const access = config.access ?? 'admin';
    if (!roleSatisfies(request.user?.role ?? null, access)) {
      throw request.user ? errors.forbidden(access) : errors.unauthenticated();
    }
    if (UNSAFE.has(request.method) && request.session && config.csrf !== false) {
      const given = request.headers[CSRF_HEADER];
      if (!csrfMatches(request.session.csrfToken, typeof given === 'string' ? given : undefined))
        throw errors.csrf();
    }
  });
}

/** The signed-in user or a 401 — for services that need an actor. */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw errors.unauthenticated();
  return request.user;
}

/** Every API route as registered, with its declared access level and summary (for the route audit test). */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessLevel | undefined;
  summary: string | undefined;
}
