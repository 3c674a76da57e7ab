import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { storeLocalFile } from '../../../platform/files/store.ts';
import { runImport, type ImportResult } from '../pipeline.ts';
import { findPreset } from '../specs.ts';
import type { MappingSpec } from '../spec.ts';

/** The public data files (../shared/data); tests that need them skip with this message when absent. */
export const sharedData = path.resolve(import.meta.dirname, '../../../../../../../shared/data');
export const hasSharedData = fs.existsSync(sharedData);
export const missingDataNote = `../shared/data is missing (looked in ${sharedData}): tests on the public data files are skipped`;
if (!hasSharedData) console.warn(missingDataNote);

export const dataFile = (...parts: string[]) => path.join(sharedData, ...parts);
export const UNODC_71 = () => dataFile('unodc-wdr2025', '7.1_Drug_seizures_2019-2023.xlsx');
export const UNODC_621 = () => dataFile('unodc-wdr2025', '6.2.1_Illicit_cultivation_of_opium_poppy.xlsx');

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'obs-import-'));

/** Stores a local file and imports it with a preset or spec (no HTTP, no job). */
export async function importFile(
  db: Db,
  filesDir: string,
  file: string,
  spec: MappingSpec | string,
  options: { dryRun?: boolean; sheet?: string | number; encoding?: 'windows-1251' | 'utf-8' | 'auto' } = {},
): Promise<ImportResult> {
  const s = typeof spec === 'string' ? findPreset(spec) : spec;
  if (!s) throw new Error(`no preset ${typeof spec === 'string' ? spec : spec.name}`);
  const stored = await storeLocalFile(db, filesDir, file);
  return runImport(
    db,
    {
      file: { sha256: stored.sha256, path: stored.path, name: path.basename(file) },
      spec: s,
      dryRun: options.dryRun ?? false,
      options: { sheet: options.sheet, encoding: options.encoding },
      userId: null,
    },
    null,
  );
}

/** Count and checksum of the whole cube and its history: equal before and after means untouched. */
export async function cubeChecksum(db: Db): Promise<string> {
  const r = await sql<{ n: number; h: string | null; revisions: number; sources: number }>`
    select (select count(*)::int from observation) as n,
      (select md5(string_agg(concat_ws(',', id, indicator_id, area_id, period, substance_id, dim_key, source_id,
        value, lower, upper, unit, status, confidentiality, footnotes::text, revision), ';' order by id)) from observation) as h,
      (select count(*)::int from observation_revision) as revisions,
      (select count(*)::int from source) as sources
  `.execute(db);
  return JSON.stringify(r.rows[0]);
}

/** Writes a text file in the temp dir. */
export function writeTemp(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
