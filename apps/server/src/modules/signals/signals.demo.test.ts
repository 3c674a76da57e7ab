import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine, type TestDatabase } from '../../../test/database.ts';
import { loadDemoPack } from '../imports/index.ts';
import { scheduleSignalDetection } from './index.ts';

/**
 * Detection over the whole UNODC / EUDA / World Bank demo pack. Afghanistan's heroin seizures fell
 * from 488 kg in 2022 to 1.002 kg in 2023 (UNODC WDR 2025, table 7.1): a 99.8 % fall to a record
 * low, with the same thresholds as every other series.
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const loaded = await loadDemoPack(database.db, fs.mkdtempSync(path.join(os.tmpdir(), 'obs-signals-demo-')));
  expect(loaded).toBeGreaterThan(10_000);
});
afterAll(async () => database?.close());

const afghanHeroin = (kind: string) =>
  sql<{
    id: number;
    severity: string;
    params: Record<string, number>;
    textEn: string;
    textRu: string;
    confidentiality: string;
    observationIds: number[];
  }>`
    select s.id, s.severity, s.params, s.text_en, s.text_ru, s.confidentiality, s.observation_ids
    from signal s join indicator i on i.id = s.indicator_id join area a on a.id = s.area_id
    join substance sb on sb.id = s.substance_id
    where i.code = 'SZR_QTY' and a.code = 'AFG' and sb.code = 'heroin' and s.year = 2023 and s.kind = ${kind}`
    .execute(database.db)
    .then((r) => r.rows);

describe('signals on the demo pack', () => {
  it('Afghanistan heroin 2022 → 2023 (488 → 1.002 kg) is a record low and an unusual fall, in both languages', async () => {
    const { finished } = await scheduleSignalDetection(database.db, { all: true }, null);
    const result = await finished;
    const cube = await sql<{ n: number }>`select count(*)::int as n from observation`.execute(database.db);
    // Reported, not asserted: detection time over the whole demo cube on this engine.
    console.log(
      `signals on the demo pack (${testEngine}): ${cube.rows[0]!.n} observations, ${result.series} series, ` +
        `${result.observations} preferred yearly values, ${result.found} signals in ${result.ms} ms`,
    );
    expect(result).toMatchObject({ scope: 'all', inserted: result.found, updated: 0, stale: 0, deleted: 0 });

    const [low] = await afghanHeroin('record_low');
    expect(low).toBeDefined();
    expect(low!.severity).toBe('alert');
    expect(low!.confidentiality).toBe('public');
    expect(low!.params).toMatchObject({
      value: 1.002,
      unit: 'KG',
      previous: 488,
      previousYear: 2022,
      lastValue: 488,
      lastYear: 2022,
      years: 5,
      firstYear: 2019,
    });
    expect(low!.params.change).toBeCloseTo(-0.998, 3);
    expect(low!.textEn).toBe(
      'Quantity of drugs seized, Heroin, Afghanistan: record low of 1.002 kg in 2023 (488 kg in 2022, -99.8%); the lowest in 5 years of data since 2019.',
    );
    expect(low!.textRu).toBe(
      'Количество изъятых наркотиков, Героин, Афганистан: рекордный минимум — 1,002 кг в 2023 г. (488 кг в 2022 г., -99,8\u00a0%); наименьшее значение за 5 лет наблюдений с 2019 г.',
    );
    // The observations behind it are the 2022 and 2023 values.
    const behind = await sql<{ year: number; value: number }>`
      select year, value from observation where id = any(${low!.observationIds.map(Number)}::bigint[]) order by year`.execute(
      database.db,
    );
    expect(behind.rows).toEqual([
      { year: 2022, value: 488 },
      { year: 2023, value: 1.002 },
    ]);

    const [fall] = await afghanHeroin('unusual_change');
    expect(fall).toBeDefined();
    expect(fall!.params).toMatchObject({ value: 1.002, previousValue: 488, previousYear: 2022, history: 3 });
    expect(fall!.params.z).toBeLessThan(-7);
    expect(fall!.textEn).toBe(
      `Quantity of drugs seized, Heroin, Afghanistan: unusual fall of 99.8% in 2023, from 488 kg in 2022 to 1.002 kg (robust z-score ${fall!.params.z!.toFixed(1)} against 3 earlier year-on-year changes).`,
    );
    expect(fall!.textRu).toBe(
      `Количество изъятых наркотиков, Героин, Афганистан: необычный спад на 99,8\u00a0% в 2023 г.: с 488 кг в 2022 г. до 1,002 кг (робастная z-оценка ${fall!.params.z!.toFixed(1).replace('.', ',')} относительно 3 предыдущих годовых изменений).`,
    );
    expect(fall!.observationIds).toHaveLength(5);
  });

  it('a second run over the whole cube writes nothing', async () => {
    const { finished } = await scheduleSignalDetection(database.db, { all: true }, null);
    const again = await finished;
    expect(again).toMatchObject({ inserted: 0, updated: 0, stale: 0, deleted: 0, unchanged: again.found });
    console.log(`signals on the demo pack (${testEngine}), second run: ${again.ms} ms`);
  });
});
