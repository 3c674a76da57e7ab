export { analyticsRoutes } from './analytics.routes.ts';
export { series, ranking, compare, issueText, POPULATION_INDICATOR } from './analytics.service.ts';
export { seriesQuery } from './analytics.schemas.ts';
