import { cellText, parseNumber, type CellValue, type NumberFormat } from '@observatory/shared';
import { checkEventValues, parseEventDate, type EventCheck, type EventValues } from '../events/index.ts';
import type { CodeResolver } from './codes.ts';
import {
  bindField,
  columnLabel,
  fieldText,
  findColumn,
  SPEC_SOURCE,
  type BoundField,
  type ImportIssue,
  type Severity,
} from './mapping.ts';
import type { SourceRow } from './readers/types.ts';
import type { EventSpec } from './spec.ts';

/**
 * The mapping engine for seizure events: applies an event spec (`target: seizure_events`) to the
 * rows of a table and yields events ready for staging, or issues located by row and column (the
 * same issue shape and catalogue codes as observation imports). Pure apart from the resolver's
 * in-memory lookups.
 */

/** An event ready for staging. `sourceId` is -1 for the spec's own source (created on commit). */
export type StagedEvent = Omit<EventValues, 'confidentiality'> & {
  rowNo: number;
  sourceId: number;
  /** A confidentiality code as resolved from the file (checked against the codelist). */
  confidentiality: string;
};

export interface EventMapResult {
  rows: StagedEvent[];
  issues: ImportIssue[];
  skipped?: string;
  rejected: number;
}

type EventField = keyof EventSpec['fields'];

/** Separators of the transit list: `KAZ; UZB`, `KAZ, UZB`, `KAZ | UZB`. */
const LIST_SEPARATOR = /[;,|]/;

export class EventMapper {
  private headers: string[] = [];
  private fields = new Map<EventField, BoundField>();
  private sourceColumn: BoundField | null = null;
  private skipRules: { index: number; re: RegExp | null; empty: boolean; reason: string }[] = [];
  private numberFormat: NumberFormat;

  /** Name of the sheet being read (fields with `sheetName` take it). */
  sheetName: string | null = null;

  constructor(
    readonly spec: EventSpec,
    private readonly resolver: CodeResolver,
    private readonly options: { specSourceId: number | null; today: string },
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

  /** Binds the spec's columns to this file's header; throws MappingError when one is missing. */
  header(row: SourceRow): void {
    this.headers = row.cells.map((c) => cellText(c) ?? '');
    for (const [name, spec] of Object.entries(this.spec.fields))
      if (spec) this.fields.set(name as EventField, bindField(this.headers, spec));
    if ('column' in this.spec.source)
      this.sourceColumn = bindField(this.headers, {
        column: this.spec.source.column,
        ...(this.spec.source.sdmxId ? { sdmxId: true as const } : {}),
      });
    this.skipRules = this.spec.table.skipRows.map((r) => ({
      index: findColumn(this.headers, r.column),
      re: r.matches ? new RegExp(r.matches, r.caseSensitive ? 'u' : 'iu') : null,
      empty: r.empty ?? false,
      reason: r.reason,
    }));
  }

  private text(name: EventField, cells: CellValue[]): string | null {
    return fieldText(this.fields.get(name), cells, this.sheetName);
  }

  /** The cell itself (an XLSX date stays a Date) unless the spec transforms its text. */
  private raw(name: EventField, cells: CellValue[]): CellValue {
    const f = this.fields.get(name);
    if (!f) return null;
    if (
      f.index === null ||
      f.index < 0 ||
      f.spec.pattern ||
      f.spec.map ||
      f.spec.codeBeforeColon ||
      f.spec.sdmxId
    )
      return this.text(name, cells);
    return cells[f.index] ?? null;
  }

  private col(name: EventField): string | null {
    return this.fields.get(name)?.label || null;
  }

  /** Maps one data row to one event, or to the issues that stop it. */
  map(row: SourceRow): EventMapResult | null {
    const c = row.cells;
    if (this.spec.table.skipBlankRows && c.every((x) => cellText(x) === null)) return null;
    for (const rule of this.skipRules) {
      const t = cellText(c[rule.index] ?? null);
      if ((rule.empty && t === null) || (rule.re && t !== null && rule.re.test(t)))
        return {
          rows: [],
          issues: [
            {
              row: row.row,
              col: columnLabel(this.headers, rule.index),
              code: 'row_skipped',
              severity: 'info',
              params: { reason: rule.reason },
            },
          ],
          skipped: rule.reason,
          rejected: 0,
        };
    }
    const issues: ImportIssue[] = [];
    const issue = (
      col: string | null,
      code: string,
      params: Record<string, unknown> = {},
      severity: Severity = 'error',
    ) => issues.push({ row: row.row, col, code, severity, params });

    // Date
    const dateCell = this.raw('date', c);
    const date = dateCell === null || cellText(dateCell) === null ? undefined : parseEventDate(dateCell);
    if (date === undefined) issue(this.col('date'), 'required', { field: 'date' });
    else if (date === null) issue(this.col('date'), 'invalid_date', { value: cellText(dateCell) ?? '' });
    else if (date.year < this.spec.checks.minYear)
      issue(this.col('date'), 'year_out_of_range', {
        year: date.year,
        min: this.spec.checks.minYear,
        max: this.options.today.slice(0, 4),
      });

    // Where
    const areaText = this.text('area', c);
    let areaId: number | undefined;
    if (areaText === null) issue(this.col('area'), 'required', { field: 'area' });
    else {
      const hit = this.resolver.area(areaText);
      if (
        (!hit.ok && this.spec.codes.unknownArea === 'skip') ||
        (hit.ok && this.spec.codes.skipAreas.includes(hit.value.code))
      )
        return {
          rows: [],
          issues: [
            {
              row: row.row,
              col: this.col('area'),
              code: 'area_skipped',
              severity: 'warning',
              params: { value: areaText },
            },
          ],
          skipped: 'area_skipped',
          rejected: 0,
        };
      areaId = this.area('area', areaText, issue);
    }
    const latitude = this.number('latitude', c, issue);
    const longitude = this.number('longitude', c, issue);

    // What
    const substanceText = this.text('substance', c);
    let substanceId: number | undefined;
    if (substanceText === null) issue(this.col('substance'), 'required', { field: 'substance' });
    else {
      const hit = this.resolver.substance(
        substanceText,
        this.text('substanceGroup', c),
        this.text('substanceSubgroup', c),
      );
      if (hit.ok) substanceId = hit.value;
      else
        issue(this.col('substance'), 'unknown_substance', {
          value: substanceText,
          suggestion: hit.suggestion ?? '',
        });
    }
    const amountCell = this.raw('amount', c);
    let amount: number | undefined;
    const parsed = parseNumber(amountCell, this.numberFormat);
    if (parsed.kind === 'missing') issue(this.col('amount'), 'required', { field: 'amount' });
    else if (parsed.kind === 'invalid') issue(this.col('amount'), 'not_a_number', { value: parsed.text });
    else amount = parsed.value;
    const unitText = this.text('unit', c) ?? this.spec.defaults.unit ?? null;
    let unit: string | undefined;
    if (unitText === null) issue(this.col('unit'), 'required', { field: 'unit' });
    else {
      const hit = this.resolver.unit(unitText);
      if (!hit.ok)
        issue(this.col('unit'), 'unknown_unit', { value: unitText, suggestion: hit.suggestion ?? '' });
      else unit = hit.value;
    }

    // Route and circumstances
    const originText = this.text('origin', c);
    const originAreaId = originText === null ? null : (this.area('origin', originText, issue) ?? null);
    const destinationText = this.text('destination', c);
    const destinationAreaId =
      destinationText === null ? null : (this.area('destination', destinationText, issue) ?? null);
    const transitAreaIds: number[] = [];
    for (const part of (this.text('transit', c) ?? '').split(LIST_SEPARATOR)) {
      const t = part.trim();
      if (!t) continue;
      const id = this.area('transit', t, issue);
      if (id !== undefined) transitAreaIds.push(id);
    }
    let conveyance: string | null = null;
    const conveyanceText = this.text('conveyance', c);
    if (conveyanceText !== null) {
      const hit = this.resolver.code('CONVEYANCE', conveyanceText);
      if (hit.ok) conveyance = hit.value;
      else
        issue(this.col('conveyance'), 'unknown_code', {
          dimension: 'conveyance',
          value: conveyanceText,
          suggestion: hit.suggestion ?? '',
        });
    }
    let confidentiality: string = this.spec.defaults.confidentiality;
    const confText = this.text('confidentiality', c);
    if (confText !== null) {
      const hit = this.resolver.code('CONF', confText);
      if (hit.ok) confidentiality = hit.value;
      else
        issue(this.col('confidentiality'), 'unknown_code', {
          dimension: 'confidentiality',
          value: confText,
          suggestion: hit.suggestion ?? '',
        });
    }
    const agency = this.text('agency', c);
    const externalRef = this.text('reference', c);
    const notes = this.text('notes', c);

    let sourceId: number | null = this.options.specSourceId ?? SPEC_SOURCE;
    if (this.sourceColumn) {
      const s = fieldText(this.sourceColumn, c, this.sheetName);
      const hit = s === null ? null : this.resolver.source(s);
      if (!hit?.ok) {
        issue(this.sourceColumn.label || null, s === null ? 'required' : 'unknown_source', {
          field: 'source',
          value: s ?? '',
        });
        sourceId = null;
      } else sourceId = hit.value;
    }

    // A coordinate that is not a number is reported already; the pair is not checked again.
    const coordinates = latitude !== undefined && longitude !== undefined;
    const checks: EventCheck[] = checkEventValues(
      {
        date: date?.date ?? null,
        amount: amount ?? null,
        unit: unit ?? null,
        latitude: coordinates ? latitude : null,
        longitude: coordinates ? longitude : null,
        agency,
        reference: externalRef,
        notes,
      },
      this.options.today,
    );
    const columnOf: Record<EventCheck['field'], EventField> = {
      date: 'date',
      amount: 'amount',
      unit: 'unit',
      latitude: 'latitude',
      longitude: 'longitude',
      agency: 'agency',
      reference: 'reference',
      notes: 'notes',
    };
    for (const k of checks) issue(this.col(columnOf[k.field]), k.code, k.params);

    if (issues.some((i) => i.severity === 'error')) return { rows: [], issues, rejected: 1 };
    return {
      rows: [
        {
          rowNo: row.row,
          date: date!.date,
          datePrecision: date!.precision,
          year: date!.year,
          month: date!.month,
          areaId: areaId!,
          latitude: latitude ?? null,
          longitude: longitude ?? null,
          substanceId: substanceId!,
          amount: amount!,
          unit: unit!,
          originAreaId,
          transitAreaIds,
          destinationAreaId,
          conveyance,
          agency,
          sourceId: sourceId!,
          confidentiality,
          externalRef,
          notes,
        },
      ],
      issues,
      rejected: 0,
    };
  }

  /** A country, territory or sub-national area; groups and unknown names are issues. */
  private area(
    field: EventField,
    text: string,
    issue: (col: string | null, code: string, params: Record<string, unknown>) => void,
  ): number | undefined {
    const hit = this.resolver.area(text);
    if (!hit.ok) {
      issue(this.col(field), 'unknown_area', { value: text, suggestion: hit.suggestion ?? '' });
      return undefined;
    }
    if (hit.value.kind === 'group' || hit.value.kind === 'region') {
      issue(this.col(field), 'area_is_group', { value: text, code: hit.value.code });
      return undefined;
    }
    return hit.value.id;
  }

  private number(
    field: EventField,
    cells: CellValue[],
    issue: (col: string | null, code: string, params: Record<string, unknown>) => void,
  ): number | null | undefined {
    const p = parseNumber(this.raw(field, cells), this.numberFormat);
    if (p.kind === 'missing') return null;
    if (p.kind === 'invalid') {
      issue(this.col(field), 'not_a_number', { value: p.text });
      return undefined;
    }
    return p.value;
  }
}
