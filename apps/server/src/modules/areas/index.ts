export { areaRoutes } from './areas.routes.ts';
export { seedAreas } from './areas.seed.ts';
export { resolveAreas, toAreaDto } from './areas.service.ts';
export { areaRef, areaSchema } from './areas.schemas.ts';
