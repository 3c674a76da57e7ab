import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { translator } from '@observatory/shared/i18n';
import { AppError, type ErrorDetail } from './errors.ts';
import { requestLanguage } from './language.ts';

interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  values?: unknown[];
  format?: string;
  keys?: string[];
  input?: unknown;
}

/** Turns a zod issue into a detail with a translatable reason code. */
function zodDetail(issue: ZodLikeIssue, context: string): ErrorDetail {
  const param = issue.path.length > 0 ? issue.path.map(String).join('.') : context;
  const origin = issue.origin === 'array' || issue.origin === 'set' ? 'array' : issue.origin;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { param, code: 'zod.required' };
      return {
        param,
        code: issue.expected === 'int' ? 'zod.not_integer' : 'zod.invalid_type',
        params: { expected: issue.expected },
      };
    case 'too_small':
      return {
        param,
        code: `zod.too_small_${origin === 'string' || origin === 'array' ? origin : 'number'}`,
        params: { minimum: String(issue.minimum) },
      };
    case 'too_big':
      return {
        param,
        code: `zod.too_big_${origin === 'string' || origin === 'array' ? origin : 'number'}`,
        params: { maximum: String(issue.maximum) },
      };
    case 'invalid_value':
      return {
        param,
        code: 'zod.invalid_value',
        params: { values: (issue.values ?? []).map(String).join(', ') },
      };
    case 'invalid_format':
      return { param, code: 'zod.invalid_format', params: { format: issue.format } };
    case 'unrecognized_keys':
      return { param, code: 'zod.unrecognized_keys', params: { keys: (issue.keys ?? []).join(', ') } };
    case 'custom':
      // Custom refinements put their reason code in the message (e.g. "zod.not_integer" or "errors key").
      return { param, code: issue.message.startsWith('zod.') ? issue.message : 'zod.other', params: {} };
    default:
      return { param, code: 'zod.other' };
  }
}

function send(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const t = translator(requestLanguage(request));
  const details = error.details.map((d) => ({
    ...d,
    message:
      d.message ??
      (d.code === error.code
        ? t(`errors:${error.code}`, { ...error.params, ...d.params })
        : t(`errors:${d.code}`, d.params ?? {})),
  }));
  let message = t(`errors:${error.code}`, error.params);
  if (error.code === 'invalid_parameter' && details[0]) {
    message = t('errors:invalid_parameter', { param: details[0].param, reason: details[0].message });
  }
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  return reply.status(error.statusCode).send({ error: { code: error.code, message, details } });
}

/** Installs the one error handler and the not-found handler. No stack traces or SQL leave the server. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return send(request, reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'request';
      const details = error.validation.map((v) =>
        zodDetail(
          {
            ...(v.params as object),
            code: v.keyword,
            path: v.instancePath.split('/').filter(Boolean),
            message: v.message ?? '',
          },
          context,
        ),
      );
      const appError =
        context === 'body'
          ? new AppError(400, 'invalid_body', {}, details)
          : new AppError(400, 'invalid_parameter', { param: details[0]?.param ?? context }, details);
      return send(request, reply, appError);
    }
    const fe = error;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(
        request,
        reply,
        new AppError(413, 'body_too_large', { limit: app.initialConfig.bodyLimit }),
      );
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(
        request,
        reply,
        new AppError(415, 'unsupported_media_type', { type: request.headers['content-type'] ?? '' }),
      );
    }
    if (
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (fe instanceof SyntaxError && fe.statusCode === 400)
    ) {
      return send(request, reply, new AppError(400, 'invalid_json'));
    }
    if (fe.statusCode === 429) {
      const after = Math.max(1, Math.ceil(Number(reply.getHeader('retry-after') ?? 60)));
      const t = translator(requestLanguage(request));
      return send(
        request,
        reply,
        new AppError(429, 'rate_limited', { after: t('common:retryAfter', { count: after }) }),
      );
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(
        request,
        reply,
        new AppError(fe.statusCode, 'bad_request', {}, [{ code: 'bad_request', message: fe.message }]),
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, new AppError(500, 'internal'));
  });

  app.setNotFoundHandler((request, reply) =>
    send(
      request,
      reply,
      new AppError(404, 'route_not_found', { method: request.method, url: request.url.split('?')[0] }),
    ),
  );
}
