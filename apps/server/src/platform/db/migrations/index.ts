import type { Migration } from 'kysely/migration';
import * as foundation from './20261128T0400_foundation.ts';
import * as imports from './20261128T1800_imports.ts';
import * as monitoringSites from './20261128T1900_monitoring_sites.ts';
import * as seizureEvents from './20261128T2100_seizure_events.ts';
import * as signals from './20261128T2110_signals.ts';
import * as dialogue from './20261129T0100_dialogue.ts';

/**
 * All migrations in order. Names are timestamps; a landed migration is never edited — fix forward
 * with a new file.
 */
export const migrations: Record<string, Migration> = {
  '20261128T0400_foundation': foundation,
  '20261128T1800_imports': imports,
  '20261128T1900_monitoring_sites': monitoringSites,
  '20261128T2100_seizure_events': seizureEvents,
  '20261128T2110_signals': signals,
  '20261129T0100_dialogue': dialogue,
};
