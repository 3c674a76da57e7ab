import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'obs-events-'));

/** Writes a text file in the directory and returns its path. */
export function writeTemp(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/**
 * Count and checksum of the cube, the events and both histories: equal before and after means
 * untouched.
 */
export async function cubeChecksum(db: Db): Promise<string> {
  const r = await sql<{
    n: number;
    h: string | null;
    e: string | null;
    revisions: number;
    eventRevisions: number;
  }>`
    select (select count(*)::int from observation) as n,
      (select md5(string_agg(concat_ws(',', id, indicator_id, area_id, period, substance_id, dim_key, source_id,
        value, unit, status, confidentiality, footnotes::text, revision), ';' order by id)) from observation) as h,
      (select md5(string_agg(concat_ws(',', id, event_date, date_precision, area_id, substance_id, amount, unit,
        kg_equivalent, source_id, confidentiality, external_ref, revision), ';' order by id)) from seizure_event) as e,
      (select count(*)::int from observation_revision) as revisions,
      (select count(*)::int from seizure_event_revision) as event_revisions
  `.execute(db);
  return JSON.stringify(r.rows[0]);
}
