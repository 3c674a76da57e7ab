import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from '../locales/en/signals.json' with { type: 'json' };
import ru from '../locales/ru/signals.json' with { type: 'json' };
import {
  SIGNAL_KINDS,
  SIGNAL_SEVERITIES,
  SIGNAL_STATUSES,
  signalLabel,
  signalText,
  type RecordParams,
  type SignalNames,
} from './text.ts';

const NBSP = '\u00a0';

const names = (lang: 'en' | 'ru', extra: Partial<SignalNames> = {}): SignalNames => ({
  indicator: lang === 'en' ? 'Quantity of drugs seized' : 'Количество изъятых наркотиков',
  area: lang === 'en' ? 'Afghanistan' : 'Афганистан',
  substance: lang === 'en' ? 'Heroin' : 'Героин',
  dims: null,
  unit: lang === 'en' ? 'kg' : 'кг',
  ...extra,
});

/** Argument names an ICU message uses (walking selects and plurals). */
function argumentsOf(template: string): string[] {
  const out = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const e of elements) {
      if ('value' in e && typeof e.value === 'string' && Number(e.type) !== 0) out.add(e.value);
      if ('options' in e)
        for (const option of Object.values(e.options)) walk((option as { value: typeof elements }).value);
    }
  };
  walk(new IntlMessageFormat(template, 'en').getAst());
  return [...out].sort();
}

const record = (over: Partial<RecordParams> = {}): RecordParams => ({
  value: 1.002,
  unit: 'KG',
  previous: 488,
  previousYear: 2022,
  lastValue: 488,
  lastYear: 2022,
  change: 1.002 / 488 - 1,
  years: 5,
  firstYear: 2019,
  z: -11.8,
  ...over,
});

describe('signal templates', () => {
  it('parse as ICU MessageFormat and use the same arguments in English and Russian', () => {
    expect(Object.keys(en.text).sort()).toEqual([...SIGNAL_KINDS].sort());
    expect(Object.keys(ru.text).sort()).toEqual([...SIGNAL_KINDS].sort());
    for (const kind of SIGNAL_KINDS)
      expect(argumentsOf(ru.text[kind]), kind).toEqual(argumentsOf(en.text[kind]));
    expect(argumentsOf(ru.series)).toEqual(argumentsOf(en.series));
    for (const group of ['kind', 'severity', 'status'] as const) {
      const values = { kind: SIGNAL_KINDS, severity: SIGNAL_SEVERITIES, status: SIGNAL_STATUSES }[group];
      for (const v of values) {
        expect(signalLabel(group, v, 'en')).not.toBe(v);
        expect(signalLabel(group, v, 'ru')).toMatch(/[А-Яа-я]/);
      }
    }
  });

  it('render a record low with the numbers in each language’s format', () => {
    expect(signalText('record_low', 2023, record(), names('en'), 'en')).toBe(
      'Quantity of drugs seized, Heroin, Afghanistan: record low of 1.002 kg in 2023 (488 kg in 2022, -99.8%); the lowest in 5 years of data since 2019.',
    );
    expect(signalText('record_low', 2023, record(), names('ru'), 'ru')).toBe(
      `Количество изъятых наркотиков, Героин, Афганистан: рекордный минимум — 1,002 кг в 2023 г. (488 кг в 2022 г., -99,8${NBSP}%); наименьшее значение за 5 лет наблюдений с 2019 г.`,
    );
  });

  it('use Russian plural forms (1 год, 3 года, 5 лет, 21 год) and English ones', () => {
    const years = (n: number, lang: 'en' | 'ru') =>
      /за (\d+ \S+) наблюдений|in (\d+ \S+) of data/
        .exec(signalText('record_high', 2023, record({ years: n }), names(lang), lang))!
        .slice(1)
        .find(Boolean);
    expect([1, 2, 3, 4, 5, 11, 21, 22, 25, 101].map((n) => years(n, 'ru'))).toEqual([
      '1 год',
      '2 года',
      '3 года',
      '4 года',
      '5 лет',
      '11 лет',
      '21 год',
      '22 года',
      '25 лет',
      '101 год',
    ]);
    expect([1, 2, 5].map((n) => years(n, 'en'))).toEqual(['1 year', '2 years', '5 years']);
  });

  it('group thousands with a no-break space and use a decimal comma in Russian', () => {
    const p = record({
      value: 12_345.5,
      previous: 4200,
      previousYear: 2020,
      lastValue: 9000,
      change: 0.3717,
    });
    const textEn = signalText('record_high', 2023, p, names('en'), 'en');
    const textRu = signalText('record_high', 2023, p, names('ru'), 'ru');
    expect(textEn).toContain('record high of 12,345.5 kg in 2023 (9,000 kg in 2022, +37.2%)');
    expect(textEn).toContain('above the previous high of 4,200 kg in 2020');
    expect(textRu).toContain(
      `рекордный максимум — 12${NBSP}345,5 кг в 2023 г. (9${NBSP}000 кг в 2022 г., +37,2${NBSP}%)`,
    );
    expect(textRu).toContain(`прежний максимум — 4${NBSP}200 кг в 2020 г.`);
    // Small values keep three significant digits instead of rounding to zero.
    expect(signalText('record_low', 2023, record({ value: 0.000456789 }), names('en'), 'en')).toContain(
      'record low of 0.000457 kg',
    );
  });

  it('render every kind, with and without substance and dimensions', () => {
    const noSubstance = names('en', {
      substance: null,
      dims: 'male, 15–24',
      indicator: 'Drug-induced deaths',
      unit: 'persons',
    });
    expect(
      signalText(
        'unusual_change',
        2021,
        {
          value: 30,
          unit: 'PERSONS',
          previousValue: 10,
          previousYear: 2020,
          change: 2,
          logChange: Math.log(3),
          z: null,
          median: 0,
          medianChange: 0,
          history: 3,
        },
        noSubstance,
        'en',
      ),
    ).toBe(
      'Drug-induced deaths (male, 15–24), Afghanistan: unusual rise of 200% in 2021, from 10 persons in 2020 to 30 persons (the 3 earlier year-on-year changes were all 0%).',
    );
    expect(
      signalText(
        'first_appearance',
        2017,
        { value: 12, unit: 'KG', quietYears: 3, zeroYears: 2, firstYear: 2014 },
        names('ru', { substance: 'Метамфетамин', area: 'Узбекистан' }),
        'ru',
      ),
    ).toBe(
      'Количество изъятых наркотиков, Метамфетамин, Узбекистан: впервые отмечено в 2017 г. — 12 кг; за 3 предыдущих года с 2014 г. значения были нулевыми или отсутствовали.',
    );
    expect(signalText('series_break', 2019, { value: 11, unit: 'KG', status: 'B' }, names('en'), 'en')).toBe(
      'Quantity of drugs seized, Heroin, Afghanistan: break in series in 2019 (11 kg); values from 2019 on are not comparable with earlier years.',
    );
  });
});
