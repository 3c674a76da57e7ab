/**
 * Investigation aid (not part of `npm run bench`): where the import pipeline's time goes on one
 * engine, and what the changes proposed in bench/README.md ("Import pipeline") would save.
 *
 *   npx tsx bench/import-profile.ts pglite|postgres [rows] [--explain] [--cpu-profile] [--sections=1,2,3,4,5]
 *
 * On a fresh database with the benchmark's generated file (bench/import-data.ts):
 * 1. reading without a database: the CSV parse alone, then parse + `RowMapper.map` (the pipeline's
 *    own reader and mapper); with --cpu-profile the functions with the most self time;
 * 2. the current SQL path on one batch, with the functions of `imports.repository.ts` themselves:
 *    staging (`stageRows`), the checks, `classify` + `outcomes`, then the write transaction
 *    (`classify`, `outcomes`, `applyBatch`) — rolled back, so that the next path starts from the
 *    same empty cube — and `clearStaged`;
 * 3. the proposed SQL path on a second batch (same rows): `analyze import_row` after staging, no
 *    classification before the write transaction, and a classification that only touches staged
 *    rows whose key is in the cube (kept rows left without an outcome are the inserts);
 * 4. staging variants: COPY instead of unnest, and (PostgreSQL) an UNLOGGED `import_row`;
 * 5. a second import into a populated cube (the same rows again, loaded by COPY and never analyzed,
 *    as on PGlite, which has no autovacuum): the plan and time of the cube match without statistics,
 *    with `analyze import_row`, with the cube analyzed too, and with a six-column hash key.
 * With --explain, `EXPLAIN (ANALYZE, BUFFERS)` of the cube match on both paths.
 * Timings on a busy machine move by ±20 %: compare the paths within one run.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db, Engine } from '../apps/server/src/platform/db/database.ts';
import type { Database } from '../apps/server/src/platform/db/schema.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrator.ts';
import { seedReferenceData } from '../apps/server/src/seed.ts';
import { findPreset } from '../apps/server/src/modules/imports/index.ts';
import { loadResolver } from '../apps/server/src/modules/imports/codes.ts';
import { RowMapper, type StagedRow } from '../apps/server/src/modules/imports/mapping.ts';
import { openTable } from '../apps/server/src/modules/imports/readers/index.ts';
import * as repo from '../apps/server/src/modules/imports/imports.repository.ts';
import { openEngine, pgCopyFrom } from './cube.bench.ts';
import {
  IMPORT_COPY_COLUMNS,
  IMPORT_SOURCE,
  loadImportReference,
  planImport,
  writeTemplateCsv,
} from './import-data.ts';
import { loggingDb, StatementLog } from './import.bench.ts';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const engine = (positional[0] ?? 'postgres') as Engine;
const rows = Number(positional[1] ?? 1_000_000);
const explain = args.includes('--explain');
const cpuProfile = args.includes('--cpu-profile');
const sectionsArg = args.find((a) => a.startsWith('--sections='));
const sections = new Set((sectionsArg?.slice('--sections='.length) ?? '1,2,3,4,5').split(',').map(Number));
const want = (n: number) => sections.has(n);
const STAGE_CHUNK = 5_000;

type Q = Kysely<Database> | Transaction<Database>;

// The observation identity and sameness, as in imports.repository.ts.
const KEY = sql.raw(`o.indicator_id = r.indicator_id and o.area_id = r.area_id and o.period = r.period
  and o.dim_key = r.dim_key and o.source_id = r.source_id and o.substance_id is not distinct from r.substance_id`);
const SAME = sql.raw(`o.value is not distinct from r.value and o.lower is not distinct from r.lower
  and o.upper is not distinct from r.upper and o.unit = r.unit and o.status = r.status
  and o.confidentiality = r.confidentiality and o.footnotes = r.footnotes`);

/** The proposed changes to imports.repository.ts (see bench/README.md, "Import pipeline"). */
const proposed = {
  /** After staging: statistics for the planner (import_row is empty between imports). */
  async analyze(db: Q) {
    await sql`analyze import_row`.execute(db);
  },
  /**
   * Only staged rows whose key is in the cube get an outcome ('update' or 'unchanged'); kept rows
   * left null are inserts. Runs once per batch (in the write transaction for a commit), so there is
   * nothing to reset.
   */
  async classify(db: Q, batchId: number) {
    await sql`
      update import_row r set outcome = case when ${SAME} then 'unchanged' else 'update' end
      from observation o
      where r.batch_id = ${batchId} and r.kept and ${KEY}
    `.execute(db);
  },
  async outcomes(db: Q, batchId: number) {
    const r = await sql<Record<string, number>>`
      select count(*) filter (where kept and outcome is null)::int as insert,
        count(*) filter (where outcome = 'update')::int as update,
        count(*) filter (where outcome = 'unchanged')::int as unchanged,
        count(*) filter (where not kept)::int as merged,
        count(*) filter (where kept and outcome is distinct from 'unchanged' and value is null)::int as missing
      from import_row where batch_id = ${batchId}
    `.execute(db);
    return r.rows[0]!;
  },
  /** applyBatch with the insert taking `kept and outcome is null` (the other statements unchanged). */
  async apply(trx: Transaction<Database>, batchId: number, reason: string) {
    await sql`
      insert into observation_revision (observation_id, revision, value, lower, upper, unit, status, confidentiality,
        footnotes, change_reason, recorded_by, recorded_at, superseded_by, superseded_at, superseded_reason,
        import_batch_id, superseded_batch_id)
      select o.id, o.revision, o.value, o.lower, o.upper, o.unit, o.status, o.confidentiality, o.footnotes,
        o.change_reason, o.updated_by, o.updated_at, ${null}, now(), ${reason}, o.import_batch_id, ${batchId}
      from observation o join import_row r on ${KEY}
      where r.batch_id = ${batchId} and r.outcome = 'update'
    `.execute(trx);
    await sql`
      insert into import_change (batch_id, observation_id, action)
      select ${batchId}, o.id, 'update'
      from observation o join import_row r on ${KEY}
      where r.batch_id = ${batchId} and r.outcome = 'update'
    `.execute(trx);
    await sql`
      update observation o set value = r.value, lower = r.lower, upper = r.upper, unit = r.unit, status = r.status,
        confidentiality = r.confidentiality, footnotes = r.footnotes, revision = o.revision + 1,
        change_reason = ${reason}, updated_by = ${null}, updated_at = now(), import_batch_id = ${batchId}
      from import_row r
      where r.batch_id = ${batchId} and r.outcome = 'update' and ${KEY}
    `.execute(trx);
    await sql`
      with ins as (
        insert into observation (indicator_id, area_id, period, year, substance_id, dims, dim_key, source_id, value,
          lower, upper, unit, status, confidentiality, footnotes, change_reason, updated_by, import_batch_id)
        select indicator_id, area_id, period, year, substance_id, dims, dim_key, source_id, value, lower, upper, unit,
          status, confidentiality, footnotes, ${reason}, ${null}, ${batchId}
        from import_row where batch_id = ${batchId} and kept and outcome is null
        returning id
      )
      insert into import_change (batch_id, observation_id, action) select ${batchId}, id, 'insert' from ins
    `.execute(trx);
  },
};

class RolledBack extends Error {}
/** Runs `fn` in a transaction and rolls it back (the cube stays empty for the next path). */
async function rolledBack(db: Db, fn: (trx: Transaction<Database>) => Promise<void>) {
  try {
    await db.transaction().execute(async (trx) => {
      await fn(trx);
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (label: string, ms: number) => console.log(`  ${label.padEnd(64)} ${fmt(ms).padStart(9)}`);
async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  line(label, performance.now() - t);
  return out;
}

const p = await openEngine(engine, {
  pgUrl: process.env.OBSERVATORY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  pgliteMemory: false,
});
if ('skipped' in p) throw new Error(p.skipped);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-import-profile-'));
try {
  const db: Db = p.handle.db;
  console.log(
    `${p.label}; ${rows.toLocaleString('en')} rows; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  await migrateToLatest(db);
  await seedReferenceData(db);
  const source = await db
    .insertInto('source')
    .values({ ...IMPORT_SOURCE })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plan = planImport(await loadImportReference(db, source.id), rows);
  const csv = path.join(dir, 'observations-long.csv');
  const bytes = await writeTemplateCsv(plan, csv);
  console.log(`file: ${csv}, ${(bytes / 1048576).toFixed(1)} MB\n`);
  const spec = findPreset('observatory-long')!;
  const resolver = await loadResolver(db, { substanceScheme: spec.codes.substanceScheme });

  /** The pipeline's reading loop (long layout: no flush needed); `sink` gets chunks of staged rows. */
  async function readAndMap(sink: ((rows: StagedRow[]) => Promise<void>) | null, mapRows = true) {
    const table = await openTable(csv, { format: 'auto' });
    const mapper = new RowMapper(spec, resolver, {
      note: (key) => ({ en: key, ru: key }),
      specSourceId: null,
      maxYear: new Date().getUTCFullYear() + 1,
    });
    let buffer: StagedRow[] = [];
    let n = 0;
    let sinkMs = 0;
    const flush = async () => {
      const t = performance.now();
      await sink!(buffer);
      sinkMs += performance.now() - t;
      buffer = [];
    };
    for await (const row of table.rows()) {
      if (row.row === mapper.headerRow) {
        mapper.header(row);
        continue;
      }
      if (!mapRows) continue;
      const r = mapper.map(row);
      if (!r) continue;
      if (r.issues.length) throw new Error(`row ${row.row}: ${JSON.stringify(r.issues)}`);
      n += r.rows.length;
      if (!sink) continue;
      buffer.push(...r.rows);
      if (buffer.length >= STAGE_CHUNK) await flush();
    }
    if (sink && buffer.length) await flush();
    return { n, sinkMs };
  }

  if (want(1)) {
    console.log('1. Reading, no database');
    await time('CSV parse only (file → UTF-8 check → iconv → csv-parse)', () => readAndMap(null, false));
    let session: Session | undefined;
    if (cpuProfile) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const mapped = await time('CSV parse + RowMapper.map', () => readAndMap(null));
    if (mapped.n !== rows) throw new Error(`mapped ${mapped.n} rows, expected ${rows}`);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const byNode = new Map<number, number>();
      profile.timeDeltas?.forEach((d, i) =>
        byNode.set(profile.samples![i]!, (byNode.get(profile.samples![i]!) ?? 0) + d),
      );
      const self = new Map<string, number>();
      for (const node of profile.nodes) {
        const f = node.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url) || '(native)'}:${f.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + (byNode.get(node.id) ?? 0) / 1000);
      }
      const total = [...self.values()].reduce((a, b) => a + b, 0);
      console.log('    self time in parse + map, top 15 (tsx keeps names: `__name` is its helper):');
      for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
        console.log(`      ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${fmt(ms).padStart(8)}  ${k}`);
    }
  }

  const newBatch = async () => {
    const sha256 = 'a'.repeat(64);
    await db
      .insertInto('storedFile')
      .values({ sha256, size: bytes, originalName: 'observations-long.csv' })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const b = await db
      .insertInto('importBatch')
      .values({
        fileSha256: sha256,
        fileName: 'observations-long.csv',
        specName: spec.name,
        specVersion: spec.version,
        spec: JSON.stringify(spec),
        options: '{}',
        dryRun: false,
        status: 'running',
        counts: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return b.id;
  };
  /** The match statement's plan and timing (executed, then rolled back). */
  let untimedMs = 0; // EXPLAIN ANALYZE inside a timed path, taken out of its total
  const explainMatch = async (label: string, batchId: number) => {
    if (!explain) return;
    const t = performance.now();
    await rolledBack(db, async (trx) => {
      const r = await sql<Record<string, string>>`
        explain (analyze, buffers) update import_row r set outcome = case when ${SAME} then 'unchanged' else 'update' end
        from observation o where r.batch_id = ${batchId} and r.kept and ${KEY}
      `.execute(trx);
      console.log(
        `\n  --- EXPLAIN (ANALYZE, BUFFERS) ${label}\n${r.rows.map((x) => `  ${Object.values(x)[0]}`).join('\n')}\n`,
      );
    });
    untimedMs += performance.now() - t;
  };
  /** Both paths on an equally empty cube and staging table. */
  const vacuumFull = () => sql`vacuum full observation, import_row, import_change`.execute(db);

  const runPath = async (
    name: string,
    steps: (logged: Db, batchId: number) => Promise<void>,
    after: (batchId: number) => Promise<void>,
  ) => {
    console.log(`\n${name}`);
    const statements = new StatementLog(true);
    const logged = loggingDb(p, statements);
    const batchId = await newBatch();
    const t = performance.now();
    const staged = await readAndMap((chunk) => repo.stageRows(logged, batchId, chunk));
    const readMs = performance.now() - t;
    line(`read + map + stageRows (${STAGE_CHUNK}-row unnest statements)`, readMs);
    line('  of which stageRows', staged.sinkMs);
    const before = statements.all.length;
    const untimedBefore = untimedMs;
    let t2 = performance.now();
    await steps(logged, batchId);
    let sqlMs = performance.now() - t2 - (untimedMs - untimedBefore);
    // Not timed with the path: plans and extra measurements on the same staged rows.
    await after(batchId);
    t2 = performance.now();
    await repo.clearStaged(logged, batchId);
    sqlMs += performance.now() - t2;
    for (const s of statements.all.slice(before)) line(`  ${s.kind}`, s.ms);
    line('checks + classification + write (rolled back) + clear staged', sqlMs);
    line('= SQL path total (read + stage + the rest)', readMs + sqlMs);
    return readMs + sqlMs;
  };

  const reason = 'import batch (profile)';
  let current = 0;
  if (want(2)) {
    current = await runPath(
      '2. Current SQL path (imports.repository.ts as it is)',
      async (logged, batchId) => {
        await repo.duplicateGroups(logged, batchId);
        await repo.historyJumps(logged, batchId, spec.checks.historyRatio);
        await repo.classify(logged, batchId);
        await repo.outcomes(logged, batchId);
        // Here, before the write: a rolled-back insert leaves dead rows that change the plan.
        await explainMatch('current: match after "mark all insert", import_row never analyzed', batchId);
        await rolledBack(logged, async (trx) => {
          await repo.classify(trx, batchId);
          await repo.outcomes(trx, batchId);
          await repo.applyBatch(trx, batchId, { userId: null, reason });
        });
      },
      async () => undefined,
    );
    await vacuumFull();
  }

  if (want(3)) {
    const next = await runPath(
      '3. Proposed SQL path (analyze after staging; classify once, matched rows only)',
      async (logged, batchId) => {
        await proposed.analyze(logged);
        await repo.duplicateGroups(logged, batchId);
        await repo.historyJumps(logged, batchId, spec.checks.historyRatio);
        await explainMatch('proposed: match after analyze, no "mark all"', batchId);
        await rolledBack(logged, async (trx) => {
          await proposed.classify(trx, batchId);
          const o = await proposed.outcomes(trx, batchId);
          if (o.insert !== rows) throw new Error(`proposed outcomes: ${JSON.stringify(o)}`);
          await proposed.apply(trx, batchId, reason);
        });
      },
      async (batchId) => {
        // What the insert costs part by part, each on a clean table in a rolled-back transaction.
        const insertSql = (changeReason: string | null, batchColumn: string, returning: boolean) => sql`
          insert into observation (indicator_id, area_id, period, year, substance_id, dims, dim_key, source_id,
            value, lower, upper, unit, status, confidentiality, footnotes, change_reason, updated_by, import_batch_id)
          select indicator_id, area_id, period, year, substance_id, dims, dim_key, source_id, value, lower, upper,
            unit, status, confidentiality, footnotes, ${changeReason}, ${null}, ${sql.raw(batchColumn)}
          from import_row where batch_id = ${batchId} and kept and outcome is null
          ${sql.raw(returning ? 'returning id' : '')}`;
        const variants: [string, (trx: Transaction<Database>) => Promise<unknown>][] = [
          [
            'insert + import_change through the CTE (as applyBatch)',
            (trx) =>
              sql`with ins as (${insertSql(reason, String(batchId), true)})
                insert into import_change (batch_id, observation_id, action) select ${batchId}, id, 'insert' from ins`.execute(
                trx,
              ),
          ],
          [
            'insert, then import_change from observation by import_batch_id',
            async (trx) => {
              await insertSql(reason, String(batchId), false).execute(trx);
              await sql`insert into import_change (batch_id, observation_id, action)
                select ${batchId}, id, 'insert' from observation where import_batch_id = ${batchId}`.execute(
                trx,
              );
            },
          ],
          [
            'insert into observation alone (no import_change)',
            (trx) => insertSql(reason, String(batchId), false).execute(trx),
          ],
          [
            '… and import_batch_id null (no FK check on import_batch)',
            (trx) => insertSql(reason, 'null', false).execute(trx),
          ],
          [
            '… and no change_reason: the COPY baseline columns as INSERT … SELECT',
            (trx) => insertSql(null, 'null', false).execute(trx),
          ],
        ];
        for (const [label, run] of variants) {
          await vacuumFull();
          await rolledBack(db, async (trx) => {
            await time(`  (not in the total) ${label}`, () => run(trx));
          });
        }
      },
    );
    if (current)
      console.log(
        `\n  proposed / current SQL path: ${fmt(next)} / ${fmt(current)} = ${((next / current) * 100).toFixed(0)} %`,
      );
    await vacuumFull();
  }

  if (want(4)) {
    console.log('\n4. Staging variants (read + map included)');
    const copyCols = `batch_id, row_no, indicator_id, area_id, substance_id, period, year, dims, dim_key, source_id,
    value, lower, upper, unit, status, confidentiality, footnotes`;
    const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const toCsv = (batchId: number, chunk: StagedRow[]) =>
      chunk
        .map((r) =>
          [
            batchId,
            r.rowNo,
            r.indicatorId,
            r.areaId,
            r.substanceId ?? '',
            q(r.period),
            r.year,
            q(JSON.stringify(r.dims)),
            q(r.dimKey),
            r.sourceId,
            r.value ?? '',
            r.lower ?? '',
            r.upper ?? '',
            q(r.unit),
            q(r.status),
            q(r.confidentiality),
            q(JSON.stringify(r.footnotes)),
          ].join(','),
        )
        .join('\n') + '\n';
    const copySql = `copy import_row (${copyCols}) from %s with (format csv)`;
    const batchC = await newBatch();
    const client = p.handle.pool ? await p.handle.pool.connect() : undefined;
    try {
      const viaCopy = await time('read + map + stage with COPY (5,000-row CSV chunks)', () =>
        readAndMap(async (chunk) => {
          if (client) await pgCopyFrom(client, copySql.replace('%s', 'stdin'), [toCsv(batchC, chunk)]);
          else
            await p.handle.pglite!.query(copySql.replace('%s', `'/dev/blob'`), [], {
              blob: new Blob([toCsv(batchC, chunk)]),
            });
        }),
      );
      line('  of which COPY (CSV text made in JS + COPY)', viaCopy.sinkMs);
    } finally {
      client?.release();
    }
    await repo.clearStaged(db, batchC);
    await vacuumFull();

    if (p.handle.pool) {
      await sql`alter table import_row set unlogged`.execute(db);
      const batchD = await newBatch();
      const unlogged = await time('read + map + stageRows into an UNLOGGED import_row', () =>
        readAndMap((chunk) => repo.stageRows(db, batchD, chunk)),
      );
      line('  of which stageRows', unlogged.sinkMs);
      await time("update import_row set outcome = 'insert' (every row), UNLOGGED", () =>
        sql`update import_row set outcome = 'insert' where batch_id = ${batchD} and kept`.execute(db),
      );
      await time('clearStaged, UNLOGGED', () => repo.clearStaged(db, batchD));
      await sql`alter table import_row set logged`.execute(db);
    }
    await vacuumFull();
  }

  if (want(5)) {
    console.log('\n5. A second import into a populated cube (the same rows again: every key matches)');
    const cubeSql = `copy observation (${IMPORT_COPY_COLUMNS.join(', ')}) from %s with (format csv)`;
    await time('cube: COPY the same rows (committed, not analyzed)', async () => {
      if (p.handle.pglite)
        for (const chunk of plan.copyChunks(50_000))
          await p.handle.pglite.query(cubeSql.replace('%s', `'/dev/blob'`), [], { blob: new Blob([chunk]) });
      else {
        const cc = await p.handle.pool!.connect();
        try {
          await pgCopyFrom(cc, cubeSql.replace('%s', 'stdin'), plan.copyChunks(50_000));
        } finally {
          cc.release();
        }
      }
    });
    const batchE = await newBatch();
    await time('read + map + stageRows of the second batch', () =>
      readAndMap((chunk) => repo.stageRows(db, batchE, chunk)),
    );
    const sixKeys = sql.raw(`o.indicator_id = r.indicator_id and o.area_id = r.area_id and o.period = r.period
      and o.dim_key = r.dim_key and o.source_id = r.source_id and coalesce(o.substance_id, 0) = coalesce(r.substance_id, 0)`);
    const variants: [string, (() => Promise<unknown>) | null, typeof KEY][] = [
      ['no statistics (as now)', null, KEY],
      ['after analyze import_row (the proposal)', () => sql`analyze import_row`.execute(db), KEY],
      ['after analyze observation as well', () => sql`analyze observation`.execute(db), KEY],
      ['both analyzed, six-column hash key (coalesce(substance_id, 0) = …)', null, sixKeys],
    ];
    for (const [label, before, key] of variants) {
      if (before) await before();
      const match = (prefix: string) => sql<Record<string, string>>`
        ${sql.raw(prefix)} update import_row r set outcome = case when ${SAME} then 'unchanged' else 'update' end
        from observation o where r.batch_id = ${batchE} and r.kept and ${key}`;
      const planRows = (await match('explain').execute(db)).rows.map((x) => String(Object.values(x)[0]));
      // A nested loop probing a non-unique observation index per staged row reads, per row, every
      // cube row of the same area and indicator (or source): quadratic at this size.
      const quadratic =
        planRows.some((x) => x.includes('Nested Loop')) &&
        planRows.some((x) => /observation_(area|source|query)_idx/.test(x));
      console.log(
        `\n  ${label}: plan\n${planRows
          .filter((x) => !/^\s*(Recheck|Filter|Buckets)/.test(x))
          .map((x) => `    ${x}`)
          .join('\n')}`,
      );
      if (quadratic && p.handle.pglite && rows > 100_000) {
        // PGlite has no statement_timeout that fires inside a running statement.
        console.log('    not run: nested loop probing a non-unique observation index for every staged row');
        continue;
      }
      const t = performance.now();
      try {
        await rolledBack(db, async (trx) => {
          if (p.handle.pool) await sql`set local statement_timeout = '180s'`.execute(trx);
          await match('').execute(trx);
        });
        line(`  ${label}: match (${rows.toLocaleString('en')} staged rows)`, performance.now() - t);
      } catch (error) {
        console.log(`    ${(error as Error).message} after ${fmt(performance.now() - t)}`);
      }
    }
  }
  console.log(
    `\nload average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
  await p.cleanup();
}
