import ExcelJS from 'exceljs';
import { translator } from '@observatory/shared/i18n';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import { MASS_UNITS, SEIZURE_UNITS } from './events.rollups.ts';

/**
 * Columns of the canonical seizure-event template, in order. The import preset
 * `observatory-events` (modules/imports/presets/observatory-events.json) reads exactly these.
 */
export const EVENT_TEMPLATE_COLUMNS = [
  'date',
  'area_code',
  'latitude',
  'longitude',
  'substance_code',
  'amount',
  'unit',
  'origin',
  'transit',
  'destination',
  'conveyance',
  'agency',
  'confidentiality',
  'reference',
  'source_code',
  'notes',
] as const;

/**
 * The template as an XLSX workbook: an empty `events` sheet with the header, instructions in
 * English and Russian (one line per column), and the codes to use (units, conveyances,
 * confidentiality, substances, sources).
 */
export async function eventTemplateWorkbook(db: ReadonlyDb): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Observatory';
  const data = wb.addWorksheet('events', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.addRow([...EVENT_TEMPLATE_COLUMNS]);
  data.getRow(1).font = { bold: true };
  EVENT_TEMPLATE_COLUMNS.forEach((c, i) => (data.getColumn(i + 1).width = Math.max(10, c.length + 2)));

  for (const lang of ['en', 'ru'] as const) {
    const t = translator(lang);
    const ws = wb.addWorksheet(lang === 'en' ? 'instructions' : 'инструкция');
    ws.getColumn(1).width = 18;
    ws.getColumn(2).width = 110;
    ws.addRow([t('events:template.title')]).font = { bold: true, size: 14 };
    ws.addRow([t('events:template.intro')]);
    ws.addRow([]);
    ws.addRow([t('events:template.column'), t('events:template.meaning')]).font = { bold: true };
    for (const c of EVENT_TEMPLATE_COLUMNS) ws.addRow([c, t(`events:template.columns.${c}`)]);
    ws.addRow([]);
    for (const k of ['dates', 'units', 'references', 'errors'] as const)
      ws.addRow([t(`events:template.rules.${k}`)]);
  }

  const codes = wb.addWorksheet('codes');
  codes.columns = [
    { header: 'list', width: 16 },
    { header: 'code', width: 22 },
    { header: 'name (en)', width: 50 },
    { header: 'название (ru)', width: 50 },
    { header: 'kg per unit', width: 16 },
  ];
  codes.getRow(1).font = { bold: true };
  const [codeRows, substances, sources] = await Promise.all([
    db
      .selectFrom('code')
      .selectAll()
      .where('codelist', 'in', ['UNIT', 'CONVEYANCE', 'CONF'])
      .orderBy('codelist')
      .orderBy('sortOrder')
      .execute(),
    db
      .selectFrom('substance')
      .select(['code', 'nameEn', 'nameRu'])
      .orderBy('sortOrder')
      .orderBy('code')
      .execute(),
    db.selectFrom('source').select(['code', 'publisher', 'titleEn', 'titleRu']).orderBy('code').execute(),
  ]);
  for (const c of codeRows) {
    if (c.codelist === 'UNIT' && !(SEIZURE_UNITS as readonly string[]).includes(c.code)) continue;
    codes.addRow([c.codelist, c.code, c.nameEn, c.nameRu, MASS_UNITS[c.code] ?? '']);
  }
  for (const s of substances) codes.addRow(['substance', s.code, s.nameEn, s.nameRu, '']);
  for (const s of sources)
    codes.addRow(['source', s.code, `${s.publisher}: ${s.titleEn}`, s.titleRu ?? '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
