import ExcelJS from 'exceljs';
import { translator } from '@observatory/shared/i18n';
import type { ReadonlyDb } from '../../platform/db/database.ts';

/** Columns of the canonical long template, in order (the `observatory-long` preset reads them). */
export const TEMPLATE_COLUMNS = [
  'indicator',
  'area_code',
  'substance_code',
  'period',
  'sex',
  'age',
  'treatmentStatus',
  'marketLevel',
  'stat',
  'study',
  'site',
  'item',
  'value',
  'lower',
  'upper',
  'unit',
  'status',
  'confidentiality',
  'source_code',
  'footnotes_en',
  'footnotes_ru',
] as const;

/**
 * The canonical long template as an XLSX workbook: an empty `data` sheet with the header,
 * instructions in English and Russian (one line per column), and the codes to use.
 */
export async function templateWorkbook(db: ReadonlyDb): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Observatory';
  const data = wb.addWorksheet('data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.addRow([...TEMPLATE_COLUMNS]);
  data.getRow(1).font = { bold: true };
  TEMPLATE_COLUMNS.forEach((c, i) => (data.getColumn(i + 1).width = Math.max(10, c.length + 2)));

  for (const lang of ['en', 'ru'] as const) {
    const t = translator(lang);
    const ws = wb.addWorksheet(lang === 'en' ? 'instructions' : 'инструкция');
    ws.getColumn(1).width = 20;
    ws.getColumn(2).width = 110;
    ws.addRow([t('imports:template.title')]).font = { bold: true, size: 14 };
    ws.addRow([t('imports:template.intro')]);
    ws.addRow([]);
    ws.addRow([t('imports:template.column'), t('imports:template.meaning')]).font = { bold: true };
    for (const c of TEMPLATE_COLUMNS) ws.addRow([c, t(`imports:template.columns.${c}`)]);
    ws.addRow([]);
    for (const k of ['missing', 'decimal', 'duplicates', 'sources'] as const)
      ws.addRow([t(`imports:template.rules.${k}`)]);
  }

  const codes = wb.addWorksheet('codes');
  codes.columns = [
    { header: 'list', width: 16 },
    { header: 'code', width: 22 },
    { header: 'name (en)', width: 50 },
    { header: 'название (ru)', width: 50 },
    { header: 'unit / dimensions', width: 40 },
  ];
  codes.getRow(1).font = { bold: true };
  const [indicators, codeRows, sources] = await Promise.all([
    db.selectFrom('indicator').selectAll().orderBy('sortOrder').execute(),
    db.selectFrom('code').selectAll().orderBy('codelist').orderBy('sortOrder').execute(),
    db.selectFrom('source').select(['code', 'publisher', 'titleEn', 'titleRu']).orderBy('code').execute(),
  ]);
  for (const i of indicators)
    codes.addRow([
      'indicator',
      i.code,
      i.nameEn,
      i.nameRu,
      `${i.unit}; ${i.dimensions.map((d) => d.dimension).join(', ')}`,
    ]);
  for (const c of codeRows) codes.addRow([c.codelist, c.code, c.nameEn, c.nameRu, '']);
  for (const s of sources)
    codes.addRow(['source', s.code, `${s.publisher}: ${s.titleEn}`, s.titleRu ?? '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
