/**
 * Deterministic synthetic import file for the import benchmark (bench/import.bench.ts).
 *
 * The rows follow Observatory's canonical long template (preset `observatory-long`): one observation
 * per row, codes rather than ids. The same rows can also be written as `COPY observation … (FORMAT
 * csv)` input with the ids already resolved, which is the baseline the pipeline is compared with.
 *
 * Content: 200 countries and territories × 100 series each × 50 years (1975–2024) = 1,000,000 rows
 * from one source. Of each area's 100 series, 80 are SZR_QTY (kg) for 80 substances drawn from the
 * ~120 seeded drugs and forms, 20 are DRD_DEATHS (persons) by sex × age band, so the file has
 * dimension columns and dimension keys as well. About 3 % of the values are missing (`..`, status
 * M), 60 % have decimals, 10 % have bounds, 10 % are estimated or provisional, 5 % are not public,
 * 3 % carry a footnote in both languages (Cyrillic, with commas, so the CSV has quoted fields).
 * Every key is unique, and a series' values stay within a factor of 2.5 of each other, so the
 * pipeline's history check finds nothing: the import is clean and inserts every row.
 *
 * A mulberry32 PRNG drives every choice; reference ids come from the seeded reference data, which
 * is itself deterministic, so the same row count gives the same file byte for byte.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { Db } from '../apps/server/src/platform/db/database.ts';
import { dimKey } from '../apps/server/src/modules/observations/index.ts';
import { mulberry32 } from './cube.ts';

export const IMPORT_SOURCE = {
  code: 'BENCH_IMPORT',
  publisher: 'Observatory benchmark (synthetic data)',
  titleEn: 'Synthetic import file',
  titleRu: 'Синтетический файл импорта',
  tableName: 'bench.import',
  year: 2025,
  priority: 20,
} as const;

/** Header of the template file: the columns of the `observatory-long` preset that the rows use. */
export const TEMPLATE_COLUMNS = [
  'indicator',
  'area_code',
  'substance_code',
  'period',
  'sex',
  'age',
  'value',
  'lower',
  'upper',
  'unit',
  'status',
  'confidentiality',
  'source_code',
  'footnotes_en',
  'footnotes_ru',
] as const;

/** Columns of the COPY baseline, in its CSV order (the rest take their defaults). */
export const IMPORT_COPY_COLUMNS = [
  'indicator_id',
  'area_id',
  'period',
  'year',
  'substance_id',
  'dims',
  'dim_key',
  'source_id',
  'value',
  'lower',
  'upper',
  'unit',
  'status',
  'confidentiality',
  'footnotes',
] as const;

const AREAS = 200;
const SZR_SERIES = 80;
const DRD_SERIES = 20;
const FIRST_YEAR = 1975;
const YEARS = 50;
/** The earliest year the generator goes back to when more rows are asked for than 50 years give. */
const MIN_YEAR = 1901;

const FOOTNOTES: [string, string][] = [
  ['Provisional figure, national estimate', 'Предварительные данные, национальная оценка'],
  ['Includes seizures by customs', 'Включая изъятия таможенной службы'],
  ['Break in series: new reporting system', 'Разрыв ряда: новая система отчётности'],
];

interface Ref {
  id: number;
  code: string;
}

export interface ImportReference {
  szr: Ref & { unit: string };
  drd: Ref & { unit: string };
  areas: Ref[];
  substances: Ref[];
  sex: string[];
  age: string[];
  source: Ref;
}

/** Reads what the generator needs from the seeded reference data and the benchmark source. */
export async function loadImportReference(db: Db, sourceId: number): Promise<ImportReference> {
  const [indicators, areas, substances, codes] = await Promise.all([
    db
      .selectFrom('indicator')
      .select(['id', 'code', 'unit'])
      .where('code', 'in', ['SZR_QTY', 'DRD_DEATHS'])
      .execute(),
    db
      .selectFrom('area')
      .select(['id', 'code'])
      .where('kind', 'in', ['country', 'territory'])
      .orderBy('code')
      .execute(),
    db
      .selectFrom('substance')
      .select(['id', 'code'])
      .where('level', 'in', ['drug', 'form'])
      .orderBy('code')
      .execute(),
    db
      .selectFrom('code')
      .select(['codelist', 'code'])
      .where('codelist', 'in', ['SEX', 'AGE'])
      .orderBy('codelist')
      .orderBy('sortOrder')
      .execute(),
  ]);
  const indicator = (code: string) => {
    const i = indicators.find((x) => x.code === code);
    if (!i) throw new Error(`Indicator ${code} is not in the seeded reference data`);
    return i;
  };
  if (areas.length < AREAS) throw new Error(`Only ${areas.length} countries and territories are seeded`);
  if (substances.length < SZR_SERIES) throw new Error(`Only ${substances.length} substances are seeded`);
  return {
    szr: indicator('SZR_QTY'),
    drd: indicator('DRD_DEATHS'),
    areas,
    substances,
    sex: codes.filter((c) => c.codelist === 'SEX' && c.code !== '_U').map((c) => c.code),
    age: codes.filter((c) => c.codelist === 'AGE' && c.code !== '_U').map((c) => c.code),
    source: { id: sourceId, code: IMPORT_SOURCE.code },
  };
}

/** One series in one area: the years it covers are the plan's years (the last cell may stop early). */
interface Cell {
  indicator: ImportReference['szr'];
  area: Ref;
  substance: Ref | null;
  sex: string | null;
  age: string | null;
  dimsJson: string;
  dimKey: string;
  years: number;
}

/** One observation, in both forms. */
interface Row {
  cell: Cell;
  year: number;
  /** Text as written in both files; null for a missing value. */
  value: string | null;
  lower: string | null;
  upper: string | null;
  status: string;
  confidentiality: string;
  footnotes: [string, string][];
}

export interface ImportPlan {
  rows: number;
  cells: number;
  years: { from: number; to: number };
  /** The template CSV (header + rows), in pieces of about `chunkRows` rows. */
  templateChunks(chunkRows: number): Generator<string>;
  /** The same rows as COPY … (FORMAT csv) input with resolved ids, in pieces of `chunkRows` rows. */
  copyChunks(chunkRows: number): Generator<string>;
}

const csvField = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Plans the file: which series exist and how many years each covers. Rows are made on demand. */
export function planImport(ref: ImportReference, rows: number, seed = 20260315): ImportPlan {
  const rnd = mulberry32(seed);
  const shuffle = <T>(list: readonly T[]): T[] => {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const areas = shuffle(ref.areas).slice(0, AREAS);
  const combos: Cell[] = [];
  const dimCombos = ref.sex.flatMap((sex) => ref.age.map((age) => ({ sex, age })));
  for (const area of areas) {
    for (const substance of shuffle(ref.substances).slice(0, SZR_SERIES))
      combos.push({
        indicator: ref.szr,
        area,
        substance,
        sex: null,
        age: null,
        dimsJson: '{}',
        dimKey: '',
        years: 0,
      });
    for (const { sex, age } of shuffle(dimCombos).slice(0, DRD_SERIES)) {
      // Same member order as the mapping engine (the spec's dimension order); jsonb sorts keys anyway.
      const dims = { sex, age };
      combos.push({
        indicator: ref.drd,
        area,
        substance: null,
        sex,
        age,
        dimsJson: JSON.stringify(dims),
        dimKey: dimKey(dims),
        years: 0,
      });
    }
  }
  // 50 years per series; a smaller file has fewer series (a random subset), a larger one more years.
  const yearCount = Math.max(YEARS, Math.ceil(rows / combos.length));
  const firstYear = Math.min(FIRST_YEAR, FIRST_YEAR + YEARS - yearCount);
  if (firstYear < MIN_YEAR)
    throw new Error(`--rows ${rows} is more than this generator makes (${combos.length} series × years)`);
  const cells = shuffle(combos).slice(0, Math.ceil(rows / yearCount));
  cells.forEach((c, i) => (c.years = i === cells.length - 1 ? rows - yearCount * i : yearCount));
  // File order as an export writes it: indicator, area, substance, dimensions, then years.
  cells.sort(
    (a, b) =>
      cmp(a.indicator.code, b.indicator.code) ||
      cmp(a.area.code, b.area.code) ||
      cmp(a.substance?.code ?? '', b.substance?.code ?? '') ||
      cmp(a.dimKey, b.dimKey),
  );

  function* observations(): Generator<Row> {
    const vr = mulberry32(seed ^ 0x1a9b);
    for (const cell of cells) {
      const scale = Math.pow(10, vr() * 5);
      const integers = vr() < 0.4 || cell.indicator === ref.drd;
      for (let y = 0; y < cell.years; y++) {
        const r = vr();
        const missing = r < 0.03;
        const v = scale * (0.6 + 0.8 * vr());
        const value = missing ? null : integers ? Math.max(1, Math.round(v)) : round3(v);
        const bounded = value !== null && vr() < 0.1;
        const f = vr();
        yield {
          cell,
          year: firstYear + y,
          value: value === null ? null : String(value),
          lower: bounded ? String(round3(value * 0.8)) : null,
          upper: bounded ? String(round3(value * 1.2)) : null,
          status: missing ? 'M' : r < 0.09 ? 'E' : r < 0.13 ? 'P' : 'A',
          confidentiality: r > 0.99 ? 'restricted' : r > 0.95 ? 'dialogue' : 'public',
          footnotes: f < 0.01 ? [FOOTNOTES[0]!, FOOTNOTES[1]!] : f < 0.03 ? [FOOTNOTES[2]!] : [],
        };
      }
    }
  }

  function* chunked(chunkRows: number, line: (r: Row) => string, header?: string): Generator<string> {
    let lines: string[] = header === undefined ? [] : [header];
    for (const r of observations()) {
      lines.push(line(r));
      if (lines.length >= chunkRows) {
        yield lines.join('\n') + '\n';
        lines = [];
      }
    }
    if (lines.length) yield lines.join('\n') + '\n';
  }

  return {
    rows,
    cells: cells.length,
    years: { from: firstYear, to: firstYear + yearCount - 1 },
    templateChunks: (chunkRows) =>
      chunked(
        chunkRows,
        (r) =>
          [
            r.cell.indicator.code,
            r.cell.area.code,
            r.cell.substance?.code ?? '',
            r.year,
            r.cell.sex ?? '',
            r.cell.age ?? '',
            r.value ?? '..',
            r.lower ?? '',
            r.upper ?? '',
            r.cell.indicator.unit,
            r.status,
            r.confidentiality,
            ref.source.code,
            csvField(r.footnotes.map((n) => n[0]).join(' | ')),
            csvField(r.footnotes.map((n) => n[1]).join(' | ')),
          ].join(','),
        TEMPLATE_COLUMNS.join(','),
      ),
    copyChunks: (chunkRows) =>
      chunked(chunkRows, (r) =>
        [
          r.cell.indicator.id,
          r.cell.area.id,
          r.year,
          r.year,
          r.cell.substance?.id ?? '',
          csvField(r.cell.dimsJson),
          // Quoted, so that an empty key is '' rather than NULL.
          `"${r.cell.dimKey}"`,
          ref.source.id,
          r.value ?? '',
          r.lower ?? '',
          r.upper ?? '',
          r.cell.indicator.unit,
          r.status,
          r.confidentiality,
          csvField(JSON.stringify(r.footnotes.map(([en, ru]) => ({ en, ru })))),
        ].join(','),
      ),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Writes the template CSV to `file` (streamed, with back-pressure); returns its size in bytes. */
export async function writeTemplateCsv(plan: ImportPlan, file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  try {
    for (const chunk of plan.templateChunks(10_000)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return fs.statSync(file).size;
}
