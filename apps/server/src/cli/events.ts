import { Option, type Command } from 'commander';
import { resolveLanguage } from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import { loadConfig } from '../platform/config.ts';
import { rebuildAllRollups } from '../modules/events/index.ts';
import { print, withDatabase } from './common.ts';

/** `observatory events rebuild-rollups`: recompute every roll-up of seizure events into the cube. */
export function registerEventCommands(program: Command): void {
  const events = program.command('events').description('Seizure events');
  events
    .command('rebuild-rollups')
    .description(
      'Recompute the roll-ups of seizure events (SZR_CASES, SZR_QTY by area, substance, year and month) from the events; normally they are kept current by every import, edit and rollback',
    )
    .option('--json', 'print JSON')
    .addOption(
      new Option('--lang <lang>', 'language of messages (en, ru); default from LANG').choices(['en', 'ru']),
    )
    .action(async (opts: { json?: boolean; lang?: string }) => {
      const lang = resolveLanguage(opts.lang ?? process.env.LANG?.slice(0, 2));
      await withDatabase(
        loadConfig(),
        async ({ db }) => {
          const counts = await rebuildAllRollups(db, { userId: null });
          print(Boolean(opts.json), counts, () => translator(lang)('events:cli.rebuilt', { ...counts }));
        },
        true,
      );
    });
}
