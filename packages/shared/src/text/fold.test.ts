import { describe, expect, it } from 'vitest';
import { searchFold } from './fold.ts';

describe('searchFold', () => {
  it('meets Latin and Cyrillic spellings of Central Asian names', () => {
    expect(searchFold('Кыргызстан')).toContain(searchFold('Kyrgyz'));
    expect(searchFold('Kyrgyzstan')).toContain(searchFold('Кыргыз'));
    expect(searchFold('Киргизия')).toContain(searchFold('Kirgiz'));
    expect(searchFold('Таджикистан')).toBe(searchFold('Tajikistan'));
    expect(searchFold('Казахстан')).toBe(searchFold('Kazakhstan'));
    expect(searchFold('Узбекистан')).toBe(searchFold('Uzbekistan'));
    expect(searchFold('Туркменистан')).toBe(searchFold('Turkmenistan'));
    expect(searchFold('Қазақстан')).toBe(searchFold('Kazakstan'));
  });

  it('ignores case, accents and punctuation', () => {
    expect(searchFold('Côte d’Ivoire')).toBe(searchFold('cote d ivoire'));
    expect(searchFold('  TÜRKİYE ')).toBe(searchFold('turkiye'));
  });
});
