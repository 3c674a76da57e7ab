import { z } from 'zod';
import { codeList, langQuery } from '../../platform/http/schemas.ts';

export const listSitesQuery = langQuery.extend({
  country: codeList
    .optional()
    .describe(
      'Country codes, comma-separated (ISO alpha-2 or alpha-3; groups such as EU27 expand to their members)',
    ),
});
export type ListSitesQuery = z.infer<typeof listSitesQuery>;

export const siteSchema = z.object({
  code: z.string().describe('Site code, as observations carry it in their `site` dimension (WW_LOAD)'),
  name: z.string().describe('City or place the site serves, as the source names it'),
  country: z.object({
    code: z.string().describe('ISO 3166-1 alpha-3'),
    alpha2: z.string().nullable(),
    name: z.string().describe('Name in the requested language'),
  }),
  lat: z.number().describe('Latitude, WGS 84 degrees'),
  lon: z.number().describe('Longitude, WGS 84 degrees'),
  population: z.number().int().nullable().describe('Population served, where the source gives it'),
  source: z.string().describe('Code of the source of the site data'),
});
export type SiteDto = z.infer<typeof siteSchema>;

export const siteListResponse = z.object({ items: z.array(siteSchema), total: z.number().int() });
