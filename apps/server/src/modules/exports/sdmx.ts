/**
 * The SDMX face of the observations cube: agency, dataflow ids and component ids of the SDMX-CSV
 * and SDMX-JSON exports. The importer reads the same files back, so these ids are fixed; change
 * them only together with the importer (both use this file through the module's index.ts).
 */

/** The maintenance agency of Observatory's dataflows. */
export const SDMX_AGENCY = 'OBSERVATORY';
/** Version of every dataflow (one per indicator). */
export const SDMX_DATAFLOW_VERSION = '1.0';

/**
 * Component ids. The key is INDICATOR, REF_AREA, SUBSTANCE, one dimension per indicator dimension
 * (see `sdmxDimensionId`), SOURCE, TIME_PERIOD; then the measure OBS_VALUE, then the attributes.
 */
export const SDMX_COMPONENTS = {
  dimensions: {
    /** Indicator code, e.g. SZR_QTY. */
    indicator: 'INDICATOR',
    /** Area code (ISO 3166-1 alpha-3 for countries). */
    area: 'REF_AREA',
    /** Substance code; `_Z` when the indicator has no substance. */
    substance: 'SUBSTANCE',
    /** Source code. */
    source: 'SOURCE',
    /** The period, e.g. 2023. */
    time: 'TIME_PERIOD',
  },
  measure: 'OBS_VALUE',
  attributes: {
    unit: 'UNIT_MEASURE',
    status: 'OBS_STATUS',
    confidentiality: 'CONF_STATUS',
    lower: 'LOWER_BOUND',
    upper: 'UPPER_BOUND',
    /** Footnotes in English, joined with `commentSeparator`. */
    commentEn: 'COMMENT_EN',
    /** Footnotes in Russian, joined with `commentSeparator` (an empty part where one has no Russian text). */
    commentRu: 'COMMENT_RU',
  },
  /** The value of a dimension that does not apply (no substance, dimension not given). */
  notApplicable: '_Z',
  /** Joins several footnotes in one comment. */
  commentSeparator: ' | ',
} as const;

/** Attribute ids in the order of their columns (SDMX-CSV) and values (SDMX-JSON observations). */
export const SDMX_ATTRIBUTE_IDS = [
  SDMX_COMPONENTS.attributes.unit,
  SDMX_COMPONENTS.attributes.status,
  SDMX_COMPONENTS.attributes.confidentiality,
  SDMX_COMPONENTS.attributes.lower,
  SDMX_COMPONENTS.attributes.upper,
  SDMX_COMPONENTS.attributes.commentEn,
  SDMX_COMPONENTS.attributes.commentRu,
] as const;

/** The fixed first columns of an SDMX-CSV 2.0 data message. */
export const SDMX_CSV_FIXED_COLUMNS = ['STRUCTURE', 'STRUCTURE_ID', 'ACTION'] as const;

/**
 * The dimension id of an indicator dimension: upper snake case of its name (`sex` → `SEX`,
 * `treatmentStatus` → `TREATMENT_STATUS`, `marketLevel` → `MARKET_LEVEL`).
 */
export function sdmxDimensionId(dimensionName: string): string {
  return dimensionName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toUpperCase();
}

/** The indicator dimension (of those given) that an SDMX dimension id stands for, if any. */
export function dimensionNameOf(sdmxId: string, dimensionNames: readonly string[]): string | undefined {
  return dimensionNames.find((name) => sdmxDimensionId(name) === sdmxId);
}

/**
 * All dimension ids of an indicator's dataflow, in key order. Throws (a programmer fault) when an
 * indicator dimension would take the id of a fixed dimension or of another indicator dimension.
 */
export function sdmxDimensionIds(dimensionNames: readonly string[]): string[] {
  const d = SDMX_COMPONENTS.dimensions;
  const ids = [d.indicator, d.area, d.substance, ...dimensionNames.map(sdmxDimensionId), d.source, d.time];
  if (new Set(ids).size !== ids.length) throw new Error(`Clashing SDMX dimension ids: ${ids.join(', ')}`);
  return ids;
}

/** The dataflow id of an indicator, e.g. `DF_SZR_QTY`. */
export const sdmxDataflowId = (indicatorCode: string): string => `DF_${encodeSdmxId(indicatorCode)}`;

/** The SDMX-CSV STRUCTURE_ID of an indicator's dataflow, e.g. `OBSERVATORY:DF_SZR_QTY(1.0)`. */
export const sdmxStructureId = (indicatorCode: string): string =>
  `${SDMX_AGENCY}:${sdmxDataflowId(indicatorCode)}(${SDMX_DATAFLOW_VERSION})`;

/** The registry URN of an indicator's dataflow. */
export const sdmxDataflowUrn = (indicatorCode: string): string =>
  `urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=${sdmxStructureId(indicatorCode)}`;

/** Reads a STRUCTURE_ID written by `sdmxStructureId` back: the indicator code and version. */
export function parseSdmxStructureId(structureId: string): { indicator: string; version: string } | null {
  const m = /^([A-Za-z][A-Za-z0-9_-]*):DF_([A-Za-z0-9_@$-]+)\(([^()]+)\)$/.exec(structureId.trim());
  if (!m || m[1] !== SDMX_AGENCY) return null;
  return { indicator: decodeSdmxId(m[2]!), version: m[3]! };
}

const ID_CHAR = /[A-Za-z0-9_@-]/;

/**
 * Makes any code a valid SDMX id (`[A-Za-z0-9_@$-]+`): other characters, `$` included, become
 * `$XX` per UTF-8 byte, e.g. `UNODC.ARQ` → `UNODC$2EARQ`. Codes that are already valid ids and
 * hold no `$` (all area, substance and codelist codes) stay as they are. `decodeSdmxId` reverses it.
 */
export function encodeSdmxId(code: string): string {
  let out = '';
  for (const ch of code) {
    if (ID_CHAR.test(ch)) out += ch;
    else
      for (const byte of new TextEncoder().encode(ch))
        out += `$${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The code an SDMX id written by `encodeSdmxId` stands for. */
export function decodeSdmxId(id: string): string {
  if (!id.includes('$')) return id;
  return id.replace(/(?:\$[0-9A-Fa-f]{2})+/g, (run) =>
    new TextDecoder().decode(
      new Uint8Array(
        run
          .slice(1)
          .split('$')
          .map((h) => parseInt(h, 16)),
      ),
    ),
  );
}
