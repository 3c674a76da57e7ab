import { cellText, columnLetter, parseNumber } from '@observatory/shared';
import type { Db } from '../../platform/db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { findSitesByCodes, upsertSites, type SiteValues } from '../sites/index.ts';
import type { ImportIssue, Severity } from './mapping.ts';
import { openTable } from './readers/index.ts';
import { FileError, type Cell } from './readers/types.ts';
import type { SourceSpec } from './spec.ts';
import { findPreset } from './specs.ts';
import { ensureSource } from './source.ts';
import { issueMessage } from './imports.service.ts';

/**
 * Imports the wastewater site list of the EUDA / SCORE data (`ww2025-site-info-table.csv`: SiteID,
 * Country, City, Location, Latitude, Longitude, Population, …) into `monitoring_site`. Every row is
 * checked first; the sites are written in one transaction, and only when no row has an error.
 * Issues have the shape of the import pipeline's and their messages live in the `sites` catalogue
 * (file problems: `files`).
 */

/** The preset whose source the sites belong to (the loads and the site list are one publication). */
export const WASTEWATER_PRESET = 'euda-wastewater-2025';

/**
 * Country codes the site table is known to get wrong, read as the right code with a warning: the
 * 2025 table codes Hungary once as "H" (site H001, Debrecen), as the loads file does.
 */
const COUNTRY_CORRECTIONS: Record<string, string> = { H: 'HU' };

/** Columns read, by header (compared without case, spaces or underscores). */
const COLUMNS = {
  code: { header: 'SiteID', required: true },
  country: { header: 'Country', required: true },
  name: { header: 'City', required: true },
  latitude: { header: 'Latitude', required: true },
  longitude: { header: 'Longitude', required: true },
  population: { header: 'Population', required: false },
} as const;
type Field = keyof typeof COLUMNS;

export type SiteImportStatus = 'checked' | 'rejected' | 'committed' | 'unchanged';

export interface SiteImportResult {
  status: SiteImportStatus;
  counts: {
    /** Data rows read (blank rows not counted). */
    rows: number;
    inserted: number;
    updated: number;
    unchanged: number;
    errors: number;
    warnings: number;
  };
  issues: ImportIssue[];
  /** The site codes of the file, in file order (valid rows only). */
  sites: string[];
}

const headerKey = (text: string) => text.toLowerCase().replace(/[\s_]/g, '');

/** Both languages of a site issue's message (`sites`, then `files` catalogue). */
export const siteIssueMessage = (issue: Pick<ImportIssue, 'code' | 'params'>) =>
  issueMessage(issue, ['sites', 'files']);

/**
 * Reads, checks and (unless `dryRun`) saves the site list. Nothing is written when any row has an
 * error; a re-import of the same file changes nothing and says `unchanged`.
 */
export async function importWastewaterSites(
  db: Db,
  filePath: string,
  options: { dryRun?: boolean; userId?: number | null } = {},
): Promise<SiteImportResult> {
  const issues: ImportIssue[] = [];
  const issue = (
    row: number | null,
    col: string | null,
    code: string,
    params: Record<string, unknown>,
    severity: Severity = 'error',
  ) => issues.push({ row, col, code, severity, params });
  const result = (
    status: SiteImportStatus,
    counts: Partial<SiteImportResult['counts']> = {},
    sites: string[] = [],
  ): SiteImportResult => ({
    status,
    counts: {
      rows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      ...counts,
      errors: issues.filter((i) => i.severity === 'error').length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
    },
    issues,
    sites,
  });

  const presetSource = findPreset(WASTEWATER_PRESET)?.source;
  if (!presetSource || !('code' in presetSource))
    throw new Error(`preset ${WASTEWATER_PRESET} has no source of its own`);
  const sourceSpec: SourceSpec = presetSource;

  // Countries by ISO alpha-2 (and alpha-3): countries and territories only, never groups.
  const areas = await db
    .selectFrom('area')
    .select(['id', 'code', 'alpha2'])
    .where('kind', 'in', ['country', 'territory'])
    .execute();
  const areaByCode = new Map<string, { id: number; code: string }>();
  for (const a of areas) {
    areaByCode.set(a.code.toUpperCase(), a);
    if (a.alpha2) areaByCode.set(a.alpha2.toUpperCase(), a);
  }

  const parsed: (Omit<SiteValues, 'sourceId'> & { row: number })[] = [];
  const firstRowOf = new Map<string, number>();
  let rows = 0;
  try {
    const table = await openTable(filePath, { format: 'auto' });
    let columns: Record<Field, { index: number; label: string } | null> | null = null;
    for await (const row of table.rows()) {
      if (!columns) {
        const headers = row.cells.map((c) => cellText(c) ?? '');
        const found = {} as Record<Field, { index: number; label: string } | null>;
        for (const [field, spec] of Object.entries(COLUMNS) as [Field, (typeof COLUMNS)[Field]][]) {
          const index = headers.findIndex((h) => headerKey(h) === headerKey(spec.header));
          found[field] = index < 0 ? null : { index, label: `${columnLetter(index)} (${headers[index]})` };
          if (index < 0 && spec.required)
            issue(row.row, null, 'column_missing', {
              column: spec.header,
              available: headers.filter(Boolean).join(', ') || '—',
            });
        }
        columns = found;
        if (issues.length) return result('rejected');
        continue;
      }
      if (row.cells.every((c) => cellText(c) === null)) continue;
      rows++;
      const site = checkRow(row.row, row.cells, columns, areaByCode, issue);
      if (!site) continue;
      const first = firstRowOf.get(site.code);
      if (first !== undefined) {
        issue(row.row, columns.code!.label, 'duplicate_site', { code: site.code, first });
        continue;
      }
      firstRowOf.set(site.code, row.row);
      parsed.push({ ...site, row: row.row });
    }
    if (!columns) issue(null, null, 'file_empty', {});
    else if (rows === 0) issue(null, null, 'no_sites', {});
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    issue(null, null, error.code, error.params);
  }

  const sites = parsed.map((s) => s.code);
  if (issues.some((i) => i.severity === 'error')) return result('rejected', { rows });

  const write = async (trx: Db, sourceId: number) => {
    const existing = new Map((await findSitesByCodes(trx, sites)).map((s) => [s.code, s]));
    const values = parsed.map(({ row: _row, ...s }) => ({ ...s, sourceId }));
    const changed = values.filter((v) => {
      const e = existing.get(v.code);
      return (
        !e ||
        e.name !== v.name ||
        e.areaId !== v.areaId ||
        e.latitude !== v.latitude ||
        e.longitude !== v.longitude ||
        e.population !== v.population ||
        e.sourceId !== v.sourceId
      );
    });
    const inserted = changed.filter((v) => !existing.has(v.code)).length;
    return {
      values: changed,
      counts: {
        rows,
        inserted,
        updated: changed.length - inserted,
        unchanged: values.length - changed.length,
      },
    };
  };

  if (options.dryRun) {
    const source = await db
      .selectFrom('source')
      .select('id')
      .where('code', '=', sourceSpec.code)
      .executeTakeFirst();
    const { counts } = await write(db, source?.id ?? -1);
    return result('checked', counts, sites);
  }

  const counts = await db.transaction().execute(async (trx) => {
    const sourceId = await ensureSource(trx, sourceSpec, options.userId ?? null);
    const { values, counts } = await write(trx, sourceId);
    if (values.length === 0) return counts;
    await upsertSites(trx, values);
    await writeAudit(trx, {
      actorId: options.userId ?? null,
      action: 'sites.import',
      entity: 'monitoring_site',
      after: { source: sourceSpec.code, ...counts },
    });
    return counts;
  });
  return result(counts.inserted + counts.updated > 0 ? 'committed' : 'unchanged', counts, sites);
}

type IssueFn = (
  row: number | null,
  col: string | null,
  code: string,
  params: Record<string, unknown>,
  severity?: Severity,
) => void;

/** One row as site values, or null after reporting its errors. */
function checkRow(
  rowNo: number,
  cells: Cell[],
  columns: Record<Field, { index: number; label: string } | null>,
  areaByCode: Map<string, { id: number; code: string }>,
  issue: IssueFn,
): Omit<SiteValues, 'sourceId'> | null {
  let ok = true;
  const text = (field: Field) => {
    const c = columns[field];
    return c ? cellText(cells[c.index] ?? null) : null;
  };
  const col = (field: Field) => columns[field]?.label ?? null;
  const required = (field: Field) => {
    const t = text(field);
    if (t === null) {
      issue(rowNo, col(field), 'required', { field: COLUMNS[field].header });
      ok = false;
    }
    return t;
  };

  const code = required('code');
  const name = required('name');

  const countryText = required('country');
  let area: { id: number; code: string } | undefined;
  if (countryText !== null) {
    const raw = countryText.toUpperCase();
    const corrected = COUNTRY_CORRECTIONS[raw];
    if (corrected)
      issue(rowNo, col('country'), 'country_corrected', { value: countryText, code: corrected }, 'warning');
    area = areaByCode.get(corrected ?? raw);
    if (!area) {
      issue(rowNo, col('country'), 'unknown_country', { value: countryText });
      ok = false;
    }
  }

  const coordinate = (field: 'latitude' | 'longitude'): number | null => {
    const c = columns[field];
    const parsed = parseNumber(c ? (cells[c.index] ?? null) : null);
    if (parsed.kind === 'number') return parsed.value;
    if (parsed.kind === 'invalid')
      issue(rowNo, col(field), 'not_a_number', { field: COLUMNS[field].header, value: parsed.text });
    else issue(rowNo, col(field), 'required', { field: COLUMNS[field].header });
    ok = false;
    return null;
  };
  const latitude = coordinate('latitude');
  if (latitude !== null && (latitude < -90 || latitude > 90)) {
    issue(rowNo, col('latitude'), 'latitude_out_of_range', { value: latitude });
    ok = false;
  }
  const longitude = coordinate('longitude');
  if (longitude !== null && (longitude < -180 || longitude > 180)) {
    issue(rowNo, col('longitude'), 'longitude_out_of_range', { value: longitude });
    ok = false;
  }
  let population: number | null = null;
  if (columns.population) {
    const p = parseNumber(cells[columns.population.index] ?? null);
    if (p.kind === 'number' && Number.isSafeInteger(p.value) && p.value >= 0 && p.value <= 2_147_483_647)
      population = p.value;
    else if (p.kind !== 'missing') {
      issue(rowNo, col('population'), 'invalid_population', {
        value: p.kind === 'invalid' ? p.text : p.value,
      });
      ok = false;
    }
  }
  if (!ok || code === null || name === null || !area || latitude === null || longitude === null) return null;
  return { code, name, areaId: area.id, latitude, longitude, population };
}
