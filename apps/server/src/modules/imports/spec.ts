import { z } from 'zod';
import { DEFAULT_MISSING } from '@observatory/shared';

/**
 * Mapping specs: versioned JSON documents that say how a file becomes observations. One schema
 * for built-in presets, user specs stored in the database, and specs passed to the CLI.
 *
 * A column is named by its header text (as in the header row), by spreadsheet letters ("D"), or
 * by a 1-based number.
 */

const column = z.union([z.string().min(1), z.number().int().positive()]);

/** Where a field's text comes from: a column, or a fixed value; then an optional value map. */
export const fieldSchema = z
  .object({
    column: column.optional(),
    value: z.union([z.string(), z.number()]).optional(),
    /** Take the text from the sheet's name (tables that put one category per sheet or file). */
    sheetName: z.literal(true).optional(),
    /** Raw text → code, applied before any other lookup (exact after trimming, case-insensitive). */
    map: z.record(z.string(), z.string()).optional(),
    /** A regular expression with one capture group: only the captured part is used. */
    pattern: z.string().optional(),
    /** SDMX-CSV with labels: keep the part before ": " ("AT: Austria" → "AT"). */
    codeBeforeColon: z.boolean().optional(),
    /** SDMX ids written by Observatory's exports: `$XX` escapes are decoded (`T7$2E1` → `T7.1`). */
    sdmxId: z.boolean().optional(),
    /** The column may be absent from the file (the field is then empty). */
    optional: z.boolean().optional(),
  })
  .strict()
  .refine((f) => [f.column, f.value, f.sheetName].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of "column", "value" or "sheetName"',
  });

const text = z.object({ en: z.string().min(1), ru: z.string().min(1) }).strict();

export const sourceSpecSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_.-]{2,80}$/),
    publisher: z.string().min(1),
    titleEn: z.string().min(1),
    titleRu: z.string().min(1).optional(),
    tableName: z.string().optional(),
    edition: z.string().optional(),
    year: z.number().int().min(1900).max(2200).optional(),
    url: z.string().url().optional(),
    licence: z.string().optional(),
    priority: z.number().int().min(0).max(1000).optional(),
    notesEn: z.string().optional(),
    notesRu: z.string().optional(),
  })
  .strict();

const rowRule = z
  .object({
    column,
    /** Regular expression tested on the cell text (case-insensitive unless `caseSensitive`). */
    matches: z.string().optional(),
    caseSensitive: z.boolean().optional(),
    /** The cell is empty. */
    empty: z.boolean().optional(),
  })
  .strict();

/** Parts shared by observation and seizure-event specs. */
const specSourceSchema = z.union([
  sourceSpecSchema,
  z.object({ column, sdmxId: z.boolean().optional() }).strict(),
]);

const fileSchema = z
  .object({
    format: z.enum(['auto', 'csv', 'xlsx', 'sdmx-json']).default('auto'),
    sheet: z.union([z.string(), z.number().int().positive()]).optional(),
    encoding: z.enum(['auto', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1251']).default('auto'),
    delimiter: z.enum(['auto', ',', ';', '\t']).default('auto'),
  })
  .strict()
  .default({ format: 'auto', encoding: 'auto', delimiter: 'auto' });

const tableSchema = z
  .object({
    /** 1-based row holding the column headers. */
    headerRow: z.number().int().positive().default(1),
    /** First data row; the row after the header when absent. */
    dataStartRow: z.number().int().positive().optional(),
    /** Rows matching any rule are skipped and counted (with the rule's reason). */
    skipRows: z.array(rowRule.extend({ reason: z.string().default('rule') }).strict()).default([]),
    /** Rows with nothing in them are skipped silently. */
    skipBlankRows: z.boolean().default(true),
  })
  .strict()
  .default({ headerRow: 1, skipRows: [], skipBlankRows: true });

const valuesSchema = z
  .object({
    decimal: z.enum(['auto', '.', ',']).default('auto'),
    missing: z.array(z.string()).default([...DEFAULT_MISSING]),
    footnoteMarkers: z.boolean().default(true),
  })
  .strict()
  .default({ decimal: 'auto', missing: [...DEFAULT_MISSING], footnoteMarkers: true });

const codesSchema = z
  .object({
    /** Crosswalk scheme of `substance_mapping` to look names up in (e.g. UNODC_WDR2025_T7.1). */
    substanceScheme: z.string().optional(),
    /** Rows whose area is unknown: an error (default), or skipped with a warning (aggregates). */
    unknownArea: z.enum(['error', 'skip']).default('error'),
    /** Area codes (ISO3) that are skipped with a warning even though they are known. */
    skipAreas: z.array(z.string()).default([]),
  })
  .strict()
  .default({ unknownArea: 'error', skipAreas: [] });

/** A spec whose rows become observations of the cube. */
const observationSpecSchema = z
  .object({
    specVersion: z.literal(1),
    /** What the file becomes: observations of the cube (default) or seizure events. */
    target: z.literal('observations').default('observations'),
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,80}$/),
    version: z.number().int().positive(),
    title: text,
    description: text.optional(),
    /** The source every row belongs to; or `{ column }` naming a column of existing source codes. */
    source: specSourceSchema,
    file: fileSchema,
    table: tableSchema,
    layout: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('long') }).strict(),
        z
          .object({
            type: z.literal('wide'),
            /** Columns whose header is a year (number, text or Excel date serial) hold values. */
            yearColumns: z.object({ from: column.optional(), to: column.optional() }).strict().default({}),
            /**
             * Rows that carry bounds for the row above them (UNODC: "lower bound", "upper bound").
             * The label is read from `column`.
             */
            boundRows: z
              .array(z.object({ column, matches: z.string(), field: z.enum(['lower', 'upper']) }).strict())
              .default([]),
          })
          .strict(),
      ])
      .default({ type: 'long' }),
    fields: z
      .object({
        indicator: fieldSchema,
        area: fieldSchema,
        substance: fieldSchema.optional(),
        /** Extra columns that narrow the substance lookup in a crosswalk (e.g. UNODC group, subgroup). */
        substanceGroup: fieldSchema.optional(),
        substanceSubgroup: fieldSchema.optional(),
        year: fieldSchema.optional(),
        value: fieldSchema.optional(),
        lower: fieldSchema.optional(),
        upper: fieldSchema.optional(),
        unit: fieldSchema.optional(),
        status: fieldSchema.optional(),
        confidentiality: fieldSchema.optional(),
        footnoteEn: fieldSchema.optional(),
        footnoteRu: fieldSchema.optional(),
        dims: z.record(z.string(), fieldSchema).default({}),
      })
      .strict(),
    values: valuesSchema,
    codes: codesSchema,
    /** Unit conversion: a value in `from` is multiplied by `factor` and stored in `to`. */
    unitConversions: z
      .array(z.object({ from: z.string(), to: z.string(), factor: z.number().positive() }).strict())
      .default([]),
    /** What to do when rows share an observation key. */
    duplicates: z.enum(['error', 'sum', 'last']).default('error'),
    checks: z
      .object({
        /** Warn when a value exceeds N times the largest value of its series so far (0 = off). */
        historyRatio: z.number().min(0).default(10),
        /**
         * A value outside its own lower/upper bounds: an error (default), or recorded as missing
         * with a warning and a footnote that keeps the value the file gave.
         */
        outsideBounds: z.enum(['error', 'missing']).default('error'),
        minYear: z.number().int().default(1900),
        /** Latest year accepted; the current year + 1 when absent. */
        maxYear: z.number().int().optional(),
      })
      .strict()
      .default({ historyRatio: 10, outsideBounds: 'error', minYear: 1900 }),
    defaults: z
      .object({
        status: z.string().default('A'),
        confidentiality: z.enum(['public', 'dialogue', 'restricted']).default('public'),
      })
      .strict()
      .default({ status: 'A', confidentiality: 'public' }),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.layout.type === 'long') {
      for (const f of ['year', 'value'] as const)
        if (!spec.fields[f])
          ctx.addIssue({ code: 'custom', path: ['fields', f], message: `a long table needs "fields.${f}"` });
    } else {
      for (const f of ['year', 'value'] as const)
        if (spec.fields[f])
          ctx.addIssue({
            code: 'custom',
            path: ['fields', f],
            message: `a wide table takes "${f}" from its year columns; remove "fields.${f}"`,
          });
    }
    for (const p of [
      ...spec.table.skipRows.map((r) => r.matches),
      ...(spec.layout.type === 'wide' ? spec.layout.boundRows.map((r) => r.matches) : []),
      ...Object.values(spec.fields).flatMap((f) =>
        f && typeof f === 'object' && 'pattern' in f ? [f.pattern as string | undefined] : [],
      ),
    ]) {
      if (p === undefined) continue;
      try {
        new RegExp(p, 'iu');
      } catch {
        ctx.addIssue({ code: 'custom', path: ['fields'], message: `invalid regular expression: ${p}` });
      }
    }
  });

/** Regular expressions of a spec's row rules and fields must compile. */
function checkPatterns(patterns: (string | undefined)[], ctx: z.RefinementCtx) {
  for (const p of patterns) {
    if (p === undefined) continue;
    try {
      new RegExp(p, 'iu');
    } catch {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: `invalid regular expression: ${p}` });
    }
  }
}

/**
 * A spec whose rows become seizure events (modules/events): one event per row, in a long table.
 * `fields.transit` holds area codes or names separated by `;`, `,` or `|`. Duplicate references of
 * a source in one file are errors; a row without a reference that repeats another row's date,
 * place, substance, amount and unit is kept, with a warning.
 */
const eventSpecSchema = z
  .object({
    specVersion: z.literal(1),
    target: z.literal('seizure_events'),
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,80}$/),
    version: z.number().int().positive(),
    title: text,
    description: text.optional(),
    /** The source every event belongs to; or `{ column }` naming a column of existing source codes. */
    source: specSourceSchema,
    file: fileSchema,
    table: tableSchema,
    fields: z
      .object({
        date: fieldSchema,
        area: fieldSchema,
        latitude: fieldSchema.optional(),
        longitude: fieldSchema.optional(),
        substance: fieldSchema,
        substanceGroup: fieldSchema.optional(),
        substanceSubgroup: fieldSchema.optional(),
        amount: fieldSchema,
        unit: fieldSchema.optional(),
        origin: fieldSchema.optional(),
        transit: fieldSchema.optional(),
        destination: fieldSchema.optional(),
        conveyance: fieldSchema.optional(),
        agency: fieldSchema.optional(),
        confidentiality: fieldSchema.optional(),
        reference: fieldSchema.optional(),
        notes: fieldSchema.optional(),
      })
      .strict(),
    values: valuesSchema,
    codes: codesSchema,
    checks: z
      .object({
        /** Earliest year accepted. No date may lie after today. */
        minYear: z.number().int().default(1900),
      })
      .strict()
      .default({ minYear: 1900 }),
    defaults: z
      .object({
        confidentiality: z.enum(['public', 'dialogue', 'restricted']).default('public'),
        /** Unit of rows whose unit cell is empty (or of every row, without a unit column). */
        unit: z.string().optional(),
      })
      .strict()
      .default({ confidentiality: 'public' }),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (!spec.fields.unit && !spec.defaults.unit)
      ctx.addIssue({
        code: 'custom',
        path: ['fields', 'unit'],
        message: 'give "fields.unit" or "defaults.unit"',
      });
    checkPatterns(
      [...spec.table.skipRows.map((r) => r.matches), ...Object.values(spec.fields).map((f) => f?.pattern)],
      ctx,
    );
  });

/**
 * Mapping specs: `target` says what the rows become — observations (the default, for specs written
 * before seizure events existed) or seizure events.
 */
export const mappingSpecSchema = z.discriminatedUnion('target', [observationSpecSchema, eventSpecSchema]);

export type MappingSpecInput = z.input<typeof mappingSpecSchema>;
export type MappingSpec = z.output<typeof mappingSpecSchema>;
export type ObservationSpec = z.output<typeof observationSpecSchema>;
export type EventSpec = z.output<typeof eventSpecSchema>;
export type FieldSpec = z.output<typeof fieldSchema>;
export type SourceSpec = z.output<typeof sourceSpecSchema>;

/** JSON Schema of mapping specs, for editors and the API docs. */
export const mappingSpecJsonSchema = () => z.toJSONSchema(mappingSpecSchema, { io: 'input' });
