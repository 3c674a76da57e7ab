import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { cubeChecksum, hasSharedData, importFile, tempDir, UNODC_621, UNODC_71 } from './test/helpers.ts';
import { rollbackBatch } from './imports.service.ts';
import { findPreset } from './specs.ts';
import type { SourceSpec } from './spec.ts';

async function value(db: TestDatabase['db'], area: string, substance: string, year: number) {
  const r = await sql<{ value: number | null }>`
    select o.value from observation o join area a on a.id = o.area_id join substance s on s.id = o.substance_id
    join indicator i on i.id = o.indicator_id
    where i.code = 'SZR_QTY' and a.code = ${area} and s.code = ${substance} and o.year = ${year}`.execute(db);
  return r.rows.map((x) => x.value);
}

describe.skipIf(!hasSharedData)('UNODC WDR 2025 table 7.1 with its preset', () => {
  let database: TestDatabase;
  const files = tempDir();
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('accounts for every row, sums repeated keys, keeps missing as missing and reproduces the published facts', async () => {
    const before = await cubeChecksum(database.db);
    const dry = await importFile(database.db, files, UNODC_71(), 'unodc-wdr2025-7.1', { dryRun: true });
    expect(dry.status).toBe('checked');
    expect(await cubeChecksum(database.db)).toBe(before);

    const r = await importFile(database.db, files, UNODC_71(), 'unodc-wdr2025-7.1');
    expect(r.counts.errors, JSON.stringify(r.issues.filter((i) => i.severity === 'error').slice(0, 5))).toBe(
      0,
    );
    expect(r.status).toBe('committed');
    expect(r.counts.rows).toBe(11_274);
    // 1,739 country/drug/year keys repeat in the sheet. 1,738 are summed; in the last one (Zambia
    // 2019, "Other drugs/substances", 0 kg twice) the two rows sit under different UNODC subgroups
    // ("Other miscellaneous", "Substances not under int. control") that the crosswalk maps to
    // different taxonomy nodes, so they stay two observations.
    const summed = r.issues.filter((i) => i.code === 'duplicate_summed');
    expect(summed).toHaveLength(1_738);
    const zmb = await sql<{ code: string; value: number }>`
      select s.code, o.value from observation o join area a on a.id = o.area_id join substance s on s.id = o.substance_id
      where a.code = 'ZMB' and o.year = 2019 and o.dims->>'item' = 'Other drugs/substances' order by s.code`.execute(
      database.db,
    );
    expect(zmb.rows).toEqual([
      { code: 'not-internationally-controlled', value: 0 },
      { code: 'other-substances', value: 0 },
    ]);
    // Every row: an observation of its own, merged into a repeated key, skipped or rejected.
    expect(r.counts.inserted + r.counts.merged + r.counts.skipped + r.counts.rejected).toBe(11_274);
    const db = database.db;
    const missing = await sql<{ n: number; total: number }>`
      select count(*) filter (where value is null)::int as n, sum(value) as total from observation o
      join source s on s.id = o.source_id where s.code = 'UNODC_WDR2025_T7.1'`.execute(db);
    expect(missing.rows[0]!.total).toBeCloseTo(189_793_580.184, 2);
    expect(await value(db, 'TJK', 'heroin', 2023)).toEqual([422.48]);
    expect(await value(db, 'AFG', 'methamphetamine', 2023)).toEqual([3264]);
    expect(r.counts.missing).toBeGreaterThan(0);
  });

  it('re-importing the same file with the same preset changes nothing and says so', async () => {
    const before = await cubeChecksum(database.db);
    const r = await importFile(database.db, files, UNODC_71(), 'unodc-wdr2025-7.1');
    expect(r.status).toBe('unchanged');
    expect(r.counts.inserted + r.counts.updated).toBe(0);
    expect(r.previousBatchId).not.toBeNull();
    expect(await cubeChecksum(database.db)).toBe(before);
  });

  it('6.2.1: Afghanistan 2019 = 0 outside its bounds raises the bounds rule; bounds are kept', async () => {
    const r = await importFile(database.db, files, UNODC_621(), 'unodc-wdr2025-6.2.1');
    expect(r.counts.errors, JSON.stringify(r.issues.filter((i) => i.severity === 'error').slice(0, 5))).toBe(
      0,
    );
    const rule = r.issues.filter((i) => i.code === 'value_outside_bounds_missing');
    expect(rule.map((i) => i.params)).toContainEqual({ value: 0, lower: 149_000, upper: 178_000 });
    const afg = await sql<{
      year: number;
      value: number | null;
      lower: number | null;
      upper: number | null;
      status: string;
    }>`
      select o.year, o.value, o.lower, o.upper, o.status from observation o join area a on a.id = o.area_id
      join indicator i on i.id = o.indicator_id where i.code = 'CULT_OPIUM_HA' and a.code = 'AFG' order by o.year`.execute(
      database.db,
    );
    const y2019 = afg.rows.find((x) => x.year === 2019)!;
    expect(y2019).toMatchObject({ value: null, lower: 149_000, upper: 178_000, status: 'M' });
    expect(afg.rows.find((x) => x.year === 2010)).toMatchObject({
      value: 123_000,
      lower: 104_000,
      upper: 145_000,
    });
    expect(afg.rows.find((x) => x.year === 2024)).toMatchObject({ value: 12_800 });
  });

  it('rolls a batch back to the previous cube', async () => {
    const files2 = tempDir();
    const before = await cubeChecksum(database.db);
    const preset = findPreset('unodc-wdr2025-6.2.1')!;
    const r = await importFile(database.db, files2, UNODC_621(), {
      ...preset,
      source: { ...(preset.source as SourceSpec), code: 'TEST_ROLLBACK' },
    });
    expect(r.status).toBe('committed');
    const rb = await rollbackBatch(database.db, r.batchId, { userId: null }, 'test');
    expect(rb.removed + rb.restored).toBeGreaterThan(0);
    const after = JSON.parse(await cubeChecksum(database.db)) as Record<string, unknown>;
    const b = JSON.parse(before) as Record<string, unknown>;
    expect(after.n).toBe(b.n);
  });
});
