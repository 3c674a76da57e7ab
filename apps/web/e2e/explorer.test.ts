import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { openPage, unnamedControls } from './helpers.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const DOTS = '.chart-frame svg .chart-dots circle';

/** The table row of one area and year, as the cells' texts. */
async function tableRow(page: Page, area: string, year: number): Promise<string[]> {
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: area }) })
    .filter({ has: page.getByRole('cell', { name: String(year), exact: true }) });
  await row.waitFor();
  return row.getByRole('cell').allTextContents();
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not apply.
  await page.evaluate(source);
  const results = await page.evaluate<{
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  }>(`axe.run(document, { resultTypes: ['violations'] })`);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('explorer', () => {
  it('shows Tajikistan’s heroin seizures 2019-2023 in Russian: five points, 422,48 in the table and 422.48 in the CSV', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Основная навигация' })
      .getByRole('link', { name: 'Конструктор' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Конструктор' }).waitFor();
    expect(page.url()).toContain('/explorer');

    await page.getByLabel('Показатель', { exact: true }).selectOption('SZR_QTY');
    await page.getByLabel('Вещество', { exact: true }).selectOption('heroin');
    await page.getByRole('button', { name: 'Убрать все' }).click();
    await page.getByText('Выберите слева хотя бы одну страну или группу, чтобы увидеть данные.').waitFor();
    await page.getByLabel('Добавить страну').fill('Таджик');
    await page.getByRole('button', { name: /^Таджикистан/ }).click();
    await page.getByLabel('С', { exact: true }).selectOption('2019');
    await page.getByLabel('По', { exact: true }).selectOption('2023');

    await page.getByRole('heading', { level: 2, name: 'Количество изъятых наркотиков: Героин' }).waitFor();
    await page.getByText('килограммы · 2019–2023').waitFor();
    const legend = page.getByRole('list', { name: 'Легенда' });
    await legend.filter({ hasText: /^Таджикистан$/ }).waitFor();
    await expect.poll(() => page.locator(DOTS).count()).toBe(5);

    // The chart can be read from the keyboard: the last year's value in Russian format.
    await page.locator('.chart-frame').focus();
    await page.keyboard.press('End');
    await page.locator('.chart-tooltip').filter({ hasText: '2023' }).filter({ hasText: '422,48' }).waitFor();

    await page.getByRole('tab', { name: 'Таблица' }).click();
    expect(await page.getByRole('tab', { name: 'Таблица', selected: true }).count()).toBe(1);
    expect(await tableRow(page, 'Таджикистан', 2023)).toEqual(expect.arrayContaining(['2023', '422,48']));
    expect(await page.getByRole('row').count()).toBe(1 + 5);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Данные (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1 + 5);
    const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
    const row2023 = lines.find((l) => l.includes(',2023,'));
    expect(row2023).toBeDefined();
    const cells = (row2023 ?? '').split(',');
    expect(cells[header.indexOf('area_code')]).toBe('TJK');
    expect(cells[header.indexOf('substance_code')]).toBe('heroin');
    expect(cells[header.indexOf('value')]).toBe('422.48');
    await context.close();
  });

  it('restores the whole view from its link, and per capita changes the numbers', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(
      `${server.url}/explorer?indicator=SZR_QTY&substance=heroin&area=TJK&from=2019&to=2023&tab=table`,
    );
    await page.getByRole('heading', { level: 1, name: 'Конструктор' }).waitFor();
    expect(await tableRow(page, 'Таджикистан', 2023)).toContain('422,48');

    // Change the view, reload: the link brings every choice back.
    await page.getByRole('radio', { name: 'На 100 000 жителей' }).check();
    await page.getByRole('columnheader', { name: 'Значение (килограммы на 100 000 жителей)' }).waitFor();
    await expect.poll(async () => (await tableRow(page, 'Таджикистан', 2023))[1]).not.toBe('422,48');
    const perCapita = (await tableRow(page, 'Таджикистан', 2023))[1] ?? '';
    // kg per 100 000 inhabitants: a small number, with a decimal comma.
    expect(perCapita).toMatch(/^\d{1,2},\d{1,2}$/);
    await page.getByRole('checkbox', { name: 'Логарифмическая шкала' }).check();
    await page.getByLabel('С', { exact: true }).selectOption('2020');
    await page.getByRole('row').filter({ hasText: '2019' }).first().waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('measure')).toBe('per_capita');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Конструктор' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Таблица', selected: true }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: 'На 100 000 жителей' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Логарифмическая шкала' }).isChecked()).toBe(true);
    expect(await page.getByLabel('С', { exact: true }).inputValue()).toBe('2020');
    expect(await page.getByLabel('По', { exact: true }).inputValue()).toBe('2023');
    expect(await tableRow(page, 'Таджикистан', 2023)).toContain(perCapita);
    expect(await page.getByRole('row').count()).toBe(1 + 4);

    // Back to absolute numbers.
    await page.getByRole('radio', { name: 'Абсолютные значения' }).check();
    await expect.poll(async () => (await tableRow(page, 'Таджикистан', 2023))[1]).toBe('422,48');
    await context.close();
  });

  it('shows a missing year as a gap with its reason, never as zero', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    // Kazakhstan reported no heroin seizures for 2023 in the demo data (UNODC WDR 2025 table 7.1).
    await page.goto(`${server.url}/explorer?indicator=SZR_QTY&substance=heroin&area=KAZ&from=2019&to=2023`);
    await page.getByRole('heading', { level: 2, name: 'Quantity of drugs seized: Heroin' }).waitFor();
    await expect.poll(() => page.locator(DOTS).count()).toBe(4);
    const notes = page.getByRole('region', { name: /^Notes/ });
    await notes.getByText('Kazakhstan, 2023').waitFor();
    await notes.getByText('No data for this year.').waitFor();

    await page.getByRole('tab', { name: 'Table' }).click();
    const row = await tableRow(page, 'Kazakhstan', 2023);
    expect(row).toEqual(expect.arrayContaining(['2023', '—no number', 'No data for this year.']));
    expect(row).not.toContain('0');
    await context.close();
  });

  it('downloads the chart and the map as SVG (with title, legend and source) and as PNG', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(
      `${server.url}/explorer?indicator=SZR_QTY&substance=heroin&area=TJK,KAZ&from=2019&to=2023`,
    );
    await page.locator(DOTS).first().waitFor();

    const save = async (name: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name }).click(),
      ]);
      return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
    };

    const svg = await save('Рисунок (SVG)');
    expect(svg.name).toBe('SZR_QTY-heroin-2019-2023.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<\?xml/);
    expect(text).toContain('Количество изъятых наркотиков: Героин');
    expect(text).toContain('Таджикистан');
    expect(text).toContain('Источник: UNODC');
    // The drawing itself: one dot per number (Tajikistan 5, Kazakhstan 4: 2023 is a gap).
    expect(text.match(/<circle/g)).toHaveLength(9);
    const png = await save('Рисунок (PNG)');
    expect(png.name).toBe('SZR_QTY-heroin-2019-2023.png');
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

    await page.getByRole('tab', { name: 'Карта' }).click();
    await page.locator('svg.choropleth').waitFor();
    const map = await save('Рисунок (SVG)');
    expect(map.name).toBe('SZR_QTY-heroin-2019-2023-2023.svg');
    expect(map.bytes.toString('utf8')).toContain('Количество изъятых наркотиков: Героин, 2023');
    await context.close();
  });

  it('has named controls and no serious or critical axe violations on any tab, in both languages', async () => {
    for (const [locale, tabs] of [
      ['ru-RU', ['График', 'Карта', 'Таблица', 'Источники']],
      ['en-GB', ['Chart', 'Map', 'Table', 'Sources']],
    ] as const) {
      const { context, page } = await openPage(browser, locale);
      await page.goto(`${server.url}/explorer?indicator=SZR_QTY&substance=heroin&area=KAZ,TJK&group=CA5`);
      await page.locator(DOTS).first().waitFor();
      for (const tab of tabs) {
        await page.getByRole('tab', { name: tab }).click();
        await page.waitForLoadState('networkidle');
        if (tab === 'Карта' || tab === 'Map') await page.locator('svg.choropleth').waitFor();
        expect(await unnamedControls(page), `${locale} ${tab}`).toEqual([]);
        expect(await axeViolations(page), `${locale} ${tab}`).toEqual([]);
      }
      await context.close();
    }
  });

  it('is usable from the keyboard: tabs move with the arrow keys, areas are added with Enter', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${server.url}/explorer?indicator=SZR_QTY&substance=heroin&area=&from=2019&to=2023`);
    await page.getByText('Choose at least one country or group on the left to see numbers.').waitFor();
    await page.getByLabel('Add a country').fill('TJK');
    await page.getByRole('button', { name: /^Tajikistan/ }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(DOTS).count()).toBe(5);

    await page.getByRole('tab', { name: 'Chart' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Map', selected: true }).count()).toBe(1);
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'Sources', selected: true }).count()).toBe(1);
    await page.getByRole('link', { name: /World Drug Report 2025/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('sources');
    await context.close();
  });
});
