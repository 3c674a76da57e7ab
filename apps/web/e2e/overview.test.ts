import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { axeViolations, openPage, unnamedControls } from './helpers.ts';
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

describe('overview', () => {
  it('shows the Central Asia heroin headline with its coverage, and follows the group selector', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 2, name: 'Изъятия наркотиков: Центральная Азия (5)' }).waitFor();
    const heroin = page
      .locator('.headline-card')
      .filter({ has: page.getByRole('heading', { name: 'Героин' }) });
    // CA5 heroin 2023: 538.715 kg from 3 of the 5 countries (WDR 2025 demo pack).
    await heroin.getByText('538,72').waitFor();
    expect(await heroin.textContent()).toContain('в 2023 г.');
    expect(await heroin.textContent()).toContain('данные 3 из 5 стран группы');
    // The number links to the explorer permalink of the group series.
    expect(await heroin.getByRole('link', { name: /Героин, 2023/ }).getAttribute('href')).toContain(
      'group=CA5',
    );

    await page.getByRole('group', { name: 'Группа стран' }).getByRole('button', { name: 'ЕС-27' }).click();
    await page.getByRole('heading', { level: 2, name: 'Изъятия наркотиков: ЕС-27' }).waitFor();
    expect(new URL(page.url()).searchParams.get('group')).toBe('EU27');
    const euHeroin = page
      .locator('.headline-card')
      .filter({ has: page.getByRole('heading', { name: 'Героин' }) });
    await euHeroin.getByText(/из 27 стран группы/).waitFor();
    expect(await euHeroin.textContent()).not.toContain('538,72');
    await context.close();
  });

  it('lists the Afghanistan heroin signal for the corridor group', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(`${server.url}/?group=AFG_CORRIDOR`);
    await page.getByRole('button', { name: 'Афганский коридор', pressed: true }).waitFor();
    const signals = page.getByRole('list', { name: 'Последние сигналы' });
    await signals.getByText('Героин, Афганистан').first().waitFor();
    expect(await signals.textContent()).toContain('1,002 кг');
    await context.close();
  });
});

describe('country profile', () => {
  it('shows Tajikistan heroin seizures 2023 = 422,48 kg, linked to the explorer', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(`${server.url}/countries?q=Таджикистан`);
    await page.getByRole('link', { name: 'Таджикистан' }).click();
    await page.getByRole('heading', { level: 1, name: 'Таджикистан' }).waitFor();
    const row = page.getByRole('row', { name: /Количество изъятых наркотиков: Героин/ });
    const value = row.getByRole('link', { name: /Героин, 2023/ });
    await value.waitFor();
    expect(await value.textContent()).toBe('422,48');
    expect(await value.getAttribute('href')).toBe(
      '/explorer?indicator=SZR_QTY&substance=heroin&area=TJK&tab=table',
    );
    // Where the number comes from, on demand.
    await row.getByText('Откуда это число?').click();
    await row.getByText(/UNODC, Всемирный доклад о наркотиках 2025/).waitFor();
    await context.close();
  });

  it('shows the record low of Afghanistan heroin seizures among its signals', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(`${server.url}/countries/AFG`);
    await page.getByRole('heading', { level: 1, name: 'Афганистан' }).waitFor();
    const signals = page.getByRole('list', { name: 'Последние сигналы' });
    await signals.getByText(/рекордный минимум — 1,002 кг в 2023 г\./).waitFor();
    // Opium cultivation is shown where there is some.
    await page.getByRole('row', { name: /Площадь посевов опийного мака/ }).waitFor();
    await context.close();
  });

  it('says so for an unknown country code', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${server.url}/countries/ZZZ`);
    await page.getByRole('heading', { level: 1, name: 'Country profile' }).waitFor();
    await page.getByRole('alert').waitFor();
    await context.close();
  });
});

describe('substance profile', () => {
  it('ranks the countries that report heroin seizures', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${server.url}/substances/heroin`);
    await page.getByRole('heading', { level: 1, name: 'Heroin' }).waitFor();
    const table = page.getByRole('table', {
      name: /Central Asia: countries ranked by quantity seized, 2023/,
    });
    await table.waitFor();
    const names = await table.locator('tbody th').allTextContents();
    expect(names.slice(0, 3)).toEqual(['Tajikistan', 'Uzbekistan', 'Kyrgyzstan']);
    expect(await table.locator('tbody tr').first().textContent()).toContain('422.48');
    await page.getByRole('table', { name: /European Union \(27\): countries ranked/ }).waitFor();
    await context.close();
  });
});

describe('accessibility of the overview and profiles', () => {
  it('has no serious or critical axe violations, in both languages', async () => {
    for (const locale of ['en-GB', 'ru-RU']) {
      const { context, page } = await openPage(browser, locale);
      for (const path of ['/', '/countries/TJK', '/substances/heroin']) {
        await page.goto(server.url + path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        await page.locator('.loading').first().waitFor({ state: 'detached' });
        if (path === '/') await page.locator('svg.choropleth').waitFor();
        expect(await unnamedControls(page), `${locale} ${path}`).toEqual([]);
        expect(await axeViolations(page), `${locale} ${path}`).toEqual([]);
      }
      await context.close();
    }
  });
});
