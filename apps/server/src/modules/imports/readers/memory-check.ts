/**
 * Checks that the readers stream in bounded memory: writes a large generated file to a temp dir,
 * reads it through `openTable`, and prints rows/s and peak RSS. Too slow for the test suite; run by
 * hand after touching the readers:
 *
 *   npx tsx apps/server/src/modules/imports/readers/memory-check.ts [--rows 1000000] [--xlsx 200000]
 *
 * `--xlsx N` also checks an N-row workbook (written with exceljs's streaming writer). Run with
 * `NODE_OPTIONS=--expose-gc` so that the baseline is taken after a full collection.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { openTable } from './index.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, xlsx: { type: 'string' } },
});
const csvRows = Number(args.rows);
const xlsxRows = args.xlsx === undefined ? 0 : Number(args.xlsx);

const COUNTRIES = [
  'Kazakhstan',
  'Kyrgyzstan',
  'Кыргызская Республика',
  'Tajikistan',
  'Uzbekistan',
  'Türkiye',
];
const DRUGS = ['Cannabis herb (marijuana)', 'Heroin', '"Ecstasy"-type substances', 'Опий, сырец'];

function record(i: number): string[] {
  return [
    COUNTRIES[i % COUNTRIES.length]!,
    `C${i % 997}`,
    DRUGS[i % DRUGS.length]!,
    String(2000 + (i % 25)),
    ((i * 7919) % 1_000_003) / 100 + '',
    i % 10 === 0 ? '' : `note ${i % 5000}, checked by the national focal point`,
  ];
}

function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\r\n';
}

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(csvLine(['country', 'code', 'drug', 'year', 'value', 'note']));
  let batch = '';
  for (let i = 1; i <= rows; i++) {
    batch += csvLine(record(i));
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(['country', 'code', 'drug', 'year', 'value', 'note']).commit();
  for (let i = 1; i <= rows; i++) {
    const [country, code, drug, year, value, note] = record(i);
    sheet.addRow([country, code, drug, Number(year), Number(value), note]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Reads a file through the reader while sampling RSS; returns the numbers to print. */
async function measure(file: string, expectedRows: number) {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  let rows = 0;
  let cells = 0;
  // With --expose-gc: the live heap after a full collection at 25/50/75 % of the file. Flat
  // numbers mean nothing accumulates; RSS above that is the collector's slack.
  const checkpoints = new Set([1, 2, 3].map((q) => Math.round((q * expectedRows) / 4)));
  const liveHeap: number[] = [];
  for await (const row of (await openTable(file)).rows()) {
    rows++;
    cells += row.cells.length;
    if (rows % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    if (global.gc && checkpoints.has(rows)) {
      peak = Math.max(peak, process.memoryUsage().rss);
      global.gc();
      liveHeap.push(process.memoryUsage().heapUsed);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (rows !== expectedRows + 1) throw new Error(`read ${rows} rows, expected ${expectedRows + 1}`);
  return { rows, cells, seconds, baseline, peak, liveHeap };
}

function report(label: string, file: string, m: Awaited<ReturnType<typeof measure>>): void {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `${label}: ${m.rows.toLocaleString('en')} rows (${mb(fs.statSync(file).size)} file) in ${m.seconds.toFixed(1)} s = ` +
      `${Math.round(m.rows / m.seconds).toLocaleString('en')} rows/s; ` +
      `RSS ${mb(m.baseline)} before, peak ${mb(m.peak)} (+${mb(m.peak - m.baseline)})` +
      (m.liveHeap.length > 0 ? `; live heap after GC at 25/50/75 %: ${m.liveHeap.map(mb).join(' / ')}` : ''),
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-memory-check-'));
try {
  const csv = path.join(dir, 'big.csv');
  await writeCsv(csv, csvRows);
  report('CSV', csv, await measure(csv, csvRows));
  if (xlsxRows > 0) {
    const xlsx = path.join(dir, 'big.xlsx');
    await writeXlsx(xlsx, xlsxRows);
    report('XLSX', xlsx, await measure(xlsx, xlsxRows));
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
