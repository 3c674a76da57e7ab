import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, openTable } from './index.ts';
import {
  allRows,
  fileError,
  hasSharedData,
  makeTempDir,
  MINIMAL_WORKBOOK_RELS,
  MINIMAL_WORKBOOK_XML,
  seededBytes,
  shared,
  SHEET_XML_END,
  SHEET_XML_START,
  writeZip,
} from './test-fixtures.ts';
import { errorCellsAsText } from './xlsx.ts';

const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cyrillicRows = Array.from({ length: 3000 }, (_, i) => [`Кыргызская Республика №${i}`, `Ёлка ${i}`, i]);
let workbookFile = '';

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet('Data');
  data.addRow([
    'Country',
    'Year',
    'Value',
    'Note',
    'When',
    'Flag',
    'Link',
    'Calc',
    'Err',
    'Zero',
    'CalcDate',
  ]);
  const row = data.addRow([
    'Kazakhstan',
    2023,
    12.5,
    { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'part' }] },
    new Date(Date.UTC(2024, 2, 1)),
    true,
    { text: 'UNODC', hyperlink: 'https://www.unodc.org/' },
    { formula: 'B2*2', result: 4046 },
    { formula: 'C2/0', result: { error: '#DIV/0!' } },
    { formula: 'B2-B2', result: 0 },
    { formula: 'E2+1', result: new Date(Date.UTC(2024, 2, 2)) },
  ]);
  row.getCell(5).numFmt = 'yyyy-mm-dd';
  row.getCell(11).numFmt = 'dd.mm.yyyy';
  data.getCell('A4').value = 'gap';
  data.getCell('D4').value = { error: '#N/A' };
  data.getCell('F4').value = '';
  const russian = workbook.addWorksheet('Второй лист');
  for (const values of cyrillicRows) russian.addRow(values);
  workbook.addWorksheet('3').addRow(['third']);
  workbookFile = path.join(dir, 'fixture.xlsx');
  await workbook.xlsx.writeFile(workbookFile);
});

describe('XLSX cells', () => {
  it('reads the first sheet by default with every kind of cell', async () => {
    const table = await openTable(workbookFile);
    expect(table).toMatchObject({
      format: 'xlsx',
      sheet: 'Data',
      sheetNames: ['Data', 'Второй лист', '3'],
      estimatedRows: 4,
    });
    const rows = await allRows(table);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4]); // the empty row 3 is skipped
    expect(rows[1]?.cells).toEqual([
      'Kazakhstan',
      2023,
      12.5,
      'Bold part', // rich text
      new Date(Date.UTC(2024, 2, 1)), // date-formatted number
      true,
      'UNODC', // hyperlink → its text
      4046, // formula → cached result
      '#DIV/0!', // formula with an error result → the error text
      0, // a cached 0 is still 0
      new Date(Date.UTC(2024, 2, 2)), // formula result in a date format
    ]);
    expect(rows[2]?.cells).toEqual(['gap', null, null, '#N/A']);
  });

  it('chooses a sheet by name or 1-based index', async () => {
    const byName = await openTable(workbookFile, { sheet: 'Второй лист' });
    expect(byName.sheet).toBe('Второй лист');
    const byIndex = await openTable(workbookFile, { sheet: 2 });
    expect(byIndex.sheet).toBe('Второй лист');
    expect(byIndex.estimatedRows).toBe(3000);
    // A sheet named "3" wins over the third sheet; "2" from a form means the second sheet.
    expect((await openTable(workbookFile, { sheet: '3' })).sheet).toBe('3');
    expect((await openTable(workbookFile, { sheet: '2' })).sheet).toBe('Второй лист');
  });

  it('keeps Cyrillic shared strings intact across inflate chunks', async () => {
    const rows = await allRows(await openTable(workbookFile, { sheet: 'Второй лист' }));
    expect(rows.map((r) => r.cells)).toEqual(cyrillicRows);
    expect(rows.at(-1)?.row).toBe(3000);
  });

  it('names the available sheets when the one asked for does not exist', async () => {
    for (const sheet of ['Nope', 4, 0]) {
      const error = await fileError(() => openTable(workbookFile, { sheet }));
      expect(error.code).toBe('sheet_not_found');
      expect(error.params).toEqual({ sheet: String(sheet), available: 'Data, Второй лист, 3' });
    }
  });

  it('relabels error cells even when a tag is cut between chunks', async () => {
    const chunks = [
      '<row r="1"><c r="A1" s="1" t',
      '="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B1" t="s">',
      '<v>0</v></c>',
    ];
    let out = '';
    for await (const text of errorCellsAsText(Readable.from(chunks))) out += text;
    expect(out).toBe(chunks.join('').replace('t="e"', 't="str"'));
  });
});

describe('XLSX: broken and hostile files', () => {
  it('refuses a zip bomb: one entry of 300 MB of zeros', async () => {
    const file = path.join(dir, 'bomb.xlsx');
    const zeros = Buffer.alloc(1024 * 1024);
    await writeZip(file, [
      { name: 'xl/workbook.xml', content: MINIMAL_WORKBOOK_XML },
      { name: 'xl/_rels/workbook.xml.rels', content: MINIMAL_WORKBOOK_RELS },
      {
        name: 'xl/worksheets/sheet1.xml',
        content: function* () {
          for (let i = 0; i < 300; i++) yield zeros;
        },
      },
    ]);
    expect(fs.statSync(file).size).toBeLessThan(1024 * 1024);
    expect(await detectFormat(file)).toBe('xlsx');
    const error = await fileError(() => openTable(file));
    expect(error.code).toBe('zip_bomb');
    expect(error.params).toMatchObject({ limit: 1024 ** 3 });
  });

  it('refuses a zip with an absurd number of entries', async () => {
    const file = path.join(dir, 'many.xlsx');
    const parts = Array.from({ length: 10_001 }, (_, i) => ({ name: `xl/media/p${i}.bin`, content: '' }));
    await writeZip(file, [{ name: 'xl/workbook.xml', content: MINIMAL_WORKBOOK_XML }, ...parts]);
    expect(await fileError(() => openTable(file, { format: 'xlsx' }))).toMatchObject({
      code: 'zip_bomb',
      params: { reason: 'entries' },
    });
  });

  it('refuses an entry that inflates to more than it declared, while inflating', async () => {
    const file = path.join(dir, 'liar.xlsx');
    const rows = '<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(50_000); // 2 MB
    await writeZip(file, [
      { name: 'xl/workbook.xml', content: MINIMAL_WORKBOOK_XML },
      { name: 'xl/_rels/workbook.xml.rels', content: MINIMAL_WORKBOOK_RELS },
      {
        name: 'xl/worksheets/sheet1.xml',
        content: SHEET_XML_START + rows + SHEET_XML_END,
        declaredSize: 1000,
      },
    ]);
    const error = await fileError(async () => allRows(await openTable(file)));
    expect(error.code).toBe('zip_bomb');
  });

  it('reads the honest version of the same minimal workbook', async () => {
    const file = path.join(dir, 'minimal.xlsx');
    await writeZip(file, [
      { name: 'xl/workbook.xml', content: MINIMAL_WORKBOOK_XML },
      { name: 'xl/_rels/workbook.xml.rels', content: MINIMAL_WORKBOOK_RELS },
      {
        name: 'xl/worksheets/sheet1.xml',
        content: `${SHEET_XML_START}<row r="2"><c r="B2" t="inlineStr"><is><t>Ёж</t></is></c><c r="C2" t="e"><v>#REF!</v></c></row>${SHEET_XML_END}`,
      },
    ]);
    const table = await openTable(file);
    expect(table.estimatedRows).toBeUndefined(); // no <dimension>
    expect(await allRows(table)).toEqual([{ row: 2, cells: [null, 'Ёж', '#REF!'] }]);
  });

  it('refuses a zip that is not a workbook', async () => {
    const file = path.join(dir, 'not-a-workbook.zip');
    await writeZip(file, [{ name: 'readme.txt', content: 'hello' }]);
    expect((await fileError(() => openTable(file))).code).toBe('format_unknown');
    expect((await fileError(() => openTable(file, { format: 'xlsx' }))).code).toBe('file_corrupt');
  });

  it('refuses random bytes after a zip header as corrupt', async () => {
    const file = path.join(dir, 'random.xlsx');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), seededBytes(7, 100_000)]));
    expect((await fileError(() => openTable(file))).code).toBe('file_corrupt');
  });

  it('refuses a non-zip forced to be read as XLSX', async () => {
    const file = path.join(dir, 'text.xlsx');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    expect((await fileError(() => openTable(file, { format: 'xlsx' }))).code).toBe('file_corrupt');
  });
});

describe.skipIf(!hasSharedData)('XLSX: UNODC World Drug Report 2025 annex', () => {
  const seizures = shared('unodc-wdr2025/7.1_Drug_seizures_2019-2023.xlsx');
  const poppy = shared('unodc-wdr2025/6.2.1_Illicit_cultivation_of_opium_poppy.xlsx');

  it('streams the drug seizures sheet: title, header and 11,274 data rows', async () => {
    const table = await openTable(seizures);
    expect(table).toMatchObject({
      format: 'xlsx',
      sheet: 'Seizures',
      sheetNames: ['Seizures'],
      estimatedRows: 11_276,
    });
    let dataRows = 0;
    let emptyKilograms = 0;
    let previous = 0;
    for await (const { row, cells } of table.rows()) {
      expect(row).toBeGreaterThan(previous);
      previous = row;
      if (row === 1) expect(cells).toEqual(['Drug seizures, 2019-2023']);
      if (row === 2) {
        expect(cells).toEqual([
          'Region',
          'SubRegion',
          'Country',
          'DrugGroup',
          'DrugSubGroup',
          'DrugName',
          'Reference year',
          'Kilograms',
          'msCode',
        ]);
      }
      if (row <= 2) continue;
      dataRows++;
      expect(typeof cells[2]).toBe('string');
      expect(cells[6]).toBeTypeOf('number');
      if (cells[7] === null || cells[7] === undefined) emptyKilograms++;
      else expect(cells[7]).toBeTypeOf('number');
    }
    expect(dataRows).toBe(11_274);
    expect(emptyKilograms).toBeGreaterThan(0);
  });

  it('reads year headers (dates, then numbers) and a formula’s cached result in the poppy table', async () => {
    const rows = await allRows(await openTable(poppy));
    const years = rows.find((r) => r.row === 3)!.cells;
    expect(years[4]).toEqual(new Date(Date.UTC(2010, 5, 30))); // column E: a date serial shown as a year
    expect(years[18]).toBe(2023); // column S: a plain number
    expect(years[19]).toBe(2024);
    const afghanistan = rows.find((r) => String(r.cells[2]).includes('Afghanistan (best estimate)'))!;
    expect(afghanistan.row).toBe(6);
    expect(afghanistan.cells[14]).toBe(0); // O6 = '[1]OVERALL CALCULATION'!O6, cached 0: the known bad cell
    expect(afghanistan.cells[15]).toBe(224_000);
  });

  it('refuses the real workbook when it would inflate beyond a lowered limit', async () => {
    const error = await fileError(() => openTable(seizures, { maxUncompressedBytes: 1_000_000 }));
    expect(error).toMatchObject({ code: 'zip_bomb', params: { limit: 1_000_000 } });
  });

  it('refuses a truncated copy (first half of the bytes) as corrupt', async () => {
    const bytes = fs.readFileSync(seizures);
    const file = path.join(dir, 'truncated.xlsx');
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await fileError(() => openTable(file))).code).toBe('file_corrupt');
    expect((await fileError(() => openTable(file, { format: 'xlsx' }))).code).toBe('file_corrupt');
  });

  it('refuses a copy damaged in the middle of the sheet data as corrupt, without hanging', async () => {
    const bytes = Buffer.from(fs.readFileSync(seizures));
    seededBytes(11, 4096).copy(bytes, Math.floor(bytes.length / 2));
    const file = path.join(dir, 'damaged.xlsx');
    fs.writeFileSync(file, bytes);
    const error = await fileError(async () => allRows(await openTable(file)));
    expect(error.code).toBe('file_corrupt');
  });
});
