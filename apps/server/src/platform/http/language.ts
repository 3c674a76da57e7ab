import type { FastifyRequest } from 'fastify';
import { resolveLanguage, type Language } from '@observatory/shared';

/** The caller's language: `?lang=` first, then Accept-Language, then English. */
export function requestLanguage(request: FastifyRequest): Language {
  const query = request.query as Record<string, unknown> | undefined;
  const lang = typeof query?.lang === 'string' ? query.lang : undefined;
  const header = request.headers['accept-language'];
  return resolveLanguage(lang, typeof header === 'string' ? header : undefined);
}
