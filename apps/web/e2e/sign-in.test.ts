import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { openPage } from './helpers.ts';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer, type TestServer } from './server.ts';

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

describe('sign-in', () => {
  it('shows the translated error, signs the admin in, lists users, and signs out', async () => {
    const { context, page } = await openPage(browser, 'ru-RU');
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Вход' }).waitFor();

    // Wrong password: the server's message, in Russian.
    await page.getByLabel('Имя пользователя').fill(ADMIN_USERNAME);
    await page.getByLabel('Пароль').fill('not-the-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('alert').filter({ hasText: 'Неверное имя пользователя или пароль.' }).waitFor();
    expect(await page.getByLabel('Пароль').inputValue()).toBe('');

    // The same in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Password').fill('still-not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password.' }).waitFor();

    // The right password: back to the overview with the user menu.
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const menuButton = page.getByRole('button', { name: 'Administrator' });
    await menuButton.waitFor();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(0);

    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    await menuButton.click();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    await page.getByText('administrator', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'User accounts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const adminRow = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'admin', exact: true }) });
    await adminRow.waitFor();
    expect(await adminRow.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['Administrator', 'administrator', 'active']),
    );

    // The session survives a reload (cookie), and the Users page works in Russian too.
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Пользователи' }).waitFor();
    await page.getByRole('cell', { name: 'администратор' }).waitFor();

    // Sign out (a POST that needs the CSRF token) ends the session on the server.
    await page.getByRole('button', { name: 'Administrator' }).click();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('link', { name: 'Войти' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Войти' }).waitFor();
    const session = await context.request.get(`${server.url}/api/v1/auth/session`);
    expect((await session.json()) as unknown).toMatchObject({ user: null });

    await page.goto(`${server.url}/users`);
    await page.getByText('Войдите как администратор, чтобы увидеть учётные записи.').waitFor();
    await context.close();
  });
});
