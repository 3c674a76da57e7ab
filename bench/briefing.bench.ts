/**
 * `npm run bench -- briefing`: time to generate one country briefing pack (DOCX + PDF, Russian by
 * default) on the demo data, as the editor's request does it: data snapshot recorded, charts, DOCX,
 * PDF, both files stored, the job finished. Median of --runs runs after one warm-up, target ≤ 3 s.
 * Baseline measured in the same run: building the snapshot alone (the database reads), so the
 * ratio shows what rendering costs on top.
 *
 * Database: PGlite in memory (same process) by default, or PostgreSQL (`--engine postgres|both`,
 * a database `obs_bench_<pid>` created and dropped as in the cube bench), migrated and seeded, with
 * the demo observations (imports/demo), then the demo programme, strategy and dialogue (the meeting
 * of 12 December 2023). With `both`, the engines run one after the other in this process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Db } from '../apps/server/src/platform/db/database.ts';
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
import { cleanups, openEngine } from './cube.bench.ts';

type BenchEngine = 'pglite' | 'postgres';
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Target of the issue: one country pack, DOCX + PDF, Russian, ≤ 3 s. */
const TARGET_MS = 3000;

export const BRIEFING_OPTIONS = {
  runs: { type: 'string', default: '7' },
  audience: { type: 'string', default: 'TJK' },
  language: { type: 'string', default: 'ru' },
  engine: { type: 'string', default: 'pglite' },
  'pg-url': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function briefingUsage(): string {
  return [
    'npm run bench -- briefing [--runs N] [--audience TJK] [--language ru] [--engine pglite|postgres|both]',
    '                          [--pg-url URL]',
    '  Generates the briefing pack of the demo meeting (12 December 2023) N times (median, after one',
    '  warm-up run) with the demo data; baseline: the data snapshot alone. Engine: PGlite in memory',
    `  (default) or PostgreSQL at --pg-url (default ${DEFAULT_PG_URL}, or OBSERVATORY_BENCH_PG_URL).`,
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
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres' && engine !== 'both')
    throw new Error(`--engine must be pglite, postgres or both\n${briefingUsage()}`);
  const pgUrl = values['pg-url'] ?? process.env.OBSERVATORY_BENCH_PG_URL ?? DEFAULT_PG_URL;
  const onSigint = () => {
    console.error('\ninterrupted; cleaning up');
    void Promise.all([...cleanups].map((c) => c().catch(() => undefined))).then(() => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  try {
    const engines: BenchEngine[] = engine === 'both' ? ['pglite', 'postgres'] : [engine];
    for (const e of engines) {
      const opened = await openEngine(e, { pgUrl, pgliteMemory: true });
      if ('skipped' in opened) {
        console.log(`[${e}] SKIPPED: ${opened.skipped}`);
        continue;
      }
      try {
        await runEngine(e, opened.label, opened.handle.db, { runs, audience, language });
      } finally {
        await opened.cleanup();
      }
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function runEngine(
  engine: BenchEngine,
  label: string,
  db: Db,
  { runs, audience, language }: { runs: number; audience: Audience; language: 'en' | 'ru' },
): Promise<void> {
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-briefing-'));
  try {
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
        `[${engine}] ${label}; setup ${ms(performance.now() - setup)}`,
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
    fs.rmSync(filesDir, { recursive: true, force: true });
  }
}
