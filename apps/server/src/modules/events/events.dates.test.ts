import { describe, expect, it } from 'vitest';
import { checkEventValues } from './events.checks.ts';
import { formatEventDate, parseEventDate, periodEnd } from './events.dates.ts';

describe('event dates', () => {
  it('reads a day, a month or a year, in ISO or dotted form, with its precision', () => {
    expect(parseEventDate('2023-05-12')).toEqual({
      date: '2023-05-12',
      precision: 'day',
      year: 2023,
      month: 5,
    });
    expect(parseEventDate('2023-05-12T10:30:00Z')).toMatchObject({ date: '2023-05-12', precision: 'day' });
    expect(parseEventDate('2023-5')).toEqual({
      date: '2023-05-01',
      precision: 'month',
      year: 2023,
      month: 5,
    });
    expect(parseEventDate(' 2023 ')).toEqual({
      date: '2023-01-01',
      precision: 'year',
      year: 2023,
      month: null,
    });
    expect(parseEventDate(2023)).toMatchObject({ precision: 'year', year: 2023 });
    expect(parseEventDate('12.05.2023')).toMatchObject({ date: '2023-05-12', precision: 'day' });
    expect(parseEventDate('05.2023')).toMatchObject({ date: '2023-05-01', precision: 'month' });
    expect(parseEventDate(new Date(Date.UTC(2024, 1, 29)))).toMatchObject({
      date: '2024-02-29',
      precision: 'day',
    });
  });

  it('refuses what is not a date, and ambiguous slashed dates', () => {
    for (const bad of [
      '2023-02-30',
      '2023-13',
      '31.02.2023',
      '03/04/2023',
      'May 2023',
      '',
      '2023.5',
      true,
      2023.5,
    ])
      expect(parseEventDate(bad as string), String(bad)).toBeNull();
    expect(parseEventDate(new Date(Number.NaN))).toBeNull();
  });

  it('formats by precision and knows where a period ends', () => {
    expect(formatEventDate('2023-05-01', 'month')).toBe('2023-05');
    expect(formatEventDate('2023-01-01', 'year')).toBe('2023');
    expect(periodEnd(parseEventDate('2024-02')!)).toBe('2024-02-29');
    expect(periodEnd(parseEventDate('2023')!)).toBe('2023-12-31');
    expect(periodEnd(parseEventDate('2023-12-31')!)).toBe('2023-12-31');
  });
});

describe('event value checks', () => {
  it('names every problem with its field and code', () => {
    const checks = checkEventValues(
      {
        date: '2030-01-01',
        amount: 0,
        unit: 'EUR_G',
        latitude: 91,
        longitude: null,
        agency: 'x'.repeat(201),
      },
      '2026-11-28',
    );
    expect(checks.map((c) => [c.field, c.code])).toEqual([
      ['date', 'date_in_future'],
      ['amount', 'amount_not_positive'],
      ['unit', 'unit_not_for_seizures'],
      ['latitude', 'latitude_out_of_range'],
      ['longitude', 'coordinates_incomplete'],
      ['agency', 'text_too_long'],
    ]);
    expect(
      checkEventValues(
        { date: '2026-11-28', amount: 0.001, unit: 'G', latitude: -90, longitude: 180 },
        '2026-11-28',
      ),
    ).toEqual([]);
  });
});
