export { siteRoutes } from './sites.routes.ts';
export { findSitesByCodes, upsertSites, type SiteValues } from './sites.repository.ts';
export { siteSchema, type SiteDto } from './sites.schemas.ts';
