/**
 * Every FileError code the readers throw has a message in the `files` catalogue, in English and in
 * Russian, with the same placeholders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { translator } from '@observatory/shared/i18n';
import en from '@observatory/shared/locales/en/files.json' with { type: 'json' };
import ru from '@observatory/shared/locales/ru/files.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const sources = fs
  .readdirSync(here)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'test-fixtures.ts')
  .map((name) => fs.readFileSync(path.join(here, name), 'utf8'));
const codes = [
  ...new Set(sources.flatMap((text) => [...text.matchAll(/new FileError\(\s*'([^']+)'/g)].map((m) => m[1]!))),
];
const catalogues: Record<string, Record<string, string>> = { en, ru };

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

describe('files message catalogue', () => {
  it('finds the codes in the readers', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        'file_empty',
        'file_corrupt',
        'zip_bomb',
        'sheet_not_found',
        'csv_malformed',
        'sdmx_invalid',
      ]),
    );
  });

  it.each(codes)('%s has an English and a Russian message with the same placeholders', (code) => {
    expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
    for (const [language, messages] of Object.entries(catalogues)) {
      expect(messages[code], `${language}: ${code}`).toEqual(expect.any(String));
      expect(messages[code]?.trim(), `${language}: ${code}`).not.toBe('');
    }
    expect(placeholders(ru[code as keyof typeof ru])).toEqual(placeholders(en[code as keyof typeof en]));
  });

  it('holds no message that no reader uses, and is Russian in Russian', () => {
    expect(Object.keys(en).sort()).toEqual([...codes].sort());
    expect(Object.keys(ru).sort()).toEqual([...codes].sort());
    for (const text of Object.values(ru)) expect(text).toMatch(/[А-Яа-яЁё]/);
  });

  it('interpolates through the shared i18n setup', () => {
    expect(translator('ru')('files:csv_malformed', { row: 12, reason: 'quote_not_closed' })).toContain(
      'Строка 12',
    );
    expect(translator('en')('files:sheet_not_found', { sheet: 'Data', available: 'A, B' })).toBe(
      'The workbook has no sheet “Data”. Its sheets: A, B.',
    );
  });
});
