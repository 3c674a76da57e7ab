import { pickText, type Language } from '@observatory/shared';
import type { Footnote } from '../../platform/db/schema.ts';
import type { ObservationExportRow } from '../observations/index.ts';
import { SDMX_COMPONENTS } from './sdmx.ts';

/** A cell of the tabular formats (CSV, XLSX): `null` is an empty cell. */
export type Cell = string | number | null;

/**
 * Columns of the CSV and of the XLSX `data` sheet: the query's CSV layout (dimension columns
 * follow the indicator's dimensions), with the footnotes in both languages.
 */
export function tableColumns(dimensionNames: readonly string[]): string[] {
  return [
    'indicator',
    'area_code',
    'area',
    'substance_code',
    'substance',
    'period',
    ...dimensionNames,
    'value',
    'lower',
    'upper',
    'unit',
    'status',
    'confidentiality',
    'source_code',
    'source',
    'source_table',
    'source_year',
    'footnotes_en',
    'footnotes_ru',
    'observation_id',
  ];
}

/**
 * Footnotes as two texts, each joined with ` | `. The Russian text keeps one part per footnote (empty
 * where a footnote has no Russian text), so both languages stay aligned; it is empty when no
 * footnote has a Russian text.
 */
export function footnoteTexts(footnotes: readonly Footnote[]): { en: string; ru: string } {
  const sep = SDMX_COMPONENTS.commentSeparator;
  return {
    en: footnotes.map((f) => f.en).join(sep),
    ru: footnotes.some((f) => f.ru) ? footnotes.map((f) => f.ru ?? '').join(sep) : '',
  };
}

/** One observation as a table row, names in `lang`. */
export function tableRow(
  r: ObservationExportRow,
  indicatorCode: string,
  dimensionNames: readonly string[],
  lang: Language,
): Cell[] {
  const notes = footnoteTexts(r.footnotes);
  return [
    indicatorCode,
    r.areaCode,
    pickText(lang, r.areaNameEn, r.areaNameRu),
    r.substanceCode,
    r.substanceCode ? pickText(lang, r.substanceNameEn, r.substanceNameRu) : null,
    r.period,
    ...dimensionNames.map((d) => r.dims[d] ?? null),
    r.value,
    r.lower,
    r.upper,
    r.unit,
    r.status,
    r.confidentiality,
    r.sourceCode,
    `${r.sourcePublisher}: ${pickText(lang, r.sourceTitleEn, r.sourceTitleRu)}`,
    r.sourceTable,
    r.sourceYear,
    notes.en || null,
    notes.ru || null,
    r.id,
  ];
}
