import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './index.ts';
import { allRows, fileError, hasSharedData, makeTempDir, seededBytes, shared } from './test-fixtures.ts';
import { FileError } from './types.ts';

const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const russian = [
  'Страна;Код;Год;Значение',
  'Казахстан;KAZ;2023;19 900 000',
  'Кыргызстан;KGZ;2023;7 100 000',
  'Таджикистан;TJK;2023;10 300 000',
  'Туркменистан;TKM;2023;7 400 000',
  'Узбекистан;UZB;2023;36 400 000',
  '"Россия, Ёлкино";RUS;2023;',
];
const russianRows = [
  ['Страна', 'Код', 'Год', 'Значение'],
  ['Казахстан', 'KAZ', '2023', '19 900 000'],
  ['Кыргызстан', 'KGZ', '2023', '7 100 000'],
  ['Таджикистан', 'TJK', '2023', '10 300 000'],
  ['Туркменистан', 'TKM', '2023', '7 400 000'],
  ['Узбекистан', 'UZB', '2023', '36 400 000'],
  ['Россия, Ёлкино', 'RUS', '2023', null],
];

describe('CSV encodings', () => {
  it('reads Windows-1251 (Russian CSV saved by Excel) in auto mode', async () => {
    const file = write('cp1251.csv', iconv.encode(russian.join('\r\n') + '\r\n', 'windows-1251'));
    const table = await openTable(file);
    expect(table).toMatchObject({ format: 'csv', encoding: 'windows-1251', delimiter: ';' });
    const rows = await allRows(table);
    expect(rows.map((r) => r.cells)).toEqual(russianRows);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it.each([
    ['utf-16le', { addBOM: true }],
    ['utf-16be', { addBOM: true }],
    ['utf-8', { addBOM: true }],
    ['utf-8', { addBOM: false }],
  ] as const)('reads %s (BOM: %o) and strips the BOM', async (encoding, bom) => {
    const file = write(`${encoding}-${bom.addBOM}.csv`, iconv.encode(russian.join('\n'), encoding, bom));
    const table = await openTable(file);
    expect(table.encoding).toBe(encoding);
    expect((await allRows(table)).map((r) => r.cells)).toEqual(russianRows);
  });

  it('honours an explicit encoding', async () => {
    const file = write('explicit.csv', iconv.encode(russian.join('\n'), 'windows-1251'));
    const table = await openTable(file, { encoding: 'windows-1251', delimiter: ';' });
    expect((await allRows(table))[1]?.cells[0]).toBe('Казахстан');
  });

  it('refuses bytes that are not UTF-8 when UTF-8 was chosen, with the line', async () => {
    const file = write(
      'bad-utf8.csv',
      Buffer.concat([Buffer.from('a,b\n1,2\n'), iconv.encode('Россия,3\n', 'cp1251')]),
    );
    const error = await fileError(async () => allRows(await openTable(file, { encoding: 'utf-8' })));
    expect(error.code).toBe('encoding_invalid');
    expect(error.params).toEqual({ encoding: 'utf-8', row: 3 });
  });

  it('finds invalid UTF-8 far beyond the sniffed start, at the right line', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `line ${i + 1},Ünïcödé ${i}`); // ~1.1 MB
    const file = write(
      'late-bad.csv',
      Buffer.concat([Buffer.from(lines.join('\n') + '\n'), iconv.encode('Россия,1\n', 'cp1251')]),
    );
    const table = await openTable(file);
    expect(table.encoding).toBe('utf-8');
    const error = await fileError(() => allRows(table));
    expect(error).toMatchObject({ code: 'encoding_invalid', params: { encoding: 'utf-8', row: 40_001 } });
  });

  it('keeps multi-byte characters whole across read chunks', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `${i},Кыргызская Республика ${i},"Ёж, ёлка"`);
    const file = write('big-cyrillic.csv', lines.join('\r\n'));
    let count = 0;
    for await (const { row, cells } of (await openTable(file)).rows()) {
      expect(cells).toEqual([String(row - 1), `Кыргызская Республика ${row - 1}`, 'Ёж, ёлка']);
      count++;
    }
    expect(count).toBe(30_000);
  });

  it('asks for an explicit encoding when the bytes fit none', async () => {
    const file = write(
      'latin1.csv',
      iconv.encode('pays;année\nCôte d’Ivoire;2023\nRéunion;2024\n', 'latin1'),
    );
    expect((await fileError(() => openTable(file))).code).toBe('encoding_unknown');
  });
});

describe('CSV structure', () => {
  it.each([
    ['tab', '\t'],
    ['semicolon', ';'],
    ['comma', ','],
  ] as const)('detects a %s delimiter', async (name, delimiter) => {
    const text = [
      ['country', 'year', 'value'].join(delimiter),
      ['Kazakhstan', '2023', '1,5'].join(delimiter),
    ];
    const file = write(`${name}.csv`, text.join('\n').replace('1,5', delimiter === ',' ? '"1,5"' : '1,5'));
    const table = await openTable(file);
    expect(table.delimiter).toBe(delimiter);
    expect((await allRows(table)).map((r) => r.cells)).toEqual([
      ['country', 'year', 'value'],
      ['Kazakhstan', '2023', '1,5'],
    ]);
  });

  it('honours an explicit delimiter', async () => {
    const file = write('override.csv', 'a;b\n1;2\n');
    const table = await openTable(file, { delimiter: ',' });
    expect((await allRows(table)).map((r) => r.cells)).toEqual([['a;b'], ['1;2']]);
  });

  it('numbers rows by the line a record starts on, skips blank lines, empties become null', async () => {
    const file = write('lines.csv', 'a,b,c\r\n1,,3\r\n\r\n"multi\r\nline",""\r\n,,\r\nlast,x\r\n');
    const rows = await allRows(await openTable(file));
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1', null, '3'] },
      { row: 4, cells: ['multi\r\nline', null] },
      { row: 7, cells: ['last', 'x'] },
    ]);
  });

  it('reports an unclosed quote as csv_malformed with the row it starts on', async () => {
    const file = write('unclosed.csv', 'a,b\n1,2\n"oops,3\n4,5\n');
    const error = await fileError(async () => allRows(await openTable(file)));
    expect(error.code).toBe('csv_malformed');
    expect(error.params).toEqual({ row: 3, reason: 'quote_not_closed' });
  });

  it('keeps a stray quote inside an unquoted value', async () => {
    const file = write('stray.csv', 'item,size\npipe,5" long\n');
    expect((await allRows(await openTable(file)))[1]?.cells).toEqual(['pipe', '5" long']);
  });

  it('refuses an empty file, and one that holds only a BOM', async () => {
    expect((await fileError(() => openTable(write('empty.csv', '')))).code).toBe('file_empty');
    expect((await fileError(() => openTable(write('bom.csv', '\uFEFF')))).code).toBe('file_empty');
  });

  it('reads random bytes as CSV or refuses them with a FileError, never crashes', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const file = write(`random-${seed}.bin`, seededBytes(seed, 64 * 1024));
      try {
        const table = await openTable(file);
        await allRows(table);
      } catch (error) {
        expect(error).toBeInstanceOf(FileError);
      }
    }
  });

  it('stops reading when the consumer stops', async () => {
    const file = write('early.csv', Array.from({ length: 50_000 }, (_, i) => `${i},x`).join('\n'));
    let seen = 0;
    for await (const _ of (await openTable(file)).rows()) {
      if (++seen === 3) break;
    }
    expect(seen).toBe(3);
    fs.rmSync(file); // nothing holds the file open
  });
});

describe.skipIf(!hasSharedData)('CSV: public data files', () => {
  it('reads the World Bank population file (CRLF line ends)', async () => {
    const table = await openTable(shared('population-worldbank/population.csv'));
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    let count = 0;
    let carriageReturns = 0;
    let last;
    for await (const row of table.rows()) {
      if (count === 0)
        expect(row).toEqual({ row: 1, cells: ['Country Name', 'Country Code', 'Year', 'Value'] });
      count++;
      expect(row.row).toBe(count);
      if (row.cells.some((c) => typeof c === 'string' && c.includes('\r'))) carriageReturns++;
      last = row;
    }
    expect(carriageReturns).toBe(0);
    expect(count).toBe(17_196);
    expect(last).toEqual({ row: 17_196, cells: ['Zimbabwe', 'ZWE', '2024', '16634373'] });
  });

  it('reads the SDMX-CSV 2.0 examples, telling `;` from `,`', async () => {
    const folder = shared('sdmx-samples/sdmx-csv-2.0-examples');
    for (const name of fs.readdirSync(folder)) {
      const table = await openTable(path.join(folder, name));
      expect(table.format, name).toBe('csv');
      const rows = await allRows(table);
      expect(rows.length, name).toBeGreaterThanOrEqual(2);
      const expected = name === 'example-04.csv' ? ';' : ',';
      expect(table.delimiter, name).toBe(expected);
      // Every data row has as many cells as the header, or fewer (trailing empty cells).
      const width = rows[0]!.cells.length;
      for (const row of rows) expect(row.cells.length, `${name} row ${row.row}`).toBeLessThanOrEqual(width);
    }
    const semicolon = await allRows(await openTable(path.join(folder, 'example-04.csv')));
    expect(semicolon[1]?.cells.slice(8, 11)).toEqual(['12,4', 'Y: Oui', 'Normal, special and other values']);
    const multiline = await allRows(await openTable(path.join(folder, 'example-15.csv')));
    expect(multiline.map((r) => r.row)).toEqual([1, 2, 4]);
    expect(multiline[1]?.cells[7]).toBe('<p>This is some "xhtml" with a line\nbreak</p>');
  });
});
