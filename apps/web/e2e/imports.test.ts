import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { axeViolations, openPage, signIn, unnamedControls } from './helpers.ts';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let dir: string;

const HEADER =
  'indicator,area_code,substance_code,period,sex,age,treatmentStatus,marketLevel,stat,study,site,item,value,lower,upper,unit,status,confidentiality,source_code,footnotes_en,footnotes_ru';
const row = (area: string, year: number, value: number) =>
  `SZR_QTY,${area},heroin,${year},,,,,,,,,${value},,,KG,A,public,UNODC_WDR2025_T7.1,,`;

/** Canonical-template CSVs: the same two observations, once with an unknown area code in row 3. */
function writeFiles() {
  dir = mkdtempSync(path.join(tmpdir(), 'observatory-imports-e2e-'));
  const bad = path.join(dir, 'seizures-bad.csv');
  const fixed = path.join(dir, 'seizures-fixed.csv');
  writeFileSync(bad, [HEADER, row('TJK', 2024, 400), row('ZZZ', 2024, 12.5)].join('\n') + '\n');
  writeFileSync(fixed, [HEADER, row('TJK', 2024, 400), row('KGZ', 2024, 12.5)].join('\n') + '\n');
  return { bad, fixed };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('imports', () => {
  it('sends a signed-out visitor to sign in, and back to /imports afterwards', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${server.url}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/imports');
    expect(await page.getByRole('link', { name: 'Imports' }).count()).toBe(0);

    await page.getByLabel('User name').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).count(),
    ).toBe(1);
    await context.close();
  });

  it('in Russian: shows the error row of a bad file, commits the fixed file with progress, and rolls it back', async () => {
    const files = writeFiles();
    const { context, page } = await openPage(browser, 'ru-RU');
    await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/imports');
    await page.getByRole('heading', { level: 1, name: 'Импорт' }).waitFor();

    // The bad file: preview and column mapping, then the dry run's report.
    await page.locator('input[type=file]').first().setInputFiles(files.bad);
    await page.getByText('Выбран: seizures-bad.csv').waitFor();
    expect(await page.getByLabel('Какое сопоставление').inputValue()).toBe('observatory-long');
    const preview = page.locator('.preview-table');
    await preview.getByRole('cell', { name: 'ZZZ' }).waitFor();
    const areaMapping = page.locator('.mapping-table').getByLabel('Страна или территория', { exact: true });
    expect(await areaMapping.locator('option:checked').textContent()).toBe('area_code');

    await page.getByRole('button', { name: 'Проверить (пробный прогон)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Отчёт о проверке' }).waitFor();
    const errorRow = page
      .locator('.import-issues-table tbody tr')
      .filter({ hasText: 'Неизвестная страна или территория «ZZZ»' });
    await errorRow.waitFor();
    const cells = await errorRow.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toContain('area_code');
    expect(cells[2]).toBe('ошибка');
    // Errors block the commit, with the reason next to the disabled button.
    const commit = page.getByRole('button', { name: 'Зафиксировать' });
    expect(await commit.isDisabled()).toBe(true);
    await page.getByText('Фиксация невозможна: исправьте 1 ошибку в файле и проверьте его снова.').waitFor();
    // The filter and the CSV download of the report.
    await page.getByLabel('Показать').selectOption('warning');
    await page.getByText('Замечаний такой важности нет.').waitFor();
    expect(await page.locator('.import-issues-table').count()).toBe(0);
    await page.getByLabel('Показать').selectOption('error');
    await errorRow.waitFor();
    const href = await page.getByRole('link', { name: 'Скачать замечания (CSV)' }).getAttribute('href');
    const csv = await (await context.request.get(`${server.url}${href!}`)).text();
    expect(csv).toContain('Неизвестная страна или территория «ZZZ»');

    // The fixed file: no errors, commit with a progress bar, then the committed batch.
    await page.locator('input[type=file]').first().setInputFiles(files.fixed);
    await page.getByText('Выбран: seizures-fixed.csv').waitFor();
    await page.getByRole('button', { name: 'Проверить (пробный прогон)' }).click();
    await page.locator('.import-batch').getByText('проверено (пробный запуск)').first().waitFor();
    await page
      .getByText('Замечаний нет: все строки прошли проверку.')
      .or(page.locator('.import-issues-table'))
      .first()
      .waitFor();
    expect(await page.locator('.import-issues-table tbody tr').filter({ hasText: 'ошибка' }).count()).toBe(0);
    await commit.click();
    await page.getByRole('heading', { level: 2, name: 'Зафиксированный пакет' }).waitFor({ timeout: 60_000 });
    const committed = page.locator('.import-batch .import-batch');
    await committed.getByText('загружено', { exact: true }).waitFor();
    const batchId = await committed.locator('.import-meta dd').first().textContent();

    // The history lists it as committed; its detail view rolls it back.
    await page.getByRole('link', { name: 'История' }).click();
    const historyRow = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: `Пакет ${batchId!}` }) });
    await historyRow.waitFor();
    expect(await historyRow.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['seizures-fixed.csv', 'загружено']),
    );
    await historyRow.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: `Пакет ${batchId!}` }).waitFor();
    const rollback = page.getByRole('button', { name: 'Откатить' });
    expect(await rollback.isDisabled()).toBe(true);
    await page.getByLabel('Причина (обязательно)').fill('Проверка отката в браузерном тесте');
    await rollback.click();
    await page.locator('.import-meta').getByText('откачено', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Откатить' }).count()).toBe(0);
    await context.close();
  });

  it('previews a sheet of a workbook, and an edited column mapping changes the dry run', async () => {
    writeFiles();
    const book = path.join(dir, 'seizures.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['Seizures reported for the dry run test']);
    const data = wb.addWorksheet('Data');
    data.addRow(HEADER.split(','));
    data.addRow(row('TJK', 2023, 310).split(','));
    data.addRow(row('KGZ', 2023, 8).split(','));
    await wb.xlsx.writeFile(book);

    const { context, page } = await openPage(browser, 'en-GB');
    await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/imports');
    await page.locator('input[type=file]').first().setInputFiles(book);
    const sheet = page.getByLabel('Sheet', { exact: true });
    await sheet.waitFor();
    expect(await sheet.inputValue()).toBe('Notes');
    expect(await sheet.locator('option').allTextContents()).toEqual(['Notes', 'Data']);
    await page.locator('.preview-table').getByText('Seizures reported for the dry run test').waitFor();
    // The first sheet has none of the template's columns: required fields are unmapped, no dry run.
    const run = page.getByRole('button', { name: 'Check (dry run)' });
    expect(await run.isDisabled()).toBe(true);
    await page.getByText(/^Choose a column for: Indicator, Country or area, Year, Value, Source\./).waitFor();

    await sheet.selectOption('Data');
    const preview = page.locator('.preview-table');
    await preview.getByRole('cell', { name: 'KGZ' }).waitFor();
    await page.getByText('Excel workbook, sheet “Data”.').waitFor();
    const value = page.locator('.mapping-table').getByLabel('Value', { exact: true });
    expect(await value.locator('option:checked').textContent()).toBe('value');
    expect(await run.isDisabled()).toBe(false);

    // The preset's mapping: a clean dry run.
    await run.click();
    await page.locator('.import-batch').getByText('checked (dry run)').first().waitFor();
    expect(await page.locator('.import-issues-table tbody tr').filter({ hasText: 'error' }).count()).toBe(0);

    // Value taken from the area column: every row is an error.
    await value.selectOption({ label: 'area_code' });
    await page
      .getByText('You changed the mapping: the dry run uses an edited copy of “observatory-long”.')
      .waitFor();
    await run.click();
    await page.getByText('Commit is not possible: fix 2 errors in the file and check it again.').waitFor();
    const errorRows = page.locator('.import-issues-table tbody tr').filter({ hasText: 'error' });
    expect(await errorRows.count()).toBe(2);
    expect(await errorRows.first().getByRole('cell').nth(1).textContent()).toContain('area_code');

    // Unmapping a required field disables the dry run and says which field.
    await page.locator('.mapping-table').getByLabel('Indicator', { exact: true }).selectOption({ index: 0 });
    await page.getByText('Choose a column for: Indicator. The dry run needs them.').waitFor();
    expect(await run.isDisabled()).toBe(true);
    await context.close();
  });

  it('refuses to roll back a batch whose values a later batch changed, and shows why', async () => {
    writeFiles();
    const first = path.join(dir, 'uzb-first.csv');
    const second = path.join(dir, 'uzb-second.csv');
    writeFileSync(first, [HEADER, row('UZB', 2024, 10)].join('\n') + '\n');
    writeFileSync(second, [HEADER, row('UZB', 2024, 20)].join('\n') + '\n');
    const { context, page } = await openPage(browser, 'en-GB');
    await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/imports');

    const commitFile = async (file: string): Promise<string> => {
      await page.goto(`${server.url}/imports`);
      await page.locator('input[type=file]').first().setInputFiles(file);
      await page.getByRole('button', { name: 'Check (dry run)' }).click();
      const commit = page.getByRole('button', { name: 'Commit' });
      await commit.waitFor();
      await commit.click();
      const committed = page.locator('.import-batch .import-batch');
      await committed.getByText('committed', { exact: true }).waitFor({ timeout: 60_000 });
      return (await committed.locator('.import-meta dd').first().textContent())!;
    };
    const firstId = await commitFile(first);
    const secondId = await commitFile(second);

    await page.goto(`${server.url}/imports?batch=${firstId}`);
    await page.getByRole('heading', { level: 2, name: `Batch ${firstId}` }).waitFor();
    await page.getByLabel('Reason (required)').fill('Wrong figure');
    await page.getByRole('button', { name: 'Roll back' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: `Batch ${firstId} cannot be rolled back` });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(secondId);
    expect(await page.locator('.import-meta').getByText('committed', { exact: true }).count()).toBe(1);
    await context.close();
  });

  it('has named controls and no serious or critical axe violations, in both languages', async () => {
    const files = writeFiles();
    for (const locale of ['en-GB', 'ru-RU']) {
      const { context, page } = await openPage(browser, locale);
      await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/imports');
      await page.locator('.import-form').waitFor();
      await page.locator('input[type=file]').first().setInputFiles(files.bad);
      await page.locator('.mapping-table').waitFor();
      expect(await unnamedControls(page), `${locale} new`).toEqual([]);
      expect(await axeViolations(page), `${locale} new`).toEqual([]);

      await page.locator('.import-form button[type=submit]').click();
      await page.locator('.import-issues-table').waitFor();
      expect(await unnamedControls(page), `${locale} report`).toEqual([]);
      expect(await axeViolations(page), `${locale} report`).toEqual([]);

      await page.goto(`${server.url}/imports?view=history`);
      await page.locator('.import-history').waitFor();
      expect(await axeViolations(page), `${locale} history`).toEqual([]);
      await context.close();
    }
  });
});
