import { describe, expect, it } from 'vitest';
import { columnFound, mappingRows } from './preview.ts';

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
