/**
 * Built-in codelists. Codes follow SDMX conventions where one exists (SEX, OBS_STATUS, AGE bands
 * as in the SDMX global DSDs: `Y15T19`, `Y_GE65`, `_T` total, `_U` unknown).
 */
export interface CodeSeed {
  code: string;
  en: string;
  ru: string;
  attributes?: Record<string, unknown>;
}
export interface CodelistSeed {
  code: string;
  en: string;
  ru: string;
  descriptionEn?: string;
  descriptionRu?: string;
  codes: CodeSeed[];
}

const ageBand = (from: number, to: number | null): CodeSeed => ({
  code: to === null ? `Y_GE${from}` : `Y${from}T${to}`,
  en: to === null ? `${from} years and over` : `${from}–${to} years`,
  ru: to === null ? `${from} лет и старше` : `${from}–${to} лет`,
  attributes: { from, to },
});

export const CODELISTS: CodelistSeed[] = [
  {
    code: 'SEX',
    en: 'Sex',
    ru: 'Пол',
    codes: [
      { code: 'F', en: 'Female', ru: 'Женщины' },
      { code: 'M', en: 'Male', ru: 'Мужчины' },
      { code: '_T', en: 'Total', ru: 'Всего' },
      { code: '_U', en: 'Unknown', ru: 'Неизвестно' },
    ],
  },
  {
    code: 'AGE',
    en: 'Age band',
    ru: 'Возрастная группа',
    codes: [
      { code: 'Y_LT15', en: 'Under 15 years', ru: 'Младше 15 лет', attributes: { from: 0, to: 14 } },
      ageBand(15, 19),
      ageBand(20, 24),
      ageBand(25, 29),
      ageBand(30, 34),
      ageBand(35, 39),
      ageBand(40, 44),
      ageBand(45, 49),
      ageBand(50, 54),
      ageBand(55, 59),
      ageBand(60, 64),
      ageBand(65, null),
      ageBand(15, 24),
      ageBand(15, 34),
      ageBand(15, 64),
      ageBand(25, 34),
      ageBand(35, 64),
      { code: '_T', en: 'All ages', ru: 'Все возрасты' },
      { code: '_U', en: 'Age unknown', ru: 'Возраст неизвестен' },
    ],
  },
  {
    code: 'UNIT',
    en: 'Unit of measure',
    ru: 'Единица измерения',
    codes: [
      { code: 'KG', en: 'kilograms', ru: 'килограммы', attributes: { symbol: 'kg', symbolRu: 'кг' } },
      // Units of seizure events (modules/events): mass units convert to kg by definition; the others
      // only through a configured per-substance conversion factor.
      { code: 'MG', en: 'milligrams', ru: 'миллиграммы', attributes: { symbol: 'mg', symbolRu: 'мг' } },
      { code: 'G', en: 'grams', ru: 'граммы', attributes: { symbol: 'g', symbolRu: 'г' } },
      { code: 'T', en: 'tonnes', ru: 'тонны', attributes: { symbol: 't', symbolRu: 'т' } },
      { code: 'ML', en: 'millilitres', ru: 'миллилитры', attributes: { symbol: 'ml', symbolRu: 'мл' } },
      {
        code: 'PLANTS',
        en: 'plants',
        ru: 'растения',
        attributes: { symbol: 'plants', symbolRu: 'раст.' },
      },
      { code: 'TABLETS', en: 'tablets', ru: 'таблетки', attributes: { symbol: 'tablets', symbolRu: 'таб.' } },
      { code: 'L', en: 'litres', ru: 'литры', attributes: { symbol: 'l', symbolRu: 'л' } },
      { code: 'DOSES', en: 'doses', ru: 'дозы', attributes: { symbol: 'doses', symbolRu: 'доз' } },
      {
        code: 'CASES',
        en: 'number of cases',
        ru: 'число случаев',
        attributes: { symbol: 'cases', symbolRu: 'случаев' },
      },
      { code: 'PERSONS', en: 'persons', ru: 'человек', attributes: { symbol: 'persons', symbolRu: 'чел.' } },
      { code: 'HA', en: 'hectares', ru: 'гектары', attributes: { symbol: 'ha', symbolRu: 'га' } },
      {
        code: 'EUR_G',
        en: 'euro per gram',
        ru: 'евро за грамм',
        attributes: { symbol: 'EUR/g', symbolRu: 'евро/г' },
      },
      { code: 'PCT', en: 'percent', ru: 'процент', attributes: { symbol: '%', symbolRu: '%' } },
      {
        code: 'EUR_TABLET',
        en: 'euro per tablet',
        ru: 'евро за таблетку',
        attributes: { symbol: 'EUR/tablet', symbolRu: 'евро/таб.' },
      },
      {
        code: 'MG_TABLET',
        en: 'milligrams of active substance per tablet',
        ru: 'миллиграммов действующего вещества на таблетку',
        attributes: { symbol: 'mg/tablet', symbolRu: 'мг/таб.' },
      },
      {
        code: 'PER_100K',
        en: 'per 100,000 population',
        ru: 'на 100 000 населения',
        attributes: { symbol: 'per 100k', symbolRu: 'на 100 тыс.' },
      },
      {
        code: 'YEARS',
        en: 'years (age)',
        ru: 'лет (возраст)',
        attributes: { symbol: 'years', symbolRu: 'лет' },
      },
      {
        code: 'MG_1000_DAY',
        en: 'milligrams per 1,000 population per day',
        ru: 'миллиграммов на 1000 жителей в сутки',
        attributes: { symbol: 'mg/1000/day', symbolRu: 'мг/1000/сут' },
      },
    ],
  },
  {
    code: 'OBS_STATUS',
    en: 'Observation status',
    ru: 'Статус наблюдения',
    descriptionEn: 'SDMX observation status codes',
    descriptionRu: 'Коды статуса наблюдения SDMX',
    codes: [
      { code: 'A', en: 'Normal value', ru: 'Обычное значение' },
      { code: 'B', en: 'Break in series', ru: 'Разрыв ряда' },
      { code: 'E', en: 'Estimated value', ru: 'Оценочное значение' },
      { code: 'P', en: 'Provisional value', ru: 'Предварительное значение' },
      { code: 'F', en: 'Forecast value', ru: 'Прогнозное значение' },
      { code: 'I', en: 'Imputed value', ru: 'Вменённое значение' },
      { code: 'U', en: 'Low reliability', ru: 'Низкая надёжность' },
      { code: 'M', en: 'Missing value', ru: 'Значение отсутствует' },
    ],
  },
  {
    code: 'CONF',
    en: 'Confidentiality',
    ru: 'Конфиденциальность',
    codes: [
      { code: 'public', en: 'Public (published)', ru: 'Открытые (опубликованные)' },
      { code: 'dialogue', en: 'Dialogue participants only', ru: 'Только для участников диалога' },
      { code: 'restricted', en: 'Restricted (editors only)', ru: 'Ограниченный доступ (только редакторы)' },
    ],
  },
  {
    code: 'CONVEYANCE',
    en: 'Conveyance (how the drugs were moved)',
    ru: 'Способ перемещения',
    descriptionEn: 'Means of transport or concealment of a seized consignment',
    descriptionRu: 'Транспортное средство или способ перевозки изъятой партии',
    codes: [
      { code: 'CAR', en: 'Private vehicle', ru: 'Легковой автомобиль' },
      { code: 'TRUCK', en: 'Truck or commercial vehicle', ru: 'Грузовой или коммерческий автомобиль' },
      { code: 'BUS', en: 'Bus', ru: 'Автобус' },
      { code: 'RAIL', en: 'Train', ru: 'Поезд' },
      { code: 'AIR_PASSENGER', en: 'Air passenger', ru: 'Авиапассажир' },
      { code: 'AIR_CARGO', en: 'Air cargo', ru: 'Авиагруз' },
      { code: 'SEA', en: 'Vessel', ru: 'Морское или речное судно' },
      { code: 'POST', en: 'Postal or courier parcel', ru: 'Почтовое или курьерское отправление' },
      { code: 'FOOT', en: 'On foot (person)', ru: 'Пешком (физическое лицо)' },
      { code: 'PACK_ANIMAL', en: 'Pack animal', ru: 'Вьючное животное' },
      { code: 'OTHER', en: 'Other', ru: 'Другое' },
      { code: '_U', en: 'Unknown', ru: 'Неизвестно' },
    ],
  },
  {
    code: 'RECALL',
    en: 'Recall period',
    ru: 'Период употребления',
    codes: [
      { code: 'LTP', en: 'Lifetime', ru: 'Хотя бы раз в жизни' },
      { code: 'LYP', en: 'Last year', ru: 'В последние 12 месяцев' },
      { code: 'LMP', en: 'Last month', ru: 'В последние 30 дней' },
    ],
  },
  {
    code: 'TREATMENT_STATUS',
    en: 'Treatment status',
    ru: 'Статус лечения',
    codes: [
      { code: '_T', en: 'All treatment entrants', ru: 'Все обратившиеся за лечением' },
      { code: 'FIRST', en: 'First-time entrants', ru: 'Впервые обратившиеся' },
      { code: 'PREV', en: 'Previously treated', ru: 'Ранее лечившиеся' },
      { code: '_U', en: 'Unknown', ru: 'Неизвестно' },
    ],
  },
  {
    code: 'MARKET_LEVEL',
    en: 'Market level',
    ru: 'Уровень рынка',
    codes: [
      { code: 'RETAIL', en: 'Retail', ru: 'Розничный' },
      { code: 'WHOLESALE', en: 'Wholesale', ru: 'Оптовый' },
    ],
  },
  {
    code: 'STAT',
    en: 'Statistic',
    ru: 'Статистика',
    codes: [
      { code: 'MEAN', en: 'Mean', ru: 'Среднее' },
      { code: 'MEDIAN', en: 'Median', ru: 'Медиана' },
      { code: 'MIN', en: 'Minimum', ru: 'Минимум' },
      { code: 'MAX', en: 'Maximum', ru: 'Максимум' },
      { code: 'MODE', en: 'Mode', ru: 'Мода' },
    ],
  },
];
