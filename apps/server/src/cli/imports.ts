import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { resolveLanguage, type Language } from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import { loadConfig } from '../platform/config.ts';
import { storeLocalFile, FileTooLargeError } from '../platform/files/store.ts';
import { AppError } from '../platform/http/errors.ts';
import { cancelJob, recoverJobs } from '../platform/jobs.ts';
import {
  findSpec,
  listBatches,
  getBatch,
  batchIssues,
  parseSpec,
  recoverImports,
  reportOf,
  rollbackBatch,
  startImport,
  type MappingSpec,
} from '../modules/imports/index.ts';
import { seedReferenceData } from '../seed.ts';
import { CliFailure, print, withDatabase } from './common.ts';

/**
 * `observatory import FILE`, `observatory imports list|show|rollback`. Exit codes: 0 committed (or a
 * clean dry run), 1 validation errors and nothing written, 2 usage or I/O error.
 */

const langOption = () =>
  new Option('--lang <lang>', 'language of messages (en, ru); default from LANG').choices(['en', 'ru']);

const cliLanguage = (lang?: string): Language => resolveLanguage(lang ?? process.env.LANG?.slice(0, 2));

function readSpecFile(file: string): MappingSpec {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliFailure(`${file}: ${(error as Error).message}`, 2);
  }
  try {
    return parseSpec(json, 'mapping');
  } catch (error) {
    if (error instanceof AppError) {
      const lines = error.details.map(
        (d) => `  ${d.param ?? ''}: ${typeof d.params?.reason === 'string' ? d.params.reason : d.code}`,
      );
      throw new CliFailure(`${file}: the mapping spec does not validate:\n${lines.join('\n')}`, 2);
    }
    throw error;
  }
}

export function registerImportCommands(program: Command): void {
  program
    .command('import <file>')
    .description('Import a file through the pipeline (validate, then commit as one batch)')
    .option('--preset <name>', 'built-in mapping preset (see `observatory imports presets`)')
    .option('--mapping <spec.json>', 'mapping spec file')
    .option('--dry-run', 'check and report without writing')
    .option('--json', 'print the report as JSON')
    .option('--sheet <sheet>', 'XLSX sheet name or number')
    .addOption(
      new Option('--encoding <encoding>', 'text encoding').choices([
        'auto',
        'utf-8',
        'utf-16le',
        'utf-16be',
        'windows-1251',
      ]),
    )
    .addOption(new Option('--delimiter <delimiter>', 'CSV delimiter').choices(['auto', ',', ';', 'tab']))
    .addOption(langOption())
    .action(
      async (
        file: string,
        opts: {
          preset?: string;
          mapping?: string;
          dryRun?: boolean;
          json?: boolean;
          sheet?: string;
          encoding?: 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';
          delimiter?: string;
          lang?: string;
        },
      ) => {
        const lang = cliLanguage(opts.lang);
        const t = translator(lang);
        if ((opts.preset === undefined) === (opts.mapping === undefined))
          throw new CliFailure(t('imports:cli.choose_spec'), 2);
        if (!fs.existsSync(file) || !fs.statSync(file).isFile())
          throw new CliFailure(t('imports:cli.no_file', { file }), 2);
        const fileSpec = opts.mapping ? readSpecFile(opts.mapping) : undefined;
        const config = loadConfig();
        const code = await withDatabase(
          config,
          async ({ db }) => {
            // The server seeds at every start; a database it never started on is seeded here once.
            if (!(await db.selectFrom('area').select('id').limit(1).executeTakeFirst()))
              await seedReferenceData(db);
            await recoverJobs(db);
            await recoverImports(db);
            const spec = fileSpec ?? (await findSpec(db, opts.preset!));
            if (!spec) throw new CliFailure(t('imports:cli.unknown_preset', { name: opts.preset }), 2);
            let stored;
            try {
              stored = await storeLocalFile(
                db,
                config.filesDir,
                file,
                null,
                config.OBSERVATORY_MAX_UPLOAD_MB * 1_048_576,
              );
            } catch (error) {
              if (error instanceof FileTooLargeError)
                throw new CliFailure(
                  t('errors:file_too_large', { limitMb: config.OBSERVATORY_MAX_UPLOAD_MB }),
                  2,
                );
              throw error;
            }
            const bar =
              !opts.json && process.stderr.isTTY
                ? new cliProgress.SingleBar(
                    { format: ' {phase} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true },
                    cliProgress.Presets.shades_classic,
                  )
                : null;
            let started = false;
            const { jobId, finished } = await startImport(
              db,
              {
                file: { sha256: stored.sha256, path: stored.path, name: path.basename(file) },
                spec,
                dryRun: Boolean(opts.dryRun),
                options: {
                  sheet:
                    opts.sheet === undefined
                      ? undefined
                      : /^\d+$/.test(opts.sheet)
                        ? Number(opts.sheet)
                        : opts.sheet,
                  encoding: opts.encoding,
                  delimiter:
                    opts.delimiter === 'tab' ? '\t' : (opts.delimiter as ',' | ';' | 'auto' | undefined),
                },
                userId: null,
              },
              {
                onProgress: (p) => {
                  if (!bar) return;
                  const phase = t(`imports:phase.${p.phase}`);
                  if (!started) {
                    bar.start(p.total ?? 0, p.done, { phase });
                    started = true;
                  }
                  bar.setTotal(p.total ?? Math.max(p.done, 1));
                  bar.update(p.done, { phase });
                },
              },
            );
            const onSignal = () => {
              // Ctrl-C: the job stops before it writes; the data stays as it was.
              void cancelJob(db, jobId);
            };
            process.once('SIGINT', onSignal);
            let result;
            try {
              result = await finished;
            } finally {
              process.removeListener('SIGINT', onSignal);
              bar?.stop();
            }
            const report = reportOf(jobId, result);
            print(Boolean(opts.json), report, () => humanReport(report, lang));
            return result.status === 'rejected'
              ? 1
              : result.status === 'cancelled' || result.status === 'failed'
                ? 2
                : 0;
          },
          true,
        );
        process.exitCode = code;
      },
    );

  const imports = program.command('imports').description('Import batches');
  imports
    .command('list')
    .description('Import batches, newest first')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (opts: { json?: boolean; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      await withDatabase(
        loadConfig(),
        async ({ db }) => {
          const page = await listBatches(db, 1, 100, lang);
          print(
            Boolean(opts.json),
            page.items,
            () =>
              page.items
                .map(
                  (b) =>
                    `#${b.id}\t${b.createdAt.slice(0, 16).replace('T', ' ')}\t${b.statusText}\t${b.spec.name}@${b.spec.version}\t${b.file.name}\t+${b.counts.inserted ?? 0} ~${b.counts.updated ?? 0} =${b.counts.unchanged ?? 0}`,
                )
                .join('\n') || translator(lang)('imports:cli.none'),
          );
        },
        true,
      );
    });
  imports
    .command('show <id>')
    .description('One batch with its issues')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (id: string, opts: { json?: boolean; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      await withDatabase(
        loadConfig(),
        async ({ db }) => {
          const batch = await getBatch(db, Number(id), lang);
          const issues = await batchIssues(db, Number(id), { page: 1, pageSize: 1000 });
          print(Boolean(opts.json), { ...batch, issues: issues.items }, () =>
            [
              `#${batch.id} ${batch.statusText} — ${batch.file.name} (${batch.spec.name}@${batch.spec.version})`,
              Object.entries(batch.counts)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', '),
              ...issues.items.slice(0, 50).map((i) => issueLine(i, lang)),
            ].join('\n'),
          );
        },
        true,
      );
    });
  imports
    .command('rollback <id>')
    .description('Roll a committed batch back (its values are restored from the revision history)')
    .requiredOption('--reason <text>', 'why (kept in the history)')
    .addOption(langOption())
    .action(async (id: string, opts: { reason: string; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      await withDatabase(
        loadConfig(),
        async ({ db }) => {
          const r = await rollbackBatch(db, Number(id), { userId: null }, opts.reason);
          console.log(
            translator(lang)('imports:cli.rolled_back', {
              id: r.id,
              removed: r.removed,
              restored: r.restored,
            }),
          );
        },
        true,
      );
    });
}

type Report = ReturnType<typeof reportOf>;

function issueLine(i: Report['issues'][number], lang: Language): string {
  const t = translator(lang);
  const where = [i.row !== null ? t('imports:cli.row', { row: i.row }) : null, i.column]
    .filter(Boolean)
    .join(', ');
  return `  ${t(`imports:severity.${i.severity}`)}${where ? ` (${where})` : ''}: ${i.message[lang]}`;
}

function humanReport(report: Report, lang: Language): string {
  const t = translator(lang);
  const lines = [report.message[lang]];
  const shown = report.issues.filter((i) => i.severity !== 'info').slice(0, 30);
  for (const i of shown) lines.push(issueLine(i, lang));
  const more = report.issues.filter((i) => i.severity !== 'info').length - shown.length;
  if (more > 0) lines.push(t('imports:cli.more', { count: more, id: report.batchId }));
  return lines.join('\n');
}
