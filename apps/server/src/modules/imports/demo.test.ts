import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { buildDemoPack, DEMO_DIR, loadDemoPack, type DemoManifest } from './demo.ts';
import { hasSharedData, sharedData, tempDir } from './test/helpers.ts';

/** The committed demo pack loads into an empty database, names its sources, and is reproducible. */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const manifest = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'manifest.json'), 'utf8')) as DemoManifest;

describe('demo pack', () => {
  it('loads into an empty database through the pipeline, once', async () => {
    const loaded = await loadDemoPack(database.db, tempDir());
    expect(loaded).toBe(manifest.extracts.reduce((n, e) => n + e.rows, 0));
    expect(await loadDemoPack(database.db, tempDir())).toBeNull();
    const db = database.db;
    const value = async (indicator: string, area: string, year: number, substance?: string) =>
      (
        await sql<{ value: number | null }>`
          select o.value from observation o join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
          left join substance s on s.id = o.substance_id
          where i.code = ${indicator} and a.code = ${area} and o.year = ${year}
            and (${substance ?? null}::text is null or s.code = ${substance ?? null})`.execute(db)
      ).rows.map((r) => r.value);
    expect(await value('SZR_QTY', 'TJK', 2023, 'heroin')).toEqual([422.48]);
    expect(await value('SZR_QTY', 'AFG', 2023, 'methamphetamine')).toEqual([3264]);
    expect(await value('CULT_OPIUM_HA', 'AFG', 2024)).toEqual([12_800]);
    expect((await value('POP_TOTAL', 'KGZ', 2023)).length).toBe(1);
    const sites = await sql<{ n: number }>`select count(*)::int as n from monitoring_site`.execute(db);
    expect(sites.rows[0]!.n).toBe(manifest.sites.rows);
  });

  it('every source names publisher, table, year and terms, and says it is a demo extract', async () => {
    const sources = await database.db
      .selectFrom('source')
      .selectAll()
      .where('code', 'in', Object.keys(manifest.sources))
      .execute();
    expect(sources).toHaveLength(Object.keys(manifest.sources).length);
    for (const s of sources) {
      expect(s.publisher, s.code).toBeTruthy();
      expect(s.tableName, s.code).toBeTruthy();
      expect(s.year, s.code).toBeGreaterThan(2000);
      expect(s.licence, s.code).toBeTruthy();
      expect(s.notesEn, s.code).toContain('Demo extract');
      expect(s.notesRu, s.code).toContain('Демонстрационная выдержка');
    }
  });

  it.skipIf(!hasSharedData)(
    'is what the importer makes from ../shared/data today (npm run demo:build reproduces it)',
    async () => {
      const scratch = await createTestDatabase();
      try {
        const out = tempDir();
        await buildDemoPack(scratch.db, sharedData, out, tempDir());
        for (const f of fs.readdirSync(DEMO_DIR))
          expect(fs.readFileSync(path.join(out, f), 'utf8'), f).toBe(
            fs.readFileSync(path.join(DEMO_DIR, f), 'utf8'),
          );
      } finally {
        await scratch.close();
      }
    },
    300_000,
  );
});
