import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { LANGUAGES, pickText, type Language } from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import type { ObservationExportRow } from '../observations/index.ts';
import { findCodeNames, type CodeName } from './exports.repository.ts';
import { close, put } from './exports.stream.ts';
import { footnoteTexts } from './exports.table.ts';
import type { ExportContext, ExportResult } from './exports.types.ts';
import {
  SDMX_ATTRIBUTE_IDS,
  SDMX_COMPONENTS,
  encodeSdmxId,
  sdmxDataflowUrn,
  sdmxDimensionIds,
} from './sdmx.ts';

/** The schema a data message declares (and is tested against). */
export const SDMX_JSON_SCHEMA = 'https://json.sdmx.org/2.1/sdmx-json-data-schema.json';

type Names = Record<Language, string>;

const bilingual = (en: string | null, ru: string | null): Names => ({
  en: pickText('en', en, ru),
  ru: pickText('ru', en, ru),
});

type ComponentValue = { id: string; name: string; names: Names } | { value: string | number };

/**
 * The values one component takes in the message, numbered in order of first appearance: the
 * observations refer to them by index, the structure lists them.
 */
class ValueList {
  private readonly index = new Map<string | number, number>();
  readonly values: ComponentValue[] = [];

  constructor(private readonly lang: Language) {}

  /** A coded value: its SDMX id and names. */
  coded(code: string, names: () => Names): number {
    return this.add(code, () => {
      const n = names();
      return { id: encodeSdmxId(code), name: n[this.lang], names: n };
    });
  }

  /** An uncoded value (a number or a text). */
  plain(value: string | number): number {
    return this.add(value, () => ({ value }));
  }

  private add(key: string | number, make: () => ComponentValue): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(key, i);
      this.values.push(make());
    }
    return i;
  }
}

/**
 * SDMX-JSON 2.x data message (validates against the official 2.1.0 schema). Series are keyed by
 * every dimension but TIME_PERIOD (`0:1:0…`, indexes into the structure's dimension values);
 * observations are `{ "<period index>": [value, attribute indexes…] }` with `null` for a missing
 * value or attribute. The rows arrive ordered by series, so each series is written once, as it
 * completes; `data.structures` follows `data.dataSets`, because the values it lists are only known
 * at the end (memory: the distinct values, not the observations).
 */
export async function writeSdmxJson(ctx: ExportContext, out: Writable): Promise<ExportResult> {
  const { indicator } = ctx.data;
  const lang = ctx.lang;
  const tr = Object.fromEntries(LANGUAGES.map((l) => [l, translator(l)])) as Record<
    Language,
    ReturnType<typeof translator>
  >;
  const text = (key: string, options?: Record<string, unknown>): Names => ({
    en: tr.en(key, options),
    ru: tr.ru(key, options),
  });
  const dimNames = indicator.dimensions.map((d) => d.dimension);
  const dimIds = sdmxDimensionIds(dimNames);
  const codelists = [
    'UNIT',
    'OBS_STATUS',
    'CONF',
    ...indicator.dimensions.map((d) => d.codelist).filter((c) => c !== ''),
  ];
  const codeNames = await findCodeNames(ctx.db, codelists);
  const codeName = (codelist: string, code: string): Names => {
    const n: CodeName | undefined = codeNames.get(codelist)?.get(code);
    return n ? bilingual(n.en, n.ru) : { en: code, ru: code };
  };
  const notApplicable = () => text('exports:sdmx.notApplicable');
  const z = SDMX_COMPONENTS.notApplicable;

  // Series dimensions in key order (all but TIME_PERIOD), then the attributes.
  const seriesValues = dimIds.slice(0, -1).map(() => new ValueList(lang));
  const timeValues = new ValueList(lang);
  const attributeValues = SDMX_ATTRIBUTE_IDS.map(() => new ValueList(lang));
  const [indicatorV, areaV, substanceV] = seriesValues as [ValueList, ValueList, ValueList];
  const sourceV = seriesValues[seriesValues.length - 1]!;
  const dimV = seriesValues.slice(3, 3 + dimNames.length);
  const [unitA, statusA, confA, lowerA, upperA, commentEnA, commentRuA] = attributeValues as [
    ValueList,
    ValueList,
    ValueList,
    ValueList,
    ValueList,
    ValueList,
    ValueList,
  ];

  const seriesKey = (r: ObservationExportRow): string =>
    [
      indicatorV.coded(indicator.code, () => bilingual(indicator.nameEn, indicator.nameRu)),
      areaV.coded(r.areaCode, () => bilingual(r.areaNameEn, r.areaNameRu)),
      r.substanceCode
        ? substanceV.coded(r.substanceCode, () => bilingual(r.substanceNameEn, r.substanceNameRu))
        : substanceV.coded(z, notApplicable),
      ...indicator.dimensions.map((d, i) => {
        const code = r.dims[d.dimension];
        if (code === undefined) return dimV[i]!.coded(z, notApplicable);
        return dimV[i]!.coded(code, () => (d.codelist ? codeName(d.codelist, code) : { en: code, ru: code }));
      }),
      sourceV.coded(r.sourceCode, () => ({
        en: `${r.sourcePublisher}: ${r.sourceTitleEn}`,
        ru: `${r.sourcePublisher}: ${r.sourceTitleRu ?? r.sourceTitleEn}`,
      })),
    ].join(':');

  const observation = (r: ObservationExportRow): (number | null)[] => {
    const notes = footnoteTexts(r.footnotes);
    return [
      r.value,
      unitA.coded(r.unit, () => codeName('UNIT', r.unit)),
      statusA.coded(r.status, () => codeName('OBS_STATUS', r.status)),
      confA.coded(r.confidentiality, () => codeName('CONF', r.confidentiality)),
      r.lower === null ? null : lowerA.plain(r.lower),
      r.upper === null ? null : upperA.plain(r.upper),
      notes.en ? commentEnA.plain(notes.en) : null,
      notes.ru ? commentRuA.plain(notes.ru) : null,
    ];
  };

  const now = ctx.now;
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const meta = {
    schema: SDMX_JSON_SCHEMA,
    id: `OBSERVATORY-${encodeSdmxId(indicator.code)}-${stamp}-${randomBytes(4).toString('hex')}`,
    test: false,
    prepared: now.toISOString(),
    contentLanguages: [lang, ...LANGUAGES.filter((l) => l !== lang)],
    sender: { id: 'OBSERVATORY', name: tr[lang]('exports:sdmx.sender'), names: text('exports:sdmx.sender') },
  };
  const head = `{"$schema":${JSON.stringify(SDMX_JSON_SCHEMA)},"meta":${JSON.stringify(meta)},"data":{"dataSets":[{"structure":0,"action":"Information","series":{`;
  await put(out, head);

  let current: string | null = null;
  const finishedSeries = new Set<string>();
  const periodsInSeries = new Set<number>();
  let rows = 0;
  for await (const page of ctx.data.pages()) {
    let chunk = '';
    for (const r of page) {
      const key = seriesKey(r);
      if (key !== current) {
        // The export order keeps a series together; a series seen twice would be a duplicate key.
        if (finishedSeries.has(key)) throw new Error(`SDMX-JSON export: series ${key} is not contiguous`);
        if (current !== null) {
          finishedSeries.add(current);
          chunk += '}},';
        }
        chunk += `${JSON.stringify(key)}:{"observations":{`;
        current = key;
        periodsInSeries.clear();
      } else chunk += ',';
      const t = timeValues.coded(r.period, () => ({ en: r.period, ru: r.period }));
      if (periodsInSeries.has(t))
        throw new Error(`SDMX-JSON export: period ${r.period} twice in series ${key}`);
      periodsInSeries.add(t);
      chunk += `${JSON.stringify(String(t))}:${JSON.stringify(observation(r))}`;
    }
    rows += page.length;
    await put(out, chunk);
  }

  const component = (id: string) => ({
    id,
    name: tr[lang](`exports:sdmx.components.${id}`, { defaultValue: id }),
    names: text(`exports:sdmx.components.${id}`, { defaultValue: id }),
  });
  const withValues = <T extends object>(c: T, list: ValueList) =>
    list.values.length ? { ...c, values: list.values } : c;
  const annualBounds = (v: ComponentValue) =>
    'id' in v && /^\d{4}$/.test(v.id)
      ? { ...v, start: `${v.id}-01-01T00:00:00Z`, end: `${v.id}-12-31T23:59:59Z` }
      : v;

  const structure = {
    name: pickText(lang, indicator.nameEn, indicator.nameRu),
    names: bilingual(indicator.nameEn, indicator.nameRu),
    links: [{ urn: sdmxDataflowUrn(indicator.code), rel: 'dataflow' }],
    dataSets: [0],
    dimensions: {
      series: dimIds
        .slice(0, -1)
        .map((id, keyPosition) => withValues({ ...component(id), keyPosition }, seriesValues[keyPosition]!)),
      observation: [
        {
          ...component(SDMX_COMPONENTS.dimensions.time),
          keyPosition: dimIds.length - 1,
          roles: ['TIME_PERIOD'],
          ...(timeValues.values.length ? { values: timeValues.values.map(annualBounds) } : {}),
        },
      ],
    },
    measures: {
      observation: [{ ...component(SDMX_COMPONENTS.measure), format: { dataType: 'Double' } }],
    },
    attributes: {
      observation: SDMX_ATTRIBUTE_IDS.map((id, i) =>
        withValues({ ...component(id), relationship: { observation: {} } }, attributeValues[i]!),
      ),
    },
  };
  await put(out, `${current !== null ? '}}' : ''}}}],"structures":[${JSON.stringify(structure)}]}}`);
  await close(out);
  return { rows };
}
