export { eventRoutes } from './events.routes.ts';
export {
  rebuildAllRollups,
  listEvents,
  getEvent,
  patchEvent,
  deleteEvent,
  putFactor,
  deleteFactor,
  listFactors,
} from './events.service.ts';
export {
  refreshRollups,
  rebuildRollups,
  lockEventWrites,
  batchKeysQuery,
  kgEquivalentSql,
  MASS_UNITS,
  SEIZURE_UNITS,
  MEASURE_UNIT_DIM,
  type RollupKey,
  type RollupScope,
  type RollupChange,
  type RollupCounts,
} from './events.rollups.ts';
export {
  parseEventDate,
  formatEventDate,
  todayUtc,
  type EventDate,
  type DatePrecision,
} from './events.dates.ts';
export type { EventValues } from './events.repository.ts';
export { checkEventValues, TEXT_LIMITS, type EventCheck } from './events.checks.ts';
export { EVENT_TEMPLATE_COLUMNS, eventTemplateWorkbook } from './events.template.ts';
