import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE, deleteSession } from '../../platform/auth/sessions.ts';
import { actorOf, typed, type ModuleContext } from '../../platform/http/context.ts';
import { requireUser } from '../../platform/http/access.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { errors } from '../../platform/http/errors.ts';

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
import * as schemas from './users.schemas.ts';
import * as service from './users.service.ts';

export function userRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = typed(app);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.OBSERVATORY_SECURE_COOKIES,
  };

  r.post(
    '/api/v1/auth/login',
    {
      // Login cannot carry a CSRF token yet; SameSite=Lax cookies and the Origin check below cover it.
      config: {
        access: 'public',
        csrf: false,
        rateLimit: { max: ctx.config.OBSERVATORY_LOGIN_RATE_LIMIT, timeWindow: '1 minute' },
      },
      schema: {
        summary: 'Sign in with user name and password; sets the session cookie',
        tags: ['auth'],
        body: schemas.loginBody,
        response: { 200: schemas.sessionResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const origin = req.headers.origin;
      if (origin && originHost(origin) !== req.headers.host) throw errors.csrf();
      const result = await service.login(ctx.db, req.body, {
        ip: req.ip,
        sessionHours: ctx.config.OBSERVATORY_SESSION_HOURS,
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      });
      void reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
      return {
        user: {
          id: result.user.id,
          username: result.user.username,
          displayName: result.user.displayName,
          role: result.user.role,
          locale: result.user.locale,
        },
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt.toISOString(),
      };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Sign out: ends the session',
        tags: ['auth'],
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await deleteSession(ctx.db, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/session',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The current session: user, role and CSRF token (nulls when signed out)',
        tags: ['auth'],
        response: { 200: schemas.sessionResponse },
      },
    },
    async (req) => ({
      user: req.user,
      csrfToken: req.session?.csrfToken ?? null,
      expiresAt: req.session?.expiresAt.toISOString() ?? null,
    }),
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Change one’s own password',
        tags: ['auth'],
        body: schemas.changePasswordBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.changePassword(ctx.db, requireUser(req), req.body, req.ip);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/users',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List user accounts',
        tags: ['users'],
        response: { 200: schemas.userListResponse, ...errorResponses },
      },
    },
    () => service.listUsers(ctx.readDb),
  );

  r.post(
    '/api/v1/users',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create a user account (a one-time password is returned when none is given)',
        tags: ['users'],
        body: schemas.createUserBody,
        response: { 201: schemas.createUserResponse, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createUser(ctx.db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change a user’s role, name, language or disable the account',
        tags: ['users'],
        params: schemas.userIdParams,
        body: schemas.updateUserBody,
        response: { 200: schemas.userSchema, ...errorResponses },
      },
    },
    (req) => service.updateUser(ctx.db, actorOf(req), req.params.id, req.body),
  );
}
