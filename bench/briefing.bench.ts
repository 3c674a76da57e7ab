/**
 * `npm run bench -- briefing`: time to generate one country briefing pack (DOCX + PDF, Russian by
 * default) on the demo data, as the editor's request does it: data snapshot recorded, charts, DOCX,
 * PDF, both files stored, the job finished. Median of --runs runs after one warm-up, target ≤ 3 s.
 * Baseline measured in the same run: building the snapshot alone (the database reads), so the
 * ratio shows what rendering costs on top.
 *
 * Database: PGlite in memory (same process), migrated and seeded, with the demo observations
 * (imports/demo), then the demo programme, strategy and dialogue (the meeting of 12 December 2023).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrator.ts';
import { seedReferenceData } from '../apps/server/src/seed.ts';
import { loadDemoPack } from '../apps/server/src/modules/imports/index.ts';
import { loadProgrammesDemo } from '../apps/server/src/modules/programmes/index.ts';
import { loadStrategiesDemo } from '../apps/server/src/modules/strategies/index.ts';
import { loadDialogueDemo } from '../apps/server/src/modules/dialogues/index.ts';
import { createUser } from '../apps/server/src/modules/users/index.ts';
import {
  AUDIENCES,
  buildSnapshot,
  generatePack,
  type Audience,
} from '../apps/server/src/modules/reports/index.ts';

/** Target of the issue: one country pack, DOCX + PDF, Russian, ≤ 3 s. */
const TARGET_MS = 3000;

export const BRIEFING_OPTIONS = {
  runs: { type: 'string', default: '7' },
  audience: { type: 'string', default: 'TJK' },
  language: { type: 'string', default: 'ru' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function briefingUsage(): string {
  return [
    'npm run bench -- briefing [--runs N] [--audience TJK] [--language ru]',
    '  Generates the briefing pack of the demo meeting (12 December 2023) N times (median, after one',
    '  warm-up run) on PGlite in memory with the demo data; baseline: the data snapshot alone.',
  ].join('\n');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv.slice(2), options: BRIEFING_OPTIONS, strict: true });
  if (values.help) {
    console.log(briefingUsage());
    return;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be an integer ≥ 1\n${briefingUsage()}`);
  const audience = values.audience as Audience;
  if (!AUDIENCES.includes(audience)) throw new Error(`--audience must be one of ${AUDIENCES.join(', ')}`);
  const language = values.language === 'en' ? 'en' : 'ru';

  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-briefing-'));
  const handle = await openDatabase({});
  try {
    const db = handle.db;
    const setup = performance.now();
    await migrateToLatest(db);
    await seedReferenceData(db);
    await loadDemoPack(db, filesDir);
    await loadProgrammesDemo(db);
    await loadStrategiesDemo(db);
    await loadDialogueDemo(db);
    const meeting = await db
      .selectFrom('meeting')
      .innerJoin('dialogue', 'dialogue.id', 'meeting.dialogueId')
      .select('meeting.id')
      .where('dialogue.code', '=', 'EU-CA')
      .orderBy('meeting.startDate')
      .executeTakeFirstOrThrow();
    await createUser(
      db,
      { user: null, via: 'cli' },
      {
        username: 'bench-editor',
        displayName: 'bench-editor',
        role: 'editor',
        locale: 'en',
        password: 'bench-password-123',
        mustChangePassword: false,
      },
    );
    const user = await db
      .selectFrom('appUser')
      .select(['id', 'username', 'displayName', 'role', 'locale'])
      .where('username', '=', 'bench-editor')
      .executeTakeFirstOrThrow();
    const actor = { user: { ...user, locale: user.locale }, ip: null };
    console.log(
      `Briefing pack benchmark: meeting ${meeting.id} (EU-CA, demo), audience ${audience}, ${language}; ` +
        `PGlite in memory; setup ${ms(performance.now() - setup)}`,
    );

    const generateOnce = async () => {
      const t0 = performance.now();
      const { pack, finished } = await generatePack(db, filesDir, actor, meeting.id, { audience, language });
      await finished;
      const elapsed = performance.now() - t0;
      const row = await db
        .selectFrom('briefingPack')
        .select(['status', 'error'])
        .where('id', '=', pack.id)
        .executeTakeFirstOrThrow();
      if (row.status !== 'succeeded')
        throw new Error(`pack ${pack.id} ${row.status}: ${JSON.stringify(row.error)}`);
      return elapsed;
    };
    const snapshotOnce = async () => {
      const t0 = performance.now();
      await buildSnapshot(db, { meetingId: meeting.id, audience, language });
      return performance.now() - t0;
    };

    await generateOnce(); // warm-up: module loading, fonts, first queries
    await snapshotOnce();
    const full: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      full.push(await generateOnce());
      baseline.push(await snapshotOnce());
    }
    const m = median(full);
    const b = median(baseline);
    console.log(
      `  pack (snapshot + charts + DOCX + PDF + store), median of ${runs}: ${ms(m)}  (target ≤ ${ms(TARGET_MS)}) ${m <= TARGET_MS ? 'OK' : 'OVER TARGET'}`,
    );
    console.log(`    runs: ${full.map(ms).join(', ')}`);
    console.log(`  baseline: data snapshot alone, median of ${runs}: ${ms(b)}`);
    console.log(`  ratio pack / snapshot: ${(m / b).toFixed(1)}×`);
  } finally {
    await handle.close();
    fs.rmSync(filesDir, { recursive: true, force: true });
  }
}
