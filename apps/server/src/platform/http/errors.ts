/**
 * The one error shape of the API: `{ error: { code, message, details } }`. Errors are created with
 * the factories below (stable snake_case codes, HTTP status, parameters for the translated
 * message); `errorHandler` in `http/error-handler.ts` serialises them in the caller's language.
 */
export interface ErrorDetail {
  /** The parameter, field or JSON path the detail is about. */
  param?: string;
  code: string;
  /** Parameters for the message template. */
  params?: Record<string, unknown>;
  /** Codes that were not recognised, listed back to the caller. */
  unknown?: string[];
  message?: string;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const errors = {
  badRequest: (details: ErrorDetail[] = []) => new AppError(400, 'bad_request', {}, details),
  invalidParameter: (param: string, reasonCode: string, params: Record<string, unknown> = {}) =>
    new AppError(400, 'invalid_parameter', { param }, [{ param, code: reasonCode, params }]),
  invalidParameters: (details: ErrorDetail[]) =>
    new AppError(400, 'invalid_parameter', { param: details[0]?.param ?? '' }, details),
  invalidBody: (details: ErrorDetail[]) => new AppError(400, 'invalid_body', {}, details),
  unknownCodes: (param: string, codes: string[]) =>
    new AppError(400, 'unknown_codes', { param, codes: codes.join(', '), count: codes.length }, [
      { param, code: 'unknown_codes', unknown: codes },
    ]),
  notFound: (entity?: string, id?: string) =>
    new AppError(404, 'not_found', {}, entity ? [{ param: entity, code: 'not_found', params: { id } }] : []),
  unauthenticated: () => new AppError(401, 'unauthenticated'),
  forbidden: (required: string) => new AppError(403, 'forbidden', { required }),
  csrf: () => new AppError(403, 'csrf_failed'),
  invalidCredentials: () => new AppError(401, 'invalid_credentials'),
  conflict: (code: string, params: Record<string, unknown> = {}) => new AppError(409, code, params),
  validation: (code: string, params: Record<string, unknown> = {}, param?: string, details?: ErrorDetail[]) =>
    new AppError(422, code, params, details ?? [{ ...(param ? { param } : {}), code, params }]),
  tooLarge: (limit: number) =>
    new AppError(413, 'file_too_large', { limit, limitMb: Math.round(limit / 1_048_576) }),
  unavailable: () => new AppError(503, 'database_unavailable'),
};

/** Postgres unique-violation, raised identically by node-postgres and PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
