import type { IndicatorDimension } from '../../platform/db/schema.ts';

/**
 * The built-in indicator catalogue. Domains follow the EUDA key indicators (GPS, HRDU, TDI, DRD,
 * DRID) and supply-side indicators (SZR seizures, PPP price/purity, CULT cultivation), plus context
 * (POP) and wastewater (WW). Units are codes of the UNIT codelist.
 */
export interface IndicatorSeed {
  code: string;
  domain: string;
  en: string;
  ru: string;
  descriptionEn: string;
  descriptionRu: string;
  unit: string;
  measureType: 'quantity' | 'count' | 'area' | 'rate' | 'price' | 'percentage' | 'mean' | 'load';
  dimensions: IndicatorDimension[];
  requiresSubstance: boolean;
  hasBounds?: boolean;
  isAdditive: boolean;
  protocol: string;
  comparabilityEn?: string;
  comparabilityRu?: string;
}

const dim = (dimension: string, codelist: string, required = false): IndicatorDimension => ({
  dimension,
  codelist,
  required,
});

export const INDICATORS: IndicatorSeed[] = [
  {
    code: 'SZR_QTY',
    domain: 'SZR',
    en: 'Quantity of drugs seized',
    ru: 'Количество изъятых наркотиков',
    descriptionEn: 'Total quantity of a drug seized by all law-enforcement agencies in the year.',
    descriptionRu: 'Общее количество наркотика, изъятого всеми правоохранительными органами за год.',
    unit: 'KG',
    measureType: 'quantity',
    // The drug as the source names it (UNODC reports totals and their parts under one taxonomy
    // node: "Total ATS" and "Non-specified ATS"); keeping it apart means nothing is double counted.
    // `measureUnit`: roll-ups of seizure events without a kg equivalent (tablets, doses, litres) stay
    // in their own unit under this dimension, so they are never summed with kilograms.
    dimensions: [dim('item', ''), dim('measureUnit', 'UNIT')],
    requiresSubstance: true,
    isAdditive: true,
    protocol: 'UNODC Annual Report Questionnaire (ARQ), Part III; EUDA seizures (SZR)',
    comparabilityEn:
      'Seizures reflect law-enforcement activity and priorities as well as drug flows; large single seizures cause jumps.',
    comparabilityRu:
      'Изъятия отражают не только потоки наркотиков, но и активность и приоритеты правоохранительных органов; крупные единичные изъятия дают скачки.',
  },
  {
    code: 'SZR_CASES',
    domain: 'SZR',
    en: 'Number of drug seizure cases',
    ru: 'Число случаев изъятия наркотиков',
    descriptionEn: 'Number of seizure events of a drug in the year.',
    descriptionRu: 'Число случаев изъятия наркотика за год.',
    unit: 'CASES',
    measureType: 'count',
    dimensions: [dim('item', '')],
    requiresSubstance: true,
    isAdditive: true,
    protocol: 'UNODC ARQ, Part III; EUDA seizures (SZR)',
  },
  {
    code: 'CULT_OPIUM_HA',
    domain: 'CULT',
    en: 'Area under opium poppy cultivation',
    ru: 'Площадь посевов опийного мака',
    descriptionEn:
      'Net area under illicit opium poppy cultivation, with the lower and upper bounds of the estimate.',
    descriptionRu: 'Чистая площадь незаконных посевов опийного мака с нижней и верхней границами оценки.',
    unit: 'HA',
    measureType: 'area',
    dimensions: [],
    requiresSubstance: false,
    hasBounds: true,
    isAdditive: true,
    protocol: 'UNODC Illicit Crop Monitoring Programme (national opium surveys)',
    comparabilityEn:
      'Survey estimates; bounds are the confidence interval. Methods changed over time in some countries.',
    comparabilityRu:
      'Оценки по данным обследований; границы — доверительный интервал. В ряде стран методика со временем менялась.',
  },
  {
    code: 'POP_TOTAL',
    domain: 'POP',
    en: 'Population',
    ru: 'Численность населения',
    descriptionEn: 'Mid-year resident population; the denominator for per-capita rates.',
    descriptionRu:
      'Среднегодовая численность постоянного населения; знаменатель для расчётов на душу населения.',
    unit: 'PERSONS',
    measureType: 'count',
    dimensions: [dim('sex', 'SEX'), dim('age', 'AGE')],
    requiresSubstance: false,
    isAdditive: true,
    protocol: 'World Bank WDI SP.POP.TOTL (UN Population Division based)',
  },
  {
    code: 'DRD_DEATHS',
    domain: 'DRD',
    en: 'Drug-induced deaths',
    ru: 'Смерти, вызванные употреблением наркотиков',
    descriptionEn: 'Deaths directly attributable to drug use (poisonings/overdoses), by sex and age band.',
    descriptionRu:
      'Смерти, непосредственно связанные с употреблением наркотиков (отравления, передозировки), по полу и возрасту.',
    unit: 'PERSONS',
    measureType: 'count',
    dimensions: [dim('sex', 'SEX'), dim('age', 'AGE')],
    requiresSubstance: false,
    isAdditive: true,
    protocol: 'EUDA Drug-related deaths (DRD) key indicator, ICD-10 Selection B/D',
    comparabilityEn:
      'Case definitions (general mortality register vs special register) and under-reporting differ between countries.',
    comparabilityRu:
      'Определения случаев (общий регистр смертности или специальный регистр) и степень недоучёта различаются по странам.',
  },
  {
    code: 'DRD_MEAN_AGE',
    domain: 'DRD',
    en: 'Mean age at drug-induced death',
    ru: 'Средний возраст на момент смерти, вызванной наркотиками',
    descriptionEn: 'Mean age of persons who died of drug-induced deaths.',
    descriptionRu: 'Средний возраст умерших от причин, вызванных употреблением наркотиков.',
    unit: 'YEARS',
    measureType: 'mean',
    dimensions: [dim('sex', 'SEX')],
    requiresSubstance: false,
    isAdditive: false,
    protocol: 'EUDA Drug-related deaths (DRD) key indicator',
  },
  {
    code: 'TDI_ENTRANTS',
    domain: 'TDI',
    en: 'Treatment entrants by primary drug',
    ru: 'Обратившиеся за лечением по основному наркотику',
    descriptionEn: 'Persons entering specialised drug treatment in the year, by primary drug.',
    descriptionRu:
      'Лица, начавшие специализированное лечение наркозависимости за год, по основному наркотику.',
    unit: 'PERSONS',
    measureType: 'count',
    dimensions: [dim('treatmentStatus', 'TREATMENT_STATUS'), dim('sex', 'SEX')],
    requiresSubstance: true,
    isAdditive: true,
    protocol: 'EUDA Treatment demand indicator (TDI) protocol 3.0',
    comparabilityEn: 'Coverage of treatment units differs between countries and years.',
    comparabilityRu: 'Охват лечебных учреждений различается по странам и годам.',
  },
  {
    code: 'PPP_PRICE',
    domain: 'PPP',
    en: 'Retail price of drugs',
    ru: 'Розничная цена наркотиков',
    descriptionEn: 'Price per gram at retail (street) level, by study.',
    descriptionRu: 'Цена за грамм на розничном (уличном) уровне, по исследованиям.',
    unit: 'EUR_G',
    measureType: 'price',
    dimensions: [dim('marketLevel', 'MARKET_LEVEL'), dim('stat', 'STAT'), dim('study', '')],
    requiresSubstance: true,
    isAdditive: false,
    protocol: 'EUDA Price, purity and potency (PPP) data collection',
  },
  {
    code: 'PPP_PRICE_TABLET',
    domain: 'PPP',
    en: 'Retail price per tablet',
    ru: 'Розничная цена за таблетку',
    descriptionEn: 'Price per tablet at retail (street) level, by study (e.g. MDMA/“ecstasy” tablets).',
    descriptionRu:
      'Цена за таблетку на розничном (уличном) уровне, по исследованиям (например, таблетки МДМА/«экстази»).',
    unit: 'EUR_TABLET',
    measureType: 'price',
    dimensions: [dim('marketLevel', 'MARKET_LEVEL'), dim('stat', 'STAT'), dim('study', '')],
    requiresSubstance: true,
    isAdditive: false,
    protocol: 'EUDA Price, purity and potency (PPP) data collection',
  },
  {
    code: 'PPP_CONTENT_TABLET',
    domain: 'PPP',
    en: 'Active substance content per tablet',
    ru: 'Содержание действующего вещества в таблетке',
    descriptionEn: 'Milligrams of the active substance (e.g. MDMA) per tablet in retail samples, by study.',
    descriptionRu:
      'Миллиграммов действующего вещества (например, МДМА) на таблетку в розничных образцах, по исследованиям.',
    unit: 'MG_TABLET',
    measureType: 'mean',
    dimensions: [dim('marketLevel', 'MARKET_LEVEL'), dim('stat', 'STAT'), dim('study', '')],
    requiresSubstance: true,
    isAdditive: false,
    protocol: 'EUDA Price, purity and potency (PPP) data collection',
  },
  {
    code: 'PPP_PURITY',
    domain: 'PPP',
    en: 'Purity of drugs',
    ru: 'Чистота наркотиков',
    descriptionEn: 'Content of the active substance in retail samples, by study.',
    descriptionRu: 'Содержание активного вещества в розничных образцах, по исследованиям.',
    unit: 'PCT',
    measureType: 'percentage',
    dimensions: [dim('marketLevel', 'MARKET_LEVEL'), dim('stat', 'STAT'), dim('study', '')],
    requiresSubstance: true,
    isAdditive: false,
    protocol: 'EUDA Price, purity and potency (PPP) data collection',
  },
  {
    code: 'GPS_PREV_LY_15_64',
    domain: 'GPS',
    en: 'Last-year prevalence of drug use, adults 15-64',
    ru: 'Распространённость употребления наркотиков за последний год, 15–64 лет',
    descriptionEn:
      'Share of the population aged 15-64 who used the drug in the last 12 months (general population survey).',
    descriptionRu:
      'Доля населения 15–64 лет, употреблявшего наркотик в последние 12 месяцев (общенациональное обследование).',
    unit: 'PCT',
    measureType: 'percentage',
    dimensions: [dim('sex', 'SEX')],
    requiresSubstance: true,
    hasBounds: true,
    isAdditive: false,
    protocol: 'EUDA General population surveys (GPS), European Model Questionnaire; UNODC ARQ Part II',
    comparabilityEn:
      'Survey years, sampling and questionnaires differ; compare trends within a country first.',
    comparabilityRu:
      'Годы обследований, выборки и анкеты различаются; сравнивайте прежде всего динамику внутри страны.',
  },
  {
    code: 'WW_LOAD',
    domain: 'WW',
    en: 'Wastewater mass load',
    ru: 'Массовая нагрузка в сточных водах',
    descriptionEn:
      'Mean daily mass load of a drug residue in municipal wastewater, per 1,000 population, by site.',
    descriptionRu:
      'Средняя суточная массовая нагрузка остатков наркотика в городских сточных водах на 1000 жителей, по пунктам отбора.',
    unit: 'MG_1000_DAY',
    measureType: 'load',
    dimensions: [dim('site', '', true), dim('stat', 'STAT')],
    requiresSubstance: true,
    isAdditive: false,
    protocol: 'SCORE network / EUDA wastewater monitoring protocol',
    comparabilityEn: 'Weekly sampling campaigns in a set of cities; not a national estimate.',
    comparabilityRu: 'Недельные кампании отбора проб в ряде городов; не общенациональная оценка.',
  },
];
