import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { storeLocalFile } from '../../platform/files/store.ts';
import { findAnyPreset, rollbackBatch, runImport } from '../imports/index.ts';
import { tempDir } from './test/helpers.ts';
import { createUser } from '../users/index.ts';
import { deleteEvent, deleteFactor, patchEvent, putFactor, rebuildAllRollups } from './events.service.ts';
import { EVENT_TEMPLATE_COLUMNS } from './events.template.ts';
import { MASS_UNITS } from './events.rollups.ts';

/**
 * The incremental roll-ups equal a full rebuild after any sequence of imports (inserts, corrections
 * by reference, re-imports), edits, deletions, rollbacks and factor changes. A seeded random sequence
 * (mulberry32, so a failure replays exactly); after every step:
 * 1. a full rebuild finds nothing to change (incremental == rebuild), and
 * 2. the cube's roll-ups equal a model computed in JavaScript straight from `seizure_event`
 *    (so the shared SQL is checked against an independent statement of the rules).
 */

const SEED = 20261128;
const STEPS = 60;
const AREAS = ['KAZ', 'KGZ', 'TJK'];
const SUBSTANCES = ['heroin', 'cannabis-resin'];
const UNITS = ['KG', 'G', 'TABLETS', 'DOSES'];
const CONF = ['public', 'public', 'public', 'dialogue', 'restricted'] as const;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let database: TestDatabase;
let user: SessionUser;
const dir = tempDir();
const filesDir = tempDir();

beforeAll(async () => {
  database = await createTestDatabase();
  const created = await createUser(
    database.db,
    { user: null, via: 'cli' },
    {
      username: 'rollup-tester',
      displayName: 'Roll-up tester',
      role: 'admin',
      locale: 'en',
      password: 'correct-horse-battery',
      mustChangePassword: false,
    },
  );
  user = { ...created.user, role: 'admin', locale: 'en' };
  for (const code of ['RU_A', 'RU_B'])
    await database.db.insertInto('source').values({ code, publisher: 'Test', titleEn: code }).execute();
});
afterAll(async () => {
  await database?.close();
  for (const d of [dir, filesDir]) fs.rmSync(d, { recursive: true, force: true });
});

type Row = Partial<Record<(typeof EVENT_TEMPLATE_COLUMNS)[number], string | number>>;

let fileNo = 0;
async function importRows(rows: Row[]) {
  const file = path.join(dir, `step-${++fileNo}.csv`);
  fs.writeFileSync(
    file,
    [
      EVENT_TEMPLATE_COLUMNS.join(','),
      ...rows.map((r) => EVENT_TEMPLATE_COLUMNS.map((c) => r[c] ?? '').join(',')),
    ].join('\n') + '\n',
  );
  const stored = await storeLocalFile(database.db, filesDir, file);
  return runImport(
    database.db,
    {
      file: { sha256: stored.sha256, path: stored.path, name: path.basename(file) },
      spec: findAnyPreset('observatory-events')!,
      dryRun: false,
      options: {},
      userId: user.id,
    },
    null,
  );
}

/** The roll-ups as the rules define them, computed in JavaScript from the events. */
async function modelRollups(): Promise<string[]> {
  const events = await sql<{
    id: number;
    areaId: number;
    substanceId: number;
    sourceId: number;
    year: number;
    month: number | null;
    amount: number;
    unit: string;
    kgEquivalent: number | null;
    confidentiality: string;
  }>`select id, area_id, substance_id, source_id, year, month, amount, unit, kg_equivalent, confidentiality
     from seizure_event order by id`.execute(database.db);
  const rank = { public: 1, dialogue: 2, restricted: 3 } as Record<string, number>;
  const groups = new Map<string, { value: number; conf: number; unit: string }>();
  const add = (key: string, value: number, unit: string, conf: string) => {
    const g = groups.get(key) ?? { value: 0, conf: 0, unit };
    g.value += value;
    g.conf = Math.max(g.conf, rank[conf]!);
    groups.set(key, g);
  };
  for (const e of events.rows) {
    const periods = [
      String(e.year),
      ...(e.month === null ? [] : [`${e.year}-${String(e.month).padStart(2, '0')}`]),
    ];
    for (const p of periods) {
      const base = `${e.areaId}|${e.substanceId}|${e.sourceId}|${p}`;
      add(`SZR_CASES|${base}|`, 1, 'CASES', e.confidentiality);
      if (e.kgEquivalent !== null) add(`SZR_QTY|${base}|`, e.kgEquivalent, 'KG', e.confidentiality);
      else add(`SZR_QTY|${base}|measureUnit=${e.unit}`, e.amount, e.unit, e.confidentiality);
    }
  }
  const conf = ['', 'public', 'dialogue', 'restricted'];
  return [...groups.entries()]
    .map(([k, g]) => `${k}|${Number(g.value.toPrecision(12))}|${g.unit}|${conf[g.conf]}`)
    .sort();
}

async function cubeRollups(): Promise<string[]> {
  const r = await sql<{ line: string; value: number }>`
    select i.code || '|' || o.area_id || '|' || o.substance_id || '|' || o.source_id || '|' || o.period || '|' || o.dim_key
      as line, o.value, o.unit, o.confidentiality
    from observation o join indicator i on i.id = o.indicator_id
    where i.code in ('SZR_CASES', 'SZR_QTY')
  `.execute(database.db);
  return r.rows
    .map((x) => {
      const row = x as unknown as { line: string; value: number; unit: string; confidentiality: string };
      return `${row.line}|${Number(row.value.toPrecision(12))}|${row.unit}|${row.confidentiality}`;
    })
    .sort();
}

describe('incremental roll-ups equal a full rebuild', () => {
  it(`after ${STEPS} seeded random imports, edits, deletions, rollbacks and factor changes`, async () => {
    const rnd = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const batches: number[] = [];
    const done: Record<string, number> = {};
    const randomDate = () => {
      const year = pick([2021, 2022]);
      const month = 1 + Math.floor(rnd() * 3);
      const r = rnd();
      return r < 0.15
        ? String(year)
        : r < 0.35
          ? `${year}-0${month}`
          : `${year}-0${month}-${10 + Math.floor(rnd() * 15)}`;
    };
    const randomRow = (ref: string | null): Row => ({
      date: randomDate(),
      area_code: pick(AREAS),
      substance_code: pick(SUBSTANCES),
      amount: Math.round(rnd() * 1000) / 10 + 0.1,
      unit: pick(UNITS),
      confidentiality: pick(CONF),
      source_code: pick(['RU_A', 'RU_B']),
      ...(ref ? { reference: ref } : {}),
    });
    const eventIds = async () =>
      (await sql<{ id: number }>`select id from seizure_event order by id`.execute(database.db)).rows.map(
        (r) => r.id,
      );

    for (let step = 0; step < STEPS; step++) {
      const r = rnd();
      let op: string;
      if (r < 0.4 || step < 2) {
        op = 'import';
        const n = 1 + Math.floor(rnd() * 8);
        const refs = new Set<string>();
        const rows: Row[] = [];
        for (let i = 0; i < n; i++) {
          // References from a small pool, so later files correct earlier events; some rows have none.
          const ref = rnd() < 0.6 ? `R${Math.floor(rnd() * 12)}` : null;
          if (ref && refs.has(ref)) continue;
          if (ref) refs.add(ref);
          rows.push(randomRow(ref));
        }
        const result = await importRows(rows);
        expect(['committed', 'unchanged']).toContain(result.status);
        if (result.status === 'committed') batches.push(result.batchId);
      } else if (r < 0.55) {
        op = 'edit';
        const ids = await eventIds();
        if (!ids.length) continue;
        const change = randomRow(null);
        await patchEvent(
          database.db,
          { user },
          pick(ids),
          {
            ...(rnd() < 0.5 ? { amount: Number(change.amount) } : {}),
            ...(rnd() < 0.4 ? { area: String(change.area_code) } : {}),
            ...(rnd() < 0.4 ? { date: String(change.date) } : {}),
            ...(rnd() < 0.3 ? { unit: String(change.unit) } : {}),
            ...(rnd() < 0.3 ? { substance: String(change.substance_code) } : {}),
            ...(rnd() < 0.4 ? { confidentiality: change.confidentiality as 'public' } : {}),
            reason: `step ${step}`,
          },
          'en',
        );
      } else if (r < 0.68) {
        op = 'delete';
        const ids = await eventIds();
        if (!ids.length) continue;
        await deleteEvent(database.db, { user }, pick(ids), `step ${step}`);
      } else if (r < 0.9) {
        op = 'rollback';
        if (!batches.length) continue;
        // Mostly the latest batch (which can be undone); sometimes an older one (which may conflict).
        const id = rnd() < 0.7 ? batches[batches.length - 1]! : pick(batches);
        try {
          await rollbackBatch(database.db, id, { userId: user.id }, `step ${step}`);
          batches.splice(batches.indexOf(id), 1);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect(['rollback_conflict', 'rollback_not_committed']).toContain((error as AppError).code);
          op = 'rollback refused';
        }
      } else {
        op = 'factor';
        const substance = pick(SUBSTANCES);
        const unit = pick(['TABLETS', 'DOSES']);
        if (rnd() < 0.6)
          await putFactor(
            database.db,
            { user },
            substance,
            unit,
            { kgPerUnit: Math.round(rnd() * 100) / 100_000 + 0.00001, source: 'test fixture' },
            'en',
          );
        else
          await deleteFactor(database.db, { user }, substance, unit).catch((e: AppError) => {
            expect(e.code).toBe('not_found');
          });
      }
      done[op] = (done[op] ?? 0) + 1;

      const cube = await cubeRollups();
      expect(cube, `step ${step} (${op}): the cube against the model`).toEqual(await modelRollups());
      const rebuilt = await rebuildAllRollups(database.db, { userId: null });
      expect(rebuilt, `step ${step} (${op}): a rebuild finds nothing to change`).toEqual({
        inserted: 0,
        updated: 0,
        deleted: 0,
      });
    }
    // The sequence exercised every kind of change.
    expect(Object.keys(done).sort()).toEqual(
      expect.arrayContaining(['delete', 'edit', 'factor', 'import', 'rollback']),
    );
    expect(Object.keys(MASS_UNITS)).toContain('G');
  });
});
