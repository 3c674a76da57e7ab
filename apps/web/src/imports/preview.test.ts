import { describe, expect, it } from 'vitest';
import { canPreview, columnFound, mappingRows, parseDelimited } from './preview.ts';

describe('parseDelimited', () => {
  it('reads quoted cells, doubled quotes, CRLF and a BOM, and stops after the asked records', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n\r\n4,5,6\n7,8,9\n';
    expect(parseDelimited(text, 3)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('detects semicolons and tabs, and keeps a last line without a newline', () => {
    expect(parseDelimited('a;b\n1,5;2', 5)).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
    expect(parseDelimited('a\tb\n1\t2', 5)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('gives nothing for empty text', () => {
    expect(parseDelimited('', 5)).toEqual([]);
  });
});

describe('mappingRows', () => {
  it('lists fields and dimensions with their column or fixed value', () => {
    const spec = {
      fields: {
        indicator: { value: 'SZR_QTY' },
        area: { column: 'area_code' },
        substance: { column: 'C', optional: true },
        dims: { sex: { column: 'sex', optional: true } },
      },
    };
    expect(mappingRows(spec)).toEqual([
      { field: 'indicator', source: { value: 'SZR_QTY' }, optional: false },
      { field: 'area', source: { column: 'area_code' }, optional: false },
      { field: 'substance', source: { column: 'C' }, optional: true },
      { field: 'dims.sex', source: { column: 'sex' }, optional: true },
    ]);
  });

  it('gives nothing for a spec without fields', () => {
    expect(mappingRows(null)).toEqual([]);
    expect(mappingRows({ fields: 'x' })).toEqual([]);
  });
});

describe('columnFound', () => {
  const header = ['indicator', 'Area_Code', 'value'];
  it('finds a column by header (any case), by letters or by number', () => {
    expect(columnFound(header, 'area_code')).toBe(true);
    expect(columnFound(header, 'C')).toBe(true);
    expect(columnFound(header, '3')).toBe(true);
    expect(columnFound(header, 'D')).toBe(false);
    expect(columnFound(header, 'unit')).toBe(false);
  });
});

describe('canPreview', () => {
  it('previews delimited text only', () => {
    expect(canPreview('a.CSV')).toBe(true);
    expect(canPreview('a.tsv')).toBe(true);
    expect(canPreview('a.xlsx')).toBe(false);
    expect(canPreview('a.json')).toBe(false);
  });
});
