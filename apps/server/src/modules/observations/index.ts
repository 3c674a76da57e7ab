export { observationRoutes } from './observations.routes.ts';
export { writeObservations, queryObservations, dimKey } from './observations.service.ts';
