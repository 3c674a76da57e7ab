import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../platform/db/database.ts';
import { storeLocalFile } from '../../platform/files/store.ts';
import { runImport } from './pipeline.ts';
import { importWastewaterSites } from './sites.ts';
import { ensureSource, type SourceFields } from './source.ts';
import { findPreset } from './specs.ts';
import { TEMPLATE_COLUMNS } from './template.ts';

/**
 * The demo pack: compact extracts of public files (UNODC, EUDA, World Bank), made by this importer
 * from ../shared/data (`npm run demo:build`), committed as canonical long CSV files with a
 * manifest naming publisher, table, year and terms. `npm start` loads them into an empty database
 * through the same pipeline as any import.
 */

export const DEMO_DIR = path.join(import.meta.dirname, 'demo');

/** Countries of the extracts: EU27, Central Asia 5, Afghanistan and its neighbours and corridors. */
export const DEMO_COUNTRIES = [
  'AUT',
  'BEL',
  'BGR',
  'HRV',
  'CYP',
  'CZE',
  'DNK',
  'EST',
  'FIN',
  'FRA',
  'DEU',
  'GRC',
  'HUN',
  'IRL',
  'ITA',
  'LVA',
  'LTU',
  'LUX',
  'MLT',
  'NLD',
  'POL',
  'PRT',
  'ROU',
  'SVK',
  'SVN',
  'ESP',
  'SWE',
  'KAZ',
  'KGZ',
  'TJK',
  'TKM',
  'UZB',
  'AFG',
  'IRN',
  'PAK',
  'RUS',
  'TUR',
  'CHN',
] as const;

export interface DemoExtract {
  file: string;
  title: { en: string; ru: string };
  /** Preset and raw files (relative to ../shared/data) the extract was made from. */
  preset: string;
  raw: { file: string; sha256: string }[];
  indicators: string[];
  countries: string[];
  years?: { from: number; to: number };
  rows: number;
}

export interface DemoManifest {
  note: { en: string; ru: string };
  generatedBy: string;
  extracts: DemoExtract[];
  /** Wastewater monitoring sites (with coordinates) of the wastewater extract. */
  sites: { file: string; raw: { file: string; sha256: string }; rows: number };
  /** Sources as registered (publisher, table, year, licence), keyed by code. */
  sources: Record<string, SourceFields & { code: string; publisher: string; titleEn: string }>;
}

interface ExtractPlan {
  file: string;
  title: { en: string; ru: string };
  preset: string;
  raw: string[];
  indicators: string[];
  countries: readonly string[];
  years?: { from: number; to: number };
}

/** What the demo pack holds. Raw paths are relative to ../shared/data. */
export function demoPlan(sharedData: string): ExtractPlan[] {
  const dir = (d: string) =>
    fs.existsSync(path.join(sharedData, d))
      ? fs
          .readdirSync(path.join(sharedData, d))
          .filter((f) => f.endsWith('.xlsx'))
          .sort()
          .map((f) => path.join(d, f))
      : [];
  return [
    {
      file: 'unodc-seizures-2019-2023.csv',
      title: { en: 'UNODC drug seizures 2019-2023', ru: 'Изъятия наркотиков, ЮНОДК, 2019–2023' },
      preset: 'unodc-wdr2025-7.1',
      raw: ['unodc-wdr2025/7.1_Drug_seizures_2019-2023.xlsx'],
      indicators: ['SZR_QTY'],
      countries: DEMO_COUNTRIES,
      years: { from: 2019, to: 2023 },
    },
    {
      file: 'unodc-opium-cultivation-afghanistan.csv',
      title: {
        en: 'UNODC opium poppy cultivation, Afghanistan',
        ru: 'Культивирование опийного мака, Афганистан, ЮНОДК',
      },
      preset: 'unodc-wdr2025-6.2.1',
      raw: ['unodc-wdr2025/6.2.1_Illicit_cultivation_of_opium_poppy.xlsx'],
      indicators: ['CULT_OPIUM_HA'],
      countries: ['AFG'],
    },
    {
      file: 'worldbank-population.csv',
      title: { en: 'World Bank population', ru: 'Численность населения, Всемирный банк' },
      preset: 'worldbank-population',
      raw: ['population-worldbank/population.csv'],
      indicators: ['POP_TOTAL'],
      countries: DEMO_COUNTRIES,
      years: { from: 1995, to: 2024 },
    },
    {
      file: 'euda-drug-induced-deaths.csv',
      title: {
        en: 'EMCDDA drug-induced deaths (Statistical Bulletin 2019)',
        ru: 'Смерти, вызванные наркотиками, ЕЦМНН (Статистический бюллетень 2019)',
      },
      preset: 'euda-sb2019-drd',
      raw: dir('emcdda-statbulletin-2019/drugDeaths').filter((f) => !f.endsWith('meanDeathAge.xlsx')),
      indicators: ['DRD_DEATHS'],
      countries: DEMO_COUNTRIES,
    },
    {
      file: 'euda-wastewater-2025.csv',
      title: { en: 'EUDA wastewater analysis 2025', ru: 'Анализ сточных вод, EUDA, 2025' },
      preset: 'euda-wastewater-2025',
      raw: ['euda-wastewater-2025/ww2025-all-data.csv'],
      indicators: ['WW_LOAD'],
      countries: DEMO_COUNTRIES,
    },
  ];
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Builds the extracts: imports the raw files with their presets into `db` (a scratch database),
 * then writes the selected observations as canonical long CSV and the manifest into `outDir`.
 */
export async function buildDemoPack(
  db: Db,
  sharedData: string,
  outDir: string,
  filesDir: string,
): Promise<DemoManifest> {
  fs.mkdirSync(outDir, { recursive: true });
  const extracts: DemoExtract[] = [];
  const sourceCodes = new Set<string>();
  for (const plan of demoPlan(sharedData)) {
    const spec = findPreset(plan.preset);
    if (!spec) throw new Error(`demo pack: preset ${plan.preset} is not registered`);
    if (!plan.raw.length) throw new Error(`demo pack: no raw files for ${plan.file}`);
    for (const raw of plan.raw) {
      const file = path.join(sharedData, raw);
      const stored = await storeLocalFile(db, filesDir, file);
      const r = await runImport(
        db,
        {
          file: { sha256: stored.sha256, path: stored.path, name: path.basename(file) },
          spec,
          dryRun: false,
          options: {},
          userId: null,
        },
        null,
      );
      if (r.counts.errors > 0)
        throw new Error(
          `demo pack: ${raw} has ${r.counts.errors} errors: ${JSON.stringify(r.issues.filter((i) => i.severity === 'error').slice(0, 3))}`,
        );
    }
    const rows = await sql<Record<string, unknown>>`
      select i.code as indicator, a.code as area_code, s.code as substance_code, o.period, o.dims, o.value, o.lower,
        o.upper, o.unit, o.status, o.confidentiality, src.code as source_code, o.footnotes
      from observation o join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
      left join substance s on s.id = o.substance_id join source src on src.id = o.source_id
      where i.code in (${sql.join(plan.indicators)}) and a.code in (${sql.join([...plan.countries])})
        ${plan.years ? sql`and o.year between ${plan.years.from} and ${plan.years.to}` : sql``}
      order by i.code, a.code, s.code nulls first, o.year, o.dim_key, src.code
    `.execute(db);
    const body = rows.rows.map((r) => {
      const dims = r.dims as Record<string, string>;
      const notes = r.footnotes as { en: string; ru: string | null }[];
      // Result keys arrive camel-cased (CamelCasePlugin); the template's columns are snake_case.
      const cell: Record<string, unknown> = {
        indicator: r.indicator,
        area_code: r.areaCode,
        substance_code: r.substanceCode,
        period: r.period,
        value: r.value,
        lower: r.lower,
        upper: r.upper,
        unit: r.unit,
        status: r.status,
        confidentiality: r.confidentiality,
        source_code: r.sourceCode,
        ...dims,
        footnotes_en: notes.map((n) => n.en).join(' | '),
        footnotes_ru: notes.map((n) => n.ru ?? n.en).join(' | '),
      };
      return TEMPLATE_COLUMNS.map((c) => cell[c] ?? '');
    });
    fs.writeFileSync(path.join(outDir, plan.file), stringify([[...TEMPLATE_COLUMNS], ...body]));
    for (const r of rows.rows) sourceCodes.add(String(r.sourceCode));
    extracts.push({
      file: plan.file,
      title: plan.title,
      preset: plan.preset,
      raw: plan.raw.map((f) => ({ file: f, sha256: sha256(path.join(sharedData, f)) })),
      indicators: plan.indicators,
      countries: [...plan.countries],
      ...(plan.years ? { years: plan.years } : {}),
      rows: body.length,
    });
  }
  const sitesRaw = 'euda-wastewater-2025/ww2025-site-info-table.csv';
  const siteResult = await importWastewaterSites(db, path.join(sharedData, sitesRaw));
  if (siteResult.status === 'rejected') throw new Error(`demo pack: ${sitesRaw} was rejected`);
  const sites = await sql<Record<string, unknown>>`
    select m.code as site_id, a.alpha2 as country, m.name as city, m.latitude, m.longitude, m.population
    from monitoring_site m join area a on a.id = m.area_id
    where a.code in (${sql.join([...DEMO_COUNTRIES])}) order by m.code`.execute(db);
  const siteColumns = ['SiteID', 'Country', 'City', 'Latitude', 'Longitude', 'Population'];
  fs.writeFileSync(
    path.join(outDir, 'euda-wastewater-sites.csv'),
    stringify([
      siteColumns,
      ...sites.rows.map((r) => [r.siteId, r.country, r.city, r.latitude, r.longitude, r.population ?? '']),
    ]),
  );
  const sources = await db
    .selectFrom('source')
    .select([
      'code',
      'publisher',
      'titleEn',
      'titleRu',
      'tableName',
      'edition',
      'year',
      'url',
      'licence',
      'priority',
      'notesEn',
      'notesRu',
    ])
    .where('code', 'in', [...sourceCodes])
    .orderBy('code')
    .execute();
  const manifest: DemoManifest = {
    note: {
      en: 'Demo data: extracts of public files made by Observatory’s importer from the files listed here; the figures are the publishers’, unchanged.',
      ru: 'Демонстрационные данные: выдержки из открытых файлов, сделанные импортом Observatory из перечисленных здесь файлов; цифры — издателей, без изменений.',
    },
    generatedBy: 'npm run demo:build (scripts/build-demo-pack.ts)',
    extracts,
    sites: {
      file: 'euda-wastewater-sites.csv',
      raw: { file: sitesRaw, sha256: sha256(path.join(sharedData, sitesRaw)) },
      rows: sites.rows.length,
    },
    sources: Object.fromEntries(
      sources.map((s) => [
        s.code,
        {
          ...s,
          notesEn: `Demo extract (Observatory demo pack). ${s.notesEn ?? ''}`.trim(),
          notesRu: `Демонстрационная выдержка (демо-пакет Observatory). ${s.notesRu ?? ''}`.trim(),
        },
      ]),
    ),
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Loads the committed demo pack into an empty database (no observations, no imports yet): registers
 * its sources, then imports every extract with the canonical preset. Returns the number of
 * observations loaded, or null when the database was not empty.
 */
export async function loadDemoPack(db: Db, filesDir: string, dir = DEMO_DIR): Promise<number | null> {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return null;
  const used = await sql<{ n: number }>`
    select (select count(*) from observation)::int + (select count(*) from import_batch)::int as n`.execute(
    db,
  );
  if (used.rows[0]!.n > 0) return null;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as DemoManifest;
  for (const s of Object.values(manifest.sources)) await ensureSource(db, s, null);
  const spec = findPreset('observatory-long')!;
  let total = 0;
  for (const e of manifest.extracts) {
    const stored = await storeLocalFile(db, filesDir, path.join(dir, e.file));
    const r = await runImport(
      db,
      {
        file: { sha256: stored.sha256, path: stored.path, name: e.file },
        spec: { ...spec, checks: { ...spec.checks, historyRatio: 0 } },
        dryRun: false,
        options: {},
        userId: null,
      },
      null,
    );
    if (r.counts.errors > 0) throw new Error(`demo pack ${e.file}: ${JSON.stringify(r.issues.slice(0, 3))}`);
    total += r.counts.inserted;
  }
  const sites = await importWastewaterSites(db, path.join(dir, manifest.sites.file));
  if (sites.status === 'rejected') throw new Error(`demo pack ${manifest.sites.file} was rejected`);
  return total;
}
