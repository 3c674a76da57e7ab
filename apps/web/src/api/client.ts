import type { Language } from '@observatory/shared';
import type { ApiErrorDetail } from './types.ts';

/**
 * A failed API call. `message` is the server's message, already translated into the language the
 * request asked for; calls that never got an answer carry code `network`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** A query parameter; an array repeats the parameter (`dim=sex:F&dim=age:Y15T24`). */
export type QueryValue = string | number | boolean | null | undefined | readonly string[];

interface RequestOptions {
  lang: Language;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A multipart body (file uploads); sent as is, instead of `body`. */
  form?: FormData;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session; every unsafe request sends it back. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds `/api/v1/<path>?lang=…&…`, leaving out empty parameters. */
export function apiUrl(path: string, lang: Language, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams({ lang });
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) if (item !== '') params.append(key, item);
    } else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return `/api/v1/${path}?${params.toString()}`;
}

async function request<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': options.lang };
  if (options.body !== undefined && !options.form) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.lang, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.form
        ? { body: options.form }
        : options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', '');
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
      ?.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
      throw new ApiError(response.status, error.code, error.message, details);
    }
    throw new ApiError(response.status, 'unexpected', '');
  }
  return payload as T;
}

/** The JSON API of the Observatory server. */
export const api = {
  get: <T>(path: string, options: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, options: RequestOptions) => request<T>('POST', path, options),
  put: <T>(path: string, options: RequestOptions) => request<T>('PUT', path, options),
  patch: <T>(path: string, options: RequestOptions) => request<T>('PATCH', path, options),
  delete: <T>(path: string, options: RequestOptions) => request<T>('DELETE', path, options),
};
