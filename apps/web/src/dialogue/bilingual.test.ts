import { describe, expect, it } from 'vitest';
import { orNull, resolveText } from './bilingual.ts';
import { formatDate, formatDateRange, formatPeriod } from './format.ts';

describe('resolveText', () => {
  it('shows the UI language when the text exists in it', () => {
    expect(resolveText('ru', 'Brussels', 'Брюссель')).toEqual({ text: 'Брюссель', fallback: null });
    expect(resolveText('en', 'Brussels', 'Брюссель')).toEqual({ text: 'Brussels', fallback: null });
  });

  it('falls back to the other language and says which', () => {
    expect(resolveText('ru', 'Brussels', null)).toEqual({ text: 'Brussels', fallback: 'en' });
    expect(resolveText('en', '  ', 'Брюссель')).toEqual({ text: 'Брюссель', fallback: 'ru' });
  });

  it('is null when neither language has the text', () => {
    expect(resolveText('en', null, undefined)).toBeNull();
    expect(resolveText('ru', '', ' ')).toBeNull();
  });
});

describe('orNull', () => {
  it('sends an empty field as null (a missing translation) and trims the rest', () => {
    expect(orNull('  ')).toBeNull();
    expect(orNull(' Брюссель ')).toBe('Брюссель');
  });
});

describe('dates', () => {
  it('formats calendar dates without a time-zone shift', () => {
    expect(formatDate('en', '2023-12-12')).toBe('12 December 2023');
    expect(formatDate('ru', '2023-12-12')).toBe('12 декабря 2023 г.');
  });

  it('formats one day as a date and several days as a range', () => {
    expect(formatDateRange('en', '2023-12-12', '2023-12-12')).toBe('12 December 2023');
    expect(formatDateRange('en', '2030-06-12', '2030-06-13')).toContain('12');
    expect(formatDateRange('en', '2030-06-12', '2030-06-13')).toContain('13');
  });

  it('formats open periods and none', () => {
    expect(formatPeriod('en', null, null)).toBeNull();
    expect(formatPeriod('en', '2020-01-01', null)).toBe('1 January 2020 –');
  });
});
