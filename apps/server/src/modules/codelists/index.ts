export { codelistRoutes } from './codelists.routes.ts';
export { seedCodelists } from './codelists.seed.ts';
export { codeSets } from './codelists.service.ts';
