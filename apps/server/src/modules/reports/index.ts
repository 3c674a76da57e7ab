export { reportRoutes } from './reports.routes.ts';
export { generatePack, getPack, renderPack, packFileName } from './reports.service.ts';
export {
  buildSnapshot,
  AUDIENCES,
  CENTRAL_ASIA,
  type Audience,
  type SnapshotContent,
} from './pack.snapshot.ts';
export { formatNumber } from './pack.model.ts';
