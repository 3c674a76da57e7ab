export { substanceRoutes } from './substances.routes.ts';
export { seedSubstances } from './substances.seed.ts';
export { resolveSubstances } from './substances.service.ts';
