import type { ReadonlyDb } from '../../platform/db/database.ts';
import { addSourceCodes, templateWorkbook as buildTemplate } from '../../platform/files/template-workbook.ts';

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
  const { workbook, codes } = buildTemplate({
    sheet: 'data',
    columns: TEMPLATE_COLUMNS,
    namespace: 'imports',
    rules: ['missing', 'decimal', 'duplicates', 'sources'],
    codesExtra: { header: 'unit / dimensions', width: 40 },
  });
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
  addSourceCodes(codes, sources);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
