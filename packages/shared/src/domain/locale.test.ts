import { describe, expect, it } from 'vitest';
import { pickText, resolveLanguage } from './locale.ts';

describe('resolveLanguage', () => {
  it('prefers the explicit choice, then Accept-Language by q-value, then English', () => {
    expect(resolveLanguage('ru', 'en')).toBe('ru');
    expect(resolveLanguage('xx', 'ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(resolveLanguage(undefined, 'de-DE,de;q=0.9,en;q=0.8,ru;q=0.7')).toBe('en');
    expect(resolveLanguage(undefined, 'de, ru;q=0.5')).toBe('ru');
    expect(resolveLanguage(undefined, 'ru;q=0')).toBe('en');
    expect(resolveLanguage(null, undefined)).toBe('en');
  });

  it('falls back to the other language rather than to nothing', () => {
    expect(pickText('ru', 'Heroin', null)).toBe('Heroin');
    expect(pickText('ru', 'Heroin', 'Героин')).toBe('Героин');
  });
});
