import type { ReadonlyDb } from '../../platform/db/database.ts';
import { addSourceCodes, templateWorkbook } from '../../platform/files/template-workbook.ts';
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
  const { workbook, codes } = templateWorkbook({
    sheet: 'events',
    columns: EVENT_TEMPLATE_COLUMNS,
    namespace: 'events',
    rules: ['dates', 'units', 'references', 'errors'],
    codesExtra: { header: 'kg per unit', width: 16 },
  });
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
  addSourceCodes(codes, sources);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
