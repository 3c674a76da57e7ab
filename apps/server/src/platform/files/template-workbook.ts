import ExcelJS from 'exceljs';
import { translator } from '@observatory/shared/i18n';

/** What differs between Observatory's import templates (observations, seizure events). */
export interface TemplateLayout {
  /** Name of the empty sheet users fill in. */
  sheet: string;
  columns: readonly string[];
  /** Catalogue namespace with `template.{title,intro,column,meaning,columns.<c>,rules.<r>}`. */
  namespace: string;
  /** Keys of the general rules listed under the columns, in order. */
  rules: readonly string[];
  /** Header of the last column of the `codes` sheet (what it says besides the names). */
  codesExtra: { header: string; width: number };
}

/**
 * An import template as an XLSX workbook: the sheet to fill with its header (frozen), instructions
 * in English and Russian (one line per column, then the rules), and an empty `codes` sheet
 * (list, code, name en, name ru, extra) for the caller to fill.
 */
export function templateWorkbook(layout: TemplateLayout): {
  workbook: ExcelJS.Workbook;
  codes: ExcelJS.Worksheet;
} {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Observatory';
  const data = workbook.addWorksheet(layout.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.addRow([...layout.columns]);
  data.getRow(1).font = { bold: true };
  layout.columns.forEach((c, i) => (data.getColumn(i + 1).width = Math.max(10, c.length + 2)));

  const ns = layout.namespace;
  for (const lang of ['en', 'ru'] as const) {
    const t = translator(lang);
    const ws = workbook.addWorksheet(lang === 'en' ? 'instructions' : 'инструкция');
    ws.getColumn(1).width = 20;
    ws.getColumn(2).width = 110;
    ws.addRow([t(`${ns}:template.title`)]).font = { bold: true, size: 14 };
    ws.addRow([t(`${ns}:template.intro`)]);
    ws.addRow([]);
    ws.addRow([t(`${ns}:template.column`), t(`${ns}:template.meaning`)]).font = { bold: true };
    for (const c of layout.columns) ws.addRow([c, t(`${ns}:template.columns.${c}`)]);
    ws.addRow([]);
    for (const k of layout.rules) ws.addRow([t(`${ns}:template.rules.${k}`)]);
  }

  const codes = workbook.addWorksheet('codes');
  codes.columns = [
    { header: 'list', width: 16 },
    { header: 'code', width: 22 },
    { header: 'name (en)', width: 50 },
    { header: 'название (ru)', width: 50 },
    layout.codesExtra,
  ];
  codes.getRow(1).font = { bold: true };
  return { workbook, codes };
}

/** Adds the sources to a template's `codes` sheet. */
export function addSourceCodes(
  codes: ExcelJS.Worksheet,
  sources: { code: string; publisher: string; titleEn: string; titleRu: string | null }[],
): void {
  for (const s of sources)
    codes.addRow(['source', s.code, `${s.publisher}: ${s.titleEn}`, s.titleRu ?? '', '']);
}
