import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter, parseNumber, parseYear, type NumberFormat } from './values.ts';

const auto: NumberFormat = { decimal: 'auto', missing: ['', '..', ':', '-'], footnoteMarkers: true };

describe('parseNumber', () => {
  it.each([
    [1234, 1234],
    [422.48000000000002, 422.48],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1,234', 1234],
    ['12,5', 12.5],
    ['0,25', 0.25],
    ['3264', 3264],
    ['-7', -7],
    ['\u22127', -7],
    ['12%', 12],
    ['1e3', 1000],
  ])('%j → %d', (cell, value) => {
    expect(parseNumber(cell, auto)).toMatchObject({ kind: 'number', value });
  });

  it.each([
    ['123*', 123, '*'],
    ['45 a', 45, 'a'],
    ['67 (b)', 67, 'b'],
    ['89[1]', 89, '1'],
  ])('strips the footnote marker of %j', (cell, value, marker) => {
    expect(parseNumber(cell, auto)).toEqual({ kind: 'number', value, marker });
  });

  it.each([null, '', '..', ':', '-', '  ..  '])('%j is missing, never zero', (cell) => {
    expect(parseNumber(cell, auto).kind).toBe('missing');
  });

  it('keeps a footnote marker on a missing token', () => {
    expect(parseNumber('..*', auto)).toEqual({ kind: 'missing', token: '..', marker: '*' });
  });

  it.each(['abc', '12abc34', '1,23,4', '--5', true, 'twelve'])('%j is not a number', (cell) => {
    expect(parseNumber(cell, auto).kind).toBe('invalid');
  });

  it('follows an explicit decimal comma', () => {
    const ru: NumberFormat = { ...auto, decimal: ',' };
    expect(parseNumber('1,234', ru)).toMatchObject({ value: 1.234 });
    expect(parseNumber('1.234,5', ru)).toMatchObject({ value: 1234.5 });
  });
});

describe('parseYear', () => {
  it.each([
    [2019, 2019],
    ['2019', 2019],
    ['2019*', 2019],
    [' 2017 a', 2017],
    [new Date(Date.UTC(2010, 5, 30)), 2010],
    [40359, 2010], // Excel serial of 2010-06-30
    [43646, 2019],
    ['2021-07-02', 2021],
  ])('%j → %d', (cell, year) => expect(parseYear(cell)).toBe(year));

  it.each([null, 'Country', 12, '', 'lower bound'])('%j is no year', (cell) =>
    expect(parseYear(cell)).toBeNull(),
  );
});

describe('column letters', () => {
  it('round-trips', () => {
    for (const i of [0, 1, 25, 26, 27, 701, 702]) expect(columnIndex(columnLetter(i))).toBe(i);
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(27)).toBe('AB');
  });
});
