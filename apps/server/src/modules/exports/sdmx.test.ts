import { describe, expect, it } from 'vitest';
import {
  decodeSdmxId,
  dimensionNameOf,
  encodeSdmxId,
  parseSdmxStructureId,
  sdmxDimensionId,
  sdmxDimensionIds,
  sdmxStructureId,
} from './sdmx.ts';

describe('SDMX ids', () => {
  it('names indicator dimensions in upper snake case', () => {
    const names = ['sex', 'age', 'treatmentStatus', 'marketLevel', 'stat', 'study', 'site'];
    expect(names.map(sdmxDimensionId)).toEqual([
      'SEX',
      'AGE',
      'TREATMENT_STATUS',
      'MARKET_LEVEL',
      'STAT',
      'STUDY',
      'SITE',
    ]);
    expect(dimensionNameOf('TREATMENT_STATUS', names)).toBe('treatmentStatus');
    expect(dimensionNameOf('NOPE', names)).toBeUndefined();
    expect(sdmxDimensionIds(['sex', 'age'])).toEqual([
      'INDICATOR',
      'REF_AREA',
      'SUBSTANCE',
      'SEX',
      'AGE',
      'SOURCE',
      'TIME_PERIOD',
    ]);
    expect(() => sdmxDimensionIds(['source'])).toThrow(/Clashing/);
  });

  it('makes any code a valid SDMX id and reads it back', () => {
    const ok = /^[A-Za-z0-9_@$-]+$/;
    for (const code of [
      'TJK',
      'heroin',
      '_T',
      'Y25T29',
      'TEST-A',
      'UNODC.ARQ',
      'Total ATS',
      'a$b',
      'Алматы',
      '2023',
    ]) {
      expect(encodeSdmxId(code), code).toMatch(ok);
      expect(decodeSdmxId(encodeSdmxId(code)), code).toBe(code);
    }
    expect(encodeSdmxId('TJK')).toBe('TJK');
    expect(encodeSdmxId('UNODC.ARQ')).toBe('UNODC$2EARQ');
    expect(encodeSdmxId('a$b')).toBe('a$24b');
  });

  it('writes and reads dataflow ids', () => {
    expect(sdmxStructureId('SZR_QTY')).toBe('OBSERVATORY:DF_SZR_QTY(1.0)');
    expect(parseSdmxStructureId('OBSERVATORY:DF_SZR_QTY(1.0)')).toEqual({
      indicator: 'SZR_QTY',
      version: '1.0',
    });
    expect(parseSdmxStructureId('ESTAT:NA_MAIN(1.6.0)')).toBeNull();
  });
});
