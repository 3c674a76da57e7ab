import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { waitForAllJobs } from '../../platform/jobs.ts';
import { scheduleSignalDetection } from './index.ts';

/**
 * Signals end to end on hand-made series with known answers: an import starts detection as a job;
 * re-detection is idempotent and keeps the analysts' status and notes; a revision or a rollback
 * makes a signal stale (or removes it when nobody touched it); confidentiality and bad input.
 */

const HEADER = 'indicator,area_code,substance_code,period,value,unit,status,confidentiality,source_code\n';

type Value = number | null | { v: number | null; status?: string; conf?: string; source?: string };

/** Rows of one SZR_QTY series from `from` on. */
function rows(area: string, substance: string, from: number, values: Value[]): string {
  return values
    .map((x, i) => {
      const o = typeof x === 'object' && x !== null ? x : { v: x };
      const status = o.status ?? (o.v === null ? 'M' : 'A');
      return `SZR_QTY,${area},${substance},${from + i},${o.v ?? ''},KG,${status},${o.conf ?? 'public'},${o.source ?? 'NATIONAL_TEST'}\n`;
    })
    .join('');
}

// Known answers (see signals.detect.test.ts for the method on each shape).
const FIRST = [
  rows('KAZ', 'heroin', 2014, [100, 120, 90, 110, 105, 95, 115, 100, 108, 130]), // record high 2023
  rows('KGZ', 'heroin', 2014, [50, 55, 48, 52, 51, 49, 53, 50, 49, 45]), // record low 2023
  rows('TJK', 'heroin', 2014, [100, 320, 280, 310, 290, 300, 305, 295, 310, 120]), // unusual fall 2023
  rows('UZB', 'methamphetamine', 2014, [0, null, 0, 12, 11, 12, 11, 12, 12]), // first appearance 2017
  rows('TKM', 'heroin', 2014, [10, 11, 10, 11, 10, { v: 11, status: 'B' }, 10, 11]), // break 2019
  rows('AFG', 'cannabis-herb', 2014, [1000, 1050, 980, 1020, 1000, 1040, 990, 1010, 1030, 1000]), // quiet
  // A less preferred source's value that would be a record if it were read.
  rows('AFG', 'cannabis-herb', 2023, [{ v: 9000, source: 'SECOND_TEST' }]),
  // The record high of Iran rests on a restricted earlier high (2015).
  rows('IRN', 'heroin', 2014, [100, { v: 120, conf: 'restricted' }, 90, 110, 105, 95, 115, 100, 108, 130]),
].join('');

interface SignalJson {
  id: number;
  kind: string;
  severity: string;
  status: string;
  stale: boolean;
  year: number;
  area: { code: string; name: string };
  substance: { code: string; name: string } | null;
  text: string;
  params: Record<string, number | string | null>;
  observationIds: number[];
  confidentiality: string;
  noteCount: number;
  updatedAt: string;
}

let t: TestApp;
let editor: Session;
let viewer: Session;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-signals-'));
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-signals-files-'));

beforeAll(async () => {
  t = await createTestApp({ OBSERVATORY_FILES_DIR: filesDir });
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
  for (const [code, priority] of [
    ['NATIONAL_TEST', 10],
    ['SECOND_TEST', 200],
  ] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: editor.headers,
      payload: {
        code,
        publisher: 'Test observatory',
        titleEn: `Test ${code}`,
        titleRu: `Тест ${code}`,
        priority,
      },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
});
afterAll(async () => {
  await waitForAllJobs();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Imports a CSV through the API (a committed batch schedules detection), then waits for the jobs. */
async function importCsv(name: string, content: string): Promise<number> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, HEADER + content);
  const form = new FormData();
  form.append('preset', 'observatory-long');
  form.append('wait', 'true');
  form.append('file', new Blob([fs.readFileSync(file)]), name);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: editor.headers,
    body: form as never,
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  const report = res.json<{ batchId: number; status: string; counts: { errors: number } }>();
  expect(report.status, JSON.stringify(report)).toBe('committed');
  await waitForAllJobs();
  return report.batchId;
}

async function list(query = '', session: Session | null = editor) {
  const res = await t.app.inject({
    url: `/api/v1/signals?pageSize=1000${query}`,
    headers: session?.headers ?? {},
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: SignalJson[]; total: number }>();
}

const brief = (items: SignalJson[]) =>
  items
    .map(
      (s) =>
        `${s.kind} ${s.area.code} ${s.substance?.code ?? '-'} ${s.year} ${s.severity} ${s.confidentiality}`,
    )
    .sort();

const find = async (kind: string, area: string, query = '&stale=include') =>
  (await list(query)).items.find((s) => s.kind === kind && s.area.code === area);

const patch = (id: number, action: string, session: Session = editor) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/v1/signals/${id}`,
    headers: session.headers,
    payload: { action },
  });

const note = (id: number, text: string, session: Session = editor) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/signals/${id}/notes`,
    headers: session.headers,
    payload: { text },
  });

const detect = (payload: Record<string, unknown> | undefined, session: Session = editor) =>
  t.app.inject({ method: 'POST', url: '/api/v1/signals/detect', headers: session.headers, payload });

const auditCount = async (action: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from audit_event where action = ${action}`.execute(
      t.database.db,
    )
  ).rows[0]!.n;

let firstBatch = 0;

describe('signals', () => {
  it('an import finds exactly the known signals, as a job, over yearly preferred values only', async () => {
    firstBatch = await importCsv('first.csv', FIRST);
    // A monthly value (roll-ups of events) is not part of the yearly series.
    await sql`
      insert into observation (indicator_id, area_id, period, year, substance_id, source_id, value, unit)
      select i.id, a.id, '2023-06', 2023, s.id, src.id, 50000, 'KG'
      from indicator i, area a, substance s, source src
      where i.code = 'SZR_QTY' and a.code = 'AFG' and s.code = 'cannabis-herb' and src.code = 'NATIONAL_TEST'`.execute(
      t.database.db,
    );
    const all = await list();
    expect(brief(all.items)).toEqual([
      'first_appearance UZB methamphetamine 2017 notice public',
      'record_high IRN heroin 2023 info restricted',
      'record_high KAZ heroin 2023 info public',
      'record_low KGZ heroin 2023 info public',
      'series_break TKM heroin 2019 info public',
      'unusual_change TJK heroin 2023 alert public',
    ]);
    // The detection ran as a job of its own, over the series of the batch.
    const jobs = await sql<{
      id: number;
      status: string;
      params: { batchId: number };
      result: { found: number };
    }>`
      select id, status, params, result from job where kind = 'signals.detect' order by id`.execute(
      t.database.db,
    );
    expect(jobs.rows).toHaveLength(1);
    expect(jobs.rows[0]).toMatchObject({
      status: 'succeeded',
      params: { batchId: firstBatch },
      result: { found: 6 },
    });
    const job = await t.app.inject({ url: `/api/v1/jobs/${jobs.rows[0]!.id}`, headers: editor.headers });
    expect(job.json()).toMatchObject({ kind: 'signals.detect', status: 'succeeded', phase: 'done' });
    // A full run over the cube (with the monthly value in it) finds the same and writes nothing.
    const full = await detect({ wait: true });
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json().result).toMatchObject({
      scope: 'all',
      found: 6,
      inserted: 0,
      updated: 0,
      unchanged: 6,
    });
  });

  it('says the facts with their numbers in English and Russian, and lists the observations behind them', async () => {
    const s = (await find('unusual_change', 'TJK'))!;
    expect(s.params).toMatchObject({ value: 120, previousValue: 310, previousYear: 2022, history: 8 });
    expect(s.params.change).toBeCloseTo(120 / 310 - 1, 12);
    const z = s.params.z as number;
    expect(z).toBeLessThan(-7);
    const en = await t.app.inject({ url: `/api/v1/signals/${s.id}?lang=en` });
    const ru = await t.app.inject({ url: `/api/v1/signals/${s.id}`, headers: { 'accept-language': 'ru' } });
    const zEn = z.toFixed(1);
    expect(en.json().text).toBe(
      `Quantity of drugs seized, Heroin, Tajikistan: unusual fall of 61.3% in 2023, from 310 kg in 2022 to 120 kg (robust z-score ${zEn} against 8 earlier year-on-year changes).`,
    );
    expect(ru.json().text).toBe(
      `Количество изъятых наркотиков, Героин, Таджикистан: необычный спад на 61,3\u00a0% в 2023 г.: с 310 кг в 2022 г. до 120 кг (робастная z-оценка ${zEn.replace('.', ',')} относительно 8 предыдущих годовых изменений).`,
    );
    expect(ru.json()).toMatchObject({
      kindText: 'Необычное изменение',
      severityText: 'Тревога',
      statusText: 'Новый',
    });
    // The whole history is behind a z-score: ten observations, with value and source.
    const obs = en.json().observations as {
      id: number;
      year: number;
      value: number;
      source: { code: string };
    }[];
    expect(obs.map((o) => [o.year, o.value, o.source.code])).toEqual(
      [100, 320, 280, 310, 290, 300, 305, 295, 310, 120].map((v, i) => [2014 + i, v, 'NATIONAL_TEST']),
    );
    expect(obs.map((o) => o.id)).toEqual(s.observationIds);
    // Notes are for signed-in users only.
    expect(en.json().notes).toBeUndefined();
    const first = (await find('first_appearance', 'UZB'))!;
    expect(first.text).toBe(
      'Quantity of drugs seized, Methamphetamine, Uzbekistan: first reported in 2017: 12 kg; in the 3 years before, since 2014, the values were zero or missing.',
    );
    expect(first.observationIds).toHaveLength(3);
  });

  it('filters by kind, severity, status, indicator, area (a group too), substance and years', async () => {
    const codes = async (q: string, session: Session | null = editor) =>
      brief((await list(q, session)).items).map((b) => b.split(' ').slice(0, 2).join(' '));
    expect(await codes('&kind=record_high,record_low')).toEqual([
      'record_high IRN',
      'record_high KAZ',
      'record_low KGZ',
    ]);
    expect(await codes('&severity=alert')).toEqual(['unusual_change TJK']);
    expect(await codes('&area=CA5&substance=heroin&from=2020&to=2023')).toEqual([
      'record_high KAZ',
      'record_low KGZ',
      'unusual_change TJK',
    ]);
    expect(await codes('&area=KZ,UZB&indicator=szr_qty')).toEqual([
      'first_appearance UZB',
      'record_high KAZ',
    ]);
    expect(await codes('&to=2019')).toEqual(['first_appearance UZB', 'series_break TKM']);
    expect(await codes('&status=confirmed')).toEqual([]);
    const page = await t.app.inject({ url: '/api/v1/signals?pageSize=2&page=2' });
    expect(page.json()).toMatchObject({ page: 2, pageSize: 2, total: 5 });
    expect(page.json().items).toHaveLength(2);
  });

  it('never shows a signal built on data the caller may not see, by list or by id', async () => {
    const iran = (await find('record_high', 'IRN'))!;
    expect(iran.confidentiality).toBe('restricted');
    for (const session of [null, viewer]) {
      const items = (await list('', session)).items;
      expect(items).toHaveLength(5);
      expect(items.map((s) => s.area.code)).not.toContain('IRN');
      const one = await t.app.inject({ url: `/api/v1/signals/${iran.id}`, headers: session?.headers ?? {} });
      expect(one.statusCode).toBe(404);
      expect(one.json().error.code).toBe('not_found');
    }
    const seen = await t.app.inject({ url: `/api/v1/signals/${iran.id}`, headers: editor.headers });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().observations).toHaveLength(3);
  });

  it('confirm, mute, reopen and notes are audited; re-detection keeps them and changes nothing', async () => {
    const kaz = (await find('record_high', 'KAZ'))!;
    const tjk = (await find('unusual_change', 'TJK'))!;
    const uzb = (await find('first_appearance', 'UZB'))!;
    const before = await auditCount('signal.status');

    const confirmed = await patch(kaz.id, 'confirm');
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', statusText: 'Confirmed' });
    expect((await patch(tjk.id, 'mute')).json().status).toBe('muted');
    expect((await patch(tjk.id, 'reopen')).json().status).toBe('new');
    expect((await patch(tjk.id, 'mute')).json().status).toBe('muted');
    const added = await note(kaz.id, 'Checked with the national focal point: a large single seizure.');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      author: expect.stringMatching(/^editor-/),
      text: expect.stringContaining('focal'),
    });
    expect((await note(uzb.id, 'Первые изъятия метамфетамина.')).statusCode).toBe(201);
    expect(await auditCount('signal.status')).toBe(before + 4);
    const audit = await sql<{ before: unknown; after: unknown }>`
      select before, after from audit_event where action = 'signal.status' and entity_id = ${String(kaz.id)}`.execute(
      t.database.db,
    );
    expect(audit.rows).toEqual([
      { before: { status: 'new' }, after: { status: 'confirmed', action: 'confirm' } },
    ]);
    expect(await auditCount('signal.note')).toBe(2);

    const snapshot = (await list('&stale=include')).items;
    const again = await detect({ wait: true });
    expect(again.json().result).toMatchObject({
      found: 6,
      inserted: 0,
      updated: 0,
      unchanged: 6,
      stale: 0,
      deleted: 0,
    });
    const batchAgain = await detect({ batchId: firstBatch, wait: true });
    expect(batchAgain.json().result).toMatchObject({ scope: 'batch', found: 6, inserted: 0, updated: 0 });
    // Writers outside the import pipeline (roll-ups) can ask for given (indicator, area) pairs.
    const pair = await sql<{ indicatorId: number; areaId: number }>`
      select i.id as indicator_id, a.id as area_id from indicator i, area a
      where i.code = 'SZR_QTY' and a.code = 'KAZ'`.execute(t.database.db);
    const { finished } = await scheduleSignalDetection(t.database.db, { groups: pair.rows }, null);
    expect(await finished).toMatchObject({ scope: 'groups', groups: 1, series: 1, found: 1, unchanged: 1 });
    expect((await list('&stale=include')).items).toEqual(snapshot);
    const detail = await t.app.inject({ url: `/api/v1/signals/${kaz.id}`, headers: viewer.headers });
    expect(detail.json()).toMatchObject({ status: 'confirmed', noteCount: 1 });
    expect(detail.json().notes).toEqual([
      expect.objectContaining({ text: 'Checked with the national focal point: a large single seizure.' }),
    ]);
  });

  it('a revision makes a touched signal stale and removes an untouched one; a rollback brings them back by itself', async () => {
    const kaz = (await find('record_high', 'KAZ'))!;
    const kgz = (await find('record_low', 'KGZ'))!;
    expect(kaz.status).toBe('confirmed');
    expect(kgz).toMatchObject({ status: 'new', noteCount: 0 });
    // A corrected edition: Kazakhstan 2023 is no record any more, nor Kyrgyzstan 2023.
    const revision = await importCsv(
      'revision.csv',
      rows('KAZ', 'heroin', 2023, [115]) + rows('KGZ', 'heroin', 2023, [52]),
    );
    const now = await list();
    expect(now.items.map((s) => `${s.kind} ${s.area.code}`)).not.toContain('record_high KAZ');
    expect(now.items.map((s) => `${s.kind} ${s.area.code}`)).not.toContain('record_low KGZ');
    const stale = (await list('&stale=only')).items;
    expect(stale).toEqual([
      expect.objectContaining({ id: kaz.id, status: 'confirmed', stale: true, noteCount: 1 }),
    ]);
    const one = await t.app.inject({ url: `/api/v1/signals/${kgz.id}`, headers: editor.headers });
    expect(one.statusCode).toBe(404);
    // Other series were not touched.
    expect((await find('unusual_change', 'TJK'))!.status).toBe('muted');

    const rollback = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${revision}/rollback`,
      headers: editor.headers,
      payload: { reason: 'wrong edition' },
    });
    expect(rollback.statusCode, rollback.body).toBe(200);
    // The rollback schedules detection over the batch's series itself; a second run finds it done.
    await waitForAllJobs();
    const redo = await detect({ batchId: revision, wait: true });
    expect(redo.statusCode, redo.body).toBe(200);
    expect(redo.json().result).toMatchObject({ scope: 'batch', batchId: revision, inserted: 0, updated: 0 });
    const back = (await find('record_high', 'KAZ', ''))!;
    expect(back).toMatchObject({ id: kaz.id, status: 'confirmed', stale: false, noteCount: 1 });
    expect(back.params.value).toBe(130);
    const reborn = (await find('record_low', 'KGZ', ''))!;
    expect(reborn).toMatchObject({ status: 'new', stale: false });
    expect(reborn.id).not.toBe(kgz.id);
    expect(reborn.observationIds).toEqual(kgz.observationIds);
  });

  it('rejects bad filters and unknown codes with 400 naming them, and bad writes without changing anything', async () => {
    const bad = async (q: string, param: string, unknown?: string[]) => {
      const res = await t.app.inject({ url: `/api/v1/signals?${q}` });
      expect(res.statusCode, q).toBe(400);
      const error = res.json().error;
      expect(error.details[0].param, q).toBe(param);
      if (unknown) {
        expect(error.code).toBe('unknown_codes');
        expect(error.details[0].unknown).toEqual(unknown);
        for (const code of unknown) expect(error.message).toContain(code);
      }
      return error;
    };
    await bad('kind=record_high,spike', 'kind', ['spike']);
    await bad('severity=urgent', 'severity', ['urgent']);
    await bad('status=stale', 'status', ['stale']);
    await bad('indicator=SZR_QTY,NOPE', 'indicator', ['NOPE']);
    await bad('area=KAZ,XX,ATLANTIS', 'area', ['XX', 'ATLANTIS']);
    await bad('substance=unobtainium', 'substance', ['unobtainium']);
    expect((await bad('from=2023&to=2019', 'from')).code).toBe('invalid_parameter');
    expect((await bad('from=abc', 'from')).code).toBe('invalid_parameter');
    expect((await bad('stale=maybe', 'stale')).code).toBe('invalid_parameter');
    const ru = await t.app.inject({ url: '/api/v1/signals?kind=spike&lang=ru' });
    expect(ru.json().error.message).toBe('Неизвестный код для «kind»: spike.');

    const kaz = (await find('record_high', 'KAZ'))!;
    const audits = await auditCount('signal.status');
    const same = await patch(kaz.id, 'confirm');
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toMatchObject({ code: 'signal_status_unchanged' });
    expect(same.json().error.message).toBe(`Signal ${kaz.id} already has the status “confirmed”.`);
    expect((await patch(kaz.id, 'delete')).statusCode).toBe(400);
    expect((await patch(999_999, 'mute')).statusCode).toBe(404);
    expect((await patch(kaz.id, 'mute', viewer)).statusCode).toBe(403);
    const unsafe = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/signals/${kaz.id}`,
      headers: { cookie: editor.cookie },
      payload: { action: 'mute' },
    });
    expect(unsafe.statusCode).toBe(403);
    expect(await auditCount('signal.status')).toBe(audits);
    expect((await find('record_high', 'KAZ'))!.status).toBe('confirmed');

    const notes = await auditCount('signal.note');
    expect((await note(kaz.id, '   ')).statusCode).toBe(400);
    expect((await note(kaz.id, 'x'.repeat(4001))).statusCode).toBe(400);
    expect((await note(999_999, 'hello')).statusCode).toBe(404);
    expect((await note(kaz.id, 'hello', viewer)).statusCode).toBe(403);
    expect(await auditCount('signal.note')).toBe(notes);
    expect((await find('record_high', 'KAZ'))!.noteCount).toBe(1);

    const missing = await detect({ batchId: 999_999 });
    expect(missing.statusCode).toBe(404);
    expect((await detect({ batchId: 'x' })).statusCode).toBe(400);
    expect((await detect({ scope: 'everything' })).statusCode).toBe(400);
    expect((await detect({}, viewer)).statusCode).toBe(403);
    // A dry run changed nothing: nothing to detect.
    const file = path.join(dir, 'dry.csv');
    fs.writeFileSync(file, HEADER + rows('KAZ', 'heroin', 2024, [1]));
    const form = new FormData();
    form.append('preset', 'observatory-long');
    form.append('dryRun', 'true');
    form.append('wait', 'true');
    form.append('file', new Blob([fs.readFileSync(file)]), 'dry.csv');
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: editor.headers,
      body: form as never,
    });
    const dryBatch = dry.json<{ batchId: number; status: string }>();
    expect(dryBatch.status).toBe('checked');
    const refused = await detect({ batchId: dryBatch.batchId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('signal_batch_not_applied');
    // Without a body: every series, answered at once with the job to follow.
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signals/detect',
      headers: editor.headers,
    });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toEqual({ jobId: expect.any(Number) });
    await waitForAllJobs();
  });
});
