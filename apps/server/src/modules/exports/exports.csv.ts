import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { close, put, SAFE_CSV } from './exports.stream.ts';
import { tableColumns, tableRow } from './exports.table.ts';
import type { ExportContext, ExportResult } from './exports.types.ts';

/** CSV, UTF-8 with a byte-order mark (so that spreadsheet programs read the Cyrillic right). */
export async function writeCsv(ctx: ExportContext, out: Writable): Promise<ExportResult> {
  const { indicator } = ctx.data;
  const dims = indicator.dimensions.map((d) => d.dimension);
  await put(out, `\uFEFF${stringify([tableColumns(dims)])}`);
  let rows = 0;
  for await (const page of ctx.data.pages()) {
    await put(
      out,
      stringify(
        page.map((r) => tableRow(r, indicator.code, dims, ctx.lang).map((c) => c ?? '')),
        SAFE_CSV,
      ),
    );
    rows += page.length;
  }
  await close(out);
  return { rows };
}
