import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import type { Db } from '../../platform/db/database.ts';
import { cubeChecksum, dataFile, hasSharedData, importFile, tempDir } from './test/helpers.ts';
import type { ImportResult } from './pipeline.ts';

/**
 * The EUDA (EMCDDA) presets on the real files in ../shared/data. Every number checked here was read
 * from the files by hand; the per-file counts are the non-empty value cells of each sheet.
 */

const DRD_DIR = 'emcdda-statbulletin-2019/drugDeaths';
const PPP_DIR = 'emcdda-statbulletin-2019/pricePurity';
const WW_FILE = () => dataFile('euda-wastewater-2025', 'ww2025-all-data.csv');

/** Non-empty value cells per file (= observations; a blank cell is no observation). */
const DRD_CELLS: Record<string, number> = {
  'maleDeaths.xlsx': 574,
  'femaleDeaths.xlsx': 560,
  'deaths15-19.xlsx': 553,
  'deaths20-24.xlsx': 548,
  'deaths25-29.xlsx': 549,
  'deaths30-34.xlsx': 546,
  'deaths35-39.xlsx': 551,
  'deaths40-44.xlsx': 537,
  'deaths45-49.xlsx': 532,
  'deaths50-54.xlsx': 535,
  'deaths55-59.xlsx': 533,
  'deaths60-64.xlsx': 537,
  'deaths65-inf.xlsx': 532,
};
const PPP_CELLS: Record<string, number> = {
  'cannabisPriceMean.xlsx': 373,
  'brownHeroinPriceMean.xlsx': 279,
  'whiteHeroinPriceMean.xlsx': 107,
  'cocainePriceMean.xlsx': 391,
  'purityCannabisMean.xlsx': 293,
  'purityBrownHeroinMean.xlsx': 294,
  'purityWhiteHeroinMean.xlsx': 103,
  'purityCocaineMean.xlsx': 450,
};

interface Query {
  indicator: string;
  area: string;
  year: number;
  substance?: string;
  dims?: Record<string, string>;
}

/** Observations matching a key (dims by containment). */
async function find(db: Db, q: Query) {
  const r = await sql<{ value: number | null; dims: Record<string, string>; unit: string; status: string }>`
    select o.value, o.dims, o.unit, o.status from observation o
    join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
    left join substance s on s.id = o.substance_id
    where i.code = ${q.indicator} and a.code = ${q.area} and o.year = ${q.year}
      and (${q.substance ?? null}::text is null or s.code = ${q.substance ?? null}::text)
      and o.dims @> ${JSON.stringify(q.dims ?? {})}::jsonb`.execute(db);
  return r.rows;
}
const valuesOf = async (db: Db, q: Query) => (await find(db, q)).map((r) => r.value);

const errorsOf = (r: ImportResult) =>
  JSON.stringify(r.issues.filter((i) => i.severity === 'error').slice(0, 5));

async function sourceStats(db: Db, code: string) {
  const r = await sql<{ n: number; missing: number }>`
    select count(*)::int as n, count(*) filter (where o.status = 'M' or o.value is null)::int as missing
    from observation o join source s on s.id = o.source_id where s.code = ${code}`.execute(db);
  return r.rows[0]!;
}

describe.skipIf(!hasSharedData)(
  'EUDA presets on the EMCDDA Statistical Bulletin 2019 and wastewater files',
  () => {
    let database: TestDatabase;
    let db: Db;
    const files = tempDir();
    beforeAll(async () => {
      database = await createTestDatabase();
      db = database.db;
    });
    afterAll(async () => database?.close());

    it('euda-sb2019-drd: every DRD-31/32/36…46 file imports without errors, one observation per filled cell', async () => {
      for (const [file, cells] of Object.entries(DRD_CELLS)) {
        const r = await importFile(db, files, dataFile(DRD_DIR, file), 'euda-sb2019-drd');
        expect(r.counts.errors, `${file}: ${errorsOf(r)}`).toBe(0);
        expect(r.counts.warnings, file).toBe(0);
        expect(r.status, file).toBe('committed');
        // 30 country rows; DRD-31 also has a trailing blank row, skipped silently (no totals, notes or aggregates).
        expect(r.counts.rows, file).toBe(30);
        expect(r.counts.skipped, file).toBe(0);
        expect(r.counts.inserted, file).toBe(cells);
        expect(r.counts.missing, file).toBe(0);
      }
      const total = Object.values(DRD_CELLS).reduce((a, b) => a + b, 0);
      expect(await sourceStats(db, 'EMCDDA_SB2019_DRD')).toEqual({ n: total, missing: 0 });
    });

    it('euda-sb2019-drd: sex and age band come from the sheet name, the other dimension is the total', async () => {
      // DRD-32 (female): Germany 2017 = 173, Austria 2016 = 38 (“Austria *”).
      expect(
        await find(db, { indicator: 'DRD_DEATHS', area: 'DEU', year: 2017, dims: { sex: 'F' } }),
      ).toEqual([{ value: 173, dims: { sex: 'F', age: '_T' }, unit: 'PERSONS', status: 'A' }]);
      expect(
        await valuesOf(db, { indicator: 'DRD_DEATHS', area: 'AUT', year: 2016, dims: { sex: 'F' } }),
      ).toEqual([38]);
      // DRD-31 (male): United Kingdom 2016 = 2318, Turkey 2017 = 909.
      expect(
        await valuesOf(db, { indicator: 'DRD_DEATHS', area: 'GBR', year: 2016, dims: { sex: 'M' } }),
      ).toEqual([2318]);
      expect(
        await valuesOf(db, { indicator: 'DRD_DEATHS', area: 'TUR', year: 2017, dims: { sex: 'M' } }),
      ).toEqual([909]);
      // DRD-38 (25–29): Sweden 2017 = 109; DRD-46 (65 and over): Turkey 2017 = 9; both sexes.
      expect(
        await find(db, { indicator: 'DRD_DEATHS', area: 'SWE', year: 2017, dims: { age: 'Y25T29' } }),
      ).toEqual([{ value: 109, dims: { sex: '_T', age: 'Y25T29' }, unit: 'PERSONS', status: 'A' }]);
      expect(
        await valuesOf(db, { indicator: 'DRD_DEATHS', area: 'TUR', year: 2017, dims: { age: 'Y_GE65' } }),
      ).toEqual([9]);
      // A blank cell is no observation (Belgium 2017 female), a printed 0 is a value (Cyprus 2014 female).
      expect(
        await find(db, { indicator: 'DRD_DEATHS', area: 'BEL', year: 2017, dims: { sex: 'F' } }),
      ).toEqual([]);
      expect(
        await valuesOf(db, { indicator: 'DRD_DEATHS', area: 'BEL', year: 2014, dims: { sex: 'F' } }),
      ).toEqual([12]);
      expect(
        await valuesOf(db, { indicator: 'DRD_DEATHS', area: 'CYP', year: 2014, dims: { sex: 'F' } }),
      ).toEqual([0]);
      // The age tables are both sexes: Austria 2017, the eleven bands add up to male + female (125 + 29).
      const bands = await sql<{ total: number }>`
      select sum(o.value)::int as total from observation o join area a on a.id = o.area_id
      join indicator i on i.id = o.indicator_id
      where i.code = 'DRD_DEATHS' and a.code = 'AUT' and o.year = 2017 and o.dims->>'sex' = '_T'`.execute(db);
      expect(bands.rows[0]!.total).toBe(154);
    });

    it('euda-sb2019-drd: a re-import changes nothing; a sheet it does not know is refused', async () => {
      const before = await cubeChecksum(db);
      for (const file of ['femaleDeaths.xlsx', 'deaths25-29.xlsx']) {
        const r = await importFile(db, files, dataFile(DRD_DIR, file), 'euda-sb2019-drd');
        expect(r.status, file).toBe('unchanged');
        expect(r.counts.unchanged, file).toBe(DRD_CELLS[file]);
        expect(r.previousBatchId, file).not.toBeNull();
      }
      const wrong = await importFile(db, files, dataFile(DRD_DIR, 'meanDeathAge.xlsx'), 'euda-sb2019-drd');
      expect(wrong.status).toBe('rejected');
      expect(new Set(wrong.issues.filter((i) => i.severity === 'error').map((i) => i.code))).toEqual(
        new Set(['unknown_code']),
      );
      expect(await cubeChecksum(db)).toBe(before);
    });

    it('euda-sb2019-drd-mean-age: DRD-34 as mean age of both sexes; re-import unchanged', async () => {
      const file = dataFile(DRD_DIR, 'meanDeathAge.xlsx');
      const r = await importFile(db, files, file, 'euda-sb2019-drd-mean-age');
      expect(r.counts.errors, errorsOf(r)).toBe(0);
      expect(r.status).toBe('committed');
      expect(r.counts.inserted).toBe(559);
      expect(await find(db, { indicator: 'DRD_MEAN_AGE', area: 'DEU', year: 2017 })).toEqual([
        { value: 38.9, dims: { sex: '_T' }, unit: 'YEARS', status: 'A' },
      ]);
      expect(await valuesOf(db, { indicator: 'DRD_MEAN_AGE', area: 'AUT', year: 1990 })).toEqual([27.9]);
      expect(await valuesOf(db, { indicator: 'DRD_MEAN_AGE', area: 'SVN', year: 2017 })).toEqual([40.5]);
      // Greece has a row but no figure.
      const greece = await sql<{ n: number }>`
      select count(*)::int as n from observation o join area a on a.id = o.area_id
      join indicator i on i.id = o.indicator_id where i.code = 'DRD_MEAN_AGE' and a.code = 'GRC'`.execute(db);
      expect(greece.rows[0]!.n).toBe(0);
      const again = await importFile(db, files, file, 'euda-sb2019-drd-mean-age');
      expect(again.status).toBe('unchanged');
    });

    it('euda-sb2019-ppp: price and purity files import by study, with the sheet’s indicator, substance and unit', async () => {
      for (const [file, cells] of Object.entries(PPP_CELLS)) {
        const r = await importFile(db, files, dataFile(PPP_DIR, file), 'euda-sb2019-ppp');
        expect(r.counts.errors, `${file}: ${errorsOf(r)}`).toBe(0);
        expect(r.status, file).toBe('committed');
        expect(r.counts.inserted, file).toBe(cells);
      }
      const price = { marketLevel: 'RETAIL', stat: 'MEAN' };
      // PPP-8-0 (herbal cannabis, EUR/g): “Belgium-A” BE-1 2017 = 8.9, “Belgium-B” BE-2 2017 = 10.3.
      expect(
        await find(db, {
          indicator: 'PPP_PRICE',
          area: 'BEL',
          year: 2017,
          substance: 'cannabis-herb',
          dims: { study: 'BE-1' },
        }),
      ).toEqual([{ value: 8.9, dims: { ...price, study: 'BE-1' }, unit: 'EUR_G', status: 'A' }]);
      expect(
        await valuesOf(db, {
          indicator: 'PPP_PRICE',
          area: 'BEL',
          year: 2017,
          substance: 'cannabis-herb',
          dims: { study: 'BE-2' },
        }),
      ).toEqual([10.3]);
      // PPP-28-0 (cocaine): Czechia 2017 = 77.675363, as published.
      expect(
        await valuesOf(db, { indicator: 'PPP_PRICE', area: 'CZE', year: 2017, substance: 'cocaine' }),
      ).toEqual([77.675363]);
      // PPP-23-0 (white heroin): Sweden 2017 = 184.
      expect(
        await valuesOf(db, { indicator: 'PPP_PRICE', area: 'SWE', year: 2017, substance: 'heroin-white' }),
      ).toEqual([184]);
      // PPP-89-0 (cocaine purity, %): “Uk-E” UK-5 2017 = 60 and “United Kingdom-D” UK-4 2016 = 54 are both GBR.
      expect(
        await find(db, {
          indicator: 'PPP_PURITY',
          area: 'GBR',
          year: 2017,
          substance: 'cocaine',
          dims: { study: 'UK-5' },
        }),
      ).toEqual([{ value: 60, dims: { ...price, study: 'UK-5' }, unit: 'PCT', status: 'A' }]);
      expect(
        await valuesOf(db, {
          indicator: 'PPP_PURITY',
          area: 'GBR',
          year: 2016,
          substance: 'cocaine',
          dims: { study: 'UK-4' },
        }),
      ).toEqual([54]);
      // PPP-77-0 (brown heroin purity): Netherlands NL-2 2016 = 41.2; PPP-65-0 (herbal cannabis THC): France 2017 = 12.04.
      expect(
        await valuesOf(db, { indicator: 'PPP_PURITY', area: 'NLD', year: 2016, substance: 'heroin-brown' }),
      ).toEqual([41.2]);
      expect(
        await valuesOf(db, { indicator: 'PPP_PURITY', area: 'FRA', year: 2017, substance: 'cannabis-herb' }),
      ).toEqual([12.04]);
      // The implausible zero the bulletin extract prints for Romania 2016 is imported as published.
      expect(
        await valuesOf(db, { indicator: 'PPP_PRICE', area: 'ROU', year: 2016, substance: 'cannabis-herb' }),
      ).toEqual([0]);
      const units = await sql<{ code: string; unit: string; n: number }>`
      select i.code, o.unit, count(*)::int as n from observation o join indicator i on i.id = o.indicator_id
      join source s on s.id = o.source_id where s.code = 'EMCDDA_SB2019_PPP' group by i.code, o.unit order by i.code`.execute(
        db,
      );
      expect(units.rows).toEqual([
        { code: 'PPP_PRICE', unit: 'EUR_G', n: 373 + 279 + 107 + 391 },
        { code: 'PPP_PURITY', unit: 'PCT', n: 293 + 294 + 103 + 450 },
      ]);
    });

    it('euda-sb2019-ppp: re-import unchanged; the ecstasy tables go to the per-tablet indicators', async () => {
      const again = await importFile(
        db,
        files,
        dataFile(PPP_DIR, 'cocainePriceMean.xlsx'),
        'euda-sb2019-ppp',
      );
      expect(again.status).toBe('unchanged');
      for (const file of ['ectasyPriceMean.xlsx', 'purityEctasyMean.xlsx']) {
        const r = await importFile(db, files, dataFile(PPP_DIR, file), 'euda-sb2019-ppp');
        expect(r.counts.errors, errorsOf(r)).toBe(0);
        expect(r.status, file).toBe('committed');
      }
      const tablets = await sql<{ code: string; unit: string; study: string; year: number; value: number }>`
        select i.code, o.unit, o.dims->>'study' as study, o.year, o.value from observation o
        join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
        where i.code in ('PPP_PRICE_TABLET', 'PPP_CONTENT_TABLET') and a.code in ('BEL', 'AUT') and o.year = 2017
        order by i.code, study`.execute(db);
      expect(tablets.rows).toEqual([
        { code: 'PPP_CONTENT_TABLET', unit: 'MG_TABLET', study: 'AT-1', year: 2017, value: 38.33 },
        { code: 'PPP_CONTENT_TABLET', unit: 'MG_TABLET', study: 'BE-1', year: 2017, value: 135.7 },
        { code: 'PPP_PRICE_TABLET', unit: 'EUR_TABLET', study: 'BE-1', year: 2017, value: 5.2 },
        { code: 'PPP_PRICE_TABLET', unit: 'EUR_TABLET', study: 'BE-2', year: 2017, value: 7.4 },
      ]);
    });

    it('euda-wastewater-2025: daily mean loads by site; Hungary coded “H” resolves to HU; re-import unchanged', async () => {
      const r = await importFile(db, files, WW_FILE(), 'euda-wastewater-2025');
      expect(r.counts.errors, errorsOf(r)).toBe(0);
      expect(r.status).toBe('committed');
      expect(r.counts.rows).toBe(4376);
      expect(r.counts.inserted).toBe(4376);
      // Ten loads jump more than tenfold over their site's other years (e.g. Lebu, Chile, cocaine 2024).
      expect(r.issues.filter((i) => i.severity === 'warning').map((i) => i.code)).toEqual(
        Array.from({ length: 10 }, () => 'history_jump'),
      );
      const mean = { stat: 'MEAN' };
      // Graz (AT001), MDMA, 2024: daily mean 15.53 mg/1000 inhabitants/day.
      expect(
        await find(db, {
          indicator: 'WW_LOAD',
          area: 'AUT',
          year: 2024,
          substance: 'mdma',
          dims: { site: 'AT001' },
        }),
      ).toEqual([{ value: 15.53, dims: { ...mean, site: 'AT001' }, unit: 'MG_1000_DAY', status: 'A' }]);
      // Amsterdam (NL001), cocaine (benzoylecgonine), 2024: 1206.28.
      expect(
        await valuesOf(db, {
          indicator: 'WW_LOAD',
          area: 'NLD',
          year: 2024,
          substance: 'cocaine',
          dims: { site: 'NL001' },
        }),
      ).toEqual([1206.28]);
      // Debrecen (H001, country “H”), 2023: cocaine 24.61 and cannabis (THC-COOH) 13.12, in Hungary.
      expect(
        await valuesOf(db, {
          indicator: 'WW_LOAD',
          area: 'HUN',
          year: 2023,
          substance: 'cocaine',
          dims: { site: 'H001' },
        }),
      ).toEqual([24.61]);
      expect(
        await valuesOf(db, {
          indicator: 'WW_LOAD',
          area: 'HUN',
          year: 2023,
          substance: 'cannabis',
          dims: { site: 'H001' },
        }),
      ).toEqual([13.12]);
      // Loads below the limit of quantification are given as 0 and stay 0; none is missing.
      const zeros = await sql<{ zeros: number; missing: number; substances: string }>`
      select count(*) filter (where o.value = 0)::int as zeros, count(*) filter (where o.value is null)::int as missing,
        string_agg(distinct sub.code, ',' order by sub.code) as substances
      from observation o join source s on s.id = o.source_id join substance sub on sub.id = o.substance_id
      where s.code = 'EUDA_SCORE_WW2025'`.execute(db);
      expect(zeros.rows[0]).toEqual({
        zeros: 345,
        missing: 0,
        substances: 'amphetamine,cannabis,cocaine,ketamine,mdma,methamphetamine',
      });
      const before = await cubeChecksum(db);
      const again = await importFile(db, files, WW_FILE(), 'euda-wastewater-2025');
      expect(again.status).toBe('unchanged');
      expect(again.counts.unchanged).toBe(4376);
      expect(await cubeChecksum(db)).toBe(before);
    });

    it('the files are what the counts above assume', () => {
      expect(fs.readdirSync(dataFile(DRD_DIR)).sort()).toEqual(
        [...Object.keys(DRD_CELLS), 'meanDeathAge.xlsx'].sort(),
      );
      expect(fs.readdirSync(dataFile(PPP_DIR)).sort()).toEqual(
        [...Object.keys(PPP_CELLS), 'ectasyPriceMean.xlsx', 'purityEctasyMean.xlsx'].sort(),
      );
    });
  },
);
