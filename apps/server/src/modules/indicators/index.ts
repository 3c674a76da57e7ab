export { indicatorRoutes } from './indicators.routes.ts';
export { seedIndicators } from './indicators.seed.ts';
export { resolveIndicator, toIndicatorDto } from './indicators.service.ts';
export { indicatorSchema } from './indicators.schemas.ts';
