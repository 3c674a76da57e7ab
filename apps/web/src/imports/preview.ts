/**
 * A preview of a delimited text file's first rows, read in the browser (no upload needed), and the
 * column mapping a spec applies. Spreadsheets and SDMX files are not previewed here: their rows
 * show up in the validation report of the dry run.
 */

export interface FilePreview {
  header: string[];
  rows: string[][];
}

/** Files the browser can preview: delimited text. */
export function canPreview(fileName: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(fileName);
}

function detectDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = line.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Splits delimited text into records (RFC 4180 quotes), stopping after `maxRecords`. */
export function parseDelimited(text: string, maxRecords: number): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(
    body.slice(0, body.indexOf('\n') === -1 ? undefined : body.indexOf('\n')),
  );
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length && records.length < maxRecords; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      record.push(cell);
      cell = '';
      if (record.some((c) => c !== '')) records.push(record);
      record = [];
    } else cell += ch;
  }
  if (records.length < maxRecords && (cell !== '' || record.length > 0)) {
    record.push(cell);
    if (record.some((c) => c !== '')) records.push(record);
  }
  return records;
}

/** Reads the header and up to `rows` data rows of a text file (the first 256 KB are enough). */
export async function previewFile(file: File, rows = 5): Promise<FilePreview> {
  const text = await file.slice(0, 262_144).text();
  const [header = [], ...data] = parseDelimited(text, rows + 1);
  return { header, rows: data };
}

export interface MappingRow {
  /** The field of an observation (`indicator`, `area`, …) or `dims.<dimension>`. */
  field: string;
  /** Where the field comes from: a column, or a fixed value. */
  source: { column: string } | { value: string } | { other: string };
  optional: boolean;
}

interface FieldLike {
  column?: string | number;
  value?: string | number;
  optional?: boolean;
}

function describe(field: string, f: FieldLike): MappingRow {
  const source =
    f.column !== undefined
      ? { column: String(f.column) }
      : f.value !== undefined
        ? { value: String(f.value) }
        : { other: JSON.stringify(f) };
  return { field, source, optional: f.optional === true };
}

/** Which column feeds which field under a mapping spec (its `fields`, dimensions included). */
export function mappingRows(spec: unknown): MappingRow[] {
  const fields = (spec as { fields?: Record<string, unknown> } | null)?.fields;
  if (!fields || typeof fields !== 'object') return [];
  const rows: MappingRow[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!value || typeof value !== 'object') continue;
    if (name === 'dims') {
      for (const [dim, f] of Object.entries(value as Record<string, unknown>))
        if (f && typeof f === 'object') rows.push(describe(`dims.${dim}`, f));
    } else rows.push(describe(name, value));
  }
  return rows;
}

/** True when a mapped column is in the header (by name, case-insensitive, or by spreadsheet letters). */
export function columnFound(header: string[], column: string): boolean {
  const wanted = column.trim().toLowerCase();
  if (header.some((h) => h.trim().toLowerCase() === wanted)) return true;
  if (/^\d+$/.test(column)) return Number(column) <= header.length;
  if (/^[A-Z]{1,3}$/.test(column)) {
    let index = 0;
    for (const ch of column) index = index * 26 + (ch.charCodeAt(0) - 64);
    return index <= header.length;
  }
  return false;
}
