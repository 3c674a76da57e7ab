import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { installAccessControl } from './platform/http/access.ts';
import { installErrorHandling } from './platform/http/error-handler.ts';
import type { ModuleContext } from './platform/http/context.ts';
import { analyticsRoutes } from './modules/analytics/index.ts';
import { areaRoutes } from './modules/areas/index.ts';
import { codelistRoutes } from './modules/codelists/index.ts';
import { dialogueRoutes } from './modules/dialogues/index.ts';
import { eventRoutes } from './modules/events/index.ts';
import { importRoutes } from './modules/imports/index.ts';
import { indicatorRoutes } from './modules/indicators/index.ts';
import { jobRoutes } from './modules/jobs/index.ts';
import { observationRoutes } from './modules/observations/index.ts';
import { programmeRoutes } from './modules/programmes/index.ts';
import { reportRoutes } from './modules/reports/index.ts';
import { siteRoutes } from './modules/sites/index.ts';
import { signalRoutes } from './modules/signals/index.ts';
import { sourceRoutes } from './modules/sources/index.ts';
import { strategyRoutes } from './modules/strategies/index.ts';
import { substanceRoutes } from './modules/substances/index.ts';
import { systemRoutes } from './modules/system/index.ts';
import { userRoutes } from './modules/users/index.ts';
import { VERSION } from './version.ts';

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  /** Log requests (off in tests). */
  logger?: boolean;
}

/** Assembles the HTTP application: platform plugins, then every module's routes, then the web app. */
export async function buildApp({ config, database, logger = false }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.LOG_LEVEL } : false,
    bodyLimit: config.OBSERVATORY_BODY_LIMIT,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // gzip or brotli for compressible types (JS, CSS, HTML, JSON, CSV…) when the client accepts it;
  // streamed downloads are compressed on the fly.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.OBSERVATORY_MAX_UPLOAD_MB * 1_048_576, files: 1 },
  });
  installAccessControl(app, database.db);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Observatory API',
        version: VERSION,
        description:
          'Drug-situation data and dialogue platform for the EU – Central Asia drug dialogue. Errors share one shape: { error: { code, message, details } }. Writes need a session cookie and the x-csrf-token header.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'obs_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());

  const ctx: ModuleContext = {
    db: database.db,
    readDb: database.db,
    engine: database.engine,
    config,
    version: VERSION,
  };
  for (const routes of [
    systemRoutes,
    userRoutes,
    areaRoutes,
    substanceRoutes,
    codelistRoutes,
    indicatorRoutes,
    sourceRoutes,
    observationRoutes,
    importRoutes,
    eventRoutes,
    jobRoutes,
    siteRoutes,
    signalRoutes,
    analyticsRoutes,
    programmeRoutes,
    strategyRoutes,
    dialogueRoutes,
    reportRoutes,
  ]) {
    routes(app, ctx);
  }

  if (fs.existsSync(path.join(config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
    // Client-side routes fall back to the SPA shell; unknown /api paths stay JSON 404s.
    app.get('/*', { schema: { hide: true }, config: { access: 'public' } }, (req, reply) => {
      // API paths and missing files (e.g. assets of a newer build) are real 404s, not the SPA shell.
      const pathname = req.url.split('?')[0] ?? '';
      if (pathname.startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(pathname)) return reply.callNotFound();
      return reply.type('text/html').sendFile('index.html');
    });
  }
  return app;
}
