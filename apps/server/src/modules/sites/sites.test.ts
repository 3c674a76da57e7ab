import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import en from '@observatory/shared/locales/en/sites.json' with { type: 'json' };
import ru from '@observatory/shared/locales/ru/sites.json' with { type: 'json' };
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import type { Db } from '../../platform/db/database.ts';
import { findPreset, importWastewaterSites, siteIssueMessage } from '../imports/index.ts';

/** The public data files (../shared/data); the tests on the real site list skip when they are absent. */
const sharedData = path.resolve(import.meta.dirname, '../../../../../../shared/data');
const hasSharedData = fs.existsSync(sharedData);
if (!hasSharedData)
  console.warn(`${sharedData} not found: the tests on the EUDA wastewater site list are skipped`);
const dataFile = (...parts: string[]) => path.join(sharedData, ...parts);
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'obs-sites-'));
const writeTemp = (dir: string, name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

const SITES_FILE = () => dataFile('euda-wastewater-2025', 'ww2025-site-info-table.csv');
const HEADER =
  '"SiteID","Country","City","Location","Latitude","Longitude","Population","Institution","Website"';

const sites = async (db: Db) =>
  (
    await sql<{
      code: string;
      name: string;
      area: string;
      latitude: number;
      longitude: number;
      population: number | null;
    }>`
      select m.code, m.name, a.code as area, m.latitude, m.longitude, m.population
      from monitoring_site m join area a on a.id = m.area_id order by m.code`.execute(db)
  ).rows;

describe('sites message catalogue', () => {
  const source = fs.readFileSync(new URL('../imports/sites.ts', import.meta.url), 'utf8');
  // Issue codes raised by the importer (`file_empty` is a file problem, in the `files` catalogue).
  const codes = [
    ...new Set([...source.matchAll(/issue\([^,]+,\s*[^,]+?,\s*'([a-z_]+)'/g)].map((m) => m[1]!)),
  ].filter((c) => c !== 'file_empty');
  const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

  it('has an English and a Russian message, with the same placeholders, for every issue code', () => {
    expect(codes.sort()).toEqual(
      [
        'column_missing',
        'no_sites',
        'duplicate_site',
        'required',
        'country_corrected',
        'unknown_country',
        'not_a_number',
        'latitude_out_of_range',
        'longitude_out_of_range',
        'invalid_population',
      ].sort(),
    );
    for (const code of codes) {
      const e = (en as Record<string, unknown>)[code];
      const r = (ru as Record<string, unknown>)[code];
      expect(typeof e, `en: ${code}`).toBe('string');
      expect(typeof r, `ru: ${code}`).toBe('string');
      expect(placeholders(r as string), code).toEqual(placeholders(e as string));
      expect(r as string, code).toMatch(/[А-Яа-яЁё]/);
    }
    // No message that the importer does not use.
    expect(Object.keys(en).sort()).toEqual([...codes].sort());
    expect(Object.keys(ru).sort()).toEqual([...codes].sort());
    expect(siteIssueMessage({ code: 'latitude_out_of_range', params: { value: 200 } })).toEqual({
      en: 'Latitude 200 is outside the range −90 to 90.',
      ru: 'Широта 200 вне диапазона от −90 до 90.',
    });
    // File problems fall back to the `files` catalogue.
    expect(siteIssueMessage({ code: 'file_empty', params: {} }).en).toBe('The file is empty.');
  });
});

describe('GET /api/v1/sites', () => {
  let t: TestApp;
  const dir = tempDir();
  beforeAll(async () => {
    t = await createTestApp();
    const file = writeTemp(
      dir,
      'sites.csv',
      [
        HEADER,
        '"KZ901","KZ","Test plant Almaty","Test","43.25","76.95",2000000,"N/A","N/A"',
        '"AT901","AT","Test plant Graz","Test","47.07","15.44","N/A","N/A","N/A"',
      ].join('\n'),
    );
    const r = await importWastewaterSites(t.database.db, file);
    expect(r.status).toBe('committed');
  });
  afterAll(async () => t?.close());

  it('lists the sites of a country (ISO alpha-2 or alpha-3) with coordinates, in the requested language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sites?country=KZ&lang=ru' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        {
          code: 'KZ901',
          name: 'Test plant Almaty',
          country: { code: 'KAZ', alpha2: 'KZ', name: 'Казахстан' },
          lat: 43.25,
          lon: 76.95,
          population: 2_000_000,
          source: 'EUDA_SCORE_WW2025',
        },
      ],
      total: 1,
    });
    const aut = await t.app.inject({ method: 'GET', url: '/api/v1/sites?country=AUT' });
    expect(
      aut.json().items.map((s: { code: string; population: number | null }) => [s.code, s.population]),
    ).toEqual([['AT901', null]]);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/sites?country=CA5,EU27' });
    expect(all.json().total).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sites' })).json().total).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sites?country=UZ' })).json()).toEqual({
      items: [],
      total: 0,
    });
  });

  it('answers an unknown country code with 400', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sites?country=XX' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unknown_codes');
  });
});

describe.skipIf(!hasSharedData)('wastewater sites from ww2025-site-info-table.csv', () => {
  let database: TestDatabase;
  let db: Db;
  const dir = tempDir();
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => database?.close());

  it('a dry run checks every row and writes nothing', async () => {
    const r = await importWastewaterSites(db, SITES_FILE(), { dryRun: true });
    expect(r.status).toBe('checked');
    expect(r.counts).toMatchObject({ rows: 217, inserted: 217, errors: 0, warnings: 1 });
    expect(await sites(db)).toEqual([]);
  });

  it('imports all 217 sites with coordinates in range; “H” is read as Hungary with a warning', async () => {
    const r = await importWastewaterSites(db, SITES_FILE());
    expect(r.counts.errors, JSON.stringify(r.issues.slice(0, 5))).toBe(0);
    expect(r.status).toBe('committed');
    expect(r.counts).toMatchObject({ rows: 217, inserted: 217, updated: 0, unchanged: 0, warnings: 1 });
    expect(r.issues).toEqual([
      {
        row: 150,
        col: 'B (Country)',
        code: 'country_corrected',
        severity: 'warning',
        params: { value: 'H', code: 'HU' },
      },
    ]);
    const all = await sites(db);
    expect(all).toHaveLength(217);
    for (const s of all) {
      expect(s.latitude, s.code).toBeGreaterThanOrEqual(-90);
      expect(s.latitude, s.code).toBeLessThanOrEqual(90);
      expect(s.longitude, s.code).toBeGreaterThanOrEqual(-180);
      expect(s.longitude, s.code).toBeLessThanOrEqual(180);
    }
    const by = new Map(all.map((s) => [s.code, s]));
    expect(by.get('AT001')).toEqual({
      code: 'AT001',
      name: 'Graz',
      area: 'AUT',
      latitude: 47.070713,
      longitude: 15.439504,
      population: 425_000,
    });
    expect(by.get('H001')).toMatchObject({
      name: 'Debrecen',
      area: 'HUN',
      latitude: 47.53033,
      longitude: 21.61623,
    });
    // Helsinki's population is written “9e+05” in the file.
    expect(by.get('FI002')).toMatchObject({ name: 'Helsinki', population: 900_000 });
    // Southernmost and westernmost sites: Queenstown (NZ) and Seattle (US).
    expect(Math.min(...all.map((s) => s.latitude))).toBe(-45.00372);
    expect(Math.min(...all.map((s) => s.longitude))).toBe(-122.43106);
  });

  it('every site of the loads file has coordinates; a re-import changes nothing', async () => {
    // The Site ID column of the loads file is the `site` dimension of WW_LOAD observations.
    const loads = fs
      .readFileSync(dataFile('euda-wastewater-2025', 'ww2025-all-data.csv'), 'utf8')
      .split('\n');
    const siteColumn = loads[0]!.split(',').indexOf('"Site ID"');
    const used = new Set(
      loads
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(',')[siteColumn]!.replace(/"/g, '')),
    );
    expect(used.size).toBe(215);
    const known = new Set((await sites(db)).map((s) => s.code));
    expect([...used].filter((code) => !known.has(code))).toEqual([]);
    // The sites cite the source of the wastewater preset (one publication).
    const source = await sql<{ code: string }>`
      select distinct s.code from monitoring_site m join source s on s.id = m.source_id`.execute(db);
    expect(source.rows).toEqual([
      { code: (findPreset('euda-wastewater-2025')!.source as { code: string }).code },
    ]);

    const before = await sites(db);
    const again = await importWastewaterSites(db, SITES_FILE());
    expect(again.status).toBe('unchanged');
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 217 });
    expect(await sites(db)).toEqual(before);
  });

  it('rejects a file with a latitude of 200 and writes nothing, not even the valid rows', async () => {
    const lines = fs.readFileSync(SITES_FILE(), 'utf8').split('\n');
    const graz = lines.findIndex((l) => l.startsWith('"AT001"'));
    lines[graz] = lines[graz]!.replace('"47.070713"', '"200"');
    // A row the database does not have yet, and a change to an existing row: neither may be written.
    lines.push('"KZ901","KZ","Test plant","Test","43.25","76.95",100,"N/A","N/A"');
    lines[lines.findIndex((l) => l.startsWith('"AT002"'))] = lines
      .find((l) => l.startsWith('"AT002"'))!
      .replace('76000', '76001');
    const bad = writeTemp(dir, 'bad-latitude.csv', lines.join('\n'));
    const before = await sites(db);
    const audits = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_event where action = 'sites.import'`.execute(db);

    const r = await importWastewaterSites(db, bad);
    expect(r.status).toBe('rejected');
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([
      {
        row: graz + 1,
        col: 'E (Latitude)',
        code: 'latitude_out_of_range',
        severity: 'error',
        params: { value: 200 },
      },
    ]);
    expect(await sites(db)).toEqual(before);
    expect(await sites(db)).not.toContainEqual(expect.objectContaining({ code: 'KZ901' }));
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_event where action = 'sites.import'`.execute(db);
    expect(after.rows[0]!.n).toBe(audits.rows[0]!.n);
  });

  it('reports every bad row: duplicates, unknown countries, text for numbers, a missing column', async () => {
    const file = writeTemp(
      dir,
      'bad-rows.csv',
      [
        HEADER,
        '"XX001","XX","Nowhere","Test","10","10",1,"N/A","N/A"',
        '"AT001","AT","Graz","ARA Graz","north","15.44",425000,"N/A","N/A"',
        '"AT001","AT","Graz","ARA Graz","47.07","-181",425000,"N/A","N/A"',
        '"AT002","AT","","Test","47.2","11.5",-5,"N/A","N/A"',
      ].join('\n'),
    );
    const before = await sites(db);
    const r = await importWastewaterSites(db, file);
    expect(r.status).toBe('rejected');
    expect(r.issues.map((i) => [i.row, i.col, i.code])).toEqual([
      [2, 'B (Country)', 'unknown_country'],
      [3, 'E (Latitude)', 'not_a_number'],
      [4, 'F (Longitude)', 'longitude_out_of_range'],
      [5, 'C (City)', 'required'],
      [5, 'G (Population)', 'invalid_population'],
    ]);
    const real = fs.readFileSync(SITES_FILE(), 'utf8').split('\n');
    const dup = writeTemp(dir, 'dup.csv', [real[0], real[1], real[2], real[1]].join('\n'));
    const d = await importWastewaterSites(db, dup);
    expect(d.issues).toEqual([
      {
        row: 4,
        col: 'A (SiteID)',
        code: 'duplicate_site',
        severity: 'error',
        params: { code: 'AT001', first: 2 },
      },
    ]);
    const noColumn = writeTemp(
      dir,
      'no-latitude.csv',
      '"SiteID","Country","City","Longitude"\n"AT001","AT","Graz","15.44"\n',
    );
    const c = await importWastewaterSites(db, noColumn);
    expect(c.issues.map((i) => [i.code, i.params.column])).toEqual([['column_missing', 'Latitude']]);
    expect(await sites(db)).toEqual(before);
  });
});
