import { z } from 'zod';
import { langQuery, searchText } from '../../platform/http/schemas.ts';

export const substanceLevel = z.enum(['group', 'drug', 'form']);

export const substanceSchema = z.object({
  code: z.string(),
  parent: z.string().nullable(),
  level: substanceLevel,
  name: z.string().describe('Name in the requested language'),
  nameEn: z.string(),
  nameRu: z.string(),
  synonymsEn: z.array(z.string()),
  synonymsRu: z.array(z.string()),
});
export type SubstanceDto = z.infer<typeof substanceSchema>;

export type SubstanceNode = SubstanceDto & { children: SubstanceNode[] };
export const substanceNode: z.ZodType<SubstanceNode> = substanceSchema.extend({
  get children() {
    return z.array(substanceNode);
  },
});

export const mappingSchema = z.object({
  scheme: z.string(),
  externalGroup: z.string().nullable(),
  externalSubgroup: z.string().nullable(),
  externalName: z.string(),
  relation: z.enum(['exact', 'broader', 'narrower']),
});

export const substanceDetail = substanceSchema.extend({
  path: z.array(z.object({ code: z.string(), name: z.string() })).describe('Ancestors from the group down'),
  children: z.array(substanceSchema),
  mappings: z.array(mappingSchema),
});

export const listSubstancesQuery = langQuery.extend({
  flat: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('A flat list instead of a tree'),
  q: searchText.optional().describe('Search names and synonyms in English or Russian (returns a flat list)'),
});

export const substanceListResponse = z.object({ items: z.array(substanceNode) });
export const substanceCodeParams = z.object({ code: z.string().trim().min(1).max(64) });
