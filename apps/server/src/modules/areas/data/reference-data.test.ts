/**
 * Checks the committed area reference data (countries.json, groups.json). Where the public source
 * files in ../shared/data exist, it also re-reads them and checks that every country label they
 * use resolves to exactly one country. Regenerate with: npx tsx scripts/build-reference-data.ts
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

interface Country {
  alpha3: string;
  alpha2: string;
  m49: number | null;
  atlasId: string | null;
  nameEn: string;
  nameRu: string;
  officialNameEn: string;
  officialNameRu: string | null;
  independent: boolean;
  region: string | null;
  subRegion: string | null;
  synonyms: string[];
}

interface AreaGroup {
  code: string;
  nameEn: string;
  nameRu: string;
  kind: string;
  members: string[];
}

const dataDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(dataDir, '../../../../../..');
const sharedData = path.resolve(repoRoot, '../shared/data');
const hasSharedData = existsSync(sharedData);
if (!hasSharedData) {
  console.warn(`[areas reference data] ${sharedData} not found: source-file checks are skipped`);
}

const countries = JSON.parse(readFileSync(path.join(dataDir, 'countries.json'), 'utf8')) as Country[];
const groups = JSON.parse(readFileSync(path.join(dataDir, 'groups.json'), 'utf8')) as AreaGroup[];
const cyrillic = /\p{Script=Cyrillic}/u;

/** Same normalisation importers use: straight quotes, collapsed whitespace, case- and ё-insensitive. */
function nameKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е');
}

const nameIndex = new Map<string, Set<string>>();
for (const country of countries) {
  for (const name of [country.nameEn, country.nameRu, ...country.synonyms]) {
    const codes = nameIndex.get(nameKey(name)) ?? new Set<string>();
    codes.add(country.alpha3);
    nameIndex.set(nameKey(name), codes);
  }
}
function resolve(name: string): string[] {
  return [...(nameIndex.get(nameKey(name)) ?? [])];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('result' in value && value.result !== undefined) return cellText(value.result);
  return '';
}

/** Minimal CSV reader for the World Bank file (quoted fields may contain commas). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

describe('countries.json', () => {
  it('is sorted by alpha3 and has unique alpha2, alpha3 and m49 codes', () => {
    const alpha3 = countries.map((c) => c.alpha3);
    expect(alpha3).toEqual([...alpha3].sort());
    for (const field of ['alpha3', 'alpha2', 'm49'] as const) {
      const values = countries.map((c) => c[field]).filter((v) => v !== null);
      expect(new Set(values).size, `duplicate ${field}`).toBe(values.length);
    }
  });

  it('has well-formed codes and zero-padded world-atlas ids', () => {
    for (const c of countries) {
      expect(c.alpha3, c.alpha3).toMatch(/^[A-Z]{3}$/);
      expect(c.alpha2, c.alpha3).toMatch(/^[A-Z]{2}$/);
      if (c.atlasId !== null) expect(c.atlasId, c.alpha3).toMatch(/^\d{3}$/);
      if (c.atlasId !== null && c.m49 !== null) expect(Number(c.atlasId), c.alpha3).toBe(c.m49);
    }
  });

  it('gives every country a non-empty English name and a Cyrillic Russian name', () => {
    for (const c of countries) {
      expect(c.nameEn.trim(), c.alpha3).not.toBe('');
      expect(c.nameRu, c.alpha3).toMatch(cyrillic);
      expect(c.officialNameEn.trim(), c.alpha3).not.toBe('');
      if (c.officialNameRu !== null) expect(c.officialNameRu, c.alpha3).toMatch(cyrillic);
    }
  });

  it('uses every name (name or synonym) for exactly one country', () => {
    const ambiguous = [...nameIndex].filter(([, codes]) => codes.size > 1).map(([key]) => key);
    expect(ambiguous).toEqual([]);
  });

  it('knows the Russian variants analysts use for Central Asia', () => {
    expect(resolve('Киргизия')).toEqual(['KGZ']);
    expect(resolve('Kyrgyz Republic')).toEqual(['KGZ']);
    expect(resolve('Туркмения')).toEqual(['TKM']);
    expect(resolve('Молдавия')).toEqual(['MDA']);
    expect(resolve('Белоруссия')).toEqual(['BLR']);
    expect(resolve('Tadzhikistan')).toEqual(['TJK']);
    expect(resolve('Netherlands (Kingdom of the)')).toEqual(['NLD']);
    expect(resolve('  TURKEY ')).toEqual(['TUR']);
  });

  it('includes Kosovo under a user-assigned code without M49 or map shape', () => {
    const kosovo = countries.find((c) => c.alpha3 === 'XKX');
    expect(kosovo).toMatchObject({ alpha2: 'XK', m49: null, atlasId: null });
  });
});

describe('groups.json', () => {
  const byCode = new Map(groups.map((g) => [g.code, g]));
  const codes = new Set(countries.map((c) => c.alpha3));

  it('has the CA5, EU27 and AFG_CORRIDOR groups with known members', () => {
    expect(byCode.get('CA5')?.members).toEqual(['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
    expect(byCode.get('EU27')?.members).toHaveLength(27);
    expect(byCode.get('AFG_CORRIDOR')?.members).toEqual(['AFG', 'IRN', 'PAK', 'TJK', 'TKM', 'UZB']);
    for (const group of groups) {
      expect(group.kind).toBe('group');
      expect(group.nameRu).toMatch(cyrillic);
      for (const member of group.members) expect(codes.has(member), `${group.code}: ${member}`).toBe(true);
    }
  });
});

describe.skipIf(!hasSharedData)('country labels in the source files (../shared/data)', () => {
  it('resolves every UNODC WDR 2025 table 7.1 country to exactly one alpha3, equal to its msCode', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(sharedData, 'unodc-wdr2025/7.1_Drug_seizures_2019-2023.xlsx'));
    const sheet = workbook.getWorksheet('Seizures');
    if (!sheet) throw new Error('sheet Seizures not found');
    const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).map(cellText);
    const countryCol = header.indexOf('Country');
    const codeCol = header.indexOf('msCode');
    const pairs = new Map<string, string>();
    sheet.eachRow((row, n) => {
      if (n > 2) pairs.set(cellText(row.getCell(countryCol).value), cellText(row.getCell(codeCol).value));
    });
    expect(pairs.size).toBe(164);
    const wrong = [...pairs].filter(([name, code]) => resolve(name).join() !== code);
    expect(wrong).toEqual([]);
  });

  it('resolves every country of UNODC table 6.2.1 (opium poppy cultivation)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(
      path.join(sharedData, 'unodc-wdr2025/6.2.1_Illicit_cultivation_of_opium_poppy.xlsx'),
    );
    const names: string[] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      // The label column is the first non-empty cell of the row.
      let label = '';
      row.eachCell((cell) => {
        if (label === '') label = cellText(cell.value).trim();
      });
      const match = /^\s*(.*?)\s*\(best estimate\)/i.exec(label);
      if (match?.[1] && !/^total$/i.test(match[1])) names.push(match[1]);
    });
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => resolve(name).length !== 1)).toEqual([]);
  });

  it('resolves every World Bank country (aggregates excluded) to its own code', () => {
    const lines = readFileSync(path.join(sharedData, 'population-worldbank/population.csv'), 'utf8').split(
      /\r?\n/,
    );
    const header = parseCsvLine(lines[0] ?? '');
    const nameCol = header.indexOf('Country Name');
    const codeCol = header.indexOf('Country Code');
    const codes = new Set(countries.map((c) => c.alpha3));
    const pairs = new Map<string, string>();
    for (const line of lines.slice(1)) {
      if (line.trim() === '') continue;
      const cells = parseCsvLine(line);
      const code = cells[codeCol] ?? '';
      if (codes.has(code)) pairs.set(cells[nameCol] ?? '', code);
    }
    expect(pairs.size).toBeGreaterThan(200);
    const wrong = [...pairs].filter(([name, code]) => resolve(name).join() !== code);
    expect(wrong).toEqual([]);
  });

  it('resolves every EMCDDA Statistical Bulletin 2019 country label', async () => {
    const root = path.join(sharedData, 'emcdda-statbulletin-2019');
    const names = new Set<string>();
    for (const sub of readdirSync(root)) {
      for (const file of readdirSync(path.join(root, sub)).filter((f) => f.endsWith('.xlsx'))) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(path.join(root, sub, file));
        for (const sheet of workbook.worksheets) {
          sheet.eachRow((row, n) => {
            const label = cellText(row.getCell(1).value).trim();
            // "Austria *" = footnote marker; "Belgium-A" = study suffix.
            if (n > 1 && label !== '') names.add(label.replace(/\s*\*+$/, '').replace(/-[A-Za-z]$/, ''));
          });
        }
      }
    }
    expect(names.size).toBeGreaterThan(0);
    expect([...names].filter((name) => resolve(name).length !== 1)).toEqual([]);
  });

  it('takes EU27 and CA5 membership and world-atlas ids from the geo file', () => {
    const lines = readFileSync(path.join(sharedData, 'geo/world-atlas-ids_target-countries.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    const rows = lines.slice(1).map((line) => line.split(','));
    const members = (group: string): string[] =>
      rows
        .filter((r) => r[0] === group)
        .map((r) => r[1] ?? '')
        .sort();
    expect(groups.find((g) => g.code === 'EU27')?.members).toEqual(members('EU27'));
    expect(groups.find((g) => g.code === 'CA5')?.members).toEqual(members('CentralAsia'));
    for (const row of rows) {
      expect(countries.find((c) => c.alpha3 === row[1])?.atlasId, row[1]).toBe(row[3]);
    }
  });
});
