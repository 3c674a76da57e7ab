import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { documentLanguage, openPage, unnamedControls } from './helpers.ts';
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

describe('language', () => {
  it('loads in English, switches to Russian, and keeps Russian after a reload', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await documentLanguage(page)).toBe('en');
    expect(await page.title()).toBe('Overview — Observatory');
    expect(await page.getByRole('banner').textContent()).toContain('EU – Central Asia drug dialogue');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Explorer',
      'Countries',
      'Indicators',
      'Sources',
      'Dialogue',
      'Strategies',
      'API docs',
    ]);
    await page.getByText('operational').waitFor();

    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    expect(await documentLanguage(page)).toBe('ru');
    expect(await page.title()).toBe('Обзор — Observatory');
    expect(await page.getByRole('banner').textContent()).toContain(
      'Диалог ЕС – Центральная Азия по наркотикам',
    );
    const navRu = page.getByRole('navigation', { name: 'Основная навигация' });
    expect(await navRu.getByRole('link').allTextContents()).toEqual([
      'Обзор',
      'Конструктор',
      'Страны',
      'Показатели',
      'Источники',
      'Диалог',
      'Стратегии',
      'Документация API',
    ]);
    expect(await page.getByRole('button', { name: 'Русский', pressed: true }).count()).toBe(1);
    // Data from the API follow the language too.
    await page.getByText('работает').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    expect(await documentLanguage(page)).toBe('ru');
    expect(await navRu.getByRole('link', { name: 'Страны' }).count()).toBe(1);
    await context.close();
  });

  it('starts in Russian when the browser prefers Russian', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(`${server.url}/indicators`);
    await page.getByRole('heading', { level: 1, name: 'Показатели' }).waitFor();
    expect(await documentLanguage(page)).toBe('ru');
    // Indicator names are bilingual content from the API, here in Russian.
    await page.getByRole('rowheader', { name: /Количество изъятых наркотиков/ }).waitFor();
    await context.close();
  });
});

describe('countries', () => {
  it('finds Kyrgyzstan from a Russian query and counts with Russian plurals', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(`${server.url}/countries`);
    await page.getByRole('heading', { level: 1, name: 'Страны' }).waitFor();

    await page.getByLabel('Поиск по названию или коду').fill('Кыргыз');
    await page
      .getByRole('status')
      .filter({ hasText: /^1 страна$/ })
      .waitFor();
    expect(await page.locator('.area-name').allTextContents()).toEqual(['Кыргызстан']);
    expect(page.url()).toContain('q=');

    await page.getByLabel('Поиск по названию или коду').fill('');
    await page.getByRole('button', { name: 'Центральная Азия' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^5 стран$/ })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Центральная Азия', pressed: true }).count()).toBe(1);
    expect(await page.locator('.area-name').allTextContents()).toEqual([
      'Казахстан',
      'Кыргызстан',
      'Таджикистан',
      'Туркменистан',
      'Узбекистан',
    ]);

    await page.getByRole('button', { name: 'ЕС-27' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^27 стран$/ })
      .waitFor();

    // Names follow the UI language.
    await page.getByRole('button', { name: 'Центральная Азия' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^5 стран$/ })
      .waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^5 countries$/ })
      .waitFor();
    // The count is translated at once; the names arrive with the refetch in the new language.
    await page
      .locator('.area-name')
      .first()
      .filter({ hasText: /^Kazakhstan$/ })
      .waitFor();
    expect(await page.locator('.area-name').allTextContents()).toEqual([
      'Kazakhstan',
      'Kyrgyzstan',
      'Tajikistan',
      'Turkmenistan',
      'Uzbekistan',
    ]);

    await page.getByRole('button', { name: 'All' }).click();
    await page.getByLabel('Search by name or code').fill('Kyrgyz');
    await page
      .getByRole('status')
      .filter({ hasText: /^1 country$/ })
      .waitFor();
    expect(await page.locator('.area-name').allTextContents()).toEqual(['Kyrgyzstan']);
    await context.close();
  });
});

describe('accessibility', () => {
  it('gives every control an accessible name, in both languages', async () => {
    for (const locale of ['en-GB', 'ru-RU']) {
      const { context, page } = await openPage(browser, locale);
      for (const path of [
        '/',
        '/explorer',
        '/countries',
        '/indicators',
        '/sources',
        '/sign-in',
        '/users',
        '/no-such-page',
      ]) {
        await page.goto(server.url + path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await unnamedControls(page), `${locale} ${path}`).toEqual([]);
        // Landmarks: one banner, one main, one contentinfo.
        expect(await page.getByRole('banner').count()).toBe(1);
        expect(await page.getByRole('main').count()).toBe(1);
        expect(await page.getByRole('contentinfo').count()).toBe(1);
      }
      await context.close();
    }
  });

  it('labels the form fields', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${server.url}/countries`);
    expect(await page.getByLabel('Search by name or code').getAttribute('type')).toBe('search');
    expect(await page.getByRole('checkbox', { name: 'Include territories' }).count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Show' }).getByRole('button').count()).toBe(3);
    await page.goto(`${server.url}/sign-in`);
    expect(await page.getByLabel('User name').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Password').getAttribute('type')).toBe('password');
    await context.close();
  });

  it('can be used from the keyboard, with a visible focus', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();

    const focusOrder: string[] = [];
    for (let i = 0; i < 13; i++) {
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      focusOrder.push(
        ((await focused.getAttribute('aria-label')) ?? (await focused.textContent()) ?? '').trim(),
      );
      const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
      expect(outline, `focus ring on "${focusOrder.at(-1)}"`).not.toBe('none');
    }
    expect(focusOrder).toEqual([
      'Skip to main content',
      'Observatory — EU – Central Asia drug dialogue — home',
      'EN – English',
      'RU – Русский',
      'Sign in',
      'Overview',
      'Explorer',
      'Countries',
      'Indicators',
      'Sources',
      'Dialogue',
      'Strategies',
      'API docs',
    ]);

    // The language switch works with the keyboard.
    await page.getByRole('button', { name: 'Русский' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    await context.close();
  });
});
