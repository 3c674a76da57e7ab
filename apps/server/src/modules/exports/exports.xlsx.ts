import type { Writable } from 'node:stream';
import { pickText } from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import type { ObservationsFilterQuery } from '../observations/index.ts';
import { findSource } from '../sources/index.ts';
import { findCodeNames } from './exports.repository.ts';
import { drained } from './exports.stream.ts';
import { tableColumns, tableRow } from './exports.table.ts';
import type { ExportContext, ExportResult } from './exports.types.ts';

const NUMERIC_COLUMNS = new Set(['value', 'lower', 'upper', 'source_year', 'observation_id']);
const WIDE_COLUMNS = new Set(['area', 'substance', 'source', 'footnotes_en', 'footnotes_ru']);

/** The query in the API's parameter form, e.g. `indicator=SZR_QTY&area=TJK,UZB&sources=preferred`. */
export function queryText(q: ObservationsFilterQuery): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  const parts: [string, string | undefined][] = [
    ['indicator', q.indicator],
    ['area', q.area?.join(',')],
    ['substance', q.substance?.join(',')],
    ['from', q.from?.toString()],
    ['to', q.to?.toString()],
    ...(q.dim ?? []).map((d): [string, string] => ['dim', d]),
    ['source', q.source?.join(',')],
    ['sources', q.sources],
  ];
  return parts
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${enc(v)}`)
    .join('&');
}

/**
 * XLSX through exceljs' streaming writer: sheet `data` (the CSV's columns, header frozen, numbers as
 * numbers), then `sources` (each source used) and `about` (query, time, preference rule), all in
 * the export's language. Rows are committed as they come; after each page the writer waits until
 * the reader has taken what was written, so memory stays around one page.
 */
export async function writeXlsx(ctx: ExportContext, out: Writable): Promise<ExportResult> {
  const t = translator(ctx.lang);
  const { indicator } = ctx.data;
  const dims = indicator.dimensions.map((d) => d.dimension);
  const columns = tableColumns(dims);
  // Loaded on first use: exceljs is large, and most processes (CLI commands, servers) never need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Observatory';
  workbook.created = ctx.now;
  workbook.modified = ctx.now;

  // Sheets are zip entries written in order: `data` first, the small ones once it is complete.
  const dataSheetName = t('exports:sheets.data');
  const data = workbook.addWorksheet(dataSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((key) => ({
    key,
    width: WIDE_COLUMNS.has(key) ? 32 : NUMERIC_COLUMNS.has(key) ? 12 : 14,
  }));
  const header = data.addRow(columns);
  header.font = { bold: true };
  header.commit();
  const usedSources = new Set<string>();
  let rows = 0;
  for await (const page of ctx.data.pages()) {
    for (const r of page) {
      data.addRow(tableRow(r, indicator.code, dims, ctx.lang)).commit();
      usedSources.add(r.sourceCode);
    }
    rows += page.length;
    await drained(out);
  }
  data.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  data.commit();

  const sourcesSheetName = t('exports:sheets.sources');
  const sources = workbook.addWorksheet(sourcesSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sources.columns = [12, 28, 48, 24, 8, 28, 40].map((width) => ({ width }));
  const sourcesHeader = sources.addRow(
    ['code', 'publisher', 'title', 'table', 'year', 'licence', 'url'].map((k) =>
      t(`exports:sourcesSheet.${k}`),
    ),
  );
  sourcesHeader.font = { bold: true };
  sourcesHeader.commit();
  for (const code of [...usedSources].sort()) {
    const s = await findSource(ctx.db, code);
    if (!s) continue; // deleted while exporting
    sources
      .addRow([
        s.code,
        s.publisher,
        pickText(ctx.lang, s.titleEn, s.titleRu),
        s.tableName,
        s.year,
        s.licence,
        s.url ? { text: s.url, hyperlink: s.url } : null,
      ])
      .commit();
  }
  sources.commit();

  const names = await findCodeNames(ctx.db, ['UNIT']);
  const unit = names.get('UNIT')?.get(indicator.unit);
  const about = workbook.addWorksheet(t('exports:sheets.about'));
  about.columns = [{ width: 34 }, { width: 100 }];
  const title = about.addRow([t('exports:about.title')]);
  title.font = { bold: true, size: 13 };
  title.commit();
  const lines: [string, string | number][] = [
    [
      t('exports:about.indicator'),
      `${indicator.code} — ${pickText(ctx.lang, indicator.nameEn, indicator.nameRu)}`,
    ],
    [
      t('exports:about.unit'),
      unit ? `${indicator.unit} — ${pickText(ctx.lang, unit.en, unit.ru)}` : indicator.unit,
    ],
    [t('exports:about.query'), queryText(ctx.data.query)],
    [t('exports:about.exportedAt'), ctx.now.toISOString()],
    [t('exports:about.rows'), rows],
    [
      t('exports:about.sourceSelection'),
      t(ctx.data.query.sources === 'all' ? 'exports:about.sourcesAll' : 'exports:about.sourcesPreferred'),
    ],
    [t('exports:about.preferenceRule'), t('exports:about.preferenceRuleText')],
    [
      t('exports:about.confidentiality'),
      ctx.data.confidentiality.map((c) => t(`common:confidentiality.${c}`)).join(', '),
    ],
  ];
  for (const [label, value] of lines) {
    const row = about.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  about.addRow([]).commit();
  about.addRow([t('exports:about.sourcesNote', { sheet: sourcesSheetName })]).commit();
  about.addRow([t('exports:about.columnsNote', { sheet: dataSheetName })]).commit();
  about.commit();

  await workbook.commit();
  return { rows };
}
