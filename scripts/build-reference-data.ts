/**
 * Builds the reference-data seed files of the areas and substances modules from the public
 * source files in ../shared/data (relative to the repository root) and the curated inputs
 * committed next to the generated files.
 *
 *   npx tsx scripts/build-reference-data.ts           # write the JSON files
 *   npx tsx scripts/build-reference-data.ts --check   # exit 1 if a committed file is stale
 *
 * Output is deterministic: arrays are sorted by code point, JSON is indented with 2 spaces and
 * ends with a newline. The script fails loudly (non-zero exit, list of problems) when a source
 * label cannot be resolved, instead of writing partial data.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

// ---------------------------------------------------------------------------------------------
// Paths

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = path.resolve(repoRoot, '../shared/data');
const areasDir = path.join(repoRoot, 'apps/server/src/modules/areas/data');
const substancesDir = path.join(repoRoot, 'apps/server/src/modules/substances/data');
const atlasFile = path.join(repoRoot, 'node_modules/world-atlas/countries-50m.json');

const sources = {
  countryCodes: path.join(sharedData, 'country-codes/country-codes.csv'),
  geoTargets: path.join(sharedData, 'geo/world-atlas-ids_target-countries.csv'),
  worldBank: path.join(sharedData, 'population-worldbank/population.csv'),
  unodcSeizures: path.join(sharedData, 'unodc-wdr2025/7.1_Drug_seizures_2019-2023.xlsx'),
  unodcOpiumPoppy: path.join(sharedData, 'unodc-wdr2025/6.2.1_Illicit_cultivation_of_opium_poppy.xlsx'),
  emcdda: path.join(sharedData, 'emcdda-statbulletin-2019'),
} as const;

// ---------------------------------------------------------------------------------------------
// Output types

export interface Country {
  alpha3: string;
  alpha2: string;
  m49: number | null;
  atlasId: string | null;
  nameEn: string;
  nameRu: string;
  officialNameEn: string;
  officialNameRu: string | null;
  independent: boolean;
  region: string | null;
  subRegion: string | null;
  synonyms: string[];
}

export interface AreaGroup {
  code: string;
  nameEn: string;
  nameRu: string;
  kind: 'group';
  members: string[];
}

export type SubstanceLevel = 'group' | 'drug' | 'form';

export interface Substance {
  code: string;
  parentCode: string | null;
  level: SubstanceLevel;
  nameEn: string;
  nameRu: string;
  synonymsEn: string[];
  synonymsRu: string[];
}

export type MappingRelation = 'exact' | 'broader' | 'narrower';

export const UNODC_T71_SCHEME = 'UNODC_WDR2025_T7.1';

export interface SubstanceMapping {
  scheme: typeof UNODC_T71_SCHEME;
  externalGroup: string;
  externalSubgroup: string | null;
  externalName: string;
  normalisedName: string;
  substanceCode: string;
  relation: MappingRelation;
}

// ---------------------------------------------------------------------------------------------
// Curated input types

interface CuratedEntity {
  alpha3: string;
  alpha2: string;
  m49: number | null;
  nameEn: string;
  nameRu: string;
  officialNameEn: string;
  officialNameRu: string | null;
  independent: boolean;
  region: string | null;
  subRegion: string | null;
  synonyms: string[];
}

interface CuratedGroup {
  code: string;
  nameEn: string;
  nameRu: string;
  members?: string[];
  geoFileGroup?: string;
}

interface CountriesCurated {
  nameEn: Record<string, string>;
  nameRu: Record<string, string>;
  rejectedOfficialNameRu: Record<string, string>;
  officialName: Record<string, { en: string; ru: string }>;
  independent: Record<string, boolean>;
  extraEntities: CuratedEntity[];
  synonyms: Record<string, string[]>;
  worldBankNonCountries: { codes: string[] };
  nonCountryNames: Record<string, string[]>;
  groups: CuratedGroup[];
}

interface CuratedMappingTarget {
  code: string;
  relation: MappingRelation;
}

interface SubstancesCurated {
  nodes: Substance[];
  unodcT71: {
    groups: Record<string, string>;
    names: Record<string, CuratedMappingTarget>;
    contextual: (CuratedMappingTarget & { group: string; subgroup: string; name: string })[];
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Collects problems and throws them all at once, so one run shows everything to fix. */
class Problems {
  private readonly items: string[] = [];
  add(message: string): void {
    this.items.push(message);
  }
  throwIfAny(context: string): void {
    if (this.items.length > 0) {
      throw new Error(`${context}: ${this.items.length} problem(s)\n  - ${this.items.join('\n  - ')}`);
    }
  }
}

/** Code-point comparison: locale-independent, hence deterministic on every machine. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Label as displayed: curly quotes replaced by straight ones, whitespace collapsed and trimmed. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lookup key for names: normalised label, lower-cased, Russian ё folded to е. */
export function nameKey(text: string): string {
  return normaliseLabel(text).toLowerCase().replace(/ё/g, 'е');
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function withoutComments<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('$')));
}

/** RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF or LF line ends). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.some((cell) => cell !== ''));
  if (!header) return [];
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/** Plain text of an exceljs cell value (rich text runs joined, formula result used). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('result' in value && value.result !== undefined) return cellText(value.result);
  if ('text' in value) return String(value.text);
  return '';
}

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function stableJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}

// ---------------------------------------------------------------------------------------------
// Source readers

export interface UnodcSeizureLabel {
  group: string;
  subgroup: string;
  name: string;
}

export interface UnodcSeizureSource {
  /** Distinct (group, subgroup, drug name) combinations, raw text. */
  labels: UnodcSeizureLabel[];
  /** Distinct (country name, msCode) pairs, raw text. */
  countries: { name: string; code: string }[];
}

/** Reads sheet "Seizures" of UNODC WDR 2025 table 7.1 (row 1 title, row 2 header). */
export async function readUnodcSeizures(file: string): Promise<UnodcSeizureSource> {
  const sheet = (await readWorkbook(file)).getWorksheet('Seizures');
  if (!sheet) throw new Error(`${file}: sheet "Seizures" not found`);
  const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).map((v) => cellText(v));
  const col = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 1) throw new Error(`${file}: column "${name}" not found in header row 2`);
    return index;
  };
  const c = {
    country: col('Country'),
    group: col('DrugGroup'),
    subgroup: col('DrugSubGroup'),
    name: col('DrugName'),
    code: col('msCode'),
  };
  const labels = new Map<string, UnodcSeizureLabel>();
  const countries = new Map<string, { name: string; code: string }>();
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= 2) return;
    const text = (index: number): string => cellText(row.getCell(index).value);
    const label = { group: text(c.group), subgroup: text(c.subgroup), name: text(c.name) };
    if (label.name !== '') labels.set(JSON.stringify(label), label);
    const country = { name: text(c.country), code: text(c.code) };
    if (country.name !== '') countries.set(JSON.stringify(country), country);
  });
  return { labels: [...labels.values()], countries: [...countries.values()] };
}

/** Country labels of UNODC table 6.2.1 (rows "<Country> (best estimate)<footnotes>"). */
export async function readUnodcOpiumPoppyCountries(file: string): Promise<string[]> {
  const sheet = (await readWorkbook(file)).worksheets[0];
  if (!sheet) throw new Error(`${file}: no worksheet`);
  const names = new Set<string>();
  sheet.eachRow((row) => {
    // The label column is the first non-empty cell of the row (column C in the 2025 edition).
    let label = '';
    row.eachCell((cell) => {
      if (label === '') label = normaliseLabel(cellText(cell.value));
    });
    const match = /^(.*?)\s*\(best estimate\)/i.exec(label);
    if (match?.[1] && !/^total$/i.test(match[1])) names.add(match[1]);
    else if (/^other countries\b/i.test(label)) names.add('Other countries');
  });
  return [...names];
}

/** Country labels of the EMCDDA Statistical Bulletin 2019 workbooks, footnote/study markers removed. */
export async function readEmcddaCountries(dir: string): Promise<string[]> {
  const names = new Set<string>();
  for (const sub of readdirSync(dir).sort(compareCodePoints)) {
    const subDir = path.join(dir, sub);
    for (const file of readdirSync(subDir)
      .filter((f) => f.endsWith('.xlsx'))
      .sort(compareCodePoints)) {
      const workbook = await readWorkbook(path.join(subDir, file));
      for (const sheet of workbook.worksheets) {
        sheet.eachRow((row, rowNumber) => {
          if (rowNumber === 1) return;
          const raw = normaliseLabel(cellText(row.getCell(1).value));
          // "Austria *" = footnote; "Belgium-A" / "Uk-E" = study suffix.
          const name = raw.replace(/\s*\*+$/, '').replace(/-[A-Za-z]$/, '');
          if (name !== '') names.add(name);
        });
      }
    }
  }
  return [...names];
}

/** Distinct (code, name) pairs of the World Bank population file. */
export function readWorldBankCountries(file: string): { code: string; name: string }[] {
  const pairs = new Map<string, { code: string; name: string }>();
  for (const row of parseCsv(readFileSync(file, 'utf8'))) {
    const code = row['Country Code'] ?? '';
    const name = row['Country Name'] ?? '';
    if (code !== '') pairs.set(`${code}\u0000${name}`, { code, name });
  }
  return [...pairs.values()];
}

interface TopoJson {
  objects: { countries: { geometries: { id?: string }[] } };
}

function readAtlasIds(file: string): Set<string> {
  const topo = readJson<TopoJson>(file);
  return new Set(topo.objects.countries.geometries.flatMap((g) => (g.id === undefined ? [] : [g.id])));
}

// ---------------------------------------------------------------------------------------------
// Countries

/** Removes UN terminology noise: "(the)", footnote asterisks, a leading article. */
function cleanUnName(text: string): string {
  return normaliseLabel(text.replace(/\*+/g, '').replace(/\s*\(the\)/g, '')).replace(/^the\s+/, '');
}

/** Russian short name without an explanatory parenthesis: "Иран (Исламская Республика)" -> "Иран". */
function stripParenthesis(text: string): string {
  return normaliseLabel(text.replace(/\s*\([^)]*\)\s*$/, ''));
}

export interface NameIndex {
  resolve(name: string): string[];
}

export function buildNameIndex(countries: readonly Country[]): NameIndex {
  const index = new Map<string, Set<string>>();
  for (const country of countries) {
    for (const name of [country.nameEn, country.nameRu, ...country.synonyms]) {
      const key = nameKey(name);
      const codes = index.get(key) ?? new Set<string>();
      codes.add(country.alpha3);
      index.set(key, codes);
    }
  }
  return { resolve: (name) => [...(index.get(nameKey(name)) ?? [])].sort(compareCodePoints) };
}

export interface CountriesResult {
  countries: Country[];
  groups: AreaGroup[];
  stats: {
    worldBankCountryNames: number;
    worldBankSkippedCodes: string[];
    unodcCountryNames: number;
    opiumPoppyCountryNames: string[];
    emcddaCountryNames: number;
    nonCountryLabels: string[];
  };
}

export async function buildCountries(): Promise<CountriesResult> {
  const curated = readJson<CountriesCurated>(path.join(areasDir, 'countries.curated.json'));
  const nameEnOverrides = withoutComments(curated.nameEn);
  const nameRuOverrides = withoutComments(curated.nameRu);
  const officialOverrides = withoutComments(curated.officialName);
  const independentOverrides = withoutComments(curated.independent);
  const rejectedOfficialRu = withoutComments(curated.rejectedOfficialNameRu);
  const curatedSynonyms = withoutComments(curated.synonyms);
  const problems = new Problems();

  const atlasIds = readAtlasIds(atlasFile);
  const rows = parseCsv(readFileSync(sources.countryCodes, 'utf8')).filter(
    (r) => (r['ISO3166-1-Alpha-3'] ?? '') !== '',
  );

  // Name variants per alpha-3, gathered from all sources before the synonym lists are built.
  const extraNames = new Map<string, Set<string>>();
  const addName = (alpha3: string, name: string): void => {
    const clean = normaliseLabel(name);
    if (clean === '') return;
    const set = extraNames.get(alpha3) ?? new Set<string>();
    set.add(clean);
    extraNames.set(alpha3, set);
  };

  const countries: Country[] = [];
  for (const row of rows) {
    const get = (column: string): string => normaliseLabel(row[column] ?? '');
    const alpha3 = get('ISO3166-1-Alpha-3');
    const unShortEn = cleanUnName(get('UNTERM English Short'));
    const unFormalEn = cleanUnName(get('UNTERM English Formal'));
    const unShortRu = cleanUnName(get('UNTERM Russian Short'));
    const unFormalRu = cleanUnName(get('UNTERM Russian Formal'));
    const cldr = get('CLDR display name');
    const officialEn = get('official_name_en');
    const officialRu = get('official_name_ru');

    const nameEn = nameEnOverrides[alpha3] ?? cldr;
    const nameRu = nameRuOverrides[alpha3] ?? (unShortRu === '' ? '' : stripParenthesis(unShortRu));
    if (nameEn === '') problems.add(`${alpha3}: no English name`);
    if (nameRu === '') {
      problems.add(
        `${alpha3}: no UN Russian short name; add a reviewed entry to countries.curated.json "nameRu" (official_name_ru is "${officialRu}")`,
      );
    }

    const numeric = get('ISO3166-1-numeric');
    const atlasId = numeric === '' ? null : numeric.padStart(3, '0');
    const m49 = get('M49');

    for (const variant of [unShortEn, unFormalEn, cldr, officialEn, unShortRu, unFormalRu])
      addName(alpha3, variant);
    if (rejectedOfficialRu[alpha3] === undefined) addName(alpha3, officialRu);

    countries.push({
      alpha3,
      alpha2: get('ISO3166-1-Alpha-2'),
      m49: m49 === '' ? null : Number(m49),
      atlasId: atlasId !== null && atlasIds.has(atlasId) ? atlasId : null,
      nameEn,
      nameRu,
      officialNameEn: officialOverrides[alpha3]?.en ?? (unFormalEn === '' ? officialEn : unFormalEn),
      officialNameRu: officialOverrides[alpha3]?.ru ?? (unFormalRu === '' ? null : unFormalRu),
      independent: independentOverrides[alpha3] ?? get('is_independent') === 'Yes',
      region: get('Region Name') === '' ? null : get('Region Name'),
      subRegion: get('Sub-region Name') === '' ? null : get('Sub-region Name'),
      synonyms: [],
    });
  }
  for (const entity of curated.extraEntities) {
    // User-assigned codes (e.g. XKX Kosovo) have no M49 number and no world-atlas shape id.
    countries.push({
      alpha3: entity.alpha3,
      alpha2: entity.alpha2,
      m49: entity.m49,
      atlasId: null,
      nameEn: entity.nameEn,
      nameRu: entity.nameRu,
      officialNameEn: entity.officialNameEn,
      officialNameRu: entity.officialNameRu,
      independent: entity.independent,
      region: entity.region,
      subRegion: entity.subRegion,
      synonyms: [],
    });
  }
  const known = new Set(countries.map((c) => c.alpha3));
  for (const [alpha3, names] of Object.entries(curatedSynonyms)) {
    if (!known.has(alpha3)) problems.add(`countries.curated.json synonyms: unknown code ${alpha3}`);
    for (const name of names) addName(alpha3, name);
  }
  for (const entity of curated.extraEntities)
    for (const name of entity.synonyms) addName(entity.alpha3, name);
  for (const [section, codes] of [
    ['nameEn', Object.keys(nameEnOverrides)],
    ['nameRu', Object.keys(nameRuOverrides)],
    ['officialName', Object.keys(officialOverrides)],
    ['independent', Object.keys(independentOverrides)],
    ['rejectedOfficialNameRu', Object.keys(rejectedOfficialRu)],
  ] as const) {
    for (const code of codes)
      if (!known.has(code)) problems.add(`countries.curated.json ${section}: unknown code ${code}`);
  }

  // Sources that carry ISO codes: their names become synonyms of that code.
  const unodc = await readUnodcSeizures(sources.unodcSeizures);
  for (const { name, code } of unodc.countries) {
    if (!known.has(code)) problems.add(`UNODC 7.1: country "${name}" has unknown msCode "${code}"`);
    else addName(code, name);
  }
  const wbNonCountries = new Set(curated.worldBankNonCountries.codes);
  const worldBank = readWorldBankCountries(sources.worldBank);
  const wbSkipped = new Set<string>();
  let wbCountryNames = 0;
  for (const { code, name } of worldBank) {
    if (wbNonCountries.has(code)) {
      wbSkipped.add(code);
    } else if (!known.has(code)) {
      problems.add(
        `World Bank: unknown code ${code} ("${name}"); add it to worldBankNonCountries or extraEntities`,
      );
    } else {
      addName(code, name);
      wbCountryNames++;
    }
  }
  problems.throwIfAny('countries (sources with codes)');

  for (const country of countries) {
    const own = new Set([nameKey(country.nameEn), nameKey(country.nameRu)]);
    const byKey = new Map<string, string>();
    for (const name of [...(extraNames.get(country.alpha3) ?? [])].sort(compareCodePoints)) {
      const key = nameKey(name);
      if (!own.has(key) && !byKey.has(key)) byKey.set(key, name);
    }
    country.synonyms = [...byKey.values()].sort(compareCodePoints);
  }

  // Every name must point at exactly one country.
  const owners = new Map<string, Set<string>>();
  for (const country of countries) {
    for (const name of [country.nameEn, country.nameRu, ...country.synonyms]) {
      const set = owners.get(nameKey(name)) ?? new Set<string>();
      set.add(country.alpha3);
      owners.set(nameKey(name), set);
    }
  }
  for (const [key, set] of owners) {
    if (set.size > 1) problems.add(`name "${key}" is used by ${[...set].join(', ')}`);
  }
  const index = buildNameIndex(countries);

  // Sources without codes must resolve by name.
  const nonCountry = new Set(Object.values(withoutComments(curated.nonCountryNames)).flat().map(nameKey));
  const nonCountryLabels = new Set<string>();
  const opium = await readUnodcOpiumPoppyCountries(sources.unodcOpiumPoppy);
  const emcdda = await readEmcddaCountries(sources.emcdda);
  for (const [source, names] of [
    ['UNODC 6.2.1', opium],
    ['EMCDDA', emcdda],
  ] as const) {
    for (const name of names) {
      if (nonCountry.has(nameKey(name))) {
        nonCountryLabels.add(`${source}: ${name}`);
        continue;
      }
      const hits = index.resolve(name);
      if (hits.length !== 1) problems.add(`${source}: "${name}" resolves to [${hits.join(', ')}]`);
    }
  }

  // Uniqueness of codes.
  for (const field of ['alpha3', 'alpha2', 'm49'] as const) {
    const seen = new Map<string, string>();
    for (const country of countries) {
      const value = country[field];
      if (value === null) continue;
      const other = seen.get(String(value));
      if (other !== undefined) problems.add(`duplicate ${field} ${value}: ${other}, ${country.alpha3}`);
      seen.set(String(value), country.alpha3);
    }
  }
  for (const country of countries) {
    if (!/\p{Script=Cyrillic}/u.test(country.nameRu))
      problems.add(`${country.alpha3}: nameRu "${country.nameRu}" has no Cyrillic`);
  }

  // Groups.
  const geoRows = parseCsv(readFileSync(sources.geoTargets, 'utf8'));
  const groups: AreaGroup[] = curated.groups.map((group) => {
    const members =
      group.members ?? geoRows.filter((r) => r['group'] === group.geoFileGroup).map((r) => r['iso3'] ?? '');
    for (const member of members)
      if (!known.has(member)) problems.add(`group ${group.code}: unknown member ${member}`);
    return {
      code: group.code,
      nameEn: group.nameEn,
      nameRu: group.nameRu,
      kind: 'group',
      members: uniqueSorted(members),
    };
  });
  for (const row of geoRows) {
    const country = countries.find((c) => c.alpha3 === row['iso3']);
    if (country && country.atlasId !== row['world_atlas_id']) {
      problems.add(
        `${country.alpha3}: atlasId ${country.atlasId} differs from geo file ${row['world_atlas_id']}`,
      );
    }
  }
  problems.throwIfAny('countries');

  countries.sort((a, b) => compareCodePoints(a.alpha3, b.alpha3));
  groups.sort((a, b) => compareCodePoints(a.code, b.code));
  return {
    countries,
    groups,
    stats: {
      worldBankCountryNames: wbCountryNames,
      worldBankSkippedCodes: [...wbSkipped].sort(compareCodePoints),
      unodcCountryNames: unodc.countries.length,
      opiumPoppyCountryNames: opium,
      emcddaCountryNames: emcdda.length,
      nonCountryLabels: [...nonCountryLabels].sort(compareCodePoints),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Substances

const LEVELS: readonly SubstanceLevel[] = ['group', 'drug', 'form'];
const RELATIONS: readonly MappingRelation[] = ['exact', 'broader', 'narrower'];
/** Allowed parent level for each level (null = top level). */
const PARENT_LEVELS: Record<SubstanceLevel, readonly (SubstanceLevel | null)[]> = {
  group: [null, 'group'],
  drug: ['group'],
  form: ['drug'],
};

function validateTaxonomy(nodes: readonly Substance[], problems: Problems): void {
  const byCode = new Map<string, Substance>();
  for (const node of nodes) {
    if (byCode.has(node.code)) problems.add(`duplicate substance code ${node.code}`);
    byCode.set(node.code, node);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(node.code))
      problems.add(`${node.code}: code must be lowercase kebab-case`);
    if (!LEVELS.includes(node.level)) problems.add(`${node.code}: unknown level ${String(node.level)}`);
    if (node.nameEn.trim() === '') problems.add(`${node.code}: empty nameEn`);
    if (!/\p{Script=Cyrillic}/u.test(node.nameRu))
      problems.add(`${node.code}: nameRu "${node.nameRu}" has no Cyrillic`);
  }
  for (const node of nodes) {
    const parent = node.parentCode === null ? null : byCode.get(node.parentCode);
    if (parent === undefined) {
      problems.add(`${node.code}: parent ${String(node.parentCode)} does not exist`);
      continue;
    }
    if (!PARENT_LEVELS[node.level].includes(parent === null ? null : parent.level)) {
      problems.add(
        `${node.code}: a ${node.level} cannot have parent level ${parent === null ? 'none' : parent.level}`,
      );
    }
    const seen = new Set<string>([node.code]);
    let ancestor: Substance | null | undefined = parent;
    while (ancestor) {
      if (seen.has(ancestor.code)) {
        problems.add(`${node.code}: cycle through ${ancestor.code}`);
        break;
      }
      seen.add(ancestor.code);
      ancestor = ancestor.parentCode === null ? null : byCode.get(ancestor.parentCode);
    }
  }
  for (const language of ['En', 'Ru'] as const) {
    const owners = new Map<string, string>();
    for (const node of nodes) {
      const names = new Set([node[`name${language}`], ...node[`synonyms${language}`]].map(nameKey));
      for (const key of names) {
        const other = owners.get(key);
        if (other !== undefined && other !== node.code)
          problems.add(`${language} name "${key}" used by ${other} and ${node.code}`);
        owners.set(key, node.code);
      }
    }
  }
}

export interface SubstancesResult {
  substances: Substance[];
  mappings: SubstanceMapping[];
  stats: {
    distinctNames: number;
    distinctNormalisedNames: number;
    groups: { name: string; names: number; combinations: number }[];
  };
}

export async function buildSubstances(): Promise<SubstancesResult> {
  const curated = readJson<SubstancesCurated>(path.join(substancesDir, 'substances.curated.json'));
  const problems = new Problems();
  const substances: Substance[] = curated.nodes.map((node) => ({
    code: node.code,
    parentCode: node.parentCode,
    level: node.level,
    nameEn: normaliseLabel(node.nameEn),
    nameRu: normaliseLabel(node.nameRu),
    synonymsEn: uniqueSorted(node.synonymsEn.map(normaliseLabel)),
    synonymsRu: uniqueSorted(node.synonymsRu.map(normaliseLabel)),
  }));
  validateTaxonomy(substances, problems);
  const codes = new Set(substances.map((s) => s.code));

  const groupTargets = withoutComments(curated.unodcT71.groups);
  const nameTargets = withoutComments(curated.unodcT71.names);
  const contextual = new Map(
    curated.unodcT71.contextual.map((entry) => [
      JSON.stringify([entry.group, entry.subgroup, entry.name]),
      entry,
    ]),
  );
  const used = new Set<string>();
  const check = (where: string, target: CuratedMappingTarget): void => {
    if (!codes.has(target.code)) problems.add(`${where}: unknown substance code ${target.code}`);
    if (!RELATIONS.includes(target.relation))
      problems.add(`${where}: unknown relation ${String(target.relation)}`);
  };

  const { labels } = await readUnodcSeizures(sources.unodcSeizures);
  const mappings: SubstanceMapping[] = [];
  const rawGroups = new Set<string>();
  for (const label of labels) {
    rawGroups.add(label.group);
    const normalised = [
      normaliseLabel(label.group),
      normaliseLabel(label.subgroup),
      normaliseLabel(label.name),
    ] as const;
    const contextKey = JSON.stringify(normalised);
    const target = contextual.get(contextKey) ?? nameTargets[normalised[2]];
    if (target === undefined) {
      problems.add(
        `UNODC 7.1 drug "${label.name}" (group "${label.group}", subgroup "${label.subgroup}") is not covered by substances.curated.json`,
      );
      continue;
    }
    used.add(contextual.has(contextKey) ? `context:${contextKey}` : `name:${normalised[2]}`);
    check(`mapping for "${label.name}"`, target);
    mappings.push({
      scheme: UNODC_T71_SCHEME,
      externalGroup: label.group,
      externalSubgroup: label.subgroup === '' ? null : label.subgroup,
      externalName: label.name,
      normalisedName: normalised[2],
      substanceCode: target.code,
      relation: target.relation,
    });
  }
  for (const group of rawGroups) {
    const code = groupTargets[normaliseLabel(group)];
    if (code === undefined) {
      problems.add(`UNODC 7.1 drug group "${group}" is not covered by substances.curated.json`);
      continue;
    }
    used.add(`group:${normaliseLabel(group)}`);
    check(`group "${group}"`, { code, relation: 'exact' });
    mappings.push({
      scheme: UNODC_T71_SCHEME,
      externalGroup: group,
      externalSubgroup: null,
      externalName: group,
      normalisedName: normaliseLabel(group),
      substanceCode: code,
      relation: 'exact',
    });
  }
  // Curated entries that no longer occur in the source are stale: fail so they get cleaned up.
  for (const name of Object.keys(nameTargets))
    if (!used.has(`name:${name}`)) problems.add(`curated name "${name}" not found in UNODC 7.1`);
  for (const key of contextual.keys())
    if (!used.has(`context:${key}`)) problems.add(`curated contextual entry ${key} not found in UNODC 7.1`);
  for (const name of Object.keys(groupTargets))
    if (!used.has(`group:${name}`)) problems.add(`curated group "${name}" not found in UNODC 7.1`);
  problems.throwIfAny('substances');

  substances.sort((a, b) => compareCodePoints(a.code, b.code));
  const mappingKey = (m: SubstanceMapping): string =>
    [m.externalGroup, m.externalSubgroup ?? '', m.externalName].join('\u0000');
  mappings.sort((a, b) => compareCodePoints(mappingKey(a), mappingKey(b)));

  const groupStats = [...rawGroups].sort(compareCodePoints).map((name) => ({
    name,
    names: new Set(labels.filter((l) => l.group === name).map((l) => l.name)).size,
    combinations: labels.filter((l) => l.group === name).length,
  }));
  return {
    substances,
    mappings,
    stats: {
      distinctNames: new Set(labels.map((l) => l.name)).size,
      distinctNormalisedNames: new Set(labels.map((l) => normaliseLabel(l.name))).size,
      groups: groupStats,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const checkOnly = process.argv.includes('--check');
  if (!existsSync(sharedData)) throw new Error(`source folder not found: ${sharedData}`);

  const areas = await buildCountries();
  const substances = await buildSubstances();
  const outputs: [string, unknown][] = [
    [path.join(areasDir, 'countries.json'), areas.countries],
    [path.join(areasDir, 'groups.json'), areas.groups],
    [path.join(substancesDir, 'substances.json'), substances.substances],
    [path.join(substancesDir, 'substance-mappings.json'), substances.mappings],
  ];

  let stale = 0;
  for (const [file, data] of outputs) {
    const text = stableJson(data);
    const relative = path.relative(repoRoot, file);
    if (checkOnly) {
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (current !== text) {
        stale++;
        console.error(`stale: ${relative}`);
      }
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${relative}`);
    }
  }

  const levels = LEVELS.map(
    (level) => `${level} ${substances.substances.filter((s) => s.level === level).length}`,
  );
  console.log(
    [
      `countries: ${areas.countries.length}, synonyms: ${areas.countries.reduce((n, c) => n + c.synonyms.length, 0)}`,
      `world bank: ${areas.stats.worldBankCountryNames} country names, skipped ${areas.stats.worldBankSkippedCodes.length} non-country codes`,
      `unodc 7.1 countries: ${areas.stats.unodcCountryNames}; 6.2.1: ${areas.stats.opiumPoppyCountryNames.join(', ')}; emcdda names: ${areas.stats.emcddaCountryNames}`,
      `non-country labels: ${areas.stats.nonCountryLabels.join('; ')}`,
      `substances: ${substances.substances.length} (${levels.join(', ')}), mapping rows: ${substances.mappings.length}`,
      `unodc 7.1: ${substances.stats.distinctNames} distinct drug names (${substances.stats.distinctNormalisedNames} after normalisation) in ${substances.stats.groups.length} groups`,
      ...substances.stats.groups.map(
        (g) => `  ${g.name}: ${g.names} names, ${g.combinations} subgroup/name combinations`,
      ),
    ].join('\n'),
  );
  if (stale > 0) {
    console.error(`${stale} file(s) out of date: run npx tsx scripts/build-reference-data.ts`);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
