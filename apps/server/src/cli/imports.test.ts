import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { cubeChecksum } from '../modules/imports/test/helpers.ts';

// `observatory import` as users run it: the real bin script in a child process on a real embedded
// database folder — exit codes, JSON report, languages, and a kill in the middle of an import.
const bin = path.join(repoRoot, 'bin/observatory.mjs');
let dataDir: string;
let work: string;

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, OBSERVATORY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const spec = {
  specVersion: 1,
  name: 'kg-national',
  version: 1,
  title: { en: 'Kyrgyz national seizures (test)', ru: 'Национальные данные об изъятиях Кыргызстана (тест)' },
  source: {
    code: 'KG_TEST',
    publisher: 'Test publisher',
    titleEn: 'Test table',
    titleRu: 'Тестовая таблица',
  },
  file: { format: 'csv' },
  fields: {
    indicator: { value: 'SZR_QTY' },
    area: { column: 'Страна' },
    substance: { column: 'Вещество' },
    year: { column: 'Год' },
    value: { column: 'Кг' },
  },
  values: { decimal: ',' },
  duplicates: 'error',
};

function write(name: string, content: string | object): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function checksum(): Promise<string> {
  const handle = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite'), lock: true });
  try {
    return await cubeChecksum(handle.db);
  } finally {
    await handle.close();
  }
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-cli-import-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-cli-files-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('observatory import', () => {
  it('imports with a mapping file, says when nothing changed, lists, shows and rolls back', () => {
    const mapping = write('spec.json', spec);
    const data = write(
      'kg.csv',
      'Страна;Вещество;Год;Кг\nКыргызстан;героин;2022;12,5\nКиргизия;опий;2022;1 200\n',
    );
    const first = run(['import', data, '--mapping', mapping, '--json']);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const report = JSON.parse(first.stdout) as {
      status: string;
      batchId: number;
      counts: Record<string, number>;
    };
    expect(report).toMatchObject({ status: 'committed', counts: { inserted: 2, errors: 0 } });

    const again = run(['import', data, '--mapping', mapping, '--lang', 'ru']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Ничего не изменилось');

    const list = run(['imports', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toHaveLength(2);
    const show = run(['imports', 'show', String(report.batchId), '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: report.batchId, status: 'committed' });

    const rollback = run(['imports', 'rollback', String(report.batchId), '--reason', 'test']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain('2 observations removed');
    expect(run(['imports', 'rollback', String(report.batchId), '--reason', 'again']).code).toBe(1);
  }, 300_000);

  it('exit 1 with located messages when the file has errors; exit 2 for usage and I/O errors', () => {
    const mapping = write('spec.json', spec);
    const bad = write(
      'bad.csv',
      'Страна;Вещество;Год;Кг\nКазахстон;героин;2022;-3\nКазахстан;героин;2022;abc\n',
    );
    const r = run(['import', bad, '--mapping', mapping, '--lang', 'ru']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Ничего не записано');
    expect(r.stdout).toContain(
      'ошибка (строка 2, A (Страна)): Неизвестная страна или территория «Казахстон». Возможно, имелось в виду «Казахстан»?',
    );
    expect(r.stdout).toContain('ошибка (строка 3, D (Кг)): «abc» — это не число.');

    expect(run(['import', path.join(work, 'missing.csv'), '--preset', 'observatory-long']).code).toBe(2);
    expect(run(['import', bad]).code).toBe(2);
    const invalid = run(['import', bad, '--mapping', write('invalid.json', { ...spec, version: 'one' })]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('version');
    expect(run(['import', bad, '--preset', 'no-such-preset']).code).toBe(2);
  }, 300_000);

  it('a kill in the middle of an import leaves the cube as it was, or fully imported — never half', async () => {
    const mapping = write('spec-big.json', {
      ...spec,
      name: 'kg-big',
      source: { ...spec.source, code: 'KG_BIG' },
    });
    const lines = ['Страна;Вещество;Год;Кг'];
    const countries = ['Кыргызстан', 'Казахстан', 'Таджикистан', 'Узбекистан', 'Туркменистан'];
    const drugs = ['героин', 'опий', 'гашиш', 'кокаин', 'метамфетамин', 'амфетамин', 'МДМА', 'каннабис'];
    let n = 0;
    for (const c of countries)
      for (const d of drugs)
        for (let y = 1900; y <= 2026 && n < 60_000; y++, n++) lines.push(`${c};${d};${y};${n % 997},5`);
    const data = write('big.csv', lines.join('\n'));
    for (const delay of [1500, 4000]) {
      const before = JSON.parse(await checksum()) as { n: number };
      const child = spawn(process.execPath, [bin, 'import', data, '--mapping', mapping, '--json'], {
        env: { ...process.env, OBSERVATORY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
        stdio: 'ignore',
      });
      // Listen from the start: on a fast machine the import may finish (and exit) before the kill.
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const after = JSON.parse(await checksum()) as { n: number };
      expect([before.n, before.n + n]).toContain(after.n);
    }
    // The next import cleans up after the killed ones: their batches are marked failed, staged rows go.
    const small = write('small.csv', 'Страна;Вещество;Год;Кг\nКыргызстан;героин;2021;1\n');
    expect(run(['import', small, '--mapping', mapping, '--json']).code).toBe(0);
    const handle = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite'), lock: true });
    try {
      expect(
        (await sql<{ n: number }>`select count(*)::int as n from import_row`.execute(handle.db)).rows[0]!.n,
      ).toBe(0);
      const running = await sql<{
        n: number;
      }>`select count(*)::int as n from import_batch where status = 'running'`.execute(handle.db);
      expect(running.rows[0]!.n).toBe(0);
    } finally {
      await handle.close();
    }
  }, 300_000);
});
