import {
  cellText,
  columnIndex,
  columnLetter,
  parseNumber,
  parseYear,
  type CellValue,
  type NumberFormat,
  type ParsedNumber,
} from '@observatory/shared';
import type { Footnote, Indicator } from '../../platform/db/schema.ts';
import { decodeSdmxId } from '../exports/index.ts';
import { dimKey } from '../observations/index.ts';
import { labelKey, type CodeResolver } from './codes.ts';
import type { SourceRow } from './readers/types.ts';
import type { FieldSpec, ObservationSpec } from './spec.ts';

/**
 * The mapping engine: applies a mapping spec to the rows of a table and yields observations ready
 * for staging, or issues located by row and column. Pure apart from the resolver's in-memory
 * lookups, so the same engine serves dry runs, commits and previews.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface ImportIssue {
  row: number | null;
  col: string | null;
  code: string;
  severity: Severity;
  params: Record<string, unknown>;
}

/** An observation ready for staging. `sourceId` is -1 for the spec's own source (created on commit). */
export interface StagedRow {
  rowNo: number;
  indicatorId: number;
  areaId: number;
  substanceId: number | null;
  period: string;
  year: number;
  dims: Record<string, string>;
  dimKey: string;
  sourceId: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit: string;
  status: string;
  confidentiality: string;
  footnotes: Footnote[];
}

export const SPEC_SOURCE = -1;

/** A problem with the spec against this file (a column that is not there): nothing can be read. */
export class MappingError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'MappingError';
  }
}

type FieldName = Exclude<keyof ObservationSpec['fields'], 'dims'>;

/** A field of a spec bound to this file's columns (`index` null: a fixed value or the sheet name). */
export interface BoundField {
  spec: FieldSpec;
  index: number | null;
  label: string;
  pattern: RegExp | null;
  map: Map<string, string> | null;
}

export interface MapperOptions {
  /** A footnote in both languages from the message catalogue (`imports:footnote_<key>`). */
  note: (key: 'marker' | 'outside_bounds', params: Record<string, unknown>) => Footnote;
  /** Source id of the spec's source when it already exists. */
  specSourceId: number | null;
  maxYear: number;
}

export interface MapResult {
  rows: StagedRow[];
  issues: ImportIssue[];
  /** Reason, when the whole source row was skipped on purpose (skip rule, aggregate area). */
  skipped?: string;
  /** Rows not turned into observations because of errors. */
  rejected: number;
}

/** The 0-based index of a spec's column in this header (by header text, letters or number). */
export function findColumn(headers: string[], column: string | number): number {
  if (typeof column === 'number') return column - 1;
  const key = labelKey(column);
  const byHeader = headers.findIndex((h) => labelKey(h) === key);
  if (byHeader >= 0) return byHeader;
  // SDMX-CSV with labels: "REF_AREA: Reference area".
  const byPrefix = headers.findIndex((h) => labelKey(h.split(':')[0] ?? '') === key);
  if (byPrefix >= 0) return byPrefix;
  const letters = columnIndex(column);
  if (letters !== null) return letters;
  throw new MappingError('column_not_found', {
    column,
    available: headers.filter(Boolean).slice(0, 30).join(', ') || '—',
  });
}

/** How issues name a column: its letter and header text, e.g. `B (area_code)`. */
export function columnLabel(headers: string[], index: number): string {
  const h = headers[index];
  return h ? `${columnLetter(index)} (${h})` : columnLetter(index);
}

/** Binds a field spec to the header; a missing column throws MappingError unless it is optional. */
export function bindField(headers: string[], spec: FieldSpec): BoundField {
  let index: number | null = null;
  if (spec.column !== undefined) {
    try {
      index = findColumn(headers, spec.column);
    } catch (error) {
      if (!spec.optional) throw error;
      index = -1;
    }
  }
  return {
    spec,
    index,
    label: index === null || index < 0 ? '' : columnLabel(headers, index),
    pattern: spec.pattern ? new RegExp(spec.pattern, 'iu') : null,
    map: spec.map ? new Map(Object.entries(spec.map).map(([k, v]) => [labelKey(k), v])) : null,
  };
}

/** A bound field's text in a row, after the spec's extraction rules and value map (null: empty). */
export function fieldText(
  field: BoundField | undefined,
  cells: CellValue[],
  sheetName: string | null,
): string | null {
  if (!field) return null;
  let text =
    field.index === null
      ? cellText(field.spec.sheetName ? sheetName : (field.spec.value ?? null))
      : field.index < 0
        ? null
        : cellText(cells[field.index] ?? null);
  if (text === null) return null;
  if (field.spec.codeBeforeColon) text = text.split(/:\s/)[0]!.trim();
  if (field.spec.sdmxId) text = decodeSdmxId(text);
  if (field.pattern) {
    const m = field.pattern.exec(text);
    if (m) text = (m[1] ?? m[0]).trim();
  }
  if (field.map) text = field.map.get(labelKey(text)) ?? text;
  return text;
}

export class RowMapper {
  private headers: string[] = [];
  private fields = new Map<FieldName, BoundField>();
  private sourceColumn: BoundField | null = null;
  private dims = new Map<string, BoundField>();
  private yearColumns: { index: number; year: number }[] = [];
  private boundRules: { index: number; re: RegExp; field: 'lower' | 'upper' }[] = [];
  private skipRules: { index: number; re: RegExp | null; empty: boolean; reason: string }[] = [];
  private numberFormat: NumberFormat;
  private pending: { row: SourceRow; lower?: SourceRow; upper?: SourceRow } | null = null;
  private orphanBounds = false;
  private indicatorCache = new Map<string, Indicator>();

  constructor(
    readonly spec: ObservationSpec,
    private readonly resolver: CodeResolver,
    private readonly options: MapperOptions,
  ) {
    this.numberFormat = {
      decimal: spec.values.decimal,
      missing: spec.values.missing,
      footnoteMarkers: spec.values.footnoteMarkers,
    };
  }

  get headerRow(): number {
    return this.spec.table.headerRow;
  }

  get dataStartRow(): number {
    return this.spec.table.dataStartRow ?? this.spec.table.headerRow + 1;
  }

  /** Name of the sheet being read (fields with `sheetName` take it). */
  sheetName: string | null = null;

  /** Binds the spec's columns to this file's header; throws MappingError when one is missing. */
  header(row: SourceRow): void {
    this.headers = row.cells.map((c) => cellText(c) ?? '');
    const bind = (spec: FieldSpec): BoundField => bindField(this.headers, spec);
    for (const [name, spec] of Object.entries(this.spec.fields)) {
      if (name === 'dims' || !spec) continue;
      this.fields.set(name as FieldName, bind(spec));
    }
    for (const [name, spec] of Object.entries(this.spec.fields.dims)) this.dims.set(name, bind(spec));
    if ('column' in this.spec.source)
      this.sourceColumn = bind({
        column: this.spec.source.column,
        ...(this.spec.source.sdmxId ? { sdmxId: true as const } : {}),
      });
    this.skipRules = this.spec.table.skipRows.map((r) => ({
      index: this.columnOf(r.column),
      re: r.matches ? new RegExp(r.matches, r.caseSensitive ? 'u' : 'iu') : null,
      empty: r.empty ?? false,
      reason: r.reason,
    }));
    if (this.spec.layout.type === 'wide') {
      const { from, to } = this.spec.layout.yearColumns;
      const first = from === undefined ? 0 : this.columnOf(from);
      const last = to === undefined ? row.cells.length - 1 : this.columnOf(to);
      for (let i = first; i <= last; i++) {
        const year = parseYear(row.cells[i] ?? null);
        if (year !== null) this.yearColumns.push({ index: i, year });
      }
      if (!this.yearColumns.length) throw new MappingError('no_year_columns', { row: row.row });
      this.boundRules = this.spec.layout.boundRows.map((b) => ({
        index: this.columnOf(b.column),
        re: new RegExp(b.matches, 'iu'),
        field: b.field,
      }));
    }
  }

  private columnOf(column: string | number): number {
    return findColumn(this.headers, column);
  }

  private label(index: number): string {
    return columnLabel(this.headers, index);
  }

  private text(field: BoundField | undefined, cells: CellValue[]): string | null {
    return fieldText(field, cells, this.sheetName);
  }

  /** Maps one data row. Wide tables answer for the previous entity row (bounds come after it). */
  map(row: SourceRow): MapResult | null {
    if (this.spec.table.skipBlankRows && row.cells.every((c) => cellText(c) === null)) return null;
    for (const rule of this.skipRules) {
      const t = cellText(row.cells[rule.index] ?? null);
      if ((rule.empty && t === null) || (rule.re && t !== null && rule.re.test(t))) {
        const skip: ImportIssue = {
          row: row.row,
          col: this.label(rule.index),
          code: 'row_skipped',
          severity: 'info',
          params: { reason: rule.reason },
        };
        // A skipped row ends the entity above it: bound rows that follow belong to the skipped row.
        const previous = this.spec.layout.type === 'wide' ? this.flush() : null;
        this.orphanBounds = true;
        return {
          rows: previous?.rows ?? [],
          issues: [...(previous?.issues ?? []), skip],
          skipped: rule.reason,
          rejected: previous?.rejected ?? 0,
        };
      }
    }
    if (this.spec.layout.type === 'long') return this.mapRecords(row, [{ year: null, cells: row.cells }]);
    for (const rule of this.boundRules) {
      const t = cellText(row.cells[rule.index] ?? null);
      if (t !== null && rule.re.test(t)) {
        if (this.pending && !this.orphanBounds) this.pending[rule.field] = row;
        return null;
      }
    }
    this.orphanBounds = false;
    const previous = this.flush();
    this.pending = { row };
    return previous;
  }

  /** Emits the last wide-table entity row (call once after the last row). */
  flush(): MapResult | null {
    const p = this.pending;
    this.pending = null;
    if (!p) return null;
    return this.mapRecords(
      p.row,
      this.yearColumns.map((y) => ({
        year: y.year,
        index: y.index,
        cells: p.row.cells,
        lower: p.lower?.cells[y.index] ?? null,
        upper: p.upper?.cells[y.index] ?? null,
      })),
    );
  }

  private mapRecords(
    row: SourceRow,
    cells: {
      year: number | null;
      index?: number;
      cells: CellValue[];
      lower?: CellValue;
      upper?: CellValue;
    }[],
  ): MapResult {
    const issues: ImportIssue[] = [];
    const out: StagedRow[] = [];
    const issue = (
      col: string | null,
      code: string,
      params: Record<string, unknown> = {},
      severity: Severity = 'error',
    ) => issues.push({ row: row.row, col, code, severity, params });
    const f = (name: FieldName) => this.fields.get(name);
    const col = (name: FieldName) => f(name)?.label || null;
    const c = row.cells;

    // Row-level fields: resolved once per row, reported once per row.
    const indicatorText = this.text(f('indicator'), c);
    let indicator: Indicator | undefined;
    if (indicatorText === null) issue(col('indicator'), 'required', { field: 'indicator' });
    else {
      indicator = this.indicatorCache.get(indicatorText);
      if (!indicator) {
        const hit = this.resolver.indicator(indicatorText);
        if (hit.ok) this.indicatorCache.set(indicatorText, (indicator = hit.value));
        else
          issue(col('indicator'), 'unknown_indicator', {
            value: indicatorText,
            suggestion: hit.suggestion ?? '',
          });
      }
    }

    const areaText = this.text(f('area'), c);
    let areaId: number | undefined;
    if (areaText === null) issue(col('area'), 'required', { field: 'area' });
    else {
      const hit = this.resolver.area(areaText);
      const skip =
        (!hit.ok && this.spec.codes.unknownArea === 'skip') ||
        (hit.ok && this.spec.codes.skipAreas.includes(hit.value.code));
      if (skip) {
        const warning: ImportIssue = {
          row: row.row,
          col: col('area'),
          code: 'area_skipped',
          severity: 'warning',
          params: { value: areaText },
        };
        return { rows: [], issues: [warning], skipped: 'area_skipped', rejected: 0 };
      }
      if (!hit.ok) {
        issue(col('area'), 'unknown_area', { value: areaText, suggestion: hit.suggestion ?? '' });
      } else if (hit.value.kind === 'group' || hit.value.kind === 'region') {
        issue(col('area'), 'area_is_group', { value: areaText, code: hit.value.code });
      } else areaId = hit.value.id;
    }

    const substanceText = this.text(f('substance'), c);
    let substanceId: number | null = null;
    let substanceOk = true;
    if (substanceText !== null && !['_Z', '_T'].includes(substanceText)) {
      const hit = this.resolver.substance(
        substanceText,
        this.text(f('substanceGroup'), c),
        this.text(f('substanceSubgroup'), c),
      );
      if (hit.ok) substanceId = hit.value;
      else {
        substanceOk = false;
        issue(col('substance'), 'unknown_substance', {
          value: substanceText,
          suggestion: hit.suggestion ?? '',
        });
      }
    } else if (indicator?.requiresSubstance) {
      substanceOk = false;
      issue(col('substance'), 'required', { field: 'substance' });
    }

    let sourceId: number | null = this.options.specSourceId ?? SPEC_SOURCE;
    if (this.sourceColumn) {
      const s = this.text(this.sourceColumn, c);
      const hit = s === null ? null : this.resolver.source(s);
      if (!hit?.ok) {
        issue(this.sourceColumn.label, s === null ? 'required' : 'unknown_source', {
          field: 'source',
          value: s ?? '',
        });
        sourceId = null;
      } else sourceId = hit.value;
    }

    const dims: Record<string, string> = {};
    let dimsOk = true;
    if (indicator) {
      const allowed = new Map(indicator.dimensions.map((d) => [d.dimension, d]));
      for (const [name, field] of this.dims) {
        const d = allowed.get(name);
        const t = this.text(field, c);
        if (t === null || t === '_Z') continue;
        if (!d) {
          dimsOk = false;
          issue(field.label || null, 'dimension_not_allowed', { dimension: name, indicator: indicator.code });
          continue;
        }
        if (d.codelist) {
          const hit = this.resolver.code(d.codelist, t);
          if (hit.ok) dims[name] = hit.value;
          else {
            dimsOk = false;
            issue(field.label || null, 'unknown_code', {
              dimension: name,
              value: t,
              suggestion: hit.suggestion ?? '',
            });
          }
        } else dims[name] = t;
      }
      for (const d of indicator.dimensions)
        if (d.required && dims[d.dimension] === undefined) {
          dimsOk = false;
          issue(null, 'dimension_required', { dimension: d.dimension, indicator: indicator.code });
        }
    }

    let unit = indicator?.unit ?? '';
    let factor = 1;
    const unitText = this.text(f('unit'), c);
    if (unitText !== null && indicator) {
      const hit = this.resolver.unit(unitText);
      const conversion = this.spec.unitConversions.find(
        (u) => labelKey(u.from) === labelKey(unitText) && u.to === indicator.unit,
      );
      if (conversion) factor = conversion.factor;
      else if (!hit.ok)
        issue(col('unit'), 'unknown_unit', { value: unitText, suggestion: hit.suggestion ?? '' });
      else if (hit.value !== indicator.unit)
        issue(col('unit'), 'unit_mismatch', {
          value: hit.value,
          expected: indicator.unit,
          indicator: indicator.code,
        });
      else unit = hit.value;
    }

    let status = this.spec.defaults.status;
    const statusText = this.text(f('status'), c);
    if (statusText !== null) {
      const hit = this.resolver.status(statusText);
      if (hit.ok) status = hit.value;
      else issue(col('status'), 'unknown_status', { value: statusText, suggestion: hit.suggestion ?? '' });
    }
    let confidentiality: string = this.spec.defaults.confidentiality;
    const confText = this.text(f('confidentiality'), c);
    if (confText !== null) {
      const hit = this.resolver.code('CONF', confText);
      if (hit.ok) confidentiality = hit.value;
      else
        issue(col('confidentiality'), 'unknown_code', {
          dimension: 'confidentiality',
          value: confText,
          suggestion: hit.suggestion ?? '',
        });
    }
    const footEn = this.text(f('footnoteEn'), c);
    const footRu = this.text(f('footnoteRu'), c);
    const rowFootnotes: Footnote[] = [];
    if (footEn !== null || footRu !== null) {
      const en = (footEn ?? footRu)!.split(' | ');
      const ru = footRu?.split(' | ') ?? [];
      en.forEach((t, i) => rowFootnotes.push({ en: t, ru: ru[i] ?? null }));
    }

    const rowOk = issues.length === 0 && substanceOk && dimsOk;
    let rejected = 0;
    const maxYear = this.spec.checks.maxYear ?? this.options.maxYear;
    for (const cell of cells) {
      const cellIssues: ImportIssue[] = [];
      const at = (index: number | undefined, name: FieldName) =>
        index !== undefined ? this.label(index) : col(name);
      const cellIssue = (
        colName: string | null,
        code: string,
        params: Record<string, unknown>,
        severity: Severity = 'error',
      ) => cellIssues.push({ row: row.row, col: colName, code, severity, params });

      let year = cell.year;
      if (year === null) {
        const yearCell = this.rawCell(f('year'), c);
        year = parseYear(yearCell);
        if (year === null) cellIssue(col('year'), 'invalid_year', { value: cellText(yearCell) ?? '' });
      }
      if (year !== null && (year < this.spec.checks.minYear || year > maxYear))
        cellIssue(at(cell.index, 'year'), 'year_out_of_range', {
          year,
          min: this.spec.checks.minYear,
          max: maxYear,
        });

      const valueCell =
        cell.index !== undefined ? (cell.cells[cell.index] ?? null) : this.rawCell(f('value'), c);
      const value = this.number(valueCell, at(cell.index, 'value'), cellIssue, factor, indicator);
      const lower = this.number(
        cell.index !== undefined ? (cell.lower ?? null) : this.rawCell(f('lower'), c),
        at(cell.index, 'lower'),
        cellIssue,
        factor,
        indicator,
      );
      const upper = this.number(
        cell.index !== undefined ? (cell.upper ?? null) : this.rawCell(f('upper'), c),
        at(cell.index, 'upper'),
        cellIssue,
        factor,
        indicator,
      );
      const footnotes = [...rowFootnotes];
      for (const p of [value, lower, upper])
        if (p && 'marker' in p && p.marker && p.marker !== '*')
          footnotes.push(this.options.note('marker', { marker: p.marker }));
      let v = value?.kind === 'number' ? value.value : null;
      const lo = lower?.kind === 'number' ? lower.value : null;
      const up = upper?.kind === 'number' ? upper.value : null;
      if (lo !== null && up !== null && lo > up)
        cellIssue(at(cell.index, 'lower'), 'bounds_order', { lower: lo, upper: up });
      else if (v !== null && ((lo !== null && v < lo) || (up !== null && v > up))) {
        const params = { value: v, lower: lo ?? '', upper: up ?? '' };
        if (this.spec.checks.outsideBounds === 'error')
          cellIssue(at(cell.index, 'value'), 'value_outside_bounds', params);
        else {
          // Recorded as missing, never as the impossible value; the footnote keeps what the file said.
          cellIssue(at(cell.index, 'value'), 'value_outside_bounds_missing', params, 'warning');
          footnotes.push(this.options.note('outside_bounds', params));
          v = null;
        }
      }
      const cellStatus = v === null ? 'M' : status;
      const blank = value?.kind === 'missing' && lo === null && up === null;
      // A wide table's empty cell is no observation; a long table's row with an empty value is one.
      if (cell.index !== undefined && blank && value.token === '') continue;
      if (!rowOk || cellIssues.some((i) => i.severity === 'error')) {
        issues.push(...cellIssues);
        rejected++;
        continue;
      }
      issues.push(...cellIssues);
      out.push({
        rowNo: row.row,
        indicatorId: indicator!.id,
        areaId: areaId!,
        substanceId,
        period: String(year),
        year: year!,
        dims,
        dimKey: dimKey(dims),
        sourceId: sourceId!,
        value: v,
        lower: lo,
        upper: up,
        unit,
        status: cellStatus,
        confidentiality,
        footnotes,
      });
    }
    if (!rowOk && cells.length === 0) rejected++;
    return { rows: out, issues, rejected };
  }

  private rawCell(field: BoundField | undefined, cells: CellValue[]): CellValue {
    if (!field) return null;
    if (field.index === null)
      return field.spec.sheetName ? this.text(field, cells) : (field.spec.value ?? null);
    if (field.index < 0) return null;
    const raw = cells[field.index] ?? null;
    return field.spec.codeBeforeColon || field.spec.sdmxId || field.pattern || field.map
      ? this.text(field, cells)
      : raw;
  }

  private number(
    cell: CellValue,
    col: string | null,
    issue: (col: string | null, code: string, params: Record<string, unknown>) => void,
    factor: number,
    indicator: Indicator | undefined,
  ): ParsedNumber | null {
    const parsed = parseNumber(cell, this.numberFormat);
    if (parsed.kind === 'invalid') {
      issue(col, 'not_a_number', { value: parsed.text });
      return null;
    }
    if (parsed.kind === 'number') {
      if (parsed.value < 0 && !indicator?.allowsNegative)
        issue(col, 'negative_value', { value: parsed.value });
      if (factor !== 1) return { ...parsed, value: Number((parsed.value * factor).toPrecision(15)) };
    }
    return parsed;
  }
}
