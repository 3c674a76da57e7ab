import type { IndicatorDetail, Measure } from '../api/types.ts';

/**
 * The explorer's whole state, as it lives in the URL (permalinks): parse on load, serialise on
 * every change. Pure functions, no React.
 *
 * `/explorer?indicator=SZR_QTY&substance=heroin&area=KAZ,TJK&group=CA5&from=2019&to=2023
 *   &measure=per_capita&index=1&log=1&dim=sex:F&tab=table&year=2023`
 */

export const TABS = ['chart', 'map', 'table', 'sources'] as const;
export type Tab = (typeof TABS)[number];

export interface ExplorerState {
  indicator: string;
  /** Substance code; null for indicators without substances (population, cultivation). */
  substance: string | null;
  /** Countries and sub-national areas, one series each, in the order chosen. */
  areas: string[];
  /** Groups (CA5, EU27, …), one aggregate series each. */
  groups: string[];
  /** First and last year shown; null = the first / last year with data. */
  from: number | null;
  to: number | null;
  measure: Measure;
  /** Show as an index: the first year shown = 100. */
  index: boolean;
  /** Logarithmic value axis. */
  log: boolean;
  /** Fixed dimension members as `dimension:code` (sex:F, stat:MEAN, site:BE001). */
  dims: string[];
  tab: Tab;
  /** The year the map shows; null = the last year shown. */
  mapYear: number | null;
}

/** The five Central Asian states: the explorer opens on their heroin seizures. */
export const DEFAULT_STATE: ExplorerState = {
  indicator: 'SZR_QTY',
  substance: 'heroin',
  areas: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'],
  groups: [],
  from: null,
  to: null,
  measure: 'value',
  index: false,
  log: false,
  dims: [],
  tab: 'chart',
  mapYear: null,
};

/** More series than this make an unreadable chart; the picker stops adding. */
export const MAX_SERIES = 12;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DIM = /^[A-Za-z][A-Za-z0-9_]{0,40}:[^,:]{1,100}$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

function code(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return CODE.test(trimmed) ? trimmed : null;
}

function codes(value: string | null): string[] {
  const out: string[] = [];
  for (const part of (value ?? '').split(',')) {
    const c = code(part);
    if (c && !out.includes(c)) out.push(c);
  }
  return out.slice(0, MAX_SERIES);
}

function year(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= MIN_YEAR && n <= MAX_YEAR ? n : null;
}

function isTab(value: string | null): value is Tab {
  return (TABS as readonly string[]).includes(value ?? '');
}

/**
 * Reads the state from a query string. An empty query opens the default view; otherwise what is
 * missing or malformed falls back to its default (a hand-edited link never breaks the page).
 */
export function parseState(query: URLSearchParams): ExplorerState {
  const indicator = code(query.get('indicator'));
  if (!indicator)
    return { ...DEFAULT_STATE, tab: isTab(query.get('tab')) ? (query.get('tab') as Tab) : 'chart' };

  let from = year(query.get('from'));
  let to = year(query.get('to'));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];

  const dims: string[] = [];
  for (const value of query.getAll('dim')) {
    const dimension = value.split(':')[0];
    if (DIM.test(value) && !dims.some((d) => d.split(':')[0] === dimension)) dims.push(value);
  }

  const tab = query.get('tab');
  return {
    indicator,
    substance: code(query.get('substance')),
    areas: codes(query.get('area')),
    groups: codes(query.get('group')),
    from,
    to,
    measure: query.get('measure') === 'per_capita' ? 'per_capita' : 'value',
    index: query.get('index') === '1',
    log: query.get('log') === '1',
    dims,
    tab: isTab(tab) ? tab : 'chart',
    mapYear: year(query.get('year')),
  };
}

/** Writes the state as a query string (defaults left out, so links stay short). */
export function serializeState(state: ExplorerState): string {
  const params = new URLSearchParams();
  params.set('indicator', state.indicator);
  if (state.substance) params.set('substance', state.substance);
  // Kept even when empty: "no areas" is a choice, not "the default areas".
  params.set('area', state.areas.join(','));
  if (state.groups.length > 0) params.set('group', state.groups.join(','));
  if (state.from !== null) params.set('from', String(state.from));
  if (state.to !== null) params.set('to', String(state.to));
  if (state.measure !== 'value') params.set('measure', state.measure);
  if (state.index) params.set('index', '1');
  if (state.log) params.set('log', '1');
  for (const dim of state.dims) params.append('dim', dim);
  if (state.tab !== 'chart') params.set('tab', state.tab);
  if (state.mapYear !== null) params.set('year', String(state.mapYear));
  // Commas and colons are safe in a query and far easier to read in a shared link.
  return params.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/** The value fixed for one dimension, if any. */
export function dimValue(dims: string[], dimension: string): string | null {
  const found = dims.find((d) => d.split(':')[0] === dimension);
  return found ? found.slice(dimension.length + 1) : null;
}

/** Fixes (or, with null, frees) one dimension. */
export function withDim(dims: string[], dimension: string, value: string | null): string[] {
  const rest = dims.filter((d) => d.split(':')[0] !== dimension);
  return value === null ? rest : [...rest, `${dimension}:${value}`];
}

/**
 * Indicators whose numbers can be divided by population: counts and quantities (seizures, deaths,
 * treatment entrants) — not prices, percentages, averages or cultivated area.
 */
export function perCapitaAllowed(
  indicator: Pick<IndicatorDetail, 'code' | 'isAdditive' | 'measureType'>,
): boolean {
  return (
    indicator.isAdditive &&
    (indicator.measureType === 'count' || indicator.measureType === 'quantity') &&
    indicator.code !== 'POP_TOTAL'
  );
}
