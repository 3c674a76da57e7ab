/**
 * The import pipeline with the changes proposed in bench/README.md ("Import pipeline"), for
 * `npm run bench -- import --proposed`: measured side by side with the code as it is.
 *
 * The changes are kept here as a patch (exact text replacements) over copies of
 * `modules/imports/pipeline.ts` and `imports.repository.ts`, made at run time under bench/results/
 * (git-ignored) with their other imports pointing back at the real modules. A replacement that no
 * longer matches stops the run: the server code changed, and the patch (or the proposal) needs a
 * look. Nothing under apps/ is touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { runImport as RunImport } from '../apps/server/src/modules/imports/pipeline.ts';

const MODULE_DIR = path.resolve(import.meta.dirname, '../apps/server/src/modules/imports');

interface Change {
  file: 'pipeline.ts' | 'imports.repository.ts';
  why: string;
  find: string;
  replace: string;
}

/** The proposal, change by change. */
export const PROPOSED_CHANGES: Change[] = [
  {
    file: 'imports.repository.ts',
    why: "classify: no 'mark every row insert' update; only rows whose key is in the cube get an outcome",
    find: `/** Marks each kept staged row insert / update / unchanged against the cube. */
export async function classify(db: Q, batchId: number): Promise<void> {
  await sql\`update import_row set outcome = 'insert' where batch_id = \${batchId} and kept\`.execute(db);
  await sql\``,
    replace: `/**
 * Marks each kept staged row whose key is in the cube update / unchanged; kept rows left without an
 * outcome are inserts. Runs once per batch (a commit classifies in its transaction only).
 */
export async function classify(db: Q, batchId: number): Promise<void> {
  await sql\``,
  },
  {
    file: 'imports.repository.ts',
    why: 'outcomes: a kept row without an outcome is an insert',
    find: `    else if (row.outcome === 'insert' || row.outcome === 'update' || row.outcome === 'unchanged') {
      out[row.outcome] += Number(row.n);
      if (row.outcome !== 'unchanged') out.missing += Number(row.missing);
    }`,
    replace: `    else {
      const outcome = row.outcome ?? 'insert';
      if (outcome === 'insert' || outcome === 'update' || outcome === 'unchanged') {
        out[outcome] += Number(row.n);
        if (outcome !== 'unchanged') out.missing += Number(row.missing);
      }
    }`,
  },
  {
    file: 'imports.repository.ts',
    why: 'applyBatch: the inserts are the kept rows without an outcome',
    find: `      from import_row where batch_id = \${batchId} and outcome = 'insert'`,
    replace: `      from import_row where batch_id = \${batchId} and kept and outcome is null`,
  },
  {
    file: 'imports.repository.ts',
    why: 'new: statistics on the staged rows for the planner',
    find: `export async function clearStaged(`,
    replace: `/**
 * Statistics for the planner once a batch is staged: import_row is empty between imports, so
 * without them the comparison with the cube is planned for a few rows (PostgreSQL sorted the whole
 * batch on disk to merge-join it with an empty cube).
 */
export async function analyzeStaged(db: Q): Promise<void> {
  await sql\`analyze import_row\`.execute(db);
}

export async function clearStaged(`,
  },
  {
    file: 'pipeline.ts',
    why: 'staging overlaps reading: one chunk in flight while the next is read and mapped',
    find: `    let buffer: StagedRow[] = [];
    let headerSeen = false;`,
    replace: `    let buffer: StagedRow[] = [];
    // One chunk is staged while the next is read and mapped (on PostgreSQL the insert runs in the
    // server's process); a failure surfaces at the next chunk or at the end.
    const stage = async (chunk: StagedRow[]) => {
      await staging;
      staging = repo.stageRows(db, batchId, chunk);
      staging.catch(() => undefined);
    };
    let headerSeen = false;`,
  },
  {
    file: 'pipeline.ts',
    why: 'staging overlaps reading (the chunk call)',
    find: `      if (buffer.length >= STAGE_CHUNK) {
        await repo.stageRows(db, batchId, buffer);
        buffer = [];
      }`,
    replace: `      if (buffer.length >= STAGE_CHUNK) {
        await stage(buffer);
        buffer = [];
      }`,
  },
  {
    file: 'pipeline.ts',
    why: 'staging overlaps reading (the last chunk), then statistics',
    find: `    await take(mapper.flush());
    await repo.stageRows(db, batchId, buffer);
    buffer = [];
    ctx?.checkCancelled();`,
    replace: `    await take(mapper.flush());
    await stage(buffer);
    await staging;
    buffer = [];
    ctx?.checkCancelled();
    await repo.analyzeStaged(db);`,
  },
  {
    file: 'pipeline.ts',
    why: 'classify before the transaction only for a report (dry run, rejected batch)',
    find: `    await repo.classify(db, batchId);
    Object.assign(counts, toCounts(await repo.outcomes(db, batchId)));
    ctx?.checkCancelled();`,
    replace: `    // A commit classifies in its transaction (below); before it only a report needs the counts.
    if (req.dryRun || issues.errors > 0) {
      await repo.classify(db, batchId);
      Object.assign(counts, toCounts(await repo.outcomes(db, batchId)));
    }
    ctx?.checkCancelled();`,
  },
  {
    file: 'pipeline.ts',
    why: 'staging overlaps reading (declared outside try, so a failure waits for the chunk in flight)',
    find: `  try {
    const sourceSpec =`,
    replace: `  let staging: Promise<void> = Promise.resolve();
  try {
    const sourceSpec =`,
  },
  {
    file: 'pipeline.ts',
    why: 'staging overlaps reading (no staged rows may arrive after clearStaged)',
    find: `  } catch (error) {
    if (error instanceof FileError`,
    replace: `  } catch (error) {
    await staging.catch(() => undefined);
    if (error instanceof FileError`,
  },
];

/** Writes the patched copies and imports the patched pipeline; `dispose` removes the copies. */
export async function loadProposedPipeline(): Promise<{ runImport: typeof RunImport; dispose: () => void }> {
  const dir = path.resolve(import.meta.dirname, 'results', `proposed-pipeline-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of ['pipeline.ts', 'imports.repository.ts'] as const) {
    let text = fs.readFileSync(path.join(MODULE_DIR, file), 'utf8');
    for (const c of PROPOSED_CHANGES.filter((x) => x.file === file)) {
      const n = text.split(c.find).length - 1;
      if (n !== 1)
        throw new Error(
          `bench/import-prototype.ts: "${c.why}" matches ${n} times in ${file}; update the patch`,
        );
      text = text.replace(c.find, () => c.replace);
    }
    // Relative imports point back at the real modules, except the patched repository.
    text = text.replace(/from '(\.\.?\/[^']+)'/g, (whole, spec: string) => {
      if (spec === './imports.repository.ts') return whole;
      const target = path.relative(dir, path.resolve(MODULE_DIR, spec)).split(path.sep).join('/');
      return `from '${target.startsWith('.') ? target : `./${target}`}'`;
    });
    fs.writeFileSync(
      path.join(dir, file),
      `// Patched copy made by bench/import-prototype.ts; removed after the run.\n${text}`,
    );
  }
  const mod = (await import(pathToFileURL(path.join(dir, 'pipeline.ts')).href)) as {
    runImport: typeof RunImport;
  };
  return { runImport: mod.runImport, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
