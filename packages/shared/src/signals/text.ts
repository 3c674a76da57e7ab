/**
 * Texts of signals, from the ICU MessageFormat templates in `locales/{en,ru}/signals.json`,
 * formatted with intl-messageformat: plural categories follow Intl.PluralRules (Russian one / few /
 * many / other) and numbers follow the language (English `1,234.5`, Russian `1 234,5` with a
 * no-break space and a decimal comma). The server renders the stored texts with this module; the
 * web app can re-render them from a signal's params with the same function.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../locales/en/signals.json' with { type: 'json' };
import ru from '../locales/ru/signals.json' with { type: 'json' };
import type { Language } from '../domain/locale.ts';

/** Kinds of automatic signals. */
export const SIGNAL_KINDS = [
  'record_high',
  'record_low',
  'unusual_change',
  'first_appearance',
  'series_break',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Severities, from least to most pressing. */
export const SIGNAL_SEVERITIES = ['info', 'notice', 'alert'] as const;
export type SignalSeverity = (typeof SIGNAL_SEVERITIES)[number];

/** What an analyst made of a signal. */
export const SIGNAL_STATUSES = ['new', 'confirmed', 'muted'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** Record high or low: `previous` is the earlier extreme it beats; `last*` the year before, when it has a value. */
export interface RecordParams {
  value: number;
  /** Unit code of the values (codelist UNIT), e.g. `KG`. */
  unit: string;
  previous: number;
  previousYear: number;
  lastValue: number | null;
  lastYear: number | null;
  /** (value − lastValue) / lastValue, or null without a positive previous-year value. */
  change: number | null;
  /** Years with a value up to and including this one. */
  years: number;
  firstYear: number;
  /** Robust z-score of the year's log change, when it could be computed. */
  z: number | null;
}

/** Unusual year-on-year change (robust z-score of the log change against the series' own history). */
export interface UnusualChangeParams {
  value: number;
  unit: string;
  previousValue: number;
  previousYear: number;
  /** (value − previousValue) / previousValue. */
  change: number;
  /** ln(value / previousValue). */
  logChange: number;
  /** Robust z-score; null when the earlier changes had no spread at all (every one equal). */
  z: number | null;
  /** Median of the earlier log changes. */
  median: number;
  /** The median as a change: exp(median) − 1. */
  medianChange: number;
  /** Number of earlier log changes the year was judged against. */
  history: number;
}

/** First positive value after at least a few quiet (zero or missing) years. */
export interface FirstAppearanceParams {
  value: number;
  unit: string;
  quietYears: number;
  /** How many of the quiet years reported an explicit zero. */
  zeroYears: number;
  firstYear: number;
}

/** Break in series (observation status B). */
export interface SeriesBreakParams {
  value: number | null;
  unit: string;
  status: string;
}

export interface SignalParamsByKind {
  record_high: RecordParams;
  record_low: RecordParams;
  unusual_change: UnusualChangeParams;
  first_appearance: FirstAppearanceParams;
  series_break: SeriesBreakParams;
}

/** Names in the language of the text, from the reference tables. */
export interface SignalNames {
  indicator: string;
  area: string;
  substance: string | null;
  /** Other dimension members, already joined (e.g. "male, 15–24"), or null. */
  dims: string | null;
  /** Unit symbol (codelist UNIT, attribute `symbol` / `symbolRu`). */
  unit: string;
}

type Catalogue = typeof en;
const CATALOGUES: Record<Language, Catalogue> = { en, ru };

/** Named number formats the templates use: `{x, number, amount}` etc. */
const FORMATS = {
  number: {
    /** Up to 3 decimals, but at least 3 significant digits for small values (0.000457). */
    amount: { maximumFractionDigits: 3, maximumSignificantDigits: 3, roundingPriority: 'morePrecision' },
    /** Signed percent change, one decimal: +12.5 %, −99.8 %. */
    change: { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' },
    /** Unsigned percent (the direction is said in words). */
    pct: { style: 'percent', maximumFractionDigits: 1, signDisplay: 'never' },
    /** z-scores, one decimal, signed. */
    z: { maximumFractionDigits: 1, signDisplay: 'exceptZero' },
  },
} as const;

const compiled = new Map<string, IntlMessageFormat>();

function message(lang: Language, key: string, template: string): IntlMessageFormat {
  const cacheKey = `${lang}:${key}`;
  let m = compiled.get(cacheKey);
  if (!m) {
    m = new IntlMessageFormat(template, lang, FORMATS);
    compiled.set(cacheKey, m);
  }
  return m;
}

type Values = Record<string, string | number>;

function format(lang: Language, key: string, template: string, values: Values): string {
  const out = message(lang, key, template).format(values);
  if (typeof out !== 'string') throw new TypeError(`signals:${key} did not format to a string`);
  return out;
}

// Years are labels, not quantities: passed as text so that they are never grouped ("2,023").
const yearText = (year: number | null | undefined) => (year == null ? '' : String(year));
const yes = (b: boolean) => (b ? 'yes' : 'no');

function kindValues(kind: SignalKind, params: SignalParamsByKind[SignalKind]): Values {
  switch (kind) {
    case 'record_high':
    case 'record_low': {
      const p = params as RecordParams;
      const hasLast = p.lastValue !== null && p.lastYear !== null && p.change !== null;
      return {
        value: p.value,
        previous: p.previous,
        previousYear: yearText(p.previousYear),
        hasLast: yes(hasLast),
        lastValue: p.lastValue ?? 0,
        lastYear: yearText(p.lastYear),
        change: p.change ?? 0,
        extremeEarlier: yes(!hasLast || p.previousYear !== p.lastYear),
        years: p.years,
        firstYear: yearText(p.firstYear),
      };
    }
    case 'unusual_change': {
      const p = params as UnusualChangeParams;
      return {
        value: p.value,
        previousValue: p.previousValue,
        previousYear: yearText(p.previousYear),
        change: p.change,
        direction: p.change >= 0 ? 'up' : 'down',
        hasZ: yes(p.z !== null),
        z: p.z ?? 0,
        medianChange: p.medianChange,
        history: p.history,
      };
    }
    case 'first_appearance': {
      const p = params as FirstAppearanceParams;
      return {
        value: p.value,
        quietYears: p.quietYears,
        quietKind: p.zeroYears === 0 ? 'none' : p.zeroYears >= p.quietYears ? 'zero' : 'mixed',
        firstYear: yearText(p.firstYear),
      };
    }
    case 'series_break': {
      const p = params as SeriesBreakParams;
      return { hasValue: yes(p.value !== null), value: p.value ?? 0 };
    }
  }
}

/** The series a signal is about, e.g. "Quantity of drugs seized, Heroin, Afghanistan". */
export function seriesLabel(names: SignalNames, lang: Language): string {
  return format(lang, 'series', CATALOGUES[lang].series, {
    indicator: names.indicator,
    area: names.area,
    substance: names.substance ?? '',
    hasSubstance: yes(Boolean(names.substance)),
    dims: names.dims ?? '',
    hasDims: yes(Boolean(names.dims)),
  });
}

/** The sentence of a signal in one language (facts only: values, years, change, z-score). */
export function signalText<K extends SignalKind>(
  kind: K,
  year: number,
  params: SignalParamsByKind[K],
  names: SignalNames,
  lang: Language,
): string {
  return format(lang, `text.${kind}`, CATALOGUES[lang].text[kind], {
    ...kindValues(kind, params),
    series: seriesLabel(names, lang),
    year: yearText(year),
    unit: names.unit,
  });
}

/** Label of a kind, severity or status in one language. */
export function signalLabel(
  group: 'kind' | 'severity' | 'status',
  value: SignalKind | SignalSeverity | SignalStatus,
  lang: Language,
): string {
  const labels = CATALOGUES[lang][group] as Record<string, string>;
  return labels[value] ?? value;
}

/** Says that a stored signal is no longer found in the current data. */
export function staleLabel(lang: Language): string {
  return CATALOGUES[lang].stale;
}
