import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { testEngine } from '../../../test/database.ts';
import { repoRoot } from '../../platform/config.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { tableColumns } from './index.ts';

// Every CLI start transpiles the TypeScript and opens the database: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 300_000 });

// `observatory export` as users run it: the real bin script in a child process, against a test
// database holding a few observations (on PGlite a copy in a real folder, on PostgreSQL the test
// database itself). Values are fixtures, not statistics.
const bin = path.join(repoRoot, 'bin/observatory.mjs');
let dataDir: string;
let t: TestApp | undefined;
let env: Record<string, string>;

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const out = (name: string) => path.join(dataDir, name);
/** Each run starts Node, tsx and the database: several seconds. */
const SLOW = 180_000;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-export-'));
  t = await createTestApp();
  const editor = await signIn(t, 'editor');
  const post = async (url: string, payload: object) => {
    const res = await t!.app.inject({ method: 'POST', url, headers: editor.headers, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
  };
  await post('/api/v1/sources', {
    code: 'CLI-A',
    publisher: 'CLI publisher',
    titleEn: 'CLI fixture',
    titleRu: 'Тестовый источник CLI',
    licence: 'CC BY 4.0',
  });
  const obs = (year: number, value: number | null, extra: Record<string, unknown> = {}) => ({
    indicator: 'SZR_QTY',
    area: 'KGZ',
    substance: 'heroin',
    year,
    source: 'CLI-A',
    value,
    ...extra,
  });
  await post('/api/v1/observations', {
    observations: [
      obs(2021, 5.5, { footnotes: [{ en: 'Fixture note', ru: 'Тестовое примечание' }] }),
      obs(2022, null, { status: 'M' }),
      obs(2023, 7, { confidentiality: 'restricted' }),
    ],
  });
  if (testEngine === 'pglite') {
    // The CLI opens the embedded database in OBSERVATORY_DATA_DIR/pglite: put a copy there.
    const dump = await t.database.pglite!.dumpDataDir('none');
    await t.close();
    t = undefined;
    const copy = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite'), pgliteDump: dump });
    await copy.close();
    env = { OBSERVATORY_DATA_DIR: dataDir, DATABASE_URL: '' };
  } else {
    env = { OBSERVATORY_DATA_DIR: dataDir, DATABASE_URL: t.database.url! };
  }
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('observatory export', () => {
  it(
    'is listed in the help',
    () => {
      const r = run(['export', '--help']);
      expect(r.code).toBe(0);
      for (const option of ['--indicator', '--area', '--format', '--lang', '--output'])
        expect(r.stdout).toContain(option);
    },
    SLOW,
  );

  it(
    'writes CSV (published data only by default) and SDMX-JSON',
    () => {
      const csv = run(['export', '--indicator', 'szr_qty', '--area', 'KGZ', '-o', out('kgz.csv')]);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout).toContain(`Exported 2 observations of SZR_QTY to ${out('kgz.csv')} (csv).`);
      const rows = parse<Record<string, string>>(fs.readFileSync(out('kgz.csv')), {
        bom: true,
        columns: true,
      });
      expect(rows.map((r) => [r.period, r.value, r.status, r.footnotes_en, r.footnotes_ru])).toEqual([
        ['2021', '5.5', 'A', 'Fixture note', 'Тестовое примечание'],
        ['2022', '', 'M', '', ''],
      ]);

      const json = run(['export', '--indicator', 'SZR_QTY', '--format', 'sdmx-json', '-o', out('kgz.json')]);
      expect(json.code, json.stderr).toBe(0);
      const msg = JSON.parse(fs.readFileSync(out('kgz.json'), 'utf8')) as {
        meta: { sender: { id: string } };
        data: { dataSets: { series: Record<string, { observations: Record<string, unknown[]> }> }[] };
      };
      expect(msg.meta.sender.id).toBe('OBSERVATORY');
      const series = Object.values(msg.data.dataSets[0]!.series);
      expect(series.flatMap((s) => Object.values(s.observations).map((o) => o[0]))).toEqual([5.5, null]);
      expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    },
    SLOW,
  );

  it(
    'writes XLSX in Russian, and unpublished data with --role, saying so',
    async () => {
      const r = run([
        'export',
        '--indicator',
        'SZR_QTY',
        '--format',
        'xlsx',
        '--lang',
        'ru',
        '--role',
        'editor',
        '--output',
        out('kgz.xlsx'),
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Выгружено 3 наблюдения показателя SZR_QTY');
      expect(r.stderr).toContain('неопубликованные данные');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out('kgz.xlsx'));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['данные', 'источники', 'о выгрузке']);
      const data = wb.getWorksheet('данные')!;
      expect(data.rowCount).toBe(4);
      const header = (data.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 6)).toEqual(tableColumns([]).slice(0, 6));
      expect(data.getRow(4).getCell(header.indexOf('confidentiality') + 1).value).toBe('restricted');
      expect(wb.getWorksheet('источники')!.getRow(2).getCell(3).value).toBe('Тестовый источник CLI');
    },
    SLOW,
  );

  it(
    'exits 0 with a note when nothing matches',
    () => {
      const r = run([
        'export',
        '--indicator',
        'SZR_QTY',
        '--area',
        'AFG',
        '--format',
        'sdmx-csv',
        '-o',
        out('none.csv'),
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('No observations of SZR_QTY match the query');
      expect(fs.readFileSync(out('none.csv'), 'utf8').trim().split('\n')).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'exits 1 on unknown codes and 2 on usage or file errors, leaving no file',
    () => {
      const unknown = run(['export', '--indicator', 'NOPE', '-o', out('nope.csv')]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('NOPE');
      expect(fs.existsSync(out('nope.csv'))).toBe(false);

      expect(run(['export', '--indicator', 'SZR_QTY']).code).toBe(2); // no --output
      expect(run(['export', '--indicator', 'SZR_QTY', '--format', 'pdf', '-o', out('x.pdf')]).code).toBe(2);
      const year = run(['export', '--indicator', 'SZR_QTY', '--from', '20x', '-o', out('x.csv')]);
      expect(year.code).toBe(2);
      expect(year.stderr).toContain('expected a year from 1900 to 2200');

      const missingDir = out('no/such/folder/x.csv');
      const io = run(['export', '--indicator', 'SZR_QTY', '-o', missingDir, '--lang', 'ru']);
      expect(io.code).toBe(2);
      expect(io.stderr).toContain(`Не удалось записать ${missingDir}`);
      expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.partial') || f.startsWith('x.'))).toEqual([]);
    },
    SLOW,
  );
});
