import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The `web` catalogues stay in step: the same keys in English and Russian (apart from plural
 * suffixes), the plural forms each language needs, and the same {{placeholders}}. Runs without a
 * browser; it sits with the e2e tests because it guards what they show.
 */

const localesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../packages/shared/src/locales',
);
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(full, child);
    else for (const [k, v] of flatten(child, full)) out.set(k, v);
  }
  return out;
}

function load(language: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(path.join(localesDir, language, 'web.json'), 'utf8')));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1] ?? '').sort();
}

function groupByBase(catalogue: Map<string, string>): Map<string, Map<string, string>> {
  const groups = new Map<string, Map<string, string>>();
  for (const [key, text] of catalogue) {
    const base = key.replace(PLURAL, '');
    const form = PLURAL.exec(key)?.[1] ?? '';
    if (!groups.has(base)) groups.set(base, new Map());
    groups.get(base)?.set(form, text);
  }
  return groups;
}

describe('web catalogues', () => {
  const en = groupByBase(load('en'));
  const ru = groupByBase(load('ru'));

  it('have the same keys in English and Russian', () => {
    expect([...ru.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('have the plural forms each language needs', () => {
    for (const [base, forms] of en) {
      if (forms.has('')) continue;
      expect([...forms.keys()].sort(), `en ${base}`).toEqual(['one', 'other']);
      expect([...(ru.get(base)?.keys() ?? [])].sort(), `ru ${base}`).toEqual(['few', 'many', 'one', 'other']);
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [base, forms] of en) {
      const expected = placeholders([...forms.values()][0] ?? '');
      for (const [form, text] of ru.get(base) ?? []) {
        expect(placeholders(text), `ru ${base}${form ? `_${form}` : ''}`).toEqual(expected);
      }
    }
  });

  it('have no empty texts', () => {
    for (const catalogue of [en, ru]) {
      for (const [base, forms] of catalogue) {
        for (const text of forms.values()) expect(text.trim(), base).not.toBe('');
      }
    }
  });
});
