/**
 * Investigation aid (not part of `npm run bench`): loads the same synthetic cube on one engine and
 * times the observations SQL as the repository runs it next to candidate rewrites, plus two
 * reference points: the execution alone (the query wrapped in `select count(*)`, so no rows travel
 * to Node) and the floor (the bare index scan returning the 150 rows).
 *
 *   npx tsx bench/query-variants.ts pglite|postgres [rows]
 */
import { performance } from 'node:perf_hooks';
import type { Engine } from '../apps/server/src/platform/db/database.ts';
import { loadCube, openEngine, type Options } from './cube.bench.ts';
import { CUBE_YEARS, TARGET } from './cube.ts';

const engine = (process.argv[2] ?? 'postgres') as Engine;
const rows = Number(process.argv[3] ?? 1_000_000);
const options: Options = {
  engines: [engine],
  rows,
  requests: 300,
  warmup: 30,
  concurrency: 1,
  pgUrl: process.env.OBSERVATORY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  explain: false,
  session: false,
};
const p = await openEngine(engine, options);
if ('skipped' in p) throw new Error(p.skipped);
try {
  console.log(`${p.label}: loading ${rows} rows …`);
  await loadCube(p, options);
  const { db } = p.handle;
  const areas = await db
    .selectFrom('area')
    .select('id')
    .where('code', 'in', [...TARGET.areas])
    .execute();
  const indicator = await db
    .selectFrom('indicator')
    .select('id')
    .where('code', '=', TARGET.indicator)
    .executeTakeFirstOrThrow();
  const substance = await db
    .selectFrom('substance')
    .select('id')
    .where('code', '=', TARGET.substance)
    .executeTakeFirstOrThrow();
  // Same parameters, in the same order, as observations.repository.ts queryObservations.
  const params = [
    indicator.id,
    areas.map((a) => a.id),
    [substance.id],
    CUBE_YEARS.from,
    CUBE_YEARS.to,
    ['public'],
    1000,
    0,
  ];
  const where = `o.indicator_id = $1 and o.area_id = any($2::int[]) and o.substance_id = any($3::int[])
    and o.year >= $4 and o.year <= $5 and o.confidentiality = any($6::text[])`;
  const ranked = (extraColumns: string, extraJoins: string) => `
    with ranked as (
      select o.*, src.code as source_code, src.publisher as source_publisher, src.title_en as source_title_en,
             src.title_ru as source_title_ru, src.table_name as source_table, src.year as source_year,${extraColumns}
             count(*) over k as source_count,
             row_number() over (k order by src.priority asc, src.year desc nulls last, src.id desc) as preference
      from observation o
      join source src on src.id = o.source_id${extraJoins}
      where ${where}
      window k as (partition by o.indicator_id, o.substance_id, o.area_id, o.period, o.dim_key)
    )`;
  const columns = `r.id, r.period, r.year, r.dims, r.value, r.lower, r.upper, r.unit, r.status, r.confidentiality,
           r.footnotes, r.revision, r.updated_at, r.source_code, r.source_publisher, r.source_title_en,
           r.source_title_ru, r.source_table, r.source_year, r.source_count::int as source_count`;
  const variants: Record<string, string> = {
    // As in the repository today: area and substance joined after the window functions.
    current: `${ranked('', '')}
    select ${columns},
           a.code as area_code, a.name_en as area_name_en, a.name_ru as area_name_ru,
           s.code as substance_code, s.name_en as substance_name_en, s.name_ru as substance_name_ru,
           (count(*) over ())::int as total
    from ranked r
    join area a on a.id = r.area_id
    left join substance s on s.id = r.substance_id
    where r.preference = 1
    order by a.code, s.code nulls first, r.year, r.period, r.dim_key, r.preference
    limit $7 offset $8`,
    // Rewrite: area and substance joined inside the CTE, where the row estimate is still sane.
    joinsInside: `${ranked(
      `
             a.code as area_code, a.name_en as area_name_en, a.name_ru as area_name_ru,
             s.code as substance_code, s.name_en as substance_name_en, s.name_ru as substance_name_ru,`,
      `
      join area a on a.id = o.area_id
      left join substance s on s.id = o.substance_id`,
    )}
    select ${columns},
           r.area_code, r.area_name_en, r.area_name_ru, r.substance_code, r.substance_name_en, r.substance_name_ru,
           (count(*) over ())::int as total
    from ranked r
    where r.preference = 1
    order by r.area_code, r.substance_code nulls first, r.year, r.period, r.dim_key, r.preference
    limit $7 offset $8`,
    floor: `select o.* from observation o where ${where} and $7::int > 0 and $8::int >= 0`,
  };
  variants.joinsInsideJsonAgg = `select json_agg(q) as items from (${variants.joinsInside}) q`;
  variants.currentExecOnly = `select count(*) from (${variants.current}) q`;
  variants.joinsInsideExecOnly = `select count(*) from (${variants.joinsInside}) q`;
  variants.floorExecOnly = `select count(*) from (${variants.floor}) q`;

  const run = (text: string) =>
    p.handle.pglite ? p.handle.pglite.query(text, params) : p.handle.pool!.query(text, params);
  const samples: Record<string, number[]> = {};
  for (const [name, text] of Object.entries(variants)) {
    samples[name] = [];
    for (let i = 0; i < 30; i++) await run(text);
  }
  for (let round = 0; round < 10; round++)
    for (const [name, text] of Object.entries(variants))
      for (let i = 0; i < 30; i++) {
        await new Promise((r) => setImmediate(r));
        const t = performance.now();
        await run(text);
        samples[name]!.push(performance.now() - t);
      }
  const at = (s: number[], q: number) => [...s].sort((a, b) => a - b)[Math.ceil((q / 100) * s.length) - 1]!;
  for (const [name, s] of Object.entries(samples))
    console.log(
      `${engine.padEnd(9)} ${name.padEnd(20)} p50 ${at(s, 50).toFixed(2).padStart(6)} ms   p95 ${at(s, 95).toFixed(2).padStart(6)} ms`,
    );
  for (const name of ['current', 'joinsInside']) {
    const plan = await run(`explain (analyze, timing off, summary on) ${variants[name]}`);
    console.log(`\n${name}:\n${plan.rows.map((r) => Object.values(r as object)[0] as string).join('\n')}`);
  }
} finally {
  await p.cleanup();
}
