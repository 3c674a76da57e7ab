import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { repoRoot } from '../../platform/config.ts';
import { observationsFilterQuery, openObservationExport, PREFERENCE_RULE } from '../observations/index.ts';
import {
  decodeSdmxId,
  ExportAbortedError,
  exportFormatInfo,
  SDMX_ATTRIBUTE_IDS,
  SDMX_COMPONENTS,
  sdmxDimensionId,
  tableColumns,
  writeObservationExport,
  type ExportFormat,
} from './index.ts';

// Values below are test fixtures, not statistics.
const schemaDir = path.resolve(repoRoot, '../shared/data/sdmx-json/v2.1.0/data-message/tools/schemas');
const hasSchema = fs.existsSync(path.join(schemaDir, 'sdmx-json-data-schema.json'));
if (!hasSchema)
  console.warn(
    `[exports] ${schemaDir} not found: SDMX-JSON schema validation is skipped (needs ../shared/data)`,
  );

let t: TestApp;
/** SZR_QTY's dimensions (the columns between period and value). */
let szrDims: string[];
let editor: Session;
let viewer: Session;

const post = async (url: string, payload: object) => {
  const res = await t.app.inject({ method: 'POST', url, headers: editor.headers, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res;
};

const szr = (area: string, year: number, value: number | null, extra: Record<string, unknown> = {}) => ({
  indicator: 'SZR_QTY',
  area,
  substance: 'heroin',
  year,
  source: 'EXP-A',
  value,
  ...extra,
});
const drd = (year: number, value: number, dims: Record<string, string>) => ({
  indicator: 'DRD_DEATHS',
  area: 'AUT',
  year,
  source: 'EXP-A',
  value,
  dims,
});

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
  const szrQty = await t.database.db
    .selectFrom('indicator')
    .select('dimensions')
    .where('code', '=', 'SZR_QTY')
    .executeTakeFirstOrThrow();
  szrDims = szrQty.dimensions.map((d) => d.dimension);
  await post('/api/v1/sources', {
    code: 'EXP-A',
    publisher: 'Test publisher A',
    titleEn: 'Fixture source A',
    titleRu: 'Тестовый источник A',
    tableName: 'Table 1',
    year: 2024,
    priority: 10,
    licence: 'CC BY 4.0',
    url: 'https://example.org/source-a',
  });
  // A code with a dot: not an SDMX id as it is, so SDMX exports encode it.
  await post('/api/v1/sources', {
    code: 'EXP.B',
    publisher: 'Test publisher B',
    titleEn: 'Fixture source B',
    year: 2025,
    priority: 20,
  });
  await post('/api/v1/observations', {
    observations: [
      szr('TJK', 2019, 100.5, {
        footnotes: [
          { en: 'Provisional figure', ru: 'Предварительные данные' },
          { en: 'Includes opium, converted' },
        ],
      }),
      szr('TJK', 2020, null, { status: 'M', footnotes: [{ en: 'Not reported', ru: 'Не представлено' }] }),
      szr('TJK', 2021, 300.25, { lower: 280, upper: 320.5 }),
      szr('TJK', 2021, 310, { source: 'EXP.B' }),
      szr('KAZ', 2021, 12, { substance: 'opium', source: 'EXP.B' }),
      szr('UZB', 2019, 1, { confidentiality: 'dialogue' }),
      szr('UZB', 2020, 2, { confidentiality: 'restricted', footnotes: [{ en: 'Not for publication' }] }),
      drd(2017, 10, { sex: 'F', age: 'Y25T29' }),
      drd(2017, 20, { sex: 'M', age: 'Y25T29' }),
      drd(2017, 30, { sex: '_T', age: '_T' }),
      drd(2018, 11, { sex: 'F' }),
    ],
  });
});
afterAll(() => t.close());

const download = (query: string, session?: Session) =>
  t.app.inject({ url: `/api/v1/observations?${query}`, headers: session ? { cookie: session.cookie } : {} });

/** `<area>/<period>/<source>` of every observation in an export, whatever the format. */
async function keysOf(format: ExportFormat, body: Buffer): Promise<string[]> {
  if (format === 'csv') {
    const rows = parse<Record<string, string>>(body.toString('utf8'), { bom: true, columns: true });
    return rows.map((r) => `${r.area_code}/${r.period}/${r.source_code}`);
  }
  if (format === 'xlsx') {
    const [header, ...rows] = await readXlsx(body).then((wb) => sheetRows(wb.worksheets[0]!));
    const col = (name: string) => header!.indexOf(name);
    return rows.map(
      (r) => `${String(r[col('area_code')])}/${String(r[col('period')])}/${String(r[col('source_code')])}`,
    );
  }
  if (format === 'sdmx-csv') {
    const rows = parse<Record<string, string>>(body.toString('utf8'), { columns: true });
    return rows.map((r) => `${r.REF_AREA}/${r.TIME_PERIOD}/${decodeSdmxId(r.SOURCE!)}`);
  }
  return flattenSdmxJson(JSON.parse(body.toString('utf8')) as SdmxMessage).map(
    (o) => `${o.REF_AREA}/${o.TIME_PERIOD}/${o.SOURCE}`,
  );
}

async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** Cell values of a sheet, row by row (hyperlinks as their text). */
function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      values.push(v && typeof v === 'object' && 'hyperlink' in v ? v.text : v);
    }
    rows.push(values);
  });
  return rows;
}

interface SdmxValue {
  id?: string;
  value?: string | number;
  name?: string;
  names?: Record<string, string>;
}
interface SdmxComponent {
  id: string;
  keyPosition?: number;
  values?: SdmxValue[];
}

interface SdmxMessage {
  data: {
    structures: {
      dimensions: { series: SdmxComponent[]; observation: SdmxComponent[] };
      attributes: { observation: SdmxComponent[] };
    }[];
    dataSets: { series: Record<string, { observations: Record<string, (number | null)[]> }> }[];
  };
}

/** Every observation of an SDMX-JSON data message: dimension ids decoded, attributes by id. */
function flattenSdmxJson(msg: SdmxMessage): Record<string, string | number | null>[] {
  const structure = msg.data.structures[0]!;
  const seriesDims = structure.dimensions.series;
  const obsDims = structure.dimensions.observation;
  const attrs = structure.attributes.observation;
  const value = (c: SdmxComponent, i: number | null) => {
    if (i === null) return null;
    const v = c.values![i]!;
    return v.id !== undefined ? decodeSdmxId(v.id) : v.value!;
  };
  const out: Record<string, string | number | null>[] = [];
  for (const [seriesKey, series] of Object.entries(msg.data.dataSets[0]!.series)) {
    const key = seriesKey.split(':').map(Number);
    for (const [obsKey, obs] of Object.entries(series.observations)) {
      const row: Record<string, string | number | null> = {};
      seriesDims.forEach((d, i) => (row[d.id] = value(d, key[i]!)));
      obsDims.forEach((d, i) => (row[d.id] = value(d, Number(obsKey.split(':')[i]))));
      row[SDMX_COMPONENTS.measure] = obs[0] ?? null;
      attrs.forEach((a, i) => (row[a.id] = value(a, obs[i + 1] ?? null)));
      out.push(row);
    }
  }
  return out;
}

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'sdmx-csv', 'sdmx-json'];

describe('exports of an observations query', () => {
  it('CSV: all matching rows (page and pageSize ignored), BOM, footnotes in both languages', async () => {
    const res = await download('indicator=SZR_QTY&format=csv&pageSize=1&page=3');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="observations-SZR_QTY-${day}.csv"`);
    expect(res.headers['x-total-count']).toBe('4');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parse(res.body, { bom: true });
    expect(header).toEqual(tableColumns(szrDims));
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => `${r[col('area_code')]}/${r[col('period')]}/${r[col('source_code')]}`)).toEqual([
      'KAZ/2021/EXP.B',
      'TJK/2019/EXP-A',
      'TJK/2020/EXP-A',
      'TJK/2021/EXP-A', // preferred over EXP.B (lower priority number)
    ]);
    const tjk2019 = rows[1]!;
    expect(tjk2019[col('value')]).toBe('100.5');
    expect(tjk2019[col('area')]).toBe('Tajikistan');
    expect(tjk2019[col('source')]).toBe('Test publisher A: Fixture source A');
    expect(tjk2019[col('footnotes_en')]).toBe('Provisional figure | Includes opium, converted');
    expect(tjk2019[col('footnotes_ru')]).toBe('Предварительные данные | ');
    const missing = rows[2]!;
    expect([missing[col('value')], missing[col('status')], missing[col('footnotes_ru')]]).toEqual([
      '',
      'M',
      'Не представлено',
    ]);
    expect([rows[3]![col('lower')], rows[3]![col('upper')]]).toEqual(['280', '320.5']);

    const ru = await download('indicator=SZR_QTY&area=TJK&format=csv&lang=ru');
    const ruRows = parse<Record<string, string>>(ru.body, { bom: true, columns: true });
    expect(ruRows[0]).toMatchObject({ area: 'Таджикистан', substance: 'Героин' });
    expect(ruRows[0]!.source).toBe('Test publisher A: Тестовый источник A');

    const all = await download('indicator=SZR_QTY&area=TJK&from=2021&to=2021&sources=all&format=csv');
    expect(parse<{ value: string }>(all.body, { bom: true, columns: true }).map((r) => r.value)).toEqual([
      '300.25',
      '310',
    ]);
  });

  it('XLSX: data sheet like the CSV with numbers as numbers and a frozen header; sources; about', async () => {
    const res = await download('indicator=SZR_QTY&format=xlsx', editor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/filename="observations-SZR_QTY-\d{8}\.xlsx"/);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['data', 'sources', 'about']);
    const data = wb.getWorksheet('data')!;
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const [header, ...rows] = sheetRows(data);
    expect(header).toEqual(tableColumns(szrDims));
    const col = (name: string) => header!.indexOf(name);
    const byKey = new Map(rows.map((r) => [`${String(r[col('area_code')])}/${String(r[col('period')])}`, r]));
    expect([...byKey.keys()]).toEqual([
      'KAZ/2021',
      'TJK/2019',
      'TJK/2020',
      'TJK/2021',
      'UZB/2019',
      'UZB/2020',
    ]);
    const tjk2021 = byKey.get('TJK/2021')!;
    expect([tjk2021[col('value')], tjk2021[col('lower')], tjk2021[col('upper')]]).toEqual([
      300.25, 280, 320.5,
    ]);
    expect(typeof tjk2021[col('observation_id')]).toBe('number');
    expect(tjk2021[col('source_year')]).toBe(2024);
    expect(byKey.get('TJK/2020')![col('value')]).toBeNull();
    expect(byKey.get('TJK/2019')![col('footnotes_en')]).toBe(
      'Provisional figure | Includes opium, converted',
    );
    expect(byKey.get('TJK/2019')![col('footnotes_ru')]).toBe('Предварительные данные | ');
    expect(byKey.get('UZB/2020')![col('confidentiality')]).toBe('restricted');

    const sources = sheetRows(wb.getWorksheet('sources')!);
    expect(sources).toEqual([
      ['Code', 'Publisher', 'Title', 'Table', 'Year', 'Licence', 'URL'],
      [
        'EXP-A',
        'Test publisher A',
        'Fixture source A',
        'Table 1',
        2024,
        'CC BY 4.0',
        'https://example.org/source-a',
      ],
      ['EXP.B', 'Test publisher B', 'Fixture source B', null, 2025, null, null],
    ]);
    const about = sheetRows(wb.getWorksheet('about')!).map((r) => r.filter((v) => v !== null));
    const aboutValue = (label: string) => about.find((r) => r[0] === label)?.[1];
    expect(aboutValue('Query')).toBe('indicator=SZR_QTY&sources=preferred');
    expect(aboutValue('Observations')).toBe(6);
    expect(aboutValue('Preference rule')).toBe(PREFERENCE_RULE);
    expect(aboutValue('Indicator')).toBe('SZR_QTY — Quantity of drugs seized');
    expect(aboutValue('Confidentiality levels included')).toBe('public, dialogue participants, restricted');
    expect(new Date(aboutValue('Exported at (UTC)') as string).getTime()).toBeGreaterThan(
      Date.now() - 60_000,
    );
  });

  it('XLSX in Russian: sheet titles, labels and the preference rule in the request language', async () => {
    const res = await download('indicator=SZR_QTY&area=TJK&from=2019&to=2020&format=xlsx&lang=ru');
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['данные', 'источники', 'о выгрузке']);
    const about = sheetRows(wb.getWorksheet('о выгрузке')!).map((r) => r.filter((v) => v !== null));
    const aboutValue = (label: string) => about.find((r) => r[0] === label)?.[1];
    expect(aboutValue('Запрос')).toBe('indicator=SZR_QTY&area=TJK&from=2019&to=2020&sources=preferred');
    expect(aboutValue('Правило предпочтения')).toMatch(/^Одно значение на показатель/);
    expect(aboutValue('Показатель')).toBe('SZR_QTY — Количество изъятых наркотиков');
    expect(aboutValue('Наблюдения')).toBe(2);
    const data = sheetRows(wb.getWorksheet('данные')!);
    expect(data[1]![2]).toBe('Таджикистан');
    expect(sheetRows(wb.getWorksheet('источники')!)[1]).toEqual([
      'EXP-A',
      'Test publisher A',
      'Тестовый источник A',
      'Table 1',
      2024,
      'CC BY 4.0',
      'https://example.org/source-a',
    ]);
  });

  it('SDMX-CSV 2.0: fixed header, dataflow id, action I, _Z where a dimension does not apply', async () => {
    const res = await download('indicator=DRD_DEATHS&format=sdmx-csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.sdmx.data+csv; version=2.0.0');
    expect(res.headers['content-disposition']).toMatch(/filename="observations-DRD_DEATHS-\d{8}\.sdmx\.csv"/);
    expect(res.body.startsWith('STRUCTURE,')).toBe(true);
    const [header, ...rows] = parse(res.body);
    expect(header).toEqual([
      'STRUCTURE',
      'STRUCTURE_ID',
      'ACTION',
      'INDICATOR',
      'REF_AREA',
      'SUBSTANCE',
      'SEX',
      'AGE',
      'SOURCE',
      'TIME_PERIOD',
      'OBS_VALUE',
      'UNIT_MEASURE',
      'OBS_STATUS',
      'CONF_STATUS',
      'LOWER_BOUND',
      'UPPER_BOUND',
      'COMMENT_EN',
      'COMMENT_RU',
    ]);
    // Rows follow the series (area, substance, dimensions, source); text order depends on the
    // database's collation, so compare as a set.
    const df = 'dataflow,OBSERVATORY:DF_DRD_DEATHS(1.0),I,DRD_DEATHS,AUT,_Z';
    expect(rows.map((r) => r.join(',')).sort()).toEqual(
      [
        `${df},F,_Z,EXP-A,2018,11,PERSONS,A,public,,,,`,
        `${df},F,Y25T29,EXP-A,2017,10,PERSONS,A,public,,,,`,
        `${df},M,Y25T29,EXP-A,2017,20,PERSONS,A,public,,,,`,
        `${df},_T,_T,EXP-A,2017,30,PERSONS,A,public,,,,`,
      ].sort(),
    );

    const szrRes = await download('indicator=SZR_QTY&area=TJK,KAZ&format=sdmx-csv&sources=all');
    const szrRows = parse<Record<string, string>>(szrRes.body, { columns: true });
    expect(Object.keys(szrRows[0]!)).toEqual([
      'STRUCTURE',
      'STRUCTURE_ID',
      'ACTION',
      'INDICATOR',
      'REF_AREA',
      'SUBSTANCE',
      ...szrDims.map(sdmxDimensionId),
      'SOURCE',
      'TIME_PERIOD',
      'OBS_VALUE',
      ...SDMX_ATTRIBUTE_IDS,
    ]);
    const tjk = szrRows.filter((r) => r.REF_AREA === 'TJK');
    expect(tjk.map((r) => `${r.SOURCE}/${r.TIME_PERIOD}/${r.OBS_VALUE}`)).toEqual([
      'EXP-A/2019/100.5',
      'EXP-A/2020/',
      'EXP-A/2021/300.25',
      'EXP$2EB/2021/310', // `EXP.B` as an SDMX id
    ]);
    expect(decodeSdmxId('EXP$2EB')).toBe('EXP.B');
    expect(tjk[1]).toMatchObject({
      OBS_STATUS: 'M',
      COMMENT_EN: 'Not reported',
      COMMENT_RU: 'Не представлено',
    });
    expect(tjk[2]).toMatchObject({ LOWER_BOUND: '280', UPPER_BOUND: '320.5' });
    expect(tjk[0]).toMatchObject({
      COMMENT_EN: 'Provisional figure | Includes opium, converted',
      COMMENT_RU: 'Предварительные данные | ',
    });
  });

  it('SDMX-JSON: series of observations, bilingual names, null for a missing value', async () => {
    const res = await download('indicator=SZR_QTY&format=sdmx-json&lang=ru', editor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.sdmx.data+json; version=2.0.0');
    expect(res.headers['content-disposition']).toMatch(/filename="observations-SZR_QTY-\d{8}\.sdmx\.json"/);
    const msg = res.json();
    expect(msg.meta).toMatchObject({
      schema: 'https://json.sdmx.org/2.1/sdmx-json-data-schema.json',
      sender: { id: 'OBSERVATORY' },
      contentLanguages: ['ru', 'en'],
    });
    expect(new Date(msg.meta.prepared).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const structure = msg.data.structures[0];
    const ids = ['INDICATOR', 'REF_AREA', 'SUBSTANCE', ...szrDims.map(sdmxDimensionId), 'SOURCE'];
    expect(structure.dimensions.series.map((d: SdmxComponent) => [d.id, d.keyPosition])).toEqual(
      ids.map((id, i) => [id, i]),
    );
    expect(structure.dimensions.observation.map((d: SdmxComponent) => [d.id, d.keyPosition])).toEqual([
      ['TIME_PERIOD', ids.length],
    ]);
    expect(structure.measures.observation[0].id).toBe('OBS_VALUE');
    expect(structure.attributes.observation.map((a: SdmxComponent) => a.id)).toEqual([
      'UNIT_MEASURE',
      'OBS_STATUS',
      'CONF_STATUS',
      'LOWER_BOUND',
      'UPPER_BOUND',
      'COMMENT_EN',
      'COMMENT_RU',
    ]);
    const area = structure.dimensions.series[1];
    expect(area.names).toEqual({ en: 'Reference area', ru: 'Территория' });
    expect(area.values.find((v: SdmxValue) => v.id === 'TJK')).toEqual({
      id: 'TJK',
      name: 'Таджикистан',
      names: { en: 'Tajikistan', ru: 'Таджикистан' },
    });
    const status = structure.attributes.observation[1];
    expect(status.values.find((v: SdmxValue) => v.id === 'M')).toEqual({
      id: 'M',
      name: 'Значение отсутствует',
      names: { en: 'Missing value', ru: 'Значение отсутствует' },
    });
    expect(structure.links[0]).toEqual({
      urn: 'urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=OBSERVATORY:DF_SZR_QTY(1.0)',
      rel: 'dataflow',
    });

    const series = msg.data.dataSets[0].series;
    for (const key of Object.keys(series)) expect(key).toMatch(new RegExp(`^0(:\\d+){${ids.length - 1}}$`));
    const observations = flattenSdmxJson(msg);
    const at = (area: string, period: string) =>
      observations.find((o) => o.REF_AREA === area && o.TIME_PERIOD === period);
    expect(at('TJK', '2020')).toMatchObject({
      INDICATOR: 'SZR_QTY',
      SUBSTANCE: 'heroin',
      SOURCE: 'EXP-A',
      OBS_VALUE: null,
      OBS_STATUS: 'M',
      COMMENT_EN: 'Not reported',
      COMMENT_RU: 'Не представлено',
    });
    expect(at('TJK', '2021')).toMatchObject({ OBS_VALUE: 300.25, LOWER_BOUND: 280, UPPER_BOUND: 320.5 });
    expect(at('KAZ', '2021')).toMatchObject({ SUBSTANCE: 'opium', SOURCE: 'EXP.B', UNIT_MEASURE: 'KG' });
    expect(at('UZB', '2020')).toMatchObject({ CONF_STATUS: 'restricted', COMMENT_RU: null });
    expect(observations).toHaveLength(6);

    const drdMsg = (await download('indicator=DRD_DEATHS&format=sdmx-json')).json();
    const drdStructure = drdMsg.data.structures[0];
    expect(drdStructure.dimensions.series.map((d: SdmxComponent) => d.id)).toEqual([
      'INDICATOR',
      'REF_AREA',
      'SUBSTANCE',
      'SEX',
      'AGE',
      'SOURCE',
    ]);
    expect(drdStructure.dimensions.series[2].values).toEqual([
      { id: '_Z', name: 'Not applicable', names: { en: 'Not applicable', ru: 'Не применимо' } },
    ]);
    expect(drdStructure.dimensions.series[3].values.map((v: SdmxValue) => v.names)).toContainEqual({
      en: 'Female',
      ru: 'Женщины',
    });
    expect(
      flattenSdmxJson(drdMsg)
        .map((o) => `${o.SEX}/${o.AGE}/${o.TIME_PERIOD}=${o.OBS_VALUE}`)
        .sort(),
    ).toEqual(['F/_Z/2018=11', 'F/Y25T29/2017=10', 'M/Y25T29/2017=20', '_T/_T/2017=30'].sort());
  });

  it('free-text dimension members become SDMX ids and read back unchanged', async () => {
    await post('/api/v1/observations', {
      observations: [
        szr('TKM', 2021, 40, { dims: { item: 'Other drugs/substances' } }),
        szr('TKM', 2021, 41, { dims: { item: 'Total ATS' } }),
      ],
    });
    const sdmxCsv = parse<Record<string, string>>(
      (await download('indicator=SZR_QTY&area=TKM&format=sdmx-csv')).body,
      { columns: true },
    );
    expect(sdmxCsv.map((r) => r.ITEM).sort()).toEqual(['Other$20drugs$2Fsubstances', 'Total$20ATS']);
    expect(sdmxCsv.map((r) => decodeSdmxId(r.ITEM!)).sort()).toEqual(['Other drugs/substances', 'Total ATS']);
    const msg = (await download('indicator=SZR_QTY&area=TKM&format=sdmx-json')).json();
    expect(
      flattenSdmxJson(msg)
        .map((o) => `${o.ITEM}=${o.OBS_VALUE}`)
        .sort(),
    ).toEqual(['Other drugs/substances=40', 'Total ATS=41']);
    const item = msg.data.structures[0].dimensions.series.find((d: SdmxComponent) => d.id === 'ITEM');
    expect(item.names).toEqual({
      en: 'Drug as named by the source',
      ru: 'Наркотик в формулировке источника',
    });
    expect(item.values).toContainEqual({
      id: 'Total$20ATS',
      name: 'Total ATS',
      names: { en: 'Total ATS', ru: 'Total ATS' },
    });
    const csv = parse<Record<string, string>>(
      (await download('indicator=SZR_QTY&area=TKM&format=csv')).body,
      {
        bom: true,
        columns: true,
      },
    );
    expect(csv.map((r) => r.item).sort()).toEqual(['Other drugs/substances', 'Total ATS']);
  });

  it.skipIf(!hasSchema)(
    'SDMX-JSON validates against the official SDMX-JSON 2.1.0 data-message schema',
    async () => {
      const ajv = new Ajv2019({ allErrors: true, strict: false });
      addFormats(ajv);
      // Every schema of the folder, so that references between them resolve.
      const schemas = fs
        .readdirSync(schemaDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(fs.readFileSync(path.join(schemaDir, f), 'utf8')) as { $id: string });
      for (const s of schemas) ajv.addSchema(s);
      const validate = ajv.getSchema('https://json.sdmx.org/2.1/sdmx-json-data-schema.json')!;
      expect(validate).toBeTypeOf('function');
      for (const query of [
        'indicator=SZR_QTY&format=sdmx-json',
        'indicator=SZR_QTY&format=sdmx-json&sources=all&lang=ru',
        'indicator=DRD_DEATHS&format=sdmx-json',
        'indicator=SZR_QTY&area=AFG&format=sdmx-json', // nothing matches
        'indicator=SZR_QTY&area=TKM&format=sdmx-json', // free-text dimension members
      ]) {
        const res = await download(query, editor);
        const msg = res.json();
        expect(validate(msg), `${query}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`).toBe(
          true,
        );
        expect(msg.$schema).toBe('https://json.sdmx.org/2.1/sdmx-json-data-schema.json');
      }
      // The validator is strict: a broken message fails.
      const broken = (await download('indicator=SZR_QTY&format=sdmx-json')).json();
      broken.data.dataSets[0].series['not-a-key'] = { observations: {} };
      expect(validate(broken)).toBe(false);
    },
  );

  it.each(FORMATS)('%s: unpublished rows only for those who may see them', async (format) => {
    const url = `indicator=SZR_QTY&area=UZB&format=${format}`;
    const anonymous = await keysOf(format, (await download(url)).rawPayload);
    const asViewer = await keysOf(format, (await download(url, viewer)).rawPayload);
    const asEditor = await keysOf(format, (await download(url, editor)).rawPayload);
    expect(anonymous).toEqual([]);
    expect(asViewer).toEqual(['UZB/2019/EXP-A']);
    expect(asEditor).toEqual(['UZB/2019/EXP-A', 'UZB/2020/EXP-A']);
    const body = (await download(url)).rawPayload.toString('utf8');
    expect(body).not.toContain('Not for publication');
  });

  it('refuses bad parameters with the one error shape before a download starts', async () => {
    const res = await download('indicator=NOPE&format=xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().error.details[0]).toMatchObject({ param: 'indicator', unknown: ['NOPE'] });
    expect((await download('indicator=SZR_QTY&format=pdf')).statusCode).toBe(400);
    const empty = await download('indicator=SZR_QTY&area=AFG&format=csv');
    expect(parse(empty.body, { bom: true })).toEqual([tableColumns(szrDims)]);
  });

  it('neutralises text that a spreadsheet would run as a formula, in CSV and SDMX-CSV', async () => {
    await post('/api/v1/observations', {
      observations: [
        szr('KGZ', 2011, 3, {
          footnotes: [{ en: '=HYPERLINK("http://example.invalid","x")', ru: '@SUM(A1)' }],
        }),
      ],
    });
    for (const format of ['csv', 'sdmx-csv']) {
      const res = await download(`indicator=SZR_QTY&area=KGZ&from=2011&to=2011&format=${format}`);
      const rows: string[][] = parse(res.body, { bom: true });
      const [header, row] = rows;
      const cell = (name: RegExp) => row![header!.findIndex((h) => name.test(h))];
      expect(cell(/^(footnotes_en|COMMENT_EN.*)$/i), format).toBe(
        '\'=HYPERLINK("http://example.invalid","x")',
      );
      expect(cell(/^(footnotes_ru|COMMENT_RU.*)$/i), format).toBe("'@SUM(A1)");
      expect(cell(/^(value|OBS_VALUE)$/), format).toBe('3');
    }
  });
});

describe('exports of large results', () => {
  const years = Array.from({ length: 100 }, (_, i) => 1925 + i);
  let areas: string[];

  beforeAll(async () => {
    const rows = await t.database.db
      .selectFrom('area')
      .select('code')
      .where('kind', '=', 'country')
      .orderBy('code')
      .limit(26)
      .execute();
    areas = rows.map((r) => r.code);
    // 25 areas × 100 years = 2,500 rows; the first area is kept for a write during an export.
    await post('/api/v1/observations', {
      observations: areas.slice(1).flatMap((area) =>
        years.map((year) => ({
          indicator: 'SZR_CASES',
          area,
          substance: 'cocaine',
          year,
          source: 'EXP-A',
          value: year - 1900,
        })),
      ),
    });
  });

  /** An export written to memory, counting the pages read from the database. */
  async function exportPaged(format: ExportFormat, pageSize: number, between?: () => Promise<void>) {
    const { order } = exportFormatInfo(format);
    const data = await openObservationExport(
      t.database.db,
      observationsFilterQuery.parse({ indicator: 'SZR_CASES' }),
      null,
      { order, pageSize },
    );
    const pages = data.pages.bind(data);
    let pageCount = 0;
    data.pages = async function* () {
      for await (const page of pages()) {
        pageCount++;
        yield page;
        if (pageCount === 1) await between?.();
      }
    };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const result = await writeObservationExport(t.database.db, data, format, out, { lang: 'en' });
    return { body: Buffer.concat(chunks), pageCount, result, total: data.total };
  }

  it('reads 2,500 rows in pages: every row once, whatever the format', async () => {
    const expected = areas
      .slice(1)
      .flatMap((a) => years.map((y) => `${a}/${y}/EXP-A`))
      .sort();
    for (const format of FORMATS) {
      const { body, pageCount, result, total } = await exportPaged(format, 700);
      expect(pageCount, format).toBe(4);
      expect(result.rows).toBe(2500);
      expect(total).toBe(2500);
      const keys = await keysOf(format, body);
      expect(keys, format).toHaveLength(2500);
      expect([...keys].sort(), format).toEqual(expected);
    }
  });

  it('keeps each SDMX-JSON series whole across pages', async () => {
    const { body } = await exportPaged('sdmx-json', 333);
    const msg = JSON.parse(body.toString('utf8'));
    const series = Object.values<{ observations: object }>(msg.data.dataSets[0].series);
    expect(series).toHaveLength(25);
    for (const s of series) expect(Object.keys(s.observations)).toHaveLength(100);
  });

  it('neither repeats nor skips rows when others write during an export (keyset paging)', async () => {
    let written = false;
    const { body } = await exportPaged('csv', 700, async () => {
      // A row that sorts before everything already read: with offset paging it would shift the
      // next page by one and repeat a row.
      await post('/api/v1/observations', {
        observations: [
          {
            indicator: 'SZR_CASES',
            area: areas[0],
            substance: 'cocaine',
            year: 1925,
            source: 'EXP-A',
            value: 1,
          },
        ],
      });
      written = true;
    });
    expect(written).toBe(true);
    const ids = parse<{ observation_id: string }>(body.toString('utf8'), { bom: true, columns: true }).map(
      (r) => r.observation_id,
    );
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
  });

  it.each(['csv', 'xlsx'] as const)('%s: stops reading when the reader goes away', async (format) => {
    const data = await openObservationExport(
      t.database.db,
      observationsFilterQuery.parse({ indicator: 'SZR_CASES' }),
      null,
      { order: exportFormatInfo(format).order, pageSize: 500 },
    );
    const pages = data.pages.bind(data);
    let pageCount = 0;
    data.pages = async function* () {
      for await (const page of pages()) {
        pageCount++;
        yield page;
      }
    };
    // A reader that takes the first chunk and hangs up, like a client closing the connection.
    const out = new PassThrough({ highWaterMark: 1024 });
    out.once('data', () => out.destroy());
    await expect(
      writeObservationExport(t.database.db, data, format, out, { lang: 'en' }),
    ).rejects.toBeInstanceOf(ExportAbortedError);
    expect(pageCount).toBeLessThan(3);
  });

  it('downloads all 2,500 rows over HTTP', async () => {
    const res = await download('indicator=SZR_CASES&format=csv&to=2024');
    const rows = parse<{ observation_id: string }>(res.body, { bom: true, columns: true });
    expect(rows.length).toBe(2501); // with the row written during the previous export
    expect(new Set(rows.map((r) => r.observation_id)).size).toBe(rows.length);
  });
});
