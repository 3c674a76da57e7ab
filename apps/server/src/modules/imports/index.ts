export { importRoutes } from './imports.routes.ts';
export {
  reportOf,
  startImport,
  rollbackBatch,
  listBatches,
  getBatch,
  batchIssues,
  issueMessage,
} from './imports.service.ts';
export { runImport, recoverImports, type ImportResult, type ImportCounts } from './pipeline.ts';
export { seedPresets, findPreset, findAnyPreset, findSpec, parseSpec, PRESETS } from './specs.ts';
export { mappingSpecSchema, type MappingSpec, type ObservationSpec, type EventSpec } from './spec.ts';
export { loadDemoPack, buildDemoPack } from './demo.ts';
export { importWastewaterSites, siteIssueMessage, type SiteImportResult } from './sites.ts';
