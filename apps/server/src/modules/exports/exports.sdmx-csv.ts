import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { ObservationExportRow } from '../observations/index.ts';
import { close, put, SAFE_CSV } from './exports.stream.ts';
import { footnoteTexts } from './exports.table.ts';
import type { ExportContext, ExportResult } from './exports.types.ts';
import {
  SDMX_ATTRIBUTE_IDS,
  SDMX_COMPONENTS,
  SDMX_CSV_FIXED_COLUMNS,
  encodeSdmxId,
  sdmxDimensionIds,
  sdmxStructureId,
} from './sdmx.ts';

/** The SDMX-CSV 2.0 header of an indicator's dataflow. */
export function sdmxCsvHeader(dimensionNames: readonly string[]): string[] {
  return [
    ...SDMX_CSV_FIXED_COLUMNS,
    ...sdmxDimensionIds(dimensionNames),
    SDMX_COMPONENTS.measure,
    ...SDMX_ATTRIBUTE_IDS,
  ];
}

/** The key of one observation (dimension values in key order, as SDMX ids). */
export function sdmxKey(
  r: ObservationExportRow,
  indicatorCode: string,
  dimensionNames: readonly string[],
): string[] {
  const z = SDMX_COMPONENTS.notApplicable;
  return [
    encodeSdmxId(indicatorCode),
    encodeSdmxId(r.areaCode),
    r.substanceCode ? encodeSdmxId(r.substanceCode) : z,
    ...dimensionNames.map((d) => (r.dims[d] !== undefined ? encodeSdmxId(r.dims[d]) : z)),
    encodeSdmxId(r.sourceCode),
    encodeSdmxId(r.period),
  ];
}

/**
 * SDMX-CSV 2.0 data message (labels=id): one row per observation, action I (information). Coded
 * values are SDMX ids (see `encodeSdmxId`); a missing value has an empty OBS_VALUE and status M.
 * No byte-order mark: the first bytes must be `STRUCTURE`.
 */
export async function writeSdmxCsv(ctx: ExportContext, out: Writable): Promise<ExportResult> {
  const { indicator } = ctx.data;
  const dims = indicator.dimensions.map((d) => d.dimension);
  const structureId = sdmxStructureId(indicator.code);
  await put(out, stringify([sdmxCsvHeader(dims)]));
  let rows = 0;
  for await (const page of ctx.data.pages()) {
    const records = page.map((r) => {
      const notes = footnoteTexts(r.footnotes);
      return [
        'dataflow',
        structureId,
        'I',
        ...sdmxKey(r, indicator.code, dims),
        r.value ?? '',
        encodeSdmxId(r.unit),
        encodeSdmxId(r.status),
        encodeSdmxId(r.confidentiality),
        r.lower ?? '',
        r.upper ?? '',
        notes.en,
        notes.ru,
      ];
    });
    await put(out, stringify(records, SAFE_CSV));
    rows += page.length;
  }
  await close(out);
  return { rows };
}
