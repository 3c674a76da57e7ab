import type { Delimiter } from './types.ts';

const CANDIDATES: Delimiter[] = [',', ';', '\t'];
const SAMPLE_RECORDS = 50;

/**
 * Picks the CSV delimiter from the first records of `text`: the candidate that occurs (outside
 * quotes) in the header and the same number of times in most following records; ties go to the one
 * that splits into more columns. That tells `;`-separated files with decimal commas (`12,4`) from
 * comma-separated files whose values hold semicolons (`X;Y`). A file with one column gets `,`.
 *
 * @param complete whether `text` is the whole file (otherwise its last, possibly cut, line is ignored).
 */
export function detectDelimiter(text: string, complete: boolean): Delimiter {
  const records = countPerRecord(text, complete);
  const header = records[0];
  if (!header) return ',';
  let best: { delimiter: Delimiter; agreement: number; count: number } | undefined;
  for (const delimiter of CANDIDATES) {
    const count = header[delimiter];
    if (count === 0) continue;
    const rest = records.slice(1);
    const agreement = rest.length === 0 ? 1 : rest.filter((r) => r[delimiter] === count).length / rest.length;
    if (
      !best ||
      agreement > best.agreement + 1e-9 ||
      (Math.abs(agreement - best.agreement) <= 1e-9 && count > best.count)
    ) {
      best = { delimiter, agreement, count };
    }
  }
  return best?.delimiter ?? ',';
}

type Counts = Record<Delimiter, number>;

/** Delimiters outside double quotes, per record (a quoted line break does not end a record). */
function countPerRecord(text: string, complete: boolean): Counts[] {
  const records: Counts[] = [];
  let counts: Counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let empty = true;
  for (let i = 0; i < text.length && records.length < SAMPLE_RECORDS; i++) {
    const char = text[i];
    if (char === '"') {
      inQuotes = !inQuotes; // a doubled quote toggles twice
      empty = false;
    } else if (inQuotes) {
      continue;
    } else if (char === '\n' || char === '\r') {
      if (!empty) records.push(counts);
      counts = { ',': 0, ';': 0, '\t': 0 };
      empty = true;
    } else if (char === ',' || char === ';' || char === '\t') {
      counts[char]++;
      empty = false;
    } else {
      empty = false;
    }
  }
  if (complete && !empty && records.length < SAMPLE_RECORDS) records.push(counts);
  return records;
}
