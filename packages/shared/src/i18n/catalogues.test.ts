import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from './index.ts';

// Every catalogue exists in both languages with the same keys; Russian has all plural forms.
const localesDir = path.join(import.meta.dirname, '../locales');
const flatten = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const read = (lang: string, file: string) =>
  JSON.parse(fs.readFileSync(path.join(localesDir, lang, file), 'utf8')) as Record<string, unknown>;

describe('i18n catalogues', () => {
  const files = fs.readdirSync(path.join(localesDir, 'en')).filter((f) => f.endsWith('.json'));

  it.each(files)('%s has the same keys in English and Russian', (file) => {
    expect(fs.existsSync(path.join(localesDir, 'ru', file))).toBe(true);
    const en = new Set(flatten(read('en', file)).map(base));
    const ru = new Set(flatten(read('ru', file)).map(base));
    expect([...en].filter((k) => !ru.has(k))).toEqual([]);
    expect([...ru].filter((k) => !en.has(k))).toEqual([]);
  });

  it.each(files)('%s: Russian plurals have one, few, many and other', (file) => {
    const keys = flatten(read('ru', file));
    for (const stem of new Set(keys.filter((k) => /_(one|few|many|other)$/.test(k)).map(base))) {
      for (const form of ['one', 'few', 'many', 'other'])
        expect(keys, `${file}: ${stem}_${form}`).toContain(`${stem}_${form}`);
    }
  });

  it.each(files)('%s: same placeholders in both languages, no empty texts', (file) => {
    const texts = (lang: string) => {
      const out = new Map<string, string[]>();
      const walk = (o: Record<string, unknown>, prefix = '') => {
        for (const [k, v] of Object.entries(o)) {
          if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}.`);
          else {
            expect(String(v).trim(), `${lang} ${prefix}${k}`).not.toBe('');
            const names = [...String(v).matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1] ?? '');
            out.set(
              base(`${prefix}${k}`),
              [...new Set([...(out.get(base(`${prefix}${k}`)) ?? []), ...names])].sort(),
            );
          }
        }
      };
      walk(read(lang, file));
      return out;
    };
    const en = texts('en');
    const ru = texts('ru');
    // Russian may drop {{count}} in a form such as "one" ("одна страна"), but uses no other names.
    for (const [key, names] of ru)
      expect(
        names.filter((n) => n !== 'count'),
        `${file} ${key}`,
      ).toEqual((en.get(key) ?? []).filter((n) => n !== 'count'));
  });

  it('chooses Russian plural forms by number', () => {
    const t = createI18n('ru').t;
    expect(t('common:observation', { count: 1 })).toBe('1 наблюдение');
    expect(t('common:observation', { count: 3 })).toBe('3 наблюдения');
    expect(t('common:observation', { count: 25 })).toBe('25 наблюдений');
    expect(t('common:observation', { count: 21 })).toBe('21 наблюдение');
    expect(createI18n('en').t('common:observation', { count: 1 })).toBe('1 observation');
  });
});
