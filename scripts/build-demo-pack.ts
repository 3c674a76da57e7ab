/**
 * Regenerates the demo pack (apps/server/src/modules/imports/demo/) from the public files in
 * ../shared/data with Observatory's own importer and presets.
 *
 *   npx tsx scripts/build-demo-pack.ts           # write the extracts and manifest
 *   npx tsx scripts/build-demo-pack.ts --check   # exit 1 if the committed extracts differ
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrator.ts';
import { seedReferenceData } from '../apps/server/src/seed.ts';
import { buildDemoPack, DEMO_DIR } from '../apps/server/src/modules/imports/demo.ts';
import { repoRoot } from '../apps/server/src/platform/config.ts';

const sharedData = path.resolve(repoRoot, '../shared/data');
if (!fs.existsSync(sharedData)) {
  console.error(`The public data files are missing: ${sharedData} (see ../shared/data/README.md).`);
  process.exit(2);
}
const check = process.argv.includes('--check');
const out = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'demo-pack-')) : DEMO_DIR;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-files-'));
const handle = await openDatabase({});
try {
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  const manifest = await buildDemoPack(handle.db, sharedData, out, files);
  for (const e of manifest.extracts) console.log(`${e.file}: ${e.rows} rows`);
  if (check) {
    const stale = fs
      .readdirSync(out)
      .filter(
        (f) =>
          !fs.existsSync(path.join(DEMO_DIR, f)) ||
          !fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(DEMO_DIR, f))),
      );
    if (stale.length) {
      console.error(`Stale demo pack files: ${stale.join(', ')}. Run npm run demo:build.`);
      process.exitCode = 1;
    } else console.log('The committed demo pack is up to date.');
  }
} finally {
  await handle.close();
  fs.rmSync(files, { recursive: true, force: true });
}
