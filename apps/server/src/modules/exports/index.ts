export {
  EXPORT_FORMATS,
  exportFileName,
  exportFormatInfo,
  isExportFormat,
  streamObservationExport,
  writeObservationExport,
  type ExportFormat,
  type ExportFormatInfo,
  type ExportOptions,
} from './exports.service.ts';
export type { ExportResult } from './exports.types.ts';
export { ExportAbortedError } from './exports.stream.ts';
export { footnoteTexts, tableColumns } from './exports.table.ts';
export { sdmxCsvHeader } from './exports.sdmx-csv.ts';
export { SDMX_JSON_SCHEMA } from './exports.sdmx-json.ts';
export {
  SDMX_AGENCY,
  SDMX_ATTRIBUTE_IDS,
  SDMX_COMPONENTS,
  SDMX_CSV_FIXED_COLUMNS,
  SDMX_DATAFLOW_VERSION,
  decodeSdmxId,
  dimensionNameOf,
  encodeSdmxId,
  parseSdmxStructureId,
  sdmxDataflowId,
  sdmxDataflowUrn,
  sdmxDimensionId,
  sdmxDimensionIds,
  sdmxStructureId,
} from './sdmx.ts';
