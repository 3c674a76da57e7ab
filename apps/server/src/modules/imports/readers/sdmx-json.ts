/**
 * SDMX-JSON data messages (1.0 and 2.x) flattened into a table: a header row of component ids, then
 * one row per observation holding value ids (codes), not names.
 *
 * Header: dimensions (dataset level, series level, observation level — so `TIME_PERIOD` too), the
 * measures (`OBS_VALUE`), then attributes (dataset, dimension-group, series, observation level).
 * Messages with several structures (2.x) get the union of their components.
 *
 * The message is parsed whole (JSON.parse): SDMX-JSON is one object whose parts refer to each other
 * by index, and providers' responses are megabytes, not gigabytes. Files over
 * `MAX_SDMX_JSON_BYTES` are refused.
 */
import { readFile, stat } from 'node:fs/promises';
import { FileError, type Cell, type SourceRow, type TableSource } from './types.ts';

export const MAX_SDMX_JSON_BYTES = 256 * 1024 * 1024;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Component {
  id: string;
  /** Coded values, indexed by the numbers in keys and attribute arrays. */
  values: Json[];
  /** Attributes: whether numbers in the data are indexes into `values` (always in 1.0). */
  coded?: boolean;
  keyPosition?: number;
}

interface Layout {
  datasetDimensions: Component[];
  seriesDimensions: Component[];
  observationDimensions: Component[];
  measures: Component[];
  datasetAttributes: Component[];
  groupAttributes: Component[];
  seriesAttributes: Component[];
  observationAttributes: Component[];
  /** Where each dimension (dataset, series, observation order) sits in the full key, 0-based. */
  keyPositions: number[];
}

function invalid(reason: string): FileError {
  return new FileError('sdmx_invalid', { reason });
}

export async function openSdmxJson(path: string): Promise<TableSource> {
  const { size } = await stat(path);
  if (size > MAX_SDMX_JSON_BYTES) throw invalid('too_large');
  let message: Json;
  try {
    message = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    if (error instanceof SyntaxError) throw invalid('invalid_json');
    throw error;
  }
  return sdmxTable(message);
}

/** The table of an already parsed SDMX-JSON data message; `sdmx_invalid` when it holds no data. */
export function sdmxTable(message: Json): TableSource {
  const { structures, dataSets, version } = locate(message);
  const layouts = structures.map((s) => layoutOf(s, version));
  for (const dataSet of dataSets) {
    if (!layouts[structureIndex(dataSet)]) throw invalid('unknown_structure');
  }

  const header = [
    ...unique(
      layouts.flatMap((l) => [...l.datasetDimensions, ...l.seriesDimensions, ...l.observationDimensions]),
    ),
    ...unique(layouts.flatMap((l) => l.measures)),
    ...unique(
      layouts.flatMap((l) => [
        ...l.datasetAttributes,
        ...l.groupAttributes,
        ...l.seriesAttributes,
        ...l.observationAttributes,
      ]),
    ),
  ];
  const column = new Map(header.map((id, i) => [id, i]));
  const observations = dataSets.reduce((sum, ds) => sum + countObservations(ds), 0);

  return {
    format: 'sdmx-json',
    estimatedRows: observations + 1,
    async *rows(): AsyncGenerator<SourceRow> {
      yield { row: 1, cells: [...header] };
      let row = 1;
      for (const dataSet of dataSets) {
        const layout = layouts[structureIndex(dataSet)];
        if (!layout) continue;
        for (const cells of dataSetRows(dataSet, layout, column, header.length)) {
          row += 1;
          yield { row, cells };
        }
      }
    },
  };
}

function locate(message: Json): { structures: JsonObject[]; dataSets: JsonObject[]; version: 1 | 2 } {
  if (!isObject(message)) throw invalid('not_an_object');
  // 2.x: { meta, data: { structures: [...], dataSets: [...] } }
  const data = message.data;
  if (isObject(data)) {
    const structures = Array.isArray(data.structures)
      ? data.structures
      : isObject(data.structure)
        ? [data.structure]
        : [];
    return { structures: structures.filter(isObject), dataSets: dataSetsOf(data.dataSets), version: 2 };
  }
  // 1.0: { header, structure, dataSets }
  if ('dataSets' in message || 'structure' in message) {
    const structure = message.structure;
    return {
      structures: isObject(structure) ? [structure] : [],
      dataSets: dataSetsOf(message.dataSets),
      version: 1,
    };
  }
  throw invalid('no_data');
}

function dataSetsOf(value: Json | undefined): JsonObject[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('no_datasets');
  return value.filter(isObject);
}

function structureIndex(dataSet: JsonObject): number {
  return typeof dataSet.structure === 'number' ? dataSet.structure : 0;
}

function layoutOf(structure: JsonObject, version: 1 | 2): Layout {
  const dimensions = isObject(structure.dimensions) ? structure.dimensions : undefined;
  if (!dimensions) throw invalid('no_dimensions');
  const attributes = isObject(structure.attributes) ? structure.attributes : {};
  const measures = isObject(structure.measures) ? components(structure.measures.observation) : [];

  const datasetDimensions = components(level(dimensions, 'dataSet'));
  const seriesDimensions = components(dimensions.series);
  const observationDimensions = components(dimensions.observation);
  // Dimension-group keys list every dimension in key order; `keyPosition` may skip numbers, so
  // what counts is each dimension's rank in that order.
  const all = [...datasetDimensions, ...seriesDimensions, ...observationDimensions];
  const keyOrder = all
    .map((d, i) => ({ i, position: d.keyPosition ?? i }))
    .sort((a, b) => a.position - b.position || a.i - b.i);
  const keyPositions = new Array<number>(all.length);
  keyOrder.forEach(({ i }, rank) => (keyPositions[i] = rank));

  return {
    datasetDimensions,
    seriesDimensions,
    observationDimensions,
    // 1.0 has one unnamed measure; 2.x lists them (`OBS_VALUE` unless the DSD says otherwise).
    measures: version === 2 && measures.length > 0 ? measures : [{ id: 'OBS_VALUE', values: [] }],
    datasetAttributes: attributeComponents(level(attributes, 'dataSet'), version),
    groupAttributes: attributeComponents(attributes.dimensionGroup, version),
    seriesAttributes: attributeComponents(attributes.series, version),
    observationAttributes: attributeComponents(attributes.observation, version),
    keyPositions,
  };
}

/** `dataSet`, spelt `dataset` in some 1.0 messages. */
function level(parent: JsonObject, name: 'dataSet'): Json | undefined {
  return parent[name] ?? parent.dataset;
}

function components(list: Json | undefined): Component[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((c) => {
    if (typeof c.id !== 'string') throw invalid('component_without_id');
    return {
      id: c.id,
      values: Array.isArray(c.values) ? c.values : [],
      ...(typeof c.keyPosition === 'number' ? { keyPosition: c.keyPosition } : {}),
    };
  });
}

function attributeComponents(list: Json | undefined, version: 1 | 2): Component[] {
  return components(list).map((c) => ({ ...c, coded: version === 1 || c.values.length > 0 }));
}

function unique(list: Component[]): string[] {
  return [...new Set(list.map((c) => c.id))];
}

function countObservations(dataSet: JsonObject): number {
  let count = isObject(dataSet.observations) ? Object.keys(dataSet.observations).length : 0;
  if (isObject(dataSet.series)) {
    for (const series of Object.values(dataSet.series)) {
      if (isObject(series) && isObject(series.observations)) count += Object.keys(series.observations).length;
    }
  }
  return count;
}

/** Dimension-group attribute values and the key pattern (null = any value) they apply to. */
interface GroupValues {
  pattern: (number | null)[];
  values: Json[];
}

function* dataSetRows(
  dataSet: JsonObject,
  layout: Layout,
  column: Map<string, number>,
  width: number,
): Generator<Cell[]> {
  const base: Cell[] = new Array<Cell>(width).fill(null);
  const set = (cells: Cell[], component: Component, value: Cell) => {
    const i = column.get(component.id);
    if (i !== undefined) cells[i] = value;
  };
  // Dataset-level dimensions have one value, not part of any key.
  for (const dimension of layout.datasetDimensions) set(base, dimension, code(dimension.values[0]));
  const datasetAttributeValues = Array.isArray(dataSet.attributes) ? dataSet.attributes : [];
  layout.datasetAttributes.forEach((a, i) => {
    const value = datasetAttributeValues[i];
    // SDMX-JSON 1.0 gives a dataset-level attribute's value only in the structure, as its one value.
    set(base, a, value === undefined && a.values.length === 1 ? code(a.values[0]) : attributeValue(a, value));
  });

  const groups: GroupValues[] = isObject(dataSet.dimensionGroupAttributes)
    ? Object.entries(dataSet.dimensionGroupAttributes).map(([key, values]) => ({
        pattern: key.split(':').map((part) => (/^\d+$/.test(part) ? Number(part) : null)),
        values: Array.isArray(values) ? values : [],
      }))
    : [];
  const fullKey: number[] = new Array<number>(layout.keyPositions.length).fill(0);
  const seriesOffset = layout.datasetDimensions.length;
  const observationOffset = seriesOffset + layout.seriesDimensions.length;

  const observationRow = (
    prefix: Cell[],
    dimensions: Component[],
    offset: number,
    key: string,
    observation: Json,
  ): Cell[] => {
    const cells = prefix.slice();
    const indices = parseKey(key);
    dimensions.forEach((d, i) => {
      const index = indices[i];
      set(cells, d, index === undefined ? null : code(d.values[index]));
      fullKey[layout.keyPositions[offset + i] ?? offset + i] = index ?? -1;
    });
    const values = Array.isArray(observation) ? observation : [];
    layout.measures.forEach((m, i) => set(cells, m, measureValue(m, values[i])));
    const attributeStart = layout.measures.length;
    layout.observationAttributes.forEach((a, i) =>
      set(cells, a, attributeValue(a, values[attributeStart + i])),
    );
    for (const group of groups) {
      if (!group.pattern.every((index, position) => index === null || fullKey[position] === index)) continue;
      layout.groupAttributes.forEach((a, i) => {
        const value = attributeValue(a, group.values[i]);
        if (value !== null) set(cells, a, value);
      });
    }
    return cells;
  };

  if (isObject(dataSet.series)) {
    for (const [seriesKey, series] of Object.entries(dataSet.series)) {
      if (!isObject(series)) continue;
      const prefix = base.slice();
      parseKey(seriesKey).forEach((index, i) => {
        const dimension = layout.seriesDimensions[i];
        if (!dimension) return;
        set(prefix, dimension, code(dimension.values[index]));
        fullKey[layout.keyPositions[seriesOffset + i] ?? seriesOffset + i] = index;
      });
      const seriesAttributeValues = Array.isArray(series.attributes) ? series.attributes : [];
      layout.seriesAttributes.forEach((a, i) => set(prefix, a, attributeValue(a, seriesAttributeValues[i])));
      if (!isObject(series.observations)) continue;
      for (const [key, observation] of Object.entries(series.observations)) {
        yield observationRow(prefix, layout.observationDimensions, observationOffset, key, observation);
      }
    }
  }
  if (isObject(dataSet.observations)) {
    // Flat layout ("all dimensions at observation"): the key spans the observation-level
    // dimensions, or every dimension not at dataset level when the structure still lists series.
    const allDimensions = [...layout.seriesDimensions, ...layout.observationDimensions];
    for (const [key, observation] of Object.entries(dataSet.observations)) {
      const spansSeries =
        layout.seriesDimensions.length > 0 && key.split(':').length === allDimensions.length;
      yield spansSeries
        ? observationRow(base, allDimensions, seriesOffset, key, observation)
        : observationRow(base, layout.observationDimensions, observationOffset, key, observation);
    }
  }
}

/**
 * `"0:3:1"` → [0, 3, 1]. A key shorter than the dimension list leaves the rest empty (null cells,
 * which the mapping then reports) rather than rejecting the whole message.
 */
function parseKey(key: string): number[] {
  if (key === '') return [];
  const parts = key.split(':');
  if (parts.some((p) => !/^\d+$/.test(p))) throw invalid('bad_key');
  return parts.map(Number);
}

/** The code of a dimension or attribute value: its id, else its value, else its name. */
function code(value: Json | undefined): Cell {
  if (!isObject(value)) return null;
  if (typeof value.id === 'string') return value.id;
  if ('value' in value) return scalar(value.value);
  return text(value.name);
}

/** Observation values are numbers; SDMX-JSON 1.0 writers sometimes send them as strings. */
function measureValue(measure: Component, value: Json | undefined): Cell {
  if (measure.values.length > 0 && Number.isInteger(value)) return code(measure.values[value as number]);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return scalar(value);
}

/**
 * An attribute value: an index into the attribute's values when it is coded (always in 1.0), else
 * the value itself (2.x uncoded attributes: text, number, localised text or a list).
 */
function attributeValue(attribute: Component, value: Json | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (attribute.coded) {
    if (Number.isInteger(value)) return code(attribute.values[value as number]);
    if (Array.isArray(value)) return joined(value.map((v) => attributeValue(attribute, v)));
  }
  return scalar(value);
}

function scalar(value: Json | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return joined(value.map(scalar));
  return text(value);
}

/** Localised text: English when present, else the first language given. */
function text(value: Json | undefined): Cell {
  if (typeof value === 'string') return value === '' ? null : value;
  if (!isObject(value)) return null;
  const english = value.en;
  if (typeof english === 'string') return english;
  const first = Object.values(value).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first : null;
}

/** Multi-valued attributes as one cell, values separated by `;` (as SDMX-CSV writes them). */
function joined(values: Cell[]): Cell {
  const present = values.filter((v) => v !== null);
  return present.length === 0
    ? null
    : present.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join(';');
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
