import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { findAnyPreset } from '../imports/index.ts';
import { cubeChecksum, tempDir, writeTemp } from './test/helpers.ts';
import { EVENT_TEMPLATE_COLUMNS } from './index.ts';

/**
 * Seizure events end to end: the template, imports through the pipeline (report, re-import,
 * correction by reference, dry run, rollback), bad input with located bilingual issues and nothing
 * changed, the roll-ups in the cube after every change, the API (list, detail with history, edit,
 * delete, conversion factors) and who may see what.
 */

interface Issue {
  row: number | null;
  column: string | null;
  code: string;
  severity: string;
  params: Record<string, unknown>;
  message: { en: string; ru: string };
}
interface Report {
  batchId: number;
  status: string;
  counts: Record<string, number>;
  issues: Issue[];
  message: { en: string; ru: string };
}

const HEADER = `${EVENT_TEMPLATE_COLUMNS.join(',')}\n`;
/** One CSV line in template order. */
const line = (v: Partial<Record<(typeof EVENT_TEMPLATE_COLUMNS)[number], string | number>>) =>
  EVENT_TEMPLATE_COLUMNS.map((c) => {
    const x = v[c] === undefined ? '' : String(v[c]);
    return /[",\n]/.test(x) ? `"${x.replaceAll('"', '""')}"` : x;
  }).join(',');
const ev = (extra: Parameters<typeof line>[0]) =>
  line({ substance_code: 'heroin', unit: 'KG', source_code: 'EV_TEST', ...extra });

let t: TestApp;
let editor: Session;
let viewer: Session;
let admin: Session;
const dir = tempDir();
const filesDir = tempDir();

beforeAll(async () => {
  t = await createTestApp({ OBSERVATORY_FILES_DIR: filesDir });
  [editor, viewer, admin] = await Promise.all([signIn(t, 'editor'), signIn(t, 'viewer'), signIn(t, 'admin')]);
  for (const code of ['EV_TEST', 'EV_OTHER']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: editor.headers,
      payload: {
        code,
        publisher: 'Test agency',
        titleEn: `Seizure register ${code}`,
        titleRu: 'Реестр изъятий',
      },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
});
afterAll(async () => {
  await t?.close();
  for (const d of [dir, filesDir]) fs.rmSync(d, { recursive: true, force: true });
});

function form(file: string, name: string, fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([fs.readFileSync(file)]), name);
  return f;
}

async function importCsv(name: string, body: string, fields: Record<string, string> = {}): Promise<Report> {
  const file = writeTemp(dir, name, HEADER + body);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: editor.headers,
    payload: form(file, name, { wait: 'true', preset: 'observatory-events', ...fields }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Report>();
}

const get = async <T = Record<string, unknown>>(url: string, session: Session | null = null) => {
  const res = await t.app.inject({ url, headers: session?.headers ?? {} });
  return { status: res.statusCode, body: res.json<T>() };
};

/** The roll-up observations of the test sources, as comparable rows. */
async function rollups(source = 'EV_TEST') {
  const r = await sql<{ key: string; value: number; unit: string; confidentiality: string }>`
    select i.code || ' ' || a.code || ' ' || s.code || ' ' || o.period || ' ' || o.dim_key as key, o.value, o.unit,
      o.confidentiality
    from observation o join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
    join substance s on s.id = o.substance_id join source src on src.id = o.source_id
    where src.code = ${source} order by 1
  `.execute(t.database.db);
  return Object.fromEntries(r.rows.map((x) => [x.key, [x.value, x.unit, x.confidentiality]]));
}

const eventCount = async () =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from seizure_event`.execute(t.database.db)).rows[0]!
      .n,
  );

let firstBatch: number;

describe('template and preset', () => {
  it('serves the XLSX template whose columns are the ones the preset reads', async () => {
    const res = await t.app.inject({ url: '/api/v1/events/import-template.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['events', 'instructions', 'инструкция', 'codes']);
    const header = (wb.getWorksheet('events')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...EVENT_TEMPLATE_COLUMNS]);
    const ru = wb.getWorksheet('инструкция')!;
    expect(ru.getCell('B5').text).toMatch(/Дата изъятия/);
    const codes = wb.getWorksheet('codes')!;
    const listed = codes.getColumn(2).values.map(String);
    expect(listed).toEqual(expect.arrayContaining(['TABLETS', 'G', 'CAR', 'heroin', 'EV_TEST']));
    expect(listed).not.toContain('EUR_G');

    const preset = findAnyPreset('observatory-events')!;
    expect(preset.target).toBe('seizure_events');
    const read = [
      ...Object.values(preset.fields).map((f) => f?.column),
      'column' in preset.source ? preset.source.column : undefined,
    ].filter((c) => c !== undefined);
    expect(new Set(read)).toEqual(new Set(EVENT_TEMPLATE_COLUMNS));
  });
});

describe('import and roll-ups', () => {
  it('imports events and rolls them up by area × substance × year and month, per unit and confidentiality', async () => {
    const report = await importCsv(
      'events-1.csv',
      [
        ev({
          date: '2023-01-15',
          area_code: 'KAZ',
          amount: 10,
          reference: 'K-1',
          latitude: 43.2,
          longitude: 76.9,
        }),
        ev({
          date: '2023-01-20',
          area_code: 'KAZ',
          amount: 500,
          unit: 'G',
          reference: 'K-2',
          transit: 'UZB; TJK',
        }),
        ev({ date: '2023-03', area_code: 'KAZ', amount: 2, reference: 'K-3', confidentiality: 'dialogue' }),
        ev({
          date: '2023',
          area_code: 'KAZ',
          amount: 1.5,
          reference: 'K-4',
          origin: 'AFG',
          destination: 'RUS',
        }),
        ev({ date: '2023-01-25', area_code: 'KAZ', amount: 200, unit: 'TABLETS', reference: 'K-5' }),
        ev({
          date: '2023-02-02',
          area_code: 'KGZ',
          amount: 3,
          reference: 'G-1',
          confidentiality: 'restricted',
        }),
        ev({ date: '12.05.2022', area_code: 'Kazakhstan', amount: 0.25, unit: 'T', conveyance: 'TRUCK' }),
      ].join('\n') + '\n',
    );
    expect(report.status, JSON.stringify(report.issues)).toBe('committed');
    expect(report.counts).toMatchObject({ rows: 7, inserted: 7, updated: 0, unchanged: 0, errors: 0 });
    expect(report.counts.rollupsInserted).toBeGreaterThan(0);
    firstBatch = report.batchId;

    expect(await rollups()).toEqual({
      // 2023 KAZ: 5 events; kg: 10 + 0.5 + 2 + 1.5; tablets apart; one dialogue event makes the totals dialogue.
      'SZR_CASES KAZ heroin 2023 ': [5, 'CASES', 'dialogue'],
      'SZR_QTY KAZ heroin 2023 ': [14, 'KG', 'dialogue'],
      'SZR_QTY KAZ heroin 2023 measureUnit=TABLETS': [200, 'TABLETS', 'public'],
      'SZR_CASES KAZ heroin 2023-01 ': [3, 'CASES', 'public'],
      'SZR_QTY KAZ heroin 2023-01 ': [10.5, 'KG', 'public'],
      'SZR_QTY KAZ heroin 2023-01 measureUnit=TABLETS': [200, 'TABLETS', 'public'],
      'SZR_CASES KAZ heroin 2023-03 ': [1, 'CASES', 'dialogue'],
      'SZR_QTY KAZ heroin 2023-03 ': [2, 'KG', 'dialogue'],
      'SZR_CASES KAZ heroin 2022 ': [1, 'CASES', 'public'],
      'SZR_QTY KAZ heroin 2022 ': [250, 'KG', 'public'],
      'SZR_CASES KAZ heroin 2022-05 ': [1, 'CASES', 'public'],
      'SZR_QTY KAZ heroin 2022-05 ': [250, 'KG', 'public'],
      'SZR_CASES KGZ heroin 2023 ': [1, 'CASES', 'restricted'],
      'SZR_QTY KGZ heroin 2023 ': [3, 'KG', 'restricted'],
      'SZR_CASES KGZ heroin 2023-02 ': [1, 'CASES', 'restricted'],
      'SZR_QTY KGZ heroin 2023-02 ': [3, 'KG', 'restricted'],
    });
  });

  it('serves roll-ups through the observations API, by period type and to those allowed to see them', async () => {
    const base = '/api/v1/observations?indicator=SZR_QTY&area=KAZ&substance=heroin&source=EV_TEST';
    type Page = { items: { period: string; value: number; unit: string; dims: Record<string, string> }[] };
    const years = await get<Page>(`${base}&periodType=year`, editor);
    expect(years.body.items.map((o) => [o.period, o.value, o.unit])).toEqual([
      ['2022', 250, 'KG'],
      ['2023', 14, 'KG'],
      ['2023', 200, 'TABLETS'],
    ]);
    const months = await get<Page>(`${base}&periodType=month`, editor);
    expect(months.body.items.map((o) => o.period)).toEqual(['2022-05', '2023-01', '2023-01', '2023-03']);
    const both = await get<Page>(base, editor);
    expect(both.body.items).toHaveLength(7);
    // The public never sees a total that includes a dialogue event.
    const anon = await get<Page>(`${base}&periodType=year`);
    expect(anon.body.items.map((o) => [o.period, o.value, o.unit])).toEqual([
      ['2022', 250, 'KG'],
      ['2023', 200, 'TABLETS'],
    ]);
    const bad = await get(`${base}&periodType=week`);
    expect(bad.status).toBe(400);
  });

  it('lists the events behind a roll-up observation, so every number leads back to its events', async () => {
    const obs = await sql<{ id: number }>`
      select o.id from observation o join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
      where i.code = 'SZR_QTY' and a.code = 'KAZ' and o.period = '2023-01' and o.dim_key = ''
    `.execute(t.database.db);
    type Page = { items: { reference: string; kgEquivalent: number | null }[]; total: number };
    const behind = await get<Page>(`/api/v1/events?observation=${obs.rows[0]!.id}`);
    expect(behind.body.items.map((e) => e.reference).sort()).toEqual(['K-1', 'K-2']);
    expect(behind.body.items.reduce((s, e) => s + e.kgEquivalent!, 0)).toBe(10.5);
    const notRollup = await sql<{ id: number }>`
      select o.id from observation o join indicator i on i.id = o.indicator_id where i.code = 'SZR_QTY'
        and o.dim_key = 'measureUnit=TABLETS'
    `.execute(t.database.db);
    const tablets = await get<Page>(`/api/v1/events?observation=${notRollup.rows[0]!.id}`);
    expect(tablets.body.items.map((e) => e.reference)).toEqual(['K-5']);
    const missing = await get('/api/v1/events?observation=999999');
    expect(missing.status).toBe(404);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await cubeChecksum(t.database.db);
    const events = await eventCount();
    const file = fs.readFileSync(`${dir}/events-1.csv`, 'utf8').slice(HEADER.length);
    const report = await importCsv('events-1-again.csv', file);
    expect(report.status).toBe('unchanged');
    expect(report.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 7 });
    expect(report.message.en).toMatch(/Nothing changed/);
    expect(await eventCount()).toBe(events);
    expect(await cubeChecksum(t.database.db)).toBe(before);
  });

  it('a dry run reports and writes nothing', async () => {
    const before = await cubeChecksum(t.database.db);
    const report = await importCsv(
      'dry.csv',
      ev({ date: '2023-06-01', area_code: 'UZB', amount: 5 }) + '\n',
      {
        dryRun: 'true',
      },
    );
    expect(report.status).toBe('checked');
    expect(report.counts).toMatchObject({ inserted: 1 });
    expect(await cubeChecksum(t.database.db)).toBe(before);
  });

  it('a later file with the same references corrects the events; a rollback restores them', async () => {
    const report = await importCsv(
      'events-2.csv',
      [
        ev({
          date: '2023-01-15',
          area_code: 'KAZ',
          amount: 12,
          reference: 'K-1',
          latitude: 43.2,
          longitude: 76.9,
        }),
        ev({ date: '2023-03', area_code: 'KAZ', amount: 2, reference: 'K-3', confidentiality: 'public' }),
        ev({ date: '2023-04-01', area_code: 'KAZ', amount: 1, reference: 'K-6' }),
      ].join('\n') + '\n',
    );
    expect(report.status).toBe('committed');
    expect(report.counts).toMatchObject({ inserted: 1, updated: 2, unchanged: 0 });
    const after = await rollups();
    expect(after['SZR_QTY KAZ heroin 2023 ']).toEqual([17, 'KG', 'public']);
    expect(after['SZR_CASES KAZ heroin 2023 ']).toEqual([6, 'CASES', 'public']);
    expect(after['SZR_QTY KAZ heroin 2023-04 ']).toEqual([1, 'KG', 'public']);

    // The event's history keeps the first import's value; the roll-up's history keeps its old total.
    const k1 = await get<{ items: { id: number }[] }>('/api/v1/events?reference=K-1', editor);
    const detail = await get<{ revisions: { amount: number; current: boolean; reason: string }[] }>(
      `/api/v1/events/${k1.body.items[0]!.id}`,
      editor,
    );
    expect(detail.body.revisions.map((r) => [r.amount, r.current])).toEqual([
      [12, true],
      [10, false],
    ]);
    const history = await sql<{ value: number }>`
      select v.value from observation_revision v join observation o on o.id = v.observation_id
      join indicator i on i.id = o.indicator_id join area a on a.id = o.area_id
      where i.code = 'SZR_QTY' and a.code = 'KAZ' and o.period = '2023' and o.dim_key = '' order by v.revision
    `.execute(t.database.db);
    expect(history.rows.map((r) => r.value)).toEqual([14]);

    // The first batch cannot be rolled back while the second one holds its events.
    const conflict = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${firstBatch}/rollback`,
      headers: editor.headers,
      payload: { reason: 'test' },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('rollback_conflict');

    const rb = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${report.batchId}/rollback`,
      headers: editor.headers,
      payload: { reason: 'wrong file' },
    });
    expect(rb.statusCode, rb.body).toBe(200);
    expect(rb.json()).toMatchObject({ removed: 1, restored: 2 });
    const restored = await rollups();
    expect(restored['SZR_QTY KAZ heroin 2023 ']).toEqual([14, 'KG', 'dialogue']);
    expect(restored['SZR_QTY KAZ heroin 2023-04 ']).toBeUndefined();
  });
});

describe('bad input: located, bilingual, nothing written', () => {
  it('reports every problem by row and column with a suggestion, and leaves events and cube as they were', async () => {
    const before = await cubeChecksum(t.database.db);
    const events = await eventCount();
    const report = await importCsv(
      'bad.csv',
      [
        ev({ date: '2023-01-01', area_code: 'Kazahkstn', amount: 1, reference: 'B-1' }),
        ev({ date: '2023-13-01', area_code: 'KAZ', amount: 1, reference: 'B-2' }),
        ev({ date: '2023-01-01', area_code: 'KAZ', amount: 0, reference: 'B-3' }),
        ev({
          date: '2023-01-01',
          area_code: 'KAZ',
          amount: 1,
          reference: 'B-4',
          latitude: 95,
          longitude: 10,
        }),
        ev({ date: '2023-01-01', area_code: 'KAZ', amount: 1, reference: 'B-13' }),
        ev({ date: '2023-01-01', area_code: 'KAZ', amount: 1, unit: 'KGS', reference: 'B-6' }),
        ev({ date: '2023-01-01', area_code: 'KAZ', amount: 1, unit: 'EUR_G', reference: 'B-7' }),
        ev({ date: '2999-01-01', area_code: 'KAZ', amount: 1, reference: 'B-8' }),
        ev({ date: '2023-01-01', area_code: 'CA5', amount: 1, reference: 'B-9' }),
        ev({ date: '2023-01-01', area_code: 'KAZ', substance_code: 'heroim', amount: 1, reference: 'B-10' }),
        ev({ date: '2023-01-01', area_code: 'KAZ', amount: 1, reference: 'B-11', latitude: 43 }),
        ev({ date: '2023-01-01', area_code: 'KAZ', amount: 1, reference: 'B-12', conveyance: 'CARR' }),
        ev({ date: '2023-01-02', area_code: 'KAZ', amount: 2, reference: 'B-13' }),
      ].join('\n') + '\n',
    );
    expect(report.status).toBe('rejected');
    const at = (code: string) => report.issues.find((i) => i.code === code)!;
    expect(at('unknown_area')).toMatchObject({
      row: 2,
      column: 'B (area_code)',
      params: { suggestion: 'Kazakhstan' },
    });
    expect(at('unknown_area').message.en).toBe(
      'Unknown country or area “Kazahkstn”. Did you mean “Kazakhstan”?',
    );
    expect(at('unknown_area').message.ru).toMatch(/Kazahkstn/);
    expect(at('invalid_date')).toMatchObject({ row: 3, column: 'A (date)' });
    expect(at('invalid_date').message.ru).toMatch(/не дата/);
    expect(at('amount_not_positive')).toMatchObject({ row: 4, column: 'F (amount)' });
    expect(at('latitude_out_of_range')).toMatchObject({ row: 5, column: 'C (latitude)' });
    // Only rows that are otherwise valid are compared.
    expect(at('duplicate_reference')).toMatchObject({ row: 14, params: { reference: 'B-13', first: 6 } });
    expect(at('duplicate_reference').message.en).toMatch(/first in row 6/);
    expect(at('unknown_unit')).toMatchObject({ row: 7, column: 'G (unit)', params: { suggestion: 'KG' } });
    expect(at('unit_not_for_seizures')).toMatchObject({ row: 8 });
    expect(at('date_in_future')).toMatchObject({ row: 9 });
    expect(at('area_is_group')).toMatchObject({ row: 10 });
    expect(at('unknown_substance')).toMatchObject({ row: 11, column: 'E (substance_code)' });
    expect(at('unknown_substance').message.en).toMatch(/Did you mean/);
    expect(at('coordinates_incomplete')).toMatchObject({ row: 12 });
    expect(at('unknown_code')).toMatchObject({
      row: 13,
      params: { dimension: 'conveyance', suggestion: 'CAR' },
    });
    for (const i of report.issues) {
      expect(i.message.en, i.code).not.toBe(i.code);
      expect(i.message.ru, i.code).not.toBe(i.code);
    }
    expect(await eventCount()).toBe(events);
    expect(await cubeChecksum(t.database.db)).toBe(before);
  });

  it('warns about repeated rows without a reference but keeps both', async () => {
    const row = ev({ date: '2021-07-07', area_code: 'TJK', amount: 4 });
    const report = await importCsv('twins.csv', `${row}\n${row}\n`);
    expect(report.status).toBe('committed');
    expect(report.counts).toMatchObject({ inserted: 2, warnings: 1 });
    expect(report.issues[0]).toMatchObject({
      code: 'possible_duplicate_event',
      row: 3,
      params: { first: 2 },
    });
    expect((await rollups())['SZR_CASES TJK heroin 2021 ']).toEqual([2, 'CASES', 'public']);
    const again = await importCsv('twins-again.csv', `${row}\n${row}\n`);
    expect(again.status).toBe('unchanged');
    expect(again.counts).toMatchObject({ unchanged: 2, inserted: 0 });
  });

  it('maps a national file through a custom spec: Russian headers, dotted dates, unit names', async () => {
    const spec = {
      specVersion: 1,
      target: 'seizure_events',
      name: 'test-national-events',
      version: 1,
      title: { en: 'National seizure register', ru: 'Национальный реестр изъятий' },
      source: { code: 'EV_NATIONAL', publisher: 'Test ministry', titleEn: 'National register' },
      fields: {
        date: { column: 'Дата' },
        area: { value: 'UZB' },
        substance: { column: 'Вещество' },
        amount: { column: 'Количество' },
        unit: { column: 'Ед.', map: { кг: 'KG', г: 'G', 'таб.': 'TABLETS' } },
        reference: { column: '№ дела' },
        agency: { column: 'Ведомство' },
      },
    };
    const file = writeTemp(
      dir,
      'national.csv',
      '№ дела;Дата;Вещество;Количество;Ед.;Ведомство\n' +
        '17/23;03.02.2023;героин;1,5;кг;МВД\n' +
        '18/23;04.2023;гашиш;250;г;ГТК\n',
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: editor.headers,
      payload: form(file, 'national.csv', { wait: 'true', spec: JSON.stringify(spec) }),
    });
    const report = res.json<Report>();
    expect(report.status, JSON.stringify(report.issues)).toBe('committed');
    const list = await get<{
      items: { reference: string; period: string; amount: number; kgEquivalent: number }[];
    }>('/api/v1/events?source=EV_NATIONAL');
    expect(list.body.items.map((e) => [e.reference, e.period, e.amount, e.kgEquivalent])).toEqual([
      ['18/23', '2023-04', 250, 0.25],
      ['17/23', '2023-02-03', 1.5, 1.5],
    ]);
  });
});

describe('events API', () => {
  it('lists events with filters and shows each caller only what they may see', async () => {
    type Page = { items: { reference: string | null; confidentiality: string }[]; total: number };
    const anon = await get<Page>('/api/v1/events?source=EV_TEST&pageSize=100');
    expect(anon.body.items.every((e) => e.confidentiality === 'public')).toBe(true);
    const asViewer = await get<Page>('/api/v1/events?source=EV_TEST&pageSize=100', viewer);
    expect(asViewer.body.items.map((e) => e.confidentiality)).toContain('dialogue');
    expect(asViewer.body.items.map((e) => e.confidentiality)).not.toContain('restricted');
    const asEditor = await get<Page>('/api/v1/events?source=EV_TEST&pageSize=100', editor);
    expect(asEditor.body.total).toBe(asViewer.body.total + 1);

    const restricted = await get<{ items: { id: number }[] }>('/api/v1/events?reference=G-1', editor);
    const id = restricted.body.items[0]!.id;
    expect((await get(`/api/v1/events/${id}`)).status).toBe(404);
    expect((await get(`/api/v1/events/${id}`, viewer)).status).toBe(404);
    expect((await get(`/api/v1/events/${id}`, editor)).status).toBe(200);

    const inRange = await get<Page>('/api/v1/events?source=EV_TEST&from=2023-02&to=2023-03', editor);
    // K-3 (March), G-1 (February) and K-4, known by its year only, whose period overlaps the range.
    expect(inRange.body.items.map((e) => e.reference).sort()).toEqual(['G-1', 'K-3', 'K-4']);
    const ca5 = await get<Page>('/api/v1/events?area=CA5&substance=opioids&source=EV_TEST', editor);
    expect(ca5.body.total).toBe(asEditor.body.total - 0);

    const unknown = await get<{ error: { code: string; details: { unknown: string[] }[] } }>(
      '/api/v1/events?area=KAZ,XXX&substance=nothing',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_codes');
    const badDate = await get<{ error: { message: string } }>('/api/v1/events?from=2023-02-30&lang=ru');
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toMatch(/не дата/);
  });

  it('counts a sub-national area under its country', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/areas/subnational',
      headers: editor.headers,
      payload: { code: 'KAZ-ALA', parent: 'KAZ', nameEn: 'Almaty', nameRu: 'Алматы' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const report = await importCsv(
      'almaty.csv',
      ev({ date: '2020-02-02', area_code: 'KAZ-ALA', amount: 7, reference: 'A-1' }) + '\n',
    );
    expect(report.status, JSON.stringify(report.issues)).toBe('committed');
    const list = await get<{ items: { reference: string; area: { code: string } }[] }>(
      '/api/v1/events?area=KAZ&from=2020&to=2020',
    );
    expect(list.body.items.map((e) => [e.reference, e.area.code])).toEqual([['A-1', 'KAZ-ALA']]);
    expect((await rollups())['SZR_CASES KAZ-ALA heroin 2020 ']).toEqual([1, 'CASES', 'public']);
  });

  it('corrects an event with a reason: history kept, both roll-up keys recomputed', async () => {
    const k2 = (await get<{ items: { id: number }[] }>('/api/v1/events?reference=K-2', editor)).body.items[0]!
      .id;
    const patch = (payload: object, session: Session = editor) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/events/${k2}?lang=ru`,
        headers: session.headers,
        payload,
      });
    expect((await patch({ amount: 1, reason: 'test' }, viewer)).statusCode).toBe(403);

    const before = await cubeChecksum(t.database.db);
    const bad = await patch({ amount: -1, latitude: 100, longitude: 5, date: '2023-02-30', reason: 'typo' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ param: 'date', code: 'invalid_date' });
    const bad2 = await patch({ amount: -1, latitude: 100, longitude: 5, reason: 'typo' });
    expect(bad2.json().error.details.map((d: { code: string }) => d.code)).toEqual([
      'amount_not_positive',
      'latitude_out_of_range',
    ]);
    expect(bad2.json().error.details[0].message).toMatch(/больше нуля/);
    const group = await patch({ area: 'EU27', reason: 'typo' });
    expect(group.json().error.details[0]).toMatchObject({ param: 'area', code: 'event_area_is_group' });
    const unknown = await patch({ transit: ['UZB', 'XYZ'], reason: 'typo' });
    expect(unknown.json().error).toMatchObject({ code: 'unknown_codes' });
    const noReason = await patch({ amount: 1 });
    expect(noReason.statusCode).toBe(400);
    const taken = await patch({ reference: 'K-1', reason: 'typo' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('event_reference_exists');
    expect(await cubeChecksum(t.database.db)).toBe(before);

    // Moved from KAZ January (500 g) to KGZ February, now 800 g.
    const ok = await patch({
      area: 'KGZ',
      date: '2023-02-10',
      amount: 800,
      reason: 'wrong country in the report',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      area: { code: 'KGZ', name: 'Кыргызстан' },
      kgEquivalent: 0.8,
      revision: 2,
    });
    const r = await rollups();
    expect(r['SZR_QTY KAZ heroin 2023-01 ']).toEqual([10, 'KG', 'public']);
    expect(r['SZR_CASES KAZ heroin 2023-01 ']).toEqual([2, 'CASES', 'public']);
    expect(r['SZR_QTY KGZ heroin 2023-02 ']).toEqual([3.8, 'KG', 'restricted']);
    const detail = await get<{ revisions: { revision: number; area: string; reason: string | null }[] }>(
      `/api/v1/events/${k2}`,
      editor,
    );
    expect(detail.body.revisions.map((x) => [x.revision, x.area, x.reason])).toEqual([
      [2, 'KGZ', 'wrong country in the report'],
      [1, 'KAZ', `import batch ${firstBatch}`],
    ]);
    const audit = await sql<{ action: string }>`
      select action from audit_event where entity = 'seizure_event' and entity_id = ${String(k2)}
    `.execute(t.database.db);
    expect(audit.rows.map((a) => a.action)).toEqual(['event.update']);
  });

  it('deletes an event with a reason; the key with no events left loses its roll-up', async () => {
    const a1 = (await get<{ items: { id: number }[] }>('/api/v1/events?reference=A-1', editor)).body.items[0]!
      .id;
    const del = (payload: object | undefined, session: Session = editor) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/events/${a1}`, headers: session.headers, payload });
    expect((await del({ reason: 'test' }, viewer)).statusCode).toBe(403);
    expect((await del({})).statusCode).toBe(400);
    const res = await del({ reason: 'entered twice' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rollups).toMatchObject({ deleted: 4 });
    expect((await get(`/api/v1/events/${a1}`, editor)).status).toBe(404);
    expect((await rollups())['SZR_CASES KAZ-ALA heroin 2020 ']).toBeUndefined();
    const kept = await sql<{ deleted: boolean; supersededReason: string }>`
      select deleted, superseded_reason from seizure_event_revision where event_id = ${a1}
    `.execute(t.database.db);
    expect(kept.rows).toEqual([{ deleted: true, supersededReason: 'entered twice' }]);
    expect((await del({ reason: 'again' })).statusCode).toBe(404);
  });

  it('conversion factors: public list, admin edits, kg equivalents and roll-ups follow', async () => {
    const list = await get<{ massUnits: { unit: string; kgPerUnit: number }[]; factors: unknown[] }>(
      '/api/v1/events/factors',
    );
    expect(list.body.massUnits).toEqual(expect.arrayContaining([{ unit: 'G', kgPerUnit: 0.001 }]));
    expect(list.body.factors).toEqual([]);
    const put = (url: string, payload: object, session: Session = admin) =>
      t.app.inject({ method: 'PUT', url, headers: session.headers, payload });
    const body = { kgPerUnit: 0.0002, source: 'Test fixture, not a real factor' };
    expect((await put('/api/v1/events/factors/heroin/TABLETS', body, editor)).statusCode).toBe(403);
    const mass = await put('/api/v1/events/factors/heroin/G', body);
    expect(mass.statusCode).toBe(400);
    expect(mass.json().error.details[0].code).toBe('factor_by_definition');
    expect((await put('/api/v1/events/factors/heroin/PERSONS', body)).json().error.details[0].code).toBe(
      'unit_not_for_seizures',
    );
    expect((await put('/api/v1/events/factors/nothing/TABLETS', body)).json().error.code).toBe(
      'unknown_codes',
    );
    expect(
      (await put('/api/v1/events/factors/heroin/TABLETS', { kgPerUnit: -1, source: 'x' })).statusCode,
    ).toBe(400);

    const ok = await put('/api/v1/events/factors/heroin/TABLETS', body);
    expect(ok.statusCode, ok.body).toBe(200);
    let r = await rollups();
    // 200 tablets × 0.0002 kg: the tablets now count in kilograms, and their own-unit total is gone.
    expect(r['SZR_QTY KAZ heroin 2023 measureUnit=TABLETS']).toBeUndefined();
    expect(r['SZR_QTY KAZ heroin 2023-01 ']).toEqual([10.04, 'KG', 'public']);
    expect((await get<{ factors: unknown[] }>('/api/v1/events/factors')).body.factors).toHaveLength(1);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/events/factors/heroin/TABLETS',
      headers: admin.headers,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    r = await rollups();
    expect(r['SZR_QTY KAZ heroin 2023 measureUnit=TABLETS']).toEqual([200, 'TABLETS', 'public']);
    expect(r['SZR_QTY KAZ heroin 2023-01 ']).toEqual([10, 'KG', 'public']);
  });

  it('rebuilding the roll-ups from scratch changes nothing after all of the above', async () => {
    const before = await cubeChecksum(t.database.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events/rollups/rebuild',
      headers: admin.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(await cubeChecksum(t.database.db)).toBe(before);
  });
});
