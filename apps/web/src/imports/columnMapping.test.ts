import { describe, expect, it } from 'vitest';
import {
  applyChoice,
  canEditMapping,
  editableFields,
  initialChoice,
  resolveColumn,
  sameChoice,
  unmappedRequired,
} from './columnMapping.ts';

const spec = {
  name: 'observatory-long',
  version: 1,
  source: { column: 'source_code' },
  layout: { type: 'long' },
  fields: {
    indicator: { column: 'indicator' },
    area: { column: 'area_code' },
    year: { column: 'period' },
    value: { column: 'value' },
    unit: { column: 'unit', optional: true },
    status: { value: 'A' },
    dims: { sex: { column: 'sex', optional: true } },
  },
};
const header = ['Indicator', 'area_code', 'period', 'value', 'source_code', 'obs'];

describe('column mapping', () => {
  it('edits long-format observation specs only', () => {
    expect(canEditMapping(spec)).toBe(true);
    expect(canEditMapping({ ...spec, layout: { type: 'wide' } })).toBe(false);
    expect(canEditMapping({ ...spec, target: 'seizure_events' })).toBe(false);
    expect(canEditMapping(null)).toBe(false);
  });

  it('lists column fields (fixed values excluded) with the ones the spec requires', () => {
    const fields = editableFields(spec);
    expect(fields.find((f) => f.key === 'status')).toBeUndefined();
    expect(fields.filter((f) => f.required).map((f) => f.key)).toEqual([
      'indicator',
      'area',
      'year',
      'value',
      'source',
    ]);
    expect(fields.find((f) => f.key === 'dims.sex')).toEqual({ key: 'dims.sex', required: false });
  });

  it('starts from the spec mapping resolved against the header (names in any case, letters, numbers)', () => {
    const choice = initialChoice(spec, header);
    expect(choice).toMatchObject({ indicator: 0, area: 1, year: 2, value: 3, source: 4, unit: null });
    expect(resolveColumn(header, 'F')).toBe(5);
    expect(resolveColumn(header, 2)).toBe(1);
    expect(resolveColumn(header, 'Z')).toBeNull();
    expect(unmappedRequired(spec, choice)).toEqual([]);
    expect(unmappedRequired(spec, { ...choice, value: null, area: null })).toEqual(['area', 'value']);
  });

  it('writes the chosen columns into a renamed copy of the spec', () => {
    const choice = { ...initialChoice(spec, header), value: 5, unit: null, 'dims.sex': 1 };
    expect(sameChoice(choice, initialChoice(spec, header))).toBe(false);
    const out = applyChoice(spec, choice, header) as typeof spec;
    expect(out.name).toBe('observatory-long.edited');
    expect(out.fields.value).toEqual({ column: 'obs' });
    expect(out.fields.unit).toBeUndefined();
    expect(out.fields.dims.sex).toEqual({ column: 'area_code', optional: true });
    expect(out.fields.status).toEqual({ value: 'A' });
    expect(out.source).toEqual({ column: 'source_code' });
    expect(spec.fields.value).toEqual({ column: 'value' });
  });
});
