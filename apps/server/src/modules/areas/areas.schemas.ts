import { z } from 'zod';
import { searchText, langQuery, pageQuery, paginated } from '../../platform/http/schemas.ts';

export const areaKind = z.enum(['country', 'territory', 'group', 'region', 'subnational']);

const codeParam = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, 'zod.invalid_format');

export const areaRef = z.object({ code: z.string(), kind: areaKind, name: z.string() });

export const areaSchema = z.object({
  code: z
    .string()
    .describe('ISO 3166-1 alpha-3 for countries, a group code (EU27, CA5) or a sub-national code'),
  kind: areaKind,
  alpha2: z.string().nullable(),
  m49: z.number().int().nullable(),
  atlasId: z.string().nullable().describe('world-atlas TopoJSON id (zero-padded ISO numeric)'),
  name: z.string().describe('Name in the requested language'),
  nameEn: z.string(),
  nameRu: z.string(),
  officialName: z.string().nullable(),
  region: z.string().nullable(),
  subRegion: z.string().nullable(),
  parent: z.string().nullable(),
  isSystem: z.boolean(),
});
export type AreaDto = z.infer<typeof areaSchema>;

export const areaDetailSchema = areaSchema.extend({
  synonyms: z.array(z.string()),
  members: z.array(areaRef),
  groups: z.array(areaRef),
  children: z.array(areaRef),
});

export const listAreasQuery = langQuery.extend(pageQuery.shape).extend({
  group: codeParam.optional().describe('Only members of this group, e.g. CA5 or EU27'),
  q: searchText
    .optional()
    .describe('Search by name in English or Russian, transliterated either way, or by code'),
  kind: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const kinds = v.split(',').map((k) => k.trim());
      const bad = kinds.filter((k) => !areaKind.options.includes(k as z.infer<typeof areaKind>));
      if (bad.length) {
        ctx.addIssue({
          code: 'invalid_value',
          values: [...areaKind.options],
          input: v,
          message: 'zod.invalid_value',
        });
        return z.NEVER;
      }
      return kinds as z.infer<typeof areaKind>[];
    })
    .describe('Comma-separated kinds: country, territory, group, region, subnational'),
  parent: codeParam.optional().describe('Only children of this area (sub-national units)'),
});

export const areaListResponse = paginated(areaSchema);

export const areaCodeParams = z.object({ code: codeParam });

export const createGroupBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'zod.invalid_format')
      .describe('Upper-case code, e.g. BALKAN_ROUTE'),
    nameEn: z.string().trim().min(1).max(200),
    nameRu: z.string().trim().min(1).max(200),
    members: z.array(z.string().trim().min(2).max(32)).min(1).max(500),
  })
  .strict();

export const updateGroupBody = createGroupBody.omit({ code: true }).partial().strict();

export const createSubnationalBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}-[A-Z0-9_-]{1,28}$/, 'zod.invalid_format')
      .describe('Parent alpha-3, a dash and a local code, e.g. TJK-GBAO'),
    parent: z.string().trim().min(3).max(32),
    nameEn: z.string().trim().min(1).max(200),
    nameRu: z.string().trim().min(1).max(200),
    names: z
      .record(z.string().regex(/^[a-z]{2}$/), z.string().max(200))
      .optional()
      .describe('Names in other languages (kk, ky, tg, tk, uz)'),
  })
  .strict();
