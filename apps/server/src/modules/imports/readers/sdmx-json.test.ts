import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './index.ts';
import { allRows, fileError, hasSharedData, makeTempDir, shared } from './test-fixtures.ts';
import type { Cell } from './types.ts';

const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Rows as objects keyed by the header, for comparisons that do not depend on column order. */
async function records(file: string): Promise<Record<string, Cell>[]> {
  const [header, ...rows] = await allRows(await openTable(file));
  const ids = header!.cells as string[];
  return rows.map((r) => Object.fromEntries(ids.map((id, i) => [id, (r.cells[i] ?? null) as Cell])));
}

const minimal10 = {
  header: { id: 'X' },
  structure: {
    dimensions: {
      series: [
        {
          id: 'REF_AREA',
          keyPosition: 0,
          values: [
            { id: 'KAZ', name: 'Kazakhstan' },
            { id: 'UZB', name: 'Uzbekistan' },
          ],
        },
      ],
      observation: [{ id: 'TIME_PERIOD', keyPosition: 1, values: [{ id: '2022' }, { id: '2023' }] }],
    },
    attributes: {
      dataSet: [{ id: 'UNIT_MEASURE', values: [{ id: 'KG', name: 'Kilograms' }] }],
      series: [],
      observation: [{ id: 'OBS_STATUS', values: [{ id: 'A' }, { id: 'E' }] }],
    },
  },
  dataSets: [
    { series: { '0': { observations: { '0': [1.5, 0], '1': [2, null] } } } },
    { series: { '1': { observations: { '1': ['3.25', 1] } } } },
  ],
};

describe('SDMX-JSON', () => {
  it('flattens a 1.0 series message, datasets one after another, codes not names', async () => {
    const file = write('minimal-1.0.json', `\uFEFF\n  ${JSON.stringify(minimal10)}`);
    const table = await openTable(file);
    expect(table).toMatchObject({ format: 'sdmx-json', estimatedRows: 4 });
    expect(await allRows(table)).toEqual([
      { row: 1, cells: ['REF_AREA', 'TIME_PERIOD', 'OBS_VALUE', 'UNIT_MEASURE', 'OBS_STATUS'] },
      { row: 2, cells: ['KAZ', '2022', 1.5, 'KG', 'A'] },
      { row: 3, cells: ['KAZ', '2023', 2, 'KG', null] },
      { row: 4, cells: ['UZB', '2023', 3.25, 'KG', 'E'] },
    ]);
  });

  it('refuses invalid JSON and messages without data', async () => {
    const cases: [string, string][] = [
      ['{"data": ', 'invalid_json'],
      ['{}', 'no_data'],
      ['{"errors": [{"code": 404}]}', 'no_data'],
      ['{"data": {"structures": []}}', 'no_datasets'],
      ['{"structure": {"dimensions": {}}, "dataSets": []}', 'no_datasets'],
      ['{"dataSets": [{"observations": {}}]}', 'unknown_structure'],
    ];
    for (const [json, reason] of cases) {
      const error = await fileError(() => openTable(write('bad.json', json)));
      expect(error, json).toMatchObject({ code: 'sdmx_invalid', params: { reason } });
    }
  });
});

describe.skipIf(!hasSharedData)('SDMX-JSON: official samples and provider responses', () => {
  const v1 = (name: string) => shared('sdmx-json/v1.0/data-message/samples', name);
  const v2 = (name: string) => shared('sdmx-json/v2.1.0/data-message/samples', name);

  it('reads the OECD 1.0 response (flat observations, null attribute indexes)', async () => {
    const rows = await allRows(
      await openTable(shared('sdmx-samples/provider-responses/OECD_PART2_sdmx-json-1.0_data.json')),
    );
    expect(rows[0]?.cells).toEqual([
      'LOCATION',
      'IND',
      'PER',
      'GRD',
      'FLD',
      'MSR',
      'OBS_VALUE',
      'TIME_FORMAT',
      'OBS_STATUS',
    ]);
    expect(rows).toHaveLength(8);
    expect(rows[1]).toEqual({
      row: 2,
      cells: ['AUS', '5CLAT', 'INI', 'FOG', 'MAT', 'MN', 11.963615756565, null, null],
    });
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const row of rows.slice(1))
      expect(typeof row.cells[6] === 'number' || row.cells[6] === null).toBe(true);
  });

  it('gives the same observations for the series, flat and cross-section layouts (1.0 and 2.1)', async () => {
    const sorted = (list: Record<string, Cell>[]) =>
      list.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort()))).sort();
    const reference = sorted(await records(v1('exr/exr-time-series.json')));
    expect(reference).toHaveLength(4);
    const first = reference
      .map((r) => JSON.parse(r) as Record<string, Cell>)
      .find((r) => r.OBS_VALUE === 1.5931);
    expect(first).toMatchObject({
      FREQ: 'D',
      CURRENCY: 'NZD',
      CURRENCY_DENOM: 'EUR',
      TIME_PERIOD: '2013-01-18',
      OBS_VALUE: 1.5931,
      OBS_STATUS: 'A',
      TIME_FORMAT: 'P1D', // dataset-level attribute given only in the 1.0 structure
    });
    for (const file of [v1('exr/exr-flat.json'), v2('exr/exr-time-series.json'), v2('exr/exr-flat.json')]) {
      expect(sorted(await records(file)), file).toEqual(reference);
    }
  });

  it('orders the header: dimensions (TIME_PERIOD included), OBS_VALUE, then attributes', async () => {
    const [header] = await allRows(await openTable(v2('exr/exr-time-series.json')));
    expect(header?.cells).toEqual([
      'FREQ',
      'CURRENCY_DENOM',
      'EXR_TYPE',
      'EXR_SUFFIX',
      'CURRENCY',
      'TIME_PERIOD',
      'OBS_VALUE',
      'TIME_FORMAT',
      'TITLE',
      'OBS_STATUS',
    ]);
  });

  it('applies 2.x dataset and dimension-group attributes', async () => {
    const rows = await records(v2('agri.json'));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({
      FREQ: 'A',
      REF_AREA: 'ASIKHM001',
      TIME_PERIOD: '2014',
      OBS_VALUE: 350.154,
      UNIT_MEASURE: 'TONES',
      CONTACT_EMAIL: 'contact@organisation.org', // uncoded attribute: the value itself
      SOURCE: 'MAFF_Agricultural Statistics_2014', // group "::0" (any area, first year)
      SERIES_COMMENT: 'Comment for Annual data for Banteay Meanchey', // group "0:0:" (localised text)
      EMBARGO_TIME: '2018-03-18T11:00:00',
    });
    const secondYear = rows.find((r) => r.REF_AREA === 'ASIKHM001' && r.TIME_PERIOD === '2015');
    expect(secondYear?.SOURCE).toBe('MAFF_Agricultural Statistics_2015;Other sources');
  });

  it('reads every official data-message sample and numbers rows from 2', async () => {
    const samples = [
      v1('agri.json'),
      v2('agri.json'),
      v2('generated-sample.json'),
      v2('constructed-sample-full.json'),
    ];
    for (const name of ['exr-time-series', 'exr-flat', 'exr-action-delete', 'exr-cross-section']) {
      samples.push(v1(`exr/${name}.json`), v2(`exr/${name}.json`));
    }
    for (const file of samples) {
      const table = await openTable(file);
      const rows = await allRows(table);
      expect(rows.length, file).toBe(table.estimatedRows);
      expect(
        rows.map((r) => r.row),
        file,
      ).toEqual(rows.map((_, i) => i + 1));
      for (const row of rows) expect(row.cells.length, file).toBe(rows[0]!.cells.length);
    }
    // Two datasets (a replace and a delete) in one message.
    expect(await allRows(await openTable(v1('exr/exr-action-delete.json')))).toHaveLength(1 + 3);
  });

  it('refuses a structure message (no data)', async () => {
    const error = await fileError(() =>
      openTable(shared('sdmx-json/v2.1.0/structure-message/samples/constructed-sample.json')),
    );
    expect(error.code).toBe('sdmx_invalid');
  });
});
