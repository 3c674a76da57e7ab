import type { Language } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import type { ObservationExport } from '../observations/index.ts';

/** What a format writer gets: the opened query, the language, and the moment of the export. */
export interface ExportContext {
  db: ReadonlyDb;
  data: ObservationExport;
  /** Language of names, sheet titles and labels. */
  lang: Language;
  /** When the export was made (file name, SDMX `prepared`, the about sheet). */
  now: Date;
}

export interface ExportResult {
  /** Observations written. */
  rows: number;
}
