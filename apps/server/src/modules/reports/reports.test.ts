import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { waitForJob } from '../../platform/jobs.ts';
import { loadDemoPack } from '../imports/index.ts';
import { detectSignals } from '../signals/index.ts';
import { loadDialogueDemo } from '../dialogues/index.ts';
import { loadProgrammesDemo } from '../programmes/index.ts';
import { loadStrategiesDemo } from '../strategies/index.ts';
import { translator } from '@observatory/shared/i18n';
import { buildPackModel } from './pack.model.ts';
import { DRUG_DOMAINS, SIGNAL_LIMIT, type SnapshotContent } from './pack.snapshot.ts';
import { docxText, pdfText } from './test/extract.ts';
import { insertMeetingFixture } from './test/meeting.ts';

/**
 * Briefing packs on the demo pack (UNODC WDR 2025 table 7.1 extract): generated as jobs, checked by
 * extracting the text of the DOCX and the PDF.
 */
let t: TestApp;
let editor: Session;
let viewer: Session;
let meetingId: number;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-reports-'));

beforeAll(async () => {
  t = await createTestApp({ OBSERVATORY_FILES_DIR: filesDir });
  await loadDemoPack(t.database.db, filesDir);
  await detectSignals(t.database.db, { all: true }, null);
  ({ meetingId } = await insertMeetingFixture(t.database.db));
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
}, 120_000);
afterAll(() => t?.close());

interface Pack {
  id: number;
  jobId: number;
  status: string;
  snapshotId: number | null;
  files: { docx: string | null; pdf: string | null };
  fileNames: { docx: string; pdf: string };
  fallbacks: {
    field: string;
    params: Record<string, unknown>;
    missing: string;
    used: string;
    message: string;
  }[];
  warnings: { code: string }[];
}

async function generate(body: Record<string, unknown>, session = editor, id = meetingId) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${id}/briefing-packs`,
    headers: session.headers,
    payload: body,
  });
}

/** Generates a pack, waits for its job, and returns the finished pack. */
async function generated(body: Record<string, unknown>): Promise<Pack> {
  const res = await generate(body);
  expect(res.statusCode, res.body).toBe(202);
  const started = res.json<Pack>();
  expect(started.jobId).toBeGreaterThan(0);
  await waitForJob(started.jobId);
  const done = await t.app.inject({ url: `/api/v1/briefing-packs/${started.id}`, headers: viewer.headers });
  expect(done.statusCode, done.body).toBe(200);
  const pack = done.json<Pack>();
  expect(pack.status, JSON.stringify(pack)).toBe('succeeded');
  return pack;
}

async function download(pack: Pack, format: 'docx' | 'pdf', session = viewer) {
  const res = await t.app.inject({ url: pack.files[format]!, headers: session.headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

const heroinValue = async () => {
  const res = await t.app.inject({
    url: '/api/v1/analytics/series?indicator=SZR_QTY&substance=heroin&area=TJK&from=2023&to=2023',
  });
  return res.json().series[0].points[0] as { value: number; observationIds: number[] };
};

describe('briefing packs', () => {
  it('generates a Russian TJK pack: Cyrillic headings, 422,48 with its UNODC footnote, in DOCX and PDF', async () => {
    expect((await heroinValue()).value).toBe(422.48);
    const pack = await generated({ audience: 'TJK', language: 'ru' });
    expect(pack.fileNames.pdf).toBe('briefing-pack-2023-12-12-TJK-ru.pdf');

    const docx = await download(pack, 'docx');
    expect(docx.headers['content-disposition']).toBe(
      'attachment; filename="briefing-pack-2023-12-12-TJK-ru.docx"',
    );
    const parts = await docxText(docx.rawPayload);
    const body = parts['word/document.xml']!;
    const notes = parts['word/footnotes.xml']!;
    expect(body).toContain('Справочные материалы');
    expect(body).toContain('Повестка дня');
    expect(body).toContain('Положение в стране: Таджикистан');
    expect(body).toMatch(/\n\d+ ряд(а|ов)? данных\n/);
    // The number, not followed by another digit (the footnote reference is a separate run).
    expect(body).toMatch(/422,48(?!\d)/);
    expect(body).toContain('Ход выполнения стратегии');
    expect(body).toMatch(/A\.1 Мера А\.1 — по плану, 40 %/);
    // Latest signals of Tajikistan, in Russian, from the signal rows.
    const signal = await t.database.db
      .selectFrom('signal')
      .innerJoin('area', 'area.id', 'signal.areaId')
      .select('signal.textRu')
      .where('area.code', '=', 'TJK')
      .where('signal.status', '<>', 'muted')
      .orderBy('signal.year', 'desc')
      .orderBy('signal.id', 'desc')
      .executeTakeFirst();
    expect(signal, 'the demo data gives Tajikistan at least one signal').toBeDefined();
    expect(body).toContain(signal!.textRu);
    expect(body).toContain('Тестовое поручение'); // open follow-up of the previous meeting
    expect(body).not.toContain('Closed follow-up');
    expect(body).toContain('Тестовая программа');
    // One short note per number (source's short citation + observation id) …
    const heroin = await heroinValue();
    expect(notes).toContain(`UNODC, WDR 2025, табл. 7.1; наблюдение ${heroin.observationIds[0]}\n`);
    expect(notes).not.toContain('Всемирный доклад');
    // … and the full description once, in the Sources section at the end.
    const sources = body.slice(body.lastIndexOf('\nИсточники\n'));
    expect(sources).toMatch(/^\nИсточники\n/);
    expect(sources).toContain(
      'UNODC, WDR 2025, табл. 7.1. UNODC, Всемирный доклад о наркотиках 2025, статистическое приложение',
    );
    expect(sources).toContain('таблица 7.1 Drug seizures, издание WDR 2025, https://www.unodc.org/');
    expect(sources).toContain('лицензия: ©');
    expect(body.split('Всемирный доклад о наркотиках 2025').length).toBe(2);
    // A gap stays a gap: TJK reported no cannabis herb seizure for 2020.
    expect(body).toContain('нет данных');

    const pdf = await download(pack, 'pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Справочные материалы');
    expect(text).toContain('Повестка дня');
    // In the PDF the reference is a bracketed superscript: 422,48[5].
    expect(text).toMatch(/422,48\[\d+\]/);
    expect(text).toMatch(/\[\d+\] UNODC, WDR 2025, табл\. 7\.1; наблюдение \d+\n/);
    expect(text).not.toMatch(/\[\d+\] [^\n]*Всемирный доклад/);
    const pdfSources = text.slice(text.lastIndexOf('\nИсточники\n'));
    expect(pdfSources).toMatch(
      /^\nИсточники\nUNODC, WDR 2025, табл\. 7\.1\. UNODC, Всемирный доклад о наркотиках 2025/,
    );
    expect(text).toContain('Примечания о переводе');
  }, 60_000);

  it('lists each translation fallback in the pack and in the API', async () => {
    const pack = await generated({ audience: 'TJK', language: 'ru' });
    expect(pack.fallbacks).toContainEqual(
      expect.objectContaining({ field: 'agenda.title', params: { n: 2 }, missing: 'ru', used: 'en' }),
    );
    const text = await pdfText((await download(pack, 'pdf')).rawPayload);
    expect(text).toContain('Country updates (English only)');
    expect(text).toContain('Пункт повестки 2');
    // The English pack needs no fallback for that title.
    const en = await generated({ audience: 'TJK', language: 'en' });
    expect(en.fallbacks.filter((f) => f.field === 'agenda.title')).toEqual([]);
  }, 60_000);

  it('generates an English EU pack with the five countries side by side', async () => {
    const pack = await generated({ audience: 'EU', language: 'en' });
    const body = (await docxText((await download(pack, 'docx')).rawPayload))['word/document.xml']!;
    expect(body).toContain('Central Asia: latest year per substance');
    for (const name of ['Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan', 'Uzbekistan'])
      expect(body).toContain(name);
    expect(body).toMatch(/422\.48 \(2023\)/);
    const text = await pdfText((await download(pack, 'pdf')).rawPayload);
    expect(text).toContain('Briefing pack');
    expect(text).toContain('EU side');
    // Each chart has a heading naming indicator, substance and unit, in DOCX and PDF.
    expect(body).toContain('\nQuantity of drugs seized: Heroin, kg\n');
    expect(text).toContain('\nQuantity of drugs seized: Heroin, kg\n');
    expect(text).toMatch(/\nSources\nUNODC, WDR 2025, table 7\.1\. UNODC, World Drug Report 2025/);

    // The model both renderers draw: a heading before every chart, country names in the legends.
    const snapshot = await t.database.db
      .selectFrom('dataSnapshot')
      .select('content')
      .where('id', '=', pack.snapshotId!)
      .executeTakeFirstOrThrow();
    for (const lang of ['en', 'ru'] as const) {
      const model = buildPackModel(snapshot.content as SnapshotContent, lang, {
        id: 1,
        takenAt: '2026-01-01',
      });
      const blocks = model.sections.flatMap((s) => s.blocks);
      const charts = blocks.flatMap((b, i) =>
        b.type === 'chart' ? [{ chart: b, before: blocks[i - 1] }] : [],
      );
      expect(charts.length).toBeGreaterThan(1);
      for (const { chart, before } of charts) {
        expect(before).toEqual({ type: 'heading', text: chart.title });
        expect(chart.svg).not.toMatch(/>(KAZ|KGZ|TJK|TKM|UZB)</);
      }
      const legend = lang === 'en' ? '>Tajikistan<' : '>Таджикистан<';
      expect(charts.some(({ chart }) => chart.svg.includes(legend))).toBe(true);
      if (lang === 'ru') expect(charts[0]!.chart.title).toBe('Количество изъятых наркотиков: Героин, кг');
    }
  }, 60_000);

  it('renders the same numbers from a recorded snapshot after the data changed; a new snapshot has the new number', async () => {
    const first = await generated({ audience: 'TJK', language: 'ru' });
    const { observationIds } = await heroinValue();
    const revise = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/observations/${observationIds[0]}`,
      headers: editor.headers,
      payload: { value: 430.5, reason: 'revised figure (test)' },
    });
    expect(revise.statusCode, revise.body).toBe(200);
    expect((await heroinValue()).value).toBe(430.5);

    const again = await generated({ audience: 'TJK', language: 'ru', snapshotId: first.snapshotId });
    expect(again.snapshotId).toBe(first.snapshotId);
    const sameText = await pdfText((await download(again, 'pdf')).rawPayload);
    expect(sameText).toMatch(/2023 422,48\[\d+\]/);
    expect(sameText).not.toContain('430,5');

    const fresh = await generated({ audience: 'TJK', language: 'ru' });
    expect(fresh.snapshotId).not.toBe(first.snapshotId);
    const newText = (await docxText((await download(fresh, 'docx')).rawPayload))['word/document.xml']!;
    // The heroin table row of 2023 (the stored signal texts keep the number they were detected with).
    expect(newText).toMatch(/\n2023\n430,5\n/);
    expect(newText).not.toMatch(/\n2023\n422,48\n/);

    // Put the value back for the other tests.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/observations/${observationIds[0]}`,
      headers: editor.headers,
      payload: { value: 422.48, reason: 'restore (test)' },
    });
  }, 90_000);

  it('refuses a snapshot of another audience or meeting, an unknown audience and an unknown meeting, writing nothing', async () => {
    const pack = await generated({ audience: 'TJK', language: 'en' });
    const before = await t.database.db
      .selectFrom('briefingPack')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();

    const other = await generate({ audience: 'KAZ', language: 'en', snapshotId: pack.snapshotId });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0]).toMatchObject({ param: 'snapshotId', code: 'snapshot_mismatch' });
    expect(other.json().error.message).toContain(`snapshot ${pack.snapshotId}`);

    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/briefing-packs?lang=ru`,
      headers: editor.headers,
      payload: { audience: 'AFG', language: 'ru' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].param).toBe('audience');
    expect(unknown.json().error.details[0].message).toBe('допустимые значения: EU, KAZ, KGZ, TJK, TKM, UZB');

    const missing = await generate({ audience: 'TJK', language: 'en' }, editor, 999_999);
    expect(missing.statusCode).toBe(404);

    const after = await t.database.db
      .selectFrom('briefingPack')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  }, 60_000);

  it('applies access: the public gets 401, a viewer may read and download but not generate', async () => {
    const pack = await generated({ audience: 'KGZ', language: 'en' });
    expect((await t.app.inject({ url: `/api/v1/briefing-packs/${pack.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: pack.files.pdf! })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/v1/meetings/${meetingId}/briefing-packs` })).statusCode).toBe(
      401,
    );
    expect((await generate({ audience: 'KGZ', language: 'en' }, viewer)).statusCode).toBe(403);
    const list = await t.app.inject({
      url: `/api/v1/meetings/${meetingId}/briefing-packs`,
      headers: viewer.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: Pack) => p.id)).toContain(pack.id);
    const pdf = await download(pack, 'pdf', viewer);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const job = await t.app.inject({ url: `/api/v1/jobs/${pack.jobId}`, headers: editor.headers });
    expect(job.statusCode, job.body).toBe(200);
    expect(job.json()).toMatchObject({ kind: 'briefing_pack', status: 'succeeded' });
  }, 60_000);
});

describe('signals in a pack', () => {
  it('lists drug-indicator signals only, newest year then severity, at most 8, and says how many more', async () => {
    const db = t.database.db;
    const indicators = await db
      .selectFrom('indicator')
      .select(['id', 'code', 'domain'])
      .where('code', 'in', ['SZR_QTY', 'POP_TOTAL'])
      .execute();
    const ind = (code: string) => indicators.find((i) => i.code === code)!;
    expect(ind('POP_TOTAL').domain).toBe('POP');
    const tjk = await db.selectFrom('area').select('id').where('code', '=', 'TJK').executeTakeFirstOrThrow();
    const { observationIds } = await heroinValue();
    const signal = (
      tag: string,
      indicator: string,
      severity: 'info' | 'notice' | 'alert',
      confidentiality: 'public' | 'restricted' = 'public',
    ) => ({
      fingerprint: `test-r2-${tag}`,
      digest: tag,
      kind: 'record_high' as const,
      indicatorId: ind(indicator).id,
      areaId: tjk.id,
      substanceId: null,
      dimKey: '',
      dims: JSON.stringify({}),
      year: 2099,
      severity,
      params: JSON.stringify({}),
      observationIds,
      textEn: `Test signal ${tag}`,
      textRu: `Тестовый сигнал ${tag}`,
      confidentiality,
    });
    // Inserted in the order info, population, alert, restricted, notice: ids do not give the order.
    const inserted = await db
      .insertInto('signal')
      .values([
        signal('info', 'SZR_QTY', 'info'),
        signal('population', 'POP_TOTAL', 'alert'),
        signal('alert', 'SZR_QTY', 'alert'),
        signal('restricted', 'SZR_QTY', 'alert', 'restricted'),
        signal('notice', 'SZR_QTY', 'notice'),
      ])
      .returning('id')
      .execute();
    try {
      const pack = await generated({ audience: 'TJK', language: 'ru' });
      const snapshot = await db
        .selectFrom('dataSnapshot')
        .select('content')
        .where('id', '=', pack.snapshotId!)
        .executeTakeFirstOrThrow();
      const content = snapshot.content as SnapshotContent;
      // The newest year first, and within it alert > notice > info; no population, nothing restricted.
      expect(content.signals.slice(0, 3).map((s) => s.text.en)).toEqual([
        'Test signal alert',
        'Test signal notice',
        'Test signal info',
      ]);
      const rank = { alert: 0, notice: 1, info: 2 } as Record<string, number>;
      for (let i = 1; i < content.signals.length; i++) {
        const [a, b] = [content.signals[i - 1]!, content.signals[i]!];
        expect(a.year > b.year || (a.year === b.year && rank[a.severity]! <= rank[b.severity]!)).toBe(true);
      }
      // Every signal matching (drug domain, TJK, not muted, not stale, not restricted), shown or not.
      const matching = await db
        .selectFrom('signal')
        .innerJoin('indicator', 'indicator.id', 'signal.indicatorId')
        .select([
          'signal.id',
          'indicator.domain',
          'signal.confidentiality',
          'signal.status',
          'signal.staleAt',
        ])
        .where('signal.areaId', '=', tjk.id)
        .execute();
      const expected = matching.filter(
        (s) =>
          DRUG_DOMAINS.includes(s.domain) &&
          s.confidentiality !== 'restricted' &&
          s.status !== 'muted' &&
          s.staleAt === null,
      );
      expect(matching.some((s) => !DRUG_DOMAINS.includes(s.domain))).toBe(true);
      expect(content.signalsTotal).toBe(expected.length);
      expect(content.signals.length).toBe(Math.min(SIGNAL_LIMIT, expected.length));
      expect(content.signals.map((s) => s.id).every((id) => expected.some((e) => e.id === id))).toBe(true);

      const text = await pdfText((await download(pack, 'pdf')).rawPayload);
      expect(text).not.toContain('Тестовый сигнал population');
      expect(text).not.toContain('Тестовый сигнал restricted');
      expect(text).not.toMatch(/Численность населения/);
      expect(text).toMatch(
        /TJK · 2099: Тестовый сигнал alert\nTJK · 2099: Тестовый сигнал notice\nTJK · 2099: Тестовый сигнал info/,
      );
      const more = expected.length - SIGNAL_LIMIT;
      expect(more).toBeGreaterThan(0);
      expect(text).toContain(translator('ru')('reports:signalMore', { count: more }));
    } finally {
      await db
        .deleteFrom('signal')
        .where(
          'id',
          'in',
          inserted.map((r) => r.id),
        )
        .execute();
    }
  }, 60_000);
});

describe('the briefing pack of the demo meeting (12 December 2023, Brussels)', () => {
  it('shows the recorded agenda, CADAP 7 and the EU Drugs Strategy in a Russian TJK pack', async () => {
    await loadProgrammesDemo(t.database.db);
    await loadStrategiesDemo(t.database.db);
    await loadDialogueDemo(t.database.db);
    const demo = await t.database.db
      .selectFrom('meeting')
      .innerJoin('dialogue', 'dialogue.id', 'meeting.dialogueId')
      .select(['meeting.id', 'meeting.titleRu'])
      .where('dialogue.code', '=', 'EU-CA')
      .executeTakeFirstOrThrow();
    const res = await generate({ audience: 'TJK', language: 'ru' }, editor, demo.id);
    expect(res.statusCode, res.body).toBe(202);
    await waitForJob(res.json<Pack>().jobId);
    const pack = (
      await t.app.inject({ url: `/api/v1/briefing-packs/${res.json<Pack>().id}`, headers: viewer.headers })
    ).json<Pack>();
    expect(pack.status).toBe('succeeded');
    expect(pack.fileNames.docx).toBe('briefing-pack-2023-12-12-TJK-ru.docx');
    const body = (await docxText((await download(pack, 'docx')).rawPayload))['word/document.xml']!;
    if (demo.titleRu) expect(body).toContain(demo.titleRu);
    expect(body).toContain('Обновленная информация стран Центральной Азии');
    expect(body).toContain('CADAP7');
    expect(body).toMatch(/422,48(?!\d)/);
    const text = await pdfText((await download(pack, 'pdf')).rawPayload);
    expect(text).toContain('Ход выполнения стратегии');
    expect(text).toMatch(/422,48\[\d+\]/);
  }, 60_000);
});

describe('a briefing pack without data', () => {
  let empty: TestApp;
  afterAll(() => empty?.close());

  it('is refused with a bilingual error naming the audience: no job, nothing stored', async () => {
    empty = await createTestApp({
      OBSERVATORY_FILES_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'obs-reports-empty-')),
    });
    const { meetingId: id } = await insertMeetingFixture(empty.database.db);
    const session = await signIn(empty, 'editor');
    for (const [lang, text] of [
      ['en', 'no figures for audience Tajikistan'],
      ['ru', 'Для стороны Таджикистан нет данных'],
    ] as const) {
      const res = await empty.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${id}/briefing-packs?lang=${lang}`,
        headers: session.headers,
        payload: { audience: 'TJK', language: 'ru' },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('briefing_pack_no_data');
      expect(res.json().error.message).toContain(text);
    }
    const counts = await Promise.all(
      (['briefingPack', 'dataSnapshot', 'job'] as const).map((table) =>
        empty.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
    );
    expect(counts.map((c) => Number(c.n))).toEqual([0, 0, 0]);
  }, 60_000);
});
