import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { tempDir } from './test/helpers.ts';

/** POST /api/v1/imports/preview: the first rows of CSV, XLSX and SDMX files; nothing is stored. */

interface Preview {
  format: string;
  sheets?: string[];
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  columns: string[];
  rows: string[][];
  totalRowsKnown?: number;
}

let t: TestApp;
let editor: Session;
let viewer: Session;
const filesDir = tempDir();

beforeAll(async () => {
  t = await createTestApp({ OBSERVATORY_FILES_DIR: filesDir, OBSERVATORY_MAX_UPLOAD_MB: '1' });
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

function preview(body: Buffer | string, name: string, fields: Record<string, string> = {}, session = editor) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([typeof body === 'string' ? Buffer.from(body) : body]), name);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/preview',
    headers: session.headers,
    payload: f,
  });
}

/** Files left in the store (the temporary folder included): a preview keeps none. */
function storedFiles(): string[] {
  if (!fs.existsSync(filesDir)) return [];
  return (fs.readdirSync(filesDir, { recursive: true }) as string[]).filter((p) =>
    fs.statSync(path.join(filesDir, p)).isFile(),
  );
}

async function storedRows(): Promise<number> {
  const r = await t.database.db
    .selectFrom('storedFile')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['About this file']);
  notes.addRow(['Made for a test']);
  const data = wb.addWorksheet('Data');
  data.addRow(['indicator', 'area_code', 'period', 'value']);
  data.addRow(['SZR_QTY', 'KAZ', 2022, 12.5]);
  data.addRow(['SZR_QTY', 'UZB', 2023, 7]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import preview', () => {
  it('shows the header and first rows of a CSV, at most 20 rows', async () => {
    const lines = ['indicator;area_code;period;value'];
    for (let i = 0; i < 30; i++) lines.push(`SZR_QTY;KAZ;${2000 + i};${i}`);
    const res = await preview(lines.join('\n') + '\n', 'kz.csv');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Preview>();
    expect(p.format).toBe('csv');
    expect(p.delimiter).toBe(';');
    expect(p.columns).toEqual(['indicator', 'area_code', 'period', 'value']);
    expect(p.rows).toHaveLength(20);
    expect(p.rows[0]).toEqual(['SZR_QTY', 'KAZ', '2000', '0']);
    expect(p.totalRowsKnown).toBe(31);
    expect(p.sheets).toBeUndefined();
  });

  it('decodes a Windows-1251 CSV', async () => {
    const text = 'indicator,area_code,footnotes_ru\r\nSZR_QTY,KAZ,Оперативные данные МВД\r\n';
    const res = await preview(iconv.encode(text, 'windows-1251'), 'ru.csv');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Preview>();
    expect(p.encoding).toBe('windows-1251');
    expect(p.columns).toEqual(['indicator', 'area_code', 'footnotes_ru']);
    expect(p.rows).toEqual([['SZR_QTY', 'KAZ', 'Оперативные данные МВД']]);
  });

  it('lists the sheets of an XLSX, shows the first by default and another when asked', async () => {
    const book = await workbook();
    const first = await preview(book, 'book.xlsx');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Preview>()).toMatchObject({
      format: 'xlsx',
      sheets: ['Notes', 'Data'],
      sheet: 'Notes',
      columns: ['About this file'],
      rows: [['Made for a test']],
    });

    for (const sheet of ['Data', '2']) {
      const res = await preview(book, 'book.xlsx', { sheet });
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json<Preview>();
      expect(p.sheet).toBe('Data');
      expect(p.columns).toEqual(['indicator', 'area_code', 'period', 'value']);
      expect(p.rows).toEqual([
        ['SZR_QTY', 'KAZ', '2022', '12.5'],
        ['SZR_QTY', 'UZB', '2023', '7'],
      ]);
    }

    const missing = await preview(book, 'book.xlsx', { sheet: 'Nope', lang: 'ru' });
    expect(missing.statusCode).toBe(400);
  });

  it('flattens an SDMX-JSON message into rows', async () => {
    const message = {
      data: {
        structures: [
          {
            dimensions: {
              observation: [
                { id: 'REF_AREA', values: [{ id: 'KAZ' }] },
                { id: 'TIME_PERIOD', values: [{ id: '2022' }, { id: '2023' }] },
              ],
            },
            attributes: { observation: [] },
            measures: { observation: [{ id: 'OBS_VALUE' }] },
          },
        ],
        dataSets: [{ structure: 0, observations: { '0:0': [5], '0:1': [6] } }],
      },
    };
    const res = await preview(JSON.stringify(message), 'data.json');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Preview>();
    expect(p.format).toBe('sdmx-json');
    expect(p.columns).toEqual(expect.arrayContaining(['REF_AREA', 'TIME_PERIOD', 'OBS_VALUE']));
    expect(p.rows).toHaveLength(2);
  });

  it('refuses a malformed file with a located message in both languages, and stores nothing', async () => {
    const rowsBefore = await storedRows();
    // A zip header and nothing after it: an XLSX cut short.
    const broken = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)]);
    const en = await preview(broken, 'broken.xlsx');
    expect(en.statusCode, en.body).toBe(400);
    const body = en.json<{
      error: { code: string; message: string; details: { param: string; code: string }[] };
    }>();
    expect(body.error.code).toBe('file_unreadable');
    expect(body.error.message).toMatch(/^The file cannot be read: /);
    expect(body.error.details[0]).toMatchObject({ param: 'file' });

    const ru = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/preview?lang=ru',
      headers: editor.headers,
      payload: (() => {
        const f = new FormData();
        f.append('file', new Blob([Buffer.from('a,"b\nc,d\n')]), 'bad.csv');
        return f;
      })(),
    });
    expect(ru.statusCode, ru.body).toBe(400);
    const ruBody = ru.json<{ error: { code: string; message: string; details: { code: string }[] } }>();
    expect(ruBody.error.message).toMatch(/^Файл не удаётся прочитать: /);
    expect(ruBody.error.details[0]?.code).toBe('csv_malformed');

    const binary = await preview(
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'old.xls',
    );
    expect(binary.statusCode).toBe(400);
    expect(binary.json<{ error: { details: { code: string }[] } }>().error.details[0]?.code).toBe(
      'format_unknown',
    );

    const empty = await preview(Buffer.alloc(0), 'empty.csv');
    expect(empty.statusCode).toBe(422);

    expect(storedFiles()).toEqual([]);
    expect(await storedRows()).toBe(rowsBefore);
  });

  it('refuses files over the upload limit, and viewers', async () => {
    const big = await preview(Buffer.alloc(1_200_000, 'a'), 'big.csv');
    expect(big.statusCode).toBe(413);
    expect(storedFiles()).toEqual([]);
    const denied = await preview('a,b\n1,2\n', 'x.csv', {}, viewer);
    expect(denied.statusCode).toBe(403);
  });
});

describe('import history', () => {
  it('names the user who started a batch, and null once that user is gone', async () => {
    const name = `history-editor-${Math.random().toString(36).slice(2, 8)}`;
    const session = await signIn(t, 'editor', name);
    const f = new FormData();
    for (const [k, v] of Object.entries({ preset: 'observatory-long', dryRun: 'true', wait: 'true' }))
      f.append(k, v);
    f.append('file', new Blob([Buffer.from('indicator,area_code,period,value\n')]), 'empty.csv');
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: session.headers,
      payload: f,
    });
    expect(run.statusCode, run.body).toBe(200);
    const batchId = run.json<{ batchId: number }>().batchId;

    type Batch = { id: number; createdBy: number | null; createdByName: string | null };
    const list = await t.app.inject({ url: '/api/v1/imports', headers: editor.headers });
    expect(list.statusCode, list.body).toBe(200);
    const listed = list.json<{ items: Batch[] }>().items.find((b) => b.id === batchId);
    expect(listed?.createdByName).toBe(name);
    const one = await t.app.inject({ url: `/api/v1/imports/${batchId}`, headers: editor.headers });
    expect(one.json<Batch>().createdByName).toBe(name);

    // What `on delete set null` leaves of a deleted user.
    await t.database.db
      .updateTable('importBatch')
      .set({ createdBy: null })
      .where('id', '=', batchId)
      .execute();
    const after = await t.app.inject({ url: `/api/v1/imports/${batchId}`, headers: editor.headers });
    expect(after.json<Batch>()).toMatchObject({ createdBy: null, createdByName: null });
  });
});
