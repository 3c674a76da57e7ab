export { sourceRoutes } from './sources.routes.ts';
export { resolveSources, findSource, toSourceDto } from './sources.service.ts';
