import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { detectDelimiter } from './delimiter.ts';
import { completeUtf8Prefix, firstInvalidUtf8, sniffEncoding } from './encoding.ts';
import { detectFormat } from './index.ts';
import { fileError, hasSharedData, makeTempDir, seededBytes, shared, writeZip } from './test-fixtures.ts';

const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('detectFormat', () => {
  it('tells the format from the content, not the name', async () => {
    expect(await detectFormat(write('data.xlsx', 'a,b\n1,2\n'))).toBe('csv');
    expect(await detectFormat(write('data.csv', '\uFEFF \r\n\t{"data": {}}'))).toBe('sdmx-json');
    expect(
      await detectFormat(write('utf16.json', iconv.encode('{"a": 1}', 'utf-16le', { addBOM: true }))),
    ).toBe('csv');
    const zip = path.join(dir, 'book.csv');
    await writeZip(zip, [{ name: 'xl/workbook.xml', content: '<workbook/>' }]);
    expect(await detectFormat(zip)).toBe('xlsx');
  });

  it('refuses empty files, zips that are not workbooks, and unreadable zips', async () => {
    expect((await fileError(() => detectFormat(write('empty', '')))).code).toBe('file_empty');
    expect((await fileError(() => detectFormat(write('blank', '\uFEFF  \n')))).code).toBe('file_empty');
    const other = path.join(dir, 'other.zip');
    await writeZip(other, [{ name: 'word/document.xml', content: '<document/>' }]);
    expect((await fileError(() => detectFormat(other))).code).toBe('format_unknown');
    const broken = write(
      'broken.zip',
      Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), seededBytes(3, 5000)]),
    );
    expect((await fileError(() => detectFormat(broken))).code).toBe('file_corrupt');
  });

  it.skipIf(!hasSharedData)('recognises the public data files', async () => {
    expect(await detectFormat(shared('unodc-wdr2025/7.1_Drug_seizures_2019-2023.xlsx'))).toBe('xlsx');
    expect(await detectFormat(shared('population-worldbank/population.csv'))).toBe('csv');
    expect(
      await detectFormat(shared('sdmx-samples/provider-responses/OECD_PART2_sdmx-json-1.0_data.json')),
    ).toBe('sdmx-json');
  });
});

describe('sniffEncoding', () => {
  const russian = 'Страна;Год\nКазахстан;2023\nЁлки зелёные и синие;2024\n';

  it('prefers a BOM, then UTF-8, then UTF-16 without BOM, then Windows-1251', () => {
    expect(sniffEncoding(iconv.encode(russian, 'windows-1251'), true)).toBe('windows-1251');
    expect(sniffEncoding(Buffer.from(russian), true)).toBe('utf-8');
    expect(sniffEncoding(Buffer.from('plain ascii'), true)).toBe('utf-8');
    expect(sniffEncoding(iconv.encode(russian, 'utf-16le', { addBOM: true }), true)).toBe('utf-16le');
    expect(sniffEncoding(iconv.encode(russian, 'utf-16be', { addBOM: true }), true)).toBe('utf-16be');
    expect(sniffEncoding(iconv.encode('Country;Year\nKazakhstan;2023', 'utf-16le'), true)).toBe('utf-16le');
    expect(sniffEncoding(iconv.encode('Country;Year\nKazakhstan;2023', 'utf-16be'), true)).toBe('utf-16be');
  });

  it('accepts a UTF-8 character cut at the end of an incomplete sample only', () => {
    const cut = Buffer.from('Казахстан').subarray(0, 5);
    expect(sniffEncoding(cut, false)).toBe('utf-8');
    expect(sniffEncoding(cut, true)).not.toBe('utf-8');
  });

  it('gives up on Latin-1 and random bytes', () => {
    expect(sniffEncoding(iconv.encode('Réunion;Côte;année;Zürich;Größe', 'latin1'), true)).toBeUndefined();
    expect(sniffEncoding(seededBytes(42, 4096), false)).toBeUndefined();
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(Buffer.from('ok Ёж'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // cut short
    expect(completeUtf8Prefix(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(completeUtf8Prefix(Buffer.from([0x61, 0xe2, 0x82, 0xac]))).toBe(4);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that agrees with the header', () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3\n4,5;5;6\n', true)).toBe(';');
    expect(detectDelimiter('a,b,c\nX;Y,2,3\nZ,5,6\n', true)).toBe(',');
    expect(detectDelimiter('a\tb\n1\t2\n', true)).toBe('\t');
    expect(detectDelimiter('"a;b",c\n"1;2",3\n', true)).toBe(',');
    expect(detectDelimiter('"multi\nline;x",c\n1,2\n', true)).toBe(',');
    expect(detectDelimiter('one column\nvalue\n', true)).toBe(',');
    expect(detectDelimiter('', true)).toBe(',');
  });
});
