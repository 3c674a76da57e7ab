/**
 * The editable column mapping of long-format specs (the canonical "observatory-long" preset and
 * user specs of the same layout): which file column feeds each field, chosen from the columns of
 * the server's preview, starting from the spec's own mapping; the edited mapping is written back
 * into a copy of the spec, which the dry run then uses.
 */

type Json = Record<string, unknown>;

/** Observation fields a long-format spec maps from columns (`../modules/imports/spec.ts`). */
const FIELDS = [
  'indicator',
  'area',
  'substance',
  'year',
  'value',
  'lower',
  'upper',
  'unit',
  'status',
  'confidentiality',
  'source',
  'footnoteEn',
  'footnoteRu',
] as const;

export interface EditableField {
  /** `indicator`, `area`, …, `source`, or `dims.<dimension>`. */
  key: string;
  /** The dry run fails without it: mapped by the spec to a column not marked optional. */
  required: boolean;
}

/** Column index (0-based, into the preview's header) per field key; null when not mapped. */
export type ColumnChoice = Record<string, number | null>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** True for specs whose column mapping can be edited: observations in the long layout. */
export function canEditMapping(spec: unknown): spec is Json {
  if (!isObject(spec) || !isObject(spec.fields)) return false;
  const target = spec.target ?? 'observations';
  const layout = isObject(spec.layout) ? spec.layout.type : 'long';
  return target === 'observations' && (layout ?? 'long') === 'long';
}

/** The spec's definition of a field (`source` is the spec's source when it names a column). */
function fieldOf(spec: Json, key: string): Json | undefined {
  const fields = spec.fields as Json;
  let f: unknown;
  if (key === 'source') f = spec.source;
  else if (key.startsWith('dims.')) f = isObject(fields.dims) ? fields.dims[key.slice(5)] : undefined;
  else f = fields[key];
  return isObject(f) ? f : undefined;
}

/** Fields whose column can be chosen: every standard field and dimension not fixed to a value. */
export function editableFields(spec: Json): EditableField[] {
  const fields = spec.fields as Json;
  const dims = isObject(fields.dims) ? Object.keys(fields.dims).map((d) => `dims.${d}`) : [];
  const keys = [...FIELDS, ...dims];
  const out: EditableField[] = [];
  for (const key of keys) {
    const f = fieldOf(spec, key);
    if (key === 'source' && f && f.column === undefined) continue; // a source described in the spec
    if (f && f.column === undefined) continue; // a fixed value or the sheet name
    const required =
      key === 'indicator' || key === 'area' || key === 'source' || (f !== undefined && f.optional !== true);
    out.push({ key, required });
  }
  return out;
}

/** Fields fixed to a value (or the sheet name) by the spec: shown, not editable. */
export function fixedFields(spec: Json): { key: string; value: string }[] {
  const fields = spec.fields as Json;
  const dims = isObject(fields.dims) ? Object.keys(fields.dims).map((d) => `dims.${d}`) : [];
  const out: { key: string; value: string }[] = [];
  for (const key of [...FIELDS, ...dims]) {
    const f = fieldOf(spec, key);
    if (!f || f.column !== undefined) continue;
    if (key === 'source') out.push({ key, value: typeof f.code === 'string' ? f.code : '' });
    else if (typeof f.value === 'string' || typeof f.value === 'number')
      out.push({ key, value: String(f.value) });
    else if (f.sheetName) out.push({ key, value: '(sheet)' });
  }
  return out;
}

/** The header a spec reads: the preview's first row, or a later one when `table.headerRow` says so. */
export function headerOf(spec: Json, columns: string[], rows: string[][]): string[] {
  const headerRow =
    isObject(spec.table) && typeof spec.table.headerRow === 'number' ? spec.table.headerRow : 1;
  return headerRow <= 1 ? columns : (rows[headerRow - 2] ?? columns);
}

/** A spec's column reference (header text, spreadsheet letters or 1-based number) as an index. */
export function resolveColumn(header: string[], ref: unknown): number | null {
  if (typeof ref === 'number') return ref >= 1 && ref <= header.length ? ref - 1 : null;
  if (typeof ref !== 'string') return null;
  const wanted = ref.trim().toLowerCase();
  const byName = header.findIndex((h) => h.trim().toLowerCase() === wanted);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(ref)) return resolveColumn(header, Number(ref));
  if (/^[A-Z]{1,3}$/.test(ref)) {
    let index = 0;
    for (const ch of ref) index = index * 26 + (ch.charCodeAt(0) - 64);
    return index <= header.length ? index - 1 : null;
  }
  return null;
}

/** The spec's own mapping applied to this file's header. */
export function initialChoice(spec: Json, header: string[]): ColumnChoice {
  const choice: ColumnChoice = {};
  for (const { key } of editableFields(spec)) choice[key] = resolveColumn(header, fieldOf(spec, key)?.column);
  return choice;
}

/** Required fields left without a column. */
export function unmappedRequired(spec: Json, choice: ColumnChoice): string[] {
  return editableFields(spec)
    .filter((f) => f.required && (choice[f.key] ?? null) === null)
    .map((f) => f.key);
}

export function sameChoice(a: ColumnChoice, b: ColumnChoice): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? null) === (b[k] ?? null));
}

/** A column as the spec names it: its header text when that is unique, else its 1-based number. */
function columnRef(header: string[], index: number): string | number {
  const text = header[index]?.trim() ?? '';
  const unique =
    text !== '' && header.filter((h) => h.trim().toLowerCase() === text.toLowerCase()).length === 1;
  return unique ? text : index + 1;
}

/**
 * A copy of the spec with the chosen columns (value maps, patterns and the optional flag of a field
 * are kept; an unmapped field is dropped), renamed so the batch shows it was edited.
 */
export function applyChoice(spec: Json, choice: ColumnChoice, header: string[]): Json {
  const out = structuredClone(spec);
  const fields = out.fields as Json;
  if (!isObject(fields.dims)) fields.dims = {};
  const dims = fields.dims as Json;
  for (const { key } of editableFields(spec)) {
    const index = choice[key] ?? null;
    const before = fieldOf(spec, key) ?? {};
    const after = index === null ? undefined : { ...before, column: columnRef(header, index) };
    if (key === 'source') {
      if (after) out.source = { column: after.column, ...(before.sdmxId ? { sdmxId: before.sdmxId } : {}) };
    } else if (key.startsWith('dims.')) {
      if (after) dims[key.slice(5)] = after;
      else delete dims[key.slice(5)];
    } else if (after) fields[key] = after;
    else delete fields[key];
  }
  const name = typeof spec.name === 'string' ? spec.name : 'mapping';
  out.name = `${name.slice(0, 70)}.edited`;
  return out;
}
