import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ROLES, visibleConfidentiality, type Language, type Role } from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import { loadConfig } from '../platform/config.ts';
import { withDatabase } from './common.ts';
import {
  EXPORT_FORMATS,
  ExportAbortedError,
  exportFormatInfo,
  writeObservationExport,
  type ExportFormat,
} from '../modules/exports/index.ts';
import { observationsFilterQuery, openObservationExport } from '../modules/observations/index.ts';

interface ExportOptions {
  indicator: string;
  area?: string;
  substance?: string;
  from?: number;
  to?: number;
  source?: string;
  dim: string[];
  sources: 'preferred' | 'all';
  format: ExportFormat;
  lang: Language;
  role?: Role;
  output: string;
}

/** Help texts are English, like the other commands' (the language is only known after parsing). */
const help = translator('en');

function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1900 || year > 2200)
    throw new InvalidArgumentError(help('exports:cli.invalidYear'));
  return year;
}

/**
 * `observatory export`: the whole result of an observations query to a file, read straight from the
 * database (embedded or DATABASE_URL) like the other commands. By default only published data, as
 * for anonymous visitors; `--role` exports what a user with that role may see. Exit codes: 0 done
 * (also when nothing matched: a note says so), 1 refused (unknown codes), 2 usage, configuration or
 * I/O error.
 */
export function registerExportCommand(program: Command): void {
  const o = (key: string) => help(`exports:cli.options.${key}`);
  program
    .command('export')
    .description(help('exports:cli.description'))
    .requiredOption('--indicator <code>', o('indicator'))
    .option('--area <codes>', o('area'))
    .option('--substance <codes>', o('substance'))
    .option('--from <year>', o('from'), parseYear)
    .option('--to <year>', o('to'), parseYear)
    .option('--source <codes>', o('source'))
    .option('--dim <dimension:code>', o('dim'), (v: string, acc: string[]) => [...acc, v], [])
    .addOption(
      new Option('--sources <which>', o('sources')).choices(['preferred', 'all']).default('preferred'),
    )
    .addOption(new Option('--format <format>', o('format')).choices([...EXPORT_FORMATS]).default('csv'))
    .addOption(new Option('--lang <lang>', o('lang')).choices(['en', 'ru']).default('en'))
    .addOption(new Option('--role <role>', o('role')).choices([...ROLES]))
    .requiredOption('-o, --output <file>', o('output'))
    .action(runExport);
}

async function runExport(opts: ExportOptions): Promise<void> {
  const t = translator(opts.lang);
  const parsed = observationsFilterQuery.safeParse({
    indicator: opts.indicator,
    area: opts.area,
    substance: opts.substance,
    from: opts.from,
    to: opts.to,
    source: opts.source,
    dim: opts.dim.length ? opts.dim : undefined,
    sources: opts.sources,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    console.error(t('exports:cli.invalidOption', { option: issue.path.join('.'), message: issue.message }));
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const target = path.resolve(opts.output);
  // Written beside the target and renamed at the end: a failed export leaves no half-written file.
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const ioFailure = (error: unknown) => {
    console.error(
      t('exports:cli.writeFailed', { file: target, message: (error as Error).message ?? String(error) }),
    );
    process.exitCode = 2;
  };
  let file: fs.WriteStream;
  try {
    file = await openFile(partial);
  } catch (error) {
    ioFailure(error);
    return;
  }

  const role = opts.role ?? null;
  const format = opts.format;
  let outcome: { rows: number; indicator: string };
  try {
    outcome = await withDatabase(
      config,
      async (handle) => {
        const data = await openObservationExport(handle.db, parsed.data, role, {
          order: exportFormatInfo(format).order,
        });
        const { rows } = await writeObservationExport(handle.db, data, format, file, { lang: opts.lang });
        return { rows, indicator: data.indicator.code };
      },
      true,
    );
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
    fs.renameSync(partial, target);
  } catch (error) {
    file.destroy();
    fs.rmSync(partial, { force: true });
    const fileError = file.errored ?? (isFileError(error) ? error : null);
    if (fileError || error instanceof ExportAbortedError) {
      ioFailure(fileError ?? error);
      return;
    }
    throw error; // refused queries and database faults: reported by the CLI's error handler
  }

  const { rows, indicator } = outcome;
  const vars = { indicator, file: target, format };
  console.log(rows === 0 ? t('exports:cli.empty', vars) : t('exports:cli.done', { ...vars, count: rows }));
  const unpublished = visibleConfidentiality(role).filter((c) => c !== 'public');
  if (unpublished.length)
    console.error(
      t('exports:cli.restrictedIncluded', {
        levels: unpublished.map((c) => t(`common:confidentiality.${c}`)).join(', '),
      }),
    );
}

function openFile(file: string): Promise<fs.WriteStream> {
  return new Promise((resolve, reject) => {
    const stream = fs.createWriteStream(file, { flags: 'w' });
    stream.once('open', () => resolve(stream));
    stream.once('error', reject);
  });
}

/** A file-system error (it names a path), as opposed to a refusal or a database fault. */
const isFileError = (error: unknown): boolean =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).path === 'string';
