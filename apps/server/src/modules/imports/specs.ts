import type { z } from 'zod';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import { errors, type ErrorDetail } from '../../platform/http/errors.ts';
import { mappingSpecSchema, type MappingSpec, type ObservationSpec } from './spec.ts';
import observatoryLong from './presets/observatory-long.json' with { type: 'json' };
import observatoryEvents from './presets/observatory-events.json' with { type: 'json' };
import sdmxCsv from './presets/sdmx-csv.json' with { type: 'json' };
import sdmxJson from './presets/sdmx-json.json' with { type: 'json' };
import unodcSeizures from './presets/unodc-wdr2025-7.1.json' with { type: 'json' };
import unodcOpium from './presets/unodc-wdr2025-6.2.1.json' with { type: 'json' };
import worldBankPopulation from './presets/worldbank-population.json' with { type: 'json' };
import eudaDrd from './presets/euda-sb2019-drd.json' with { type: 'json' };
import eudaDrdMeanAge from './presets/euda-sb2019-drd-mean-age.json' with { type: 'json' };
import eudaPpp from './presets/euda-sb2019-ppp.json' with { type: 'json' };
import eudaWastewater from './presets/euda-wastewater-2025.json' with { type: 'json' };

/** Built-in mapping specs (presets), validated when the module loads. */
const RAW_PRESETS: unknown[] = [
  unodcSeizures,
  unodcOpium,
  worldBankPopulation,
  observatoryLong,
  sdmxCsv,
  sdmxJson,
  eudaDrd,
  eudaDrdMeanAge,
  eudaPpp,
  eudaWastewater,
  observatoryEvents,
];

/** Extra presets registered by other parts of this module (EUDA tables, wastewater). */
export const PRESETS: MappingSpec[] = RAW_PRESETS.map((p) => mappingSpecSchema.parse(p));

export function registerPresets(specs: unknown[]): void {
  for (const s of specs) PRESETS.push(mappingSpecSchema.parse(s));
}

/** A built-in preset whose rows become observations (see `findAnyPreset` for event presets too). */
export function findPreset(name: string): ObservationSpec | undefined {
  const p = findAnyPreset(name);
  return p?.target === 'observations' ? p : undefined;
}

/** A built-in preset of any target (observations or seizure events). */
export function findAnyPreset(name: string): MappingSpec | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** zod issues of a spec as error details (`spec.fields.area: give either "column" or "value"`). */
export function specIssues(error: z.ZodError, prefix = 'spec'): ErrorDetail[] {
  return error.issues.map((i) => ({
    param: [prefix, ...i.path.map(String)].join('.'),
    code: 'invalid_spec_field',
    params: { path: i.path.join('.') || '—', reason: i.message },
  }));
}

/** Validates a spec given as JSON; 400 with one detail per problem when it does not validate. */
export function parseSpec(input: unknown, param = 'spec'): MappingSpec {
  const parsed = mappingSpecSchema.safeParse(input);
  if (!parsed.success)
    throw errors.validation(
      'invalid_spec',
      { count: parsed.error.issues.length },
      param,
      specIssues(parsed.error, param),
    );
  return parsed.data;
}

/** Stores built-in presets in `mapping_spec` (idempotent; a changed preset needs a new version). */
export async function seedPresets(db: Db): Promise<number> {
  for (const p of PRESETS) {
    await db
      .insertInto('mappingSpec')
      .values({
        name: p.name,
        version: p.version,
        titleEn: p.title.en,
        titleRu: p.title.ru,
        spec: JSON.stringify(p),
        builtin: true,
      })
      .onConflict((oc) =>
        oc
          .columns(['name', 'version'])
          .doUpdateSet({ spec: JSON.stringify(p), titleEn: p.title.en, titleRu: p.title.ru }),
      )
      .execute();
  }
  return PRESETS.length;
}

/** A stored spec by name (latest version unless given). */
export async function findSpec(
  db: ReadonlyDb,
  name: string,
  version?: number,
): Promise<MappingSpec | undefined> {
  let q = db.selectFrom('mappingSpec').select('spec').where('name', '=', name);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('version', 'desc').executeTakeFirst();
  return row ? mappingSpecSchema.parse(row.spec) : findAnyPreset(name);
}

/** Saves a user spec; the version must be new for its name, and built-in names are reserved. */
export async function saveSpec(db: Db, spec: MappingSpec, userId: number): Promise<void> {
  if (findAnyPreset(spec.name)) throw errors.conflict('spec_name_reserved', { name: spec.name });
  const existing = await db
    .selectFrom('mappingSpec')
    .select('version')
    .where('name', '=', spec.name)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (existing && existing.version >= spec.version)
    throw errors.conflict('spec_version_exists', {
      name: spec.name,
      version: spec.version,
      latest: existing.version,
    });
  await db
    .insertInto('mappingSpec')
    .values({
      name: spec.name,
      version: spec.version,
      titleEn: spec.title.en,
      titleRu: spec.title.ru,
      spec: JSON.stringify(spec),
      builtin: false,
      createdBy: userId,
    })
    .execute();
}

export async function listSpecs(db: ReadonlyDb) {
  return db
    .selectFrom('mappingSpec')
    .select(['name', 'version', 'titleEn', 'titleRu', 'builtin', 'createdAt'])
    .orderBy('builtin', 'desc')
    .orderBy('name')
    .orderBy('version', 'desc')
    .execute();
}
