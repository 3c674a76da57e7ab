export { observationRoutes } from './observations.routes.ts';
export {
  writeObservations,
  queryObservations,
  dimKey,
  parseDimFilters,
  openObservationExport,
  EXPORT_PAGE_SIZE,
  PREFERENCE_RULE,
  type ObservationExport,
  type ObservationExportRow,
} from './observations.service.ts';
export { observationsFilterQuery, type ObservationsFilterQuery } from './observations.schemas.ts';
export { PREFERENCE_ORDER, type ExportOrder } from './observations.repository.ts';
