/**
 * Checks the committed substance reference data (substances.json, substance-mappings.json).
 * Where the public source files in ../shared/data exist, it also re-reads UNODC WDR 2025 table 7.1
 * and checks that every drug label is mapped. Regenerate with: npx tsx scripts/build-reference-data.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

interface Substance {
  code: string;
  parentCode: string | null;
  level: 'group' | 'drug' | 'form';
  nameEn: string;
  nameRu: string;
  synonymsEn: string[];
  synonymsRu: string[];
}

interface SubstanceMapping {
  scheme: string;
  externalGroup: string;
  externalSubgroup: string | null;
  externalName: string;
  normalisedName: string;
  substanceCode: string;
  relation: 'exact' | 'broader' | 'narrower';
}

const dataDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(dataDir, '../../../../../..');
const sharedData = path.resolve(repoRoot, '../shared/data');
const hasSharedData = existsSync(sharedData);
if (!hasSharedData) {
  console.warn(`[substances reference data] ${sharedData} not found: source-file checks are skipped`);
}

const substances = JSON.parse(readFileSync(path.join(dataDir, 'substances.json'), 'utf8')) as Substance[];
const mappings = JSON.parse(
  readFileSync(path.join(dataDir, 'substance-mappings.json'), 'utf8'),
) as SubstanceMapping[];
const byCode = new Map(substances.map((s) => [s.code, s]));
const cyrillic = /\p{Script=Cyrillic}/u;

function normaliseLabel(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
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

describe('substances.json', () => {
  it('is sorted by code and has unique lowercase codes', () => {
    const codes = substances.map((s) => s.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every node an English name and a Cyrillic Russian name', () => {
    for (const s of substances) {
      expect(s.nameEn.trim(), s.code).not.toBe('');
      expect(s.nameRu, s.code).toMatch(cyrillic);
    }
  });

  it('forms an acyclic tree: parents exist, groups on top, drugs under groups, forms under drugs', () => {
    const allowedParent = { group: [null, 'group'], drug: ['group'], form: ['drug'] } as const;
    for (const s of substances) {
      const parent = s.parentCode === null ? null : byCode.get(s.parentCode);
      expect(parent, `${s.code}: parent ${String(s.parentCode)}`).not.toBeUndefined();
      expect(allowedParent[s.level] as readonly (string | null)[], s.code).toContain(
        parent ? parent.level : null,
      );
      const seen = new Set([s.code]);
      for (let p = parent; p; p = p.parentCode === null ? null : byCode.get(p.parentCode)) {
        expect(seen.has(p.code), `cycle at ${s.code}`).toBe(false);
        seen.add(p.code);
      }
    }
  });

  it('has the nodes the platform relies on', () => {
    for (const code of [
      'heroin',
      'opium',
      'methamphetamine',
      'methamphetamine-crystal',
      'cannabis-resin',
      'tramadol',
      'pregabalin',
    ]) {
      expect(byCode.has(code), code).toBe(true);
    }
    expect(byCode.get('cannabis-herb')?.nameRu).toBe('Каннабис (трава)');
    expect(byCode.get('acetic-anhydride')?.nameRu).toBe('Уксусный ангидрид');
  });
});

describe('substance-mappings.json', () => {
  it('points every row at an existing node with a valid relation', () => {
    for (const m of mappings) {
      expect(m.scheme).toBe('UNODC_WDR2025_T7.1');
      expect(byCode.has(m.substanceCode), m.externalName).toBe(true);
      expect(['exact', 'broader', 'narrower']).toContain(m.relation);
      expect(m.normalisedName).toBe(normaliseLabel(m.externalName));
    }
  });

  it('has one row per (group, subgroup, name)', () => {
    const keys = mappings.map((m) => JSON.stringify([m.externalGroup, m.externalSubgroup, m.externalName]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('maps each UNODC drug group name to a top-level group node', () => {
    const groupRows = mappings.filter((m) => m.externalSubgroup === null);
    expect(groupRows).toHaveLength(11);
    for (const m of groupRows) {
      expect(m.externalName).toBe(m.externalGroup);
      expect(byCode.get(m.substanceCode)).toMatchObject({ level: 'group', parentCode: null });
    }
  });
});

describe.skipIf(!hasSharedData)('UNODC WDR 2025 table 7.1 labels (../shared/data)', () => {
  it('are all present in substance-mappings.json: 156 distinct drug names in 11 groups', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(sharedData, 'unodc-wdr2025/7.1_Drug_seizures_2019-2023.xlsx'));
    const sheet = workbook.getWorksheet('Seizures');
    if (!sheet) throw new Error('sheet Seizures not found');
    const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).map(cellText);
    const col = {
      group: header.indexOf('DrugGroup'),
      subgroup: header.indexOf('DrugSubGroup'),
      name: header.indexOf('DrugName'),
    };
    const labels = new Map<string, [string, string, string]>();
    sheet.eachRow((row, n) => {
      if (n <= 2) return;
      const label: [string, string, string] = [
        cellText(row.getCell(col.group).value),
        cellText(row.getCell(col.subgroup).value),
        cellText(row.getCell(col.name).value),
      ];
      labels.set(JSON.stringify(label), label);
    });
    const values = [...labels.values()];
    expect(new Set(values.map(([, , name]) => name)).size).toBe(156);
    expect(new Set(values.map(([group]) => group)).size).toBe(11);

    const mapped = new Map(
      mappings.map((m) => [JSON.stringify([m.externalGroup, m.externalSubgroup ?? '', m.externalName]), m]),
    );
    const missing = values.filter((label) => !mapped.has(JSON.stringify(label)));
    expect(missing).toEqual([]);
    const groupRows = new Set(
      mappings.filter((m) => m.externalSubgroup === null).map((m) => m.externalGroup),
    );
    expect([...new Set(values.map(([group]) => group))].filter((g) => !groupRows.has(g))).toEqual([]);
  });
});
