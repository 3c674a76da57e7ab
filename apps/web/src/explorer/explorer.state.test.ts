import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  MAX_SERIES,
  dimValue,
  parseState,
  perCapitaAllowed,
  serializeState,
  withDim,
  type ExplorerState,
} from './explorer.state.ts';

const parse = (query: string) => parseState(new URLSearchParams(query));

describe('explorer state in the URL', () => {
  it('opens the default view on an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_STATE);
    expect(parse('tab=table')).toEqual({ ...DEFAULT_STATE, tab: 'table' });
  });

  it('round-trips every field through the query string', () => {
    const state: ExplorerState = {
      indicator: 'DRD_DEATHS',
      substance: null,
      areas: ['DEU', 'FRA'],
      groups: ['EU27'],
      from: 2010,
      to: 2017,
      measure: 'per_capita',
      index: true,
      log: true,
      dims: ['sex:F', 'age:Y15T24'],
      tab: 'map',
      mapYear: 2016,
    };
    const query = serializeState(state);
    expect(query).toBe(
      'indicator=DRD_DEATHS&area=DEU,FRA&group=EU27&from=2010&to=2017&measure=per_capita&index=1&log=1&dim=sex:F&dim=age:Y15T24&tab=map&year=2016',
    );
    expect(parse(query)).toEqual(state);
  });

  it('leaves defaults out but keeps an empty area list (a choice, not the default)', () => {
    const query = serializeState({ ...DEFAULT_STATE, areas: [] });
    expect(query).toBe('indicator=SZR_QTY&substance=heroin&area=');
    expect(parse(query).areas).toEqual([]);
    expect(parse('indicator=SZR_QTY').areas).toEqual([]);
  });

  it('survives hand-edited links: bad codes, years and tabs fall back, reversed years swap', () => {
    const state = parse(
      'indicator=SZR_QTY&substance=<script>&area=TJK,,TJK,KAZ;DROP&from=2023&to=2019&tab=nope&measure=rate&index=yes&year=99',
    );
    expect(state.substance).toBeNull();
    expect(state.areas).toEqual(['TJK']);
    expect([state.from, state.to]).toEqual([2019, 2023]);
    expect(state.tab).toBe('chart');
    expect(state.measure).toBe('value');
    expect(state.index).toBe(false);
    expect(state.mapYear).toBeNull();
    expect(parse('indicator=X&from=1800&to=3000')).toMatchObject({ from: null, to: null });
  });

  it('caps the number of series and keeps one value per dimension', () => {
    const many = Array.from({ length: 30 }, (_, i) => `A${i}`).join(',');
    expect(parse(`indicator=X&area=${many}`).areas).toHaveLength(MAX_SERIES);
    expect(parse('indicator=X&dim=sex:F&dim=sex:M&dim=bad&dim=age:Y15T24').dims).toEqual([
      'sex:F',
      'age:Y15T24',
    ]);
  });

  it('fixes and frees dimensions', () => {
    const dims = withDim(withDim([], 'sex', 'F'), 'site', 'BE001');
    expect(dims).toEqual(['sex:F', 'site:BE001']);
    expect(dimValue(dims, 'site')).toBe('BE001');
    expect(withDim(dims, 'sex', 'M')).toEqual(['site:BE001', 'sex:M']);
    expect(withDim(dims, 'sex', null)).toEqual(['site:BE001']);
    expect(dimValue(dims, 'age')).toBeNull();
  });

  it('offers per capita rates for counts and quantities only', () => {
    expect(perCapitaAllowed({ code: 'SZR_QTY', isAdditive: true, measureType: 'quantity' })).toBe(true);
    expect(perCapitaAllowed({ code: 'DRD_DEATHS', isAdditive: true, measureType: 'count' })).toBe(true);
    expect(perCapitaAllowed({ code: 'POP_TOTAL', isAdditive: true, measureType: 'count' })).toBe(false);
    expect(perCapitaAllowed({ code: 'CULT_OPIUM_HA', isAdditive: true, measureType: 'area' })).toBe(false);
    expect(perCapitaAllowed({ code: 'PPP_PRICE', isAdditive: false, measureType: 'price' })).toBe(false);
  });
});
