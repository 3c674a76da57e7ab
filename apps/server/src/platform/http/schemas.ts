import { z } from 'zod';

/** Query parameters shared by many routes. */
export const langQuery = z.object({
  lang: z
    .enum(['en', 'ru'])
    .optional()
    .describe('Response language; defaults to Accept-Language, then English'),
});

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(
        z.object({
          param: z.string().optional(),
          code: z.string(),
          message: z.string().optional(),
          unknown: z.array(z.string()).optional(),
          params: z.record(z.string(), z.unknown()).optional(),
        }),
      ),
    }),
  })
  .describe('The one error shape of the API');

/** Standard error responses for OpenAPI. */
export const errorResponses = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
} as const;

/** A free-text search parameter. */
export const searchText = z.string().trim().min(1).max(100);

/** Comma-separated list of codes (`KAZ,KGZ`); repeated parameters are joined too. */
export const codeList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .pipe(z.array(z.string().max(64)).max(500));

/**
 * Response fields of a bilingual text: `name` in the request language (or the other one when it is
 * missing) and `nameFallback` (see `textFields` in the shared package).
 */
export function textFieldsSchema<N extends string>(name: N) {
  return {
    [name]: z.string().nullable().describe('In the requested language, or the other one when missing'),
    [`${name}Fallback`]: z.boolean().describe('True when the text is in the other language'),
  } as { [K in N]: z.ZodNullable<z.ZodString> } & { [K in `${N}Fallback`]: z.ZodBoolean };
}

/** Response fields of a bilingual text with both stored sides (`nameEn`, `nameRu`) — see `textPair`. */
export function textPairSchema<N extends string>(name: N) {
  return {
    [`${name}En`]: z.string().nullable(),
    [`${name}Ru`]: z.string().nullable(),
    ...textFieldsSchema(name),
  } as { [K in `${N}En` | `${N}Ru`]: z.ZodNullable<z.ZodString> } & ReturnType<typeof textFieldsSchema<N>>;
}
