import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { cubeChecksum, hasSharedData, tempDir, UNODC_71, writeTemp } from './test/helpers.ts';
import { MINIMAL_WORKBOOK_RELS, MINIMAL_WORKBOOK_XML, writeZip } from './readers/test-fixtures.ts';

/**
 * The import API end to end: upload, report, commit, rollback, jobs; and every kind of bad input
 * gets a located, translated message while the cube stays byte-for-byte as it was.
 */

interface Report {
  jobId: number;
  batchId: number | null;
  status: string;
  counts: Record<string, number>;
  issues: {
    row: number | null;
    column: string | null;
    code: string;
    severity: string;
    params: Record<string, unknown>;
    message: { en: string; ru: string };
  }[];
  message: { en: string; ru: string };
}

const HEADER = 'indicator,area_code,substance_code,period,value,unit,status,source_code\n';

let t: TestApp;
let editor: Session;
let viewer: Session;
const dir = tempDir();
const filesDir = tempDir();

beforeAll(async () => {
  t = await createTestApp({ OBSERVATORY_FILES_DIR: filesDir, OBSERVATORY_MAX_UPLOAD_MB: '2' });
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
  // A source for the canonical template's source_code column.
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sources',
    headers: editor.headers,
    payload: {
      code: 'NATIONAL_TEST',
      publisher: 'Test observatory',
      titleEn: 'Test data',
      titleRu: 'Тестовые данные',
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function form(file: string | Buffer, name: string, fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  const body = typeof file === 'string' ? fs.readFileSync(file) : file;
  f.append('file', new Blob([body]), name);
  return f;
}

async function upload(
  file: string | Buffer,
  name: string,
  fields: Record<string, string>,
  session: Session | null = editor,
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: session?.headers ?? {},
    payload: form(file, name, { wait: 'true', ...fields }),
  });
}

async function expectRejected(res: Awaited<ReturnType<typeof upload>>, before: string): Promise<Report> {
  expect(res.statusCode, res.body).toBe(200);
  const report = res.json<Report>();
  expect(report.status).toBe('rejected');
  expect(report.counts.errors).toBeGreaterThan(0);
  expect(await cubeChecksum(t.database.db)).toBe(before);
  return report;
}

describe('uploads and reports', () => {
  it('imports a canonical CSV, reports counts in both languages, and re-import changes nothing', async () => {
    const file = writeTemp(
      dir,
      'kz.csv',
      HEADER +
        'SZR_QTY,KAZ,heroin,2022,1234.5,KG,A,NATIONAL_TEST\nSZR_QTY,KAZ,heroin,2023,..,KG,,NATIONAL_TEST\n',
    );
    const res = await upload(file, 'kz.csv', { preset: 'observatory-long' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<Report>();
    expect(r.status).toBe('committed');
    expect(r.counts).toMatchObject({ rows: 2, inserted: 2, missing: 1, errors: 0 });
    expect(r.message.ru).toContain('добавлено 2');
    const obs = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=KAZ&substance=heroin',
    });
    const items = obs.json<{ items: { year: number; value: number | null; status: string }[] }>().items;
    expect(items.map((i) => [i.year, i.value, i.status])).toEqual([
      [2022, 1234.5, 'A'],
      [2023, null, 'M'],
    ]);
    const again = (await upload(file, 'kz.csv', { preset: 'observatory-long' })).json<Report>();
    expect(again.status).toBe('unchanged');
    expect(again.message.en).toContain('Nothing changed');
    expect(again.message.en).toContain(`Batch ${r.batchId}`);
  });

  it('a dry run writes nothing; its batch can then be committed', async () => {
    const before = await cubeChecksum(t.database.db);
    const file = writeTemp(dir, 'dry.csv', HEADER + 'SZR_QTY,UZB,opium,2021,10,KG,A,NATIONAL_TEST\n');
    const r = (await upload(file, 'dry.csv', { preset: 'observatory-long', dryRun: 'true' })).json<Report>();
    expect(r.status).toBe('checked');
    expect(r.counts.inserted).toBe(1);
    expect(await cubeChecksum(t.database.db)).toBe(before);
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${r.batchId}/commit`,
      headers: editor.headers,
      payload: { wait: true },
    });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json<Report>().status).toBe('committed');
    expect(await cubeChecksum(t.database.db)).not.toBe(before);
  });

  it('runs as a job: 202, then progress and the result through /jobs', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `SZR_QTY,TJK,cannabis,${1990 + (i % 30)},${i},KG,A,NATIONAL_TEST`,
    );
    const file = writeTemp(dir, 'job.csv', HEADER + rows.join('\n'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: editor.headers,
      payload: form(file, 'job.csv', { preset: 'observatory-long', dryRun: 'true' }),
    });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: number }>();
    let job:
      { status: string; phase: string; result: { batchId: number; status: string } | null } | undefined;
    for (let i = 0; i < 200; i++) {
      job = (await t.app.inject({ url: `/api/v1/jobs/${jobId}`, headers: editor.headers })).json();
      if (job!.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job!.status).toBe('succeeded');
    // 3,000 rows on 30 years: duplicates are errors with this preset.
    expect(job!.result).toMatchObject({ status: 'rejected' });
    const issues = await t.app.inject({
      url: `/api/v1/imports/${job!.result!.batchId}/issues?code=duplicate_key&pageSize=5`,
      headers: editor.headers,
    });
    expect(issues.json<{ total: number }>().total).toBe(2970);
    const csv = await t.app.inject({
      url: `/api/v1/imports/${job!.result!.batchId}/issues?format=csv&lang=ru`,
      headers: editor.headers,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('строка');
    expect(csv.body).toContain('повторяет наблюдение строки 2');
  });

  it('a running import can be cancelled; nothing is written', async () => {
    const before = await cubeChecksum(t.database.db);
    const areas = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB', 'AFG', 'IRN', 'PAK', 'RUS', 'CHN'];
    const rows: string[] = [];
    for (const a of areas)
      for (let y = 1900; y <= 2026; y++)
        for (const s of [
          'heroin',
          'opium',
          'cannabis',
          'cocaine',
          'methamphetamine',
          'amphetamine',
          'mdma',
          'hashish',
        ])
          rows.push(`SZR_QTY,${a},${s},${y},${y % 97},KG,A,NATIONAL_TEST`);
    const file = writeTemp(dir, 'cancel.csv', HEADER + rows.join('\n'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: editor.headers,
      payload: form(file, 'cancel.csv', { preset: 'observatory-long' }),
    });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: number }>();
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${jobId}/cancel`,
      headers: editor.headers,
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    let job: { status: string } | undefined;
    for (let i = 0; i < 400; i++) {
      job = (await t.app.inject({ url: `/api/v1/jobs/${jobId}`, headers: editor.headers })).json();
      if (job!.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job!.status).toBe('cancelled');
    expect(await cubeChecksum(t.database.db)).toBe(before);
    const staged = await sql<{ n: number }>`select count(*)::int as n from import_row`.execute(t.database.db);
    expect(staged.rows[0]!.n).toBe(0);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${jobId}/cancel`,
      headers: editor.headers,
    });
    expect(again.statusCode).toBe(409);
  });

  it('needs an editor: anonymous 401, viewer 403', async () => {
    const file = writeTemp(dir, 'x.csv', HEADER);
    expect((await upload(file, 'x.csv', { preset: 'observatory-long' }, null)).statusCode).toBe(401);
    expect((await upload(file, 'x.csv', { preset: 'observatory-long' }, viewer)).statusCode).toBe(403);
  });

  it('serves the canonical template with instructions in both languages', async () => {
    const res = await t.app.inject({ url: '/api/v1/import-template.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['data', 'instructions', 'инструкция', 'codes']);
    expect(wb.getWorksheet('data')!.getRow(1).values).toContain('source_code');
    const ru = wb.getWorksheet('инструкция')!;
    expect(ru.getCell('A1').text).toBe('Шаблон данных Observatory');
  });
});

describe('bad input: a clear, located, translated message, and the cube untouched', () => {
  it('unknown country names in Russian, in a Windows-1251 CSV', async () => {
    const before = await cubeChecksum(t.database.db);
    const text =
      HEADER +
      'SZR_QTY,Казахстан,heroin,2020,5,KG,A,NATIONAL_TEST\nSZR_QTY,Кыргызия,heroin,2020,5,KG,A,NATIONAL_TEST\nSZR_QTY,Казахстон,heroin,2021,5,KG,A,NATIONAL_TEST\nSZR_QTY,Нарния,heroin,2020,5,KG,A,NATIONAL_TEST\n';
    const file = writeTemp(dir, 'ru.csv', iconv.encode(text, 'win1251'));
    const r = await expectRejected(await upload(file, 'ru.csv', { preset: 'observatory-long' }), before);
    const errors = r.issues.filter((i) => i.severity === 'error');
    // Казахстан and Кыргызия (a synonym) resolve; Казахстон is a typo with a suggestion; Нарния is unknown.
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'B (area_code)', 'unknown_area'],
      [5, 'B (area_code)', 'unknown_area'],
    ]);
    expect(errors[0]!.message.ru).toBe(
      'Неизвестная страна или территория «Казахстон». Возможно, имелось в виду «Казахстан»?',
    );
    expect(errors[0]!.message.en).toContain('Did you mean “Казахстан”?');
    expect(errors[1]!.message.ru).toBe('Неизвестная страна или территория «Нарния».');
  });

  it('negative quantities and text in numeric columns', async () => {
    const before = await cubeChecksum(t.database.db);
    const file = writeTemp(
      dir,
      'bad-values.csv',
      HEADER +
        'SZR_QTY,KAZ,heroin,2020,-5,KG,A,NATIONAL_TEST\nSZR_QTY,KAZ,opium,2020,twelve,KG,A,NATIONAL_TEST\nSZR_QTY,KAZ,cannabis,20x0,1,KG,A,NATIONAL_TEST\nSZR_QTY,KAZ,cocaine,2020,"1,5",KG,A,NATIONAL_TEST\n',
    );
    const r = await expectRejected(
      await upload(file, 'bad-values.csv', { preset: 'observatory-long' }),
      before,
    );
    expect(r.issues.filter((i) => i.severity === 'error').map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'E (value)', 'negative_value'],
      [3, 'E (value)', 'not_a_number'],
      [4, 'D (period)', 'invalid_year'],
    ]);
    expect(r.issues[1]!.message.ru).toBe('«twelve» — это не число.');
    expect(r.counts).toMatchObject({ rows: 4, rejected: 3 });
  });

  it('a truncated XLSX', async () => {
    const before = await cubeChecksum(t.database.db);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('data').addRow(['indicator', 'area_code']);
    const full = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await expectRejected(
      await upload(full.subarray(0, Math.floor(full.length / 2)), 'cut.xlsx', { preset: 'observatory-long' }),
      before,
    );
    expect(r.issues[0]).toMatchObject({ row: null, code: 'file_corrupt', severity: 'error' });
    expect(r.issues[0]!.message.ru.length).toBeGreaterThan(10);
  });

  it('an XLSX that is a zip bomb', async () => {
    const before = await cubeChecksum(t.database.db);
    const file = path.join(dir, 'bomb.xlsx');
    const zeros = Buffer.alloc(1024 * 1024);
    await writeZip(file, [
      { name: 'xl/workbook.xml', content: MINIMAL_WORKBOOK_XML },
      { name: 'xl/_rels/workbook.xml.rels', content: MINIMAL_WORKBOOK_RELS },
      {
        name: 'xl/worksheets/sheet1.xml',
        content: function* () {
          for (let i = 0; i < 300; i++) yield zeros;
        },
      },
    ]);
    const r = await expectRejected(await upload(file, 'bomb.xlsx', { preset: 'observatory-long' }), before);
    expect(r.issues[0]!.code).toBe('zip_bomb');
  });

  it.skipIf(!hasSharedData)('the wrong sheet, and a sheet without the expected columns', async () => {
    const before = await cubeChecksum(t.database.db);
    const r = await expectRejected(
      await upload(UNODC_71(), '7.1.xlsx', { preset: 'unodc-wdr2025-7.1', sheet: 'Data' }),
      before,
    );
    expect(r.issues[0]).toMatchObject({
      code: 'sheet_not_found',
      params: { sheet: 'Data', available: 'Seizures' },
    });
    const csvPreset = await expectRejected(
      await upload(UNODC_71(), '7.1.xlsx', { preset: 'worldbank-population' }),
      before,
    );
    expect(csvPreset.issues[0]).toMatchObject({
      code: 'format_mismatch',
      params: { expected: 'csv', actual: 'xlsx' },
    });
    const wrong = await expectRejected(
      await upload(UNODC_71(), '7.1.xlsx', { preset: 'observatory-long' }),
      before,
    );
    expect(wrong.issues[0]!.code).toBe('column_not_found');
    expect(wrong.issues[0]!.message.en).toContain('Column “indicator” is not in the header');
  });

  it('an upload over the size limit: 413, nothing stored', async () => {
    const before = await cubeChecksum(t.database.db);
    const stored = (
      await sql<{ n: number }>`select count(*)::int as n from stored_file`.execute(t.database.db)
    ).rows[0]!.n;
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const res = await upload(big, 'big.csv', { preset: 'observatory-long' });
    expect(res.statusCode).toBe(413);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'file_too_large',
      message: 'The file is larger than the upload limit of 2 MB.',
    });
    expect(await cubeChecksum(t.database.db)).toBe(before);
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from stored_file`.execute(t.database.db)).rows[0]!
        .n,
    ).toBe(stored);
    expect(fs.readdirSync(path.join(filesDir, 'tmp'))).toEqual([]);
  });

  it('a mapping spec that does not validate: 422 naming each problem', async () => {
    const before = await cubeChecksum(t.database.db);
    const file = writeTemp(dir, 'y.csv', HEADER);
    const spec = {
      specVersion: 1,
      name: 'x',
      version: 0,
      title: { en: 'x' },
      source: { column: 'a' },
      fields: { area: { column: 'a', value: 'b' } },
    };
    const res = await upload(file, 'y.csv', { spec: JSON.stringify(spec) }, editor);
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: { code: string; details: { param: string; message: string }[] } }>();
    expect(body.error.code).toBe('invalid_spec');
    const params = body.error.details.map((d) => d.param);
    expect(params).toEqual(
      expect.arrayContaining(['spec.name', 'spec.version', 'spec.title.ru', 'spec.fields.indicator']),
    );
    expect(await cubeChecksum(t.database.db)).toBe(before);
  });

  it('a preset that does not exist, and no preset at all', async () => {
    const file = writeTemp(dir, 'z.csv', HEADER);
    const unknown = await upload(file, 'z.csv', { preset: 'nope' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('unknown_codes');
    const none = await upload(file, 'z.csv', {});
    expect(none.statusCode).toBe(400);
  });
});

describe('rollback', () => {
  it('restores the previous values through the revision history, and refuses when later batches changed them', async () => {
    const v1 = writeTemp(dir, 'v1.csv', HEADER + 'SZR_QTY,TKM,heroin,2020,100,KG,A,NATIONAL_TEST\n');
    const v2 = writeTemp(
      dir,
      'v2.csv',
      HEADER +
        'SZR_QTY,TKM,heroin,2020,150,KG,A,NATIONAL_TEST\nSZR_QTY,TKM,heroin,2021,7,KG,A,NATIONAL_TEST\n',
    );
    const v3 = writeTemp(dir, 'v3.csv', HEADER + 'SZR_QTY,TKM,heroin,2020,175,KG,E,NATIONAL_TEST\n');
    const b1 = (await upload(v1, 'v1.csv', { preset: 'observatory-long' })).json<Report>();
    const afterV1 = await cubeChecksum(t.database.db);
    const b2 = (await upload(v2, 'v2.csv', { preset: 'observatory-long' })).json<Report>();
    expect(b2.counts).toMatchObject({ inserted: 1, updated: 1 });
    const b3 = (await upload(v3, 'v3.csv', { preset: 'observatory-long' })).json<Report>();
    const rollback = (id: number | null) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/imports/${id}/rollback`,
        headers: editor.headers,
        payload: { reason: 'wrong file' },
      });
    const conflict = await rollback(b2.batchId);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json<{ error: { code: string; message: string } }>().error.message).toContain(
      `batches: ${b3.batchId}`,
    );
    expect((await rollback(b3.batchId)).statusCode).toBe(200);
    const r2 = await rollback(b2.batchId);
    expect(r2.json()).toMatchObject({ removed: 1, restored: 1 });
    const values = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=TKM&substance=heroin',
    });
    expect(
      values.json<{ items: { year: number; value: number }[] }>().items.map((i) => [i.year, i.value]),
    ).toEqual([[2020, 100]]);
    // The cube is back to what it was after v1 (the history keeps every undone version).
    const now = JSON.parse(await cubeChecksum(t.database.db)) as { n: number };
    expect(now.n).toBe((JSON.parse(afterV1) as { n: number }).n);
    const obs = await t.app.inject({
      url: '/api/v1/observations?indicator=SZR_QTY&area=TKM&substance=heroin',
    });
    const id = obs.json<{ items: { id: number }[] }>().items[0]!.id;
    const history = await t.app.inject({ url: `/api/v1/observations/${id}/history` });
    expect(history.json<{ revisions: { value: number }[] }>().revisions.map((r) => r.value)).toEqual([
      100, 150, 175, 150, 100,
    ]);
    expect((await rollback(b2.batchId)).statusCode).toBe(409);
    void b1;
  });
});
