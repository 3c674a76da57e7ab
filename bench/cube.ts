/**
 * Deterministic synthetic observation cube for the benchmark.
 *
 * The same seed and row count always give the same rows (a mulberry32 PRNG drives every choice;
 * reference ids come from the seeded reference data, which is itself deterministic). The cube holds
 * exactly `rows` observations:
 * - the target slice: SZR_QTY × heroin × KAZ, KGZ, TJK, TKM, UZB, AFG × 1999–2023 from the first
 *   synthetic source, all public — 150 rows, the answer of the benchmarked query;
 * - noise: every other seeded indicator (with its dimensions), about 120 substances, all ~250
 *   countries and territories, two sources, partial year coverage, some non-public, estimated,
 *   provisional or missing values and footnotes. The noise never touches the target keys, so the
 *   query returns exactly 150 rows at any size.
 *
 * Rows are emitted ordered by year, then series, as annual imports would append them, so the
 * target rows are spread over the heap instead of sitting together on a few pages.
 */
import type { Db } from '../apps/server/src/platform/db/database.ts';

export const CUBE_YEARS = { from: 1999, to: 2023 } as const;
export const TARGET = {
  indicator: 'SZR_QTY',
  substance: 'heroin',
  areas: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB', 'AFG'],
} as const;
export const TARGET_ROWS = TARGET.areas.length * (CUBE_YEARS.to - CUBE_YEARS.from + 1);

export const BENCH_SOURCES = [
  {
    code: 'BENCH_A',
    publisher: 'Observatory benchmark (synthetic data)',
    titleEn: 'Synthetic cube, primary source',
    titleRu: 'Синтетический куб, основной источник',
    tableName: 'bench.a',
    year: 2024,
    priority: 10,
  },
  {
    code: 'BENCH_B',
    publisher: 'Observatory benchmark (synthetic data)',
    titleEn: 'Synthetic cube, secondary source',
    titleRu: null,
    tableName: 'bench.b',
    year: 2022,
    priority: 50,
  },
] as const;

/** Columns written by COPY, in CSV order. */
export const COPY_COLUMNS = [
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
  'revision',
  'updated_at',
] as const;

/** mulberry32: small, fast, good enough for synthetic data, fully deterministic. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface IndicatorRef {
  id: number;
  code: string;
  unit: string;
  requiresSubstance: boolean;
  hasBounds: boolean;
  /** Each dimension with the member codes used for it. */
  dims: { name: string; codes: string[] }[];
}

export interface Reference {
  indicators: Map<string, IndicatorRef>;
  areaIds: number[];
  areaByCode: Map<string, number>;
  substanceIds: number[];
  substanceByCode: Map<string, number>;
  sourceIds: number[];
}

/** Reads the ids the generator needs from the seeded reference data and the synthetic sources. */
export async function loadReference(db: Db, sourceIds: number[]): Promise<Reference> {
  const [indicators, codes, areas, substances] = await Promise.all([
    db.selectFrom('indicator').selectAll().orderBy('id').execute(),
    db.selectFrom('code').select(['codelist', 'code']).orderBy('codelist').orderBy('sortOrder').execute(),
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
  ]);
  const byList = new Map<string, string[]>();
  for (const c of codes) byList.set(c.codelist, [...(byList.get(c.codelist) ?? []), c.code]);
  const freeCodes = (name: string) =>
    name === 'site' ? ['CAPITAL', 'NORTH', 'SOUTH'] : name === 'study' ? ['S1', 'S2'] : ['X'];
  const indicatorMap = new Map<string, IndicatorRef>();
  for (const i of indicators) {
    indicatorMap.set(i.code, {
      id: i.id,
      code: i.code,
      unit: i.unit,
      requiresSubstance: i.requiresSubstance,
      hasBounds: i.hasBounds,
      dims: i.dimensions.map((d) => ({
        name: d.dimension,
        codes: d.codelist ? (byList.get(d.codelist) ?? ['_T']) : freeCodes(d.dimension),
      })),
    });
  }
  return {
    indicators: indicatorMap,
    areaIds: areas.map((a) => a.id),
    areaByCode: new Map(areas.map((a) => [a.code, a.id])),
    substanceIds: substances.map((s) => s.id),
    substanceByCode: new Map(substances.map((s) => [s.code, s.id])),
    sourceIds,
  };
}

/** Share of the noise rows per indicator (rest of the catalogue shares what is left evenly). */
const SHARES: Record<string, number> = {
  SZR_QTY: 0.24,
  SZR_CASES: 0.16,
  DRD_DEATHS: 0.14,
  POP_TOTAL: 0.12,
  TDI_ENTRANTS: 0.1,
  PPP_PRICE: 0.05,
  PPP_PURITY: 0.05,
  GPS_PREV_LY_15_64: 0.04,
  WW_LOAD: 0.03,
  DRD_MEAN_AGE: 0.02,
  CULT_OPIUM_HA: 0.002,
};

/** One series in one area from one source, with the years it covers (bit i = CUBE_YEARS.from + i). */
interface Cell {
  indicator: IndicatorRef;
  substanceId: number | null;
  dims: Record<string, string>;
  dimsJson: string;
  dimKey: string;
  sourceId: number;
  areaId: number;
  years: number;
  /** Magnitude of the series, so values look like a series rather than white noise. */
  scale: number;
  target: boolean;
}

const YEAR_COUNT = CUBE_YEARS.to - CUBE_YEARS.from + 1;
const ALL_YEARS = (1 << YEAR_COUNT) - 1;

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}

/** Keeps the lowest `count` set bits of a year mask. */
function keepYears(mask: number, count: number): number {
  let out = 0;
  for (let i = 0, left = count; i < YEAR_COUNT && left > 0; i++) {
    if (mask & (1 << i)) {
      out |= 1 << i;
      left--;
    }
  }
  return out;
}

function dimKeyOf(dims: Record<string, string>): string {
  return Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join('|');
}

export interface Cube {
  rows: number;
  cells: number;
  /** CSV chunks of about `chunkRows` rows each, ready for COPY … FROM (FORMAT csv). */
  chunks(chunkRows: number): Generator<string>;
}

/** Plans the cube: which cells exist and which years each covers. Cheap; rows are made on demand. */
export function planCube(ref: Reference, rows: number, seed = 20260101): Cube {
  if (rows < TARGET_ROWS) throw new Error(`--rows must be at least ${TARGET_ROWS} (the target slice)`);
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const szr = ref.indicators.get(TARGET.indicator)!;
  const heroin = ref.substanceByCode.get(TARGET.substance)!;
  const [sourceA, sourceB] = ref.sourceIds as [number, number];
  const cells: Cell[] = [];
  const taken = new Set<string>();
  const keyOf = (i: number, s: number | null, dimKey: string, src: number, area: number) =>
    `${i}|${s ?? ''}|${dimKey}|${src}|${area}`;

  for (const code of TARGET.areas) {
    const areaId = ref.areaByCode.get(code);
    if (areaId === undefined) throw new Error(`Area ${code} is not in the seeded reference data`);
    cells.push({
      indicator: szr,
      substanceId: heroin,
      dims: {},
      dimsJson: '{}',
      dimKey: '',
      sourceId: sourceA,
      areaId,
      years: ALL_YEARS,
      scale: 50 + rnd() * 5000,
      target: true,
    });
    // The target keys belong to the target slice only, from every source.
    for (const src of [sourceA, sourceB]) taken.add(keyOf(szr.id, heroin, '', src, areaId));
  }

  const noise = rows - TARGET_ROWS;
  const indicators = [...ref.indicators.values()];
  const known = indicators.filter((i) => SHARES[i.code] !== undefined);
  const rest = indicators.filter((i) => SHARES[i.code] === undefined);
  const knownShare = known.reduce((s, i) => s + SHARES[i.code]!, 0);
  const restShare = rest.length ? Math.max(0, 1 - knownShare) / rest.length : 0;
  const total = known.reduce((s, i) => s + SHARES[i.code]!, 0) + restShare * rest.length;

  const shareOf = (i: IndicatorRef) => (SHARES[i.code] ?? restShare) / total;
  // Smallest shares first: an indicator whose key space is too small for its share passes the
  // remainder on, and the largest (last) one takes what is left, so the cube has exactly `rows` rows.
  const order = [...indicators].sort((a, b) => shareOf(a) - shareOf(b) || a.id - b.id);
  let planned = 0;
  let carry = 0;
  order.forEach((indicator, index) => {
    const quota =
      index === order.length - 1 ? noise - planned : Math.round(noise * shareOf(indicator)) + carry;
    let filled = 0;
    let misses = 0;
    while (filled < quota && misses < 1000) {
      const substanceId = indicator.requiresSubstance ? pick(ref.substanceIds) : null;
      const dims: Record<string, string> = {};
      for (const d of indicator.dims) dims[d.name] = pick(d.codes);
      const dimKey = dimKeyOf(dims);
      const sourceId = rnd() < 0.75 ? sourceA : sourceB;
      const areaId = pick(ref.areaIds);
      const key = keyOf(indicator.id, substanceId, dimKey, sourceId, areaId);
      if (taken.has(key)) {
        misses++;
        continue;
      }
      taken.add(key);
      misses = 0;
      // Coverage: a contiguous run of years with occasional gaps.
      const start = Math.floor(rnd() * (YEAR_COUNT - 3));
      const end = Math.min(YEAR_COUNT - 1, start + 3 + Math.floor(rnd() * YEAR_COUNT));
      let years = 0;
      for (let y = start; y <= end; y++) if (rnd() > 0.08) years |= 1 << y;
      if (!years) years = 1 << start;
      const count = popcount(years);
      if (filled + count > quota) years = keepYears(years, quota - filled);
      filled += popcount(years);
      cells.push({
        indicator,
        substanceId,
        dims,
        dimsJson: JSON.stringify(dims),
        dimKey,
        sourceId,
        areaId,
        years,
        scale: Math.pow(10, rnd() * 5),
        target: false,
      });
    }
    if (filled < quota && index === order.length - 1)
      throw new Error(`Cannot place ${quota} rows for ${indicator.code}`);
    carry = quota - filled;
    planned += filled;
  });

  // Series order inside one year's import: indicator, substance, dimensions, source, area.
  cells.sort(
    (a, b) =>
      a.indicator.id - b.indicator.id ||
      (a.substanceId ?? 0) - (b.substanceId ?? 0) ||
      (a.dimKey < b.dimKey ? -1 : a.dimKey > b.dimKey ? 1 : 0) ||
      a.sourceId - b.sourceId ||
      a.areaId - b.areaId,
  );

  return {
    rows: TARGET_ROWS + planned,
    cells: cells.length,
    *chunks(chunkRows: number) {
      const vr = mulberry32(seed ^ 0x5eed);
      const updatedAt = '2025-01-15 12:00:00+00';
      let lines: string[] = [];
      for (let y = 0; y < YEAR_COUNT; y++) {
        const year = CUBE_YEARS.from + y;
        for (const c of cells) {
          if (!(c.years & (1 << y))) continue;
          const r = vr();
          const missing = !c.target && r < 0.02;
          const status = missing ? 'M' : r < 0.1 ? 'E' : r < 0.14 ? 'P' : 'A';
          const conf = c.target ? 'public' : r > 0.99 ? 'restricted' : r > 0.95 ? 'dialogue' : 'public';
          const value = missing ? null : Math.round(c.scale * (0.5 + vr()) * 1000) / 1000;
          const bounded = c.indicator.hasBounds && value !== null;
          const footnotes =
            vr() < 0.04 ? '[{""en"": ""Synthetic footnote"", ""ru"": ""Синтетическая сноска""}]' : '[]';
          lines.push(
            [
              c.indicator.id,
              c.areaId,
              year,
              year,
              c.substanceId ?? '',
              `"${c.dimsJson.replaceAll('"', '""')}"`,
              `"${c.dimKey}"`,
              c.sourceId,
              value ?? '',
              bounded ? Math.round(value * 800) / 1000 : '',
              bounded ? Math.round(value * 1200) / 1000 : '',
              c.indicator.unit,
              status,
              conf,
              `"${footnotes}"`,
              1,
              updatedAt,
            ].join(','),
          );
          if (lines.length >= chunkRows) {
            yield lines.join('\n') + '\n';
            lines = [];
          }
        }
      }
      if (lines.length) yield lines.join('\n') + '\n';
    },
  };
}
