import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { axeViolations, openPage, signIn, unnamedControls } from './helpers.ts';
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

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await unnamedControls(page)).toEqual([]);
}

/** A JSON write through the API with the signed-in session's CSRF token. */
async function apiPost(request: APIRequestContext, path: string, data: unknown) {
  const session = (await (await request.get(`${server.url}/api/v1/auth/session`)).json()) as {
    csrfToken: string;
  };
  const response = await request.post(`${server.url}/api/v1${path}`, {
    data,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
}

/**
 * The EU strategy with its SP2 item: the demo one when the demo loaders ran at start, else one
 * made here for the test (not demo content: it lives only in this test's throw-away database).
 */
async function euStrategy(request: APIRequestContext): Promise<string> {
  const found = await request.get(`${server.url}/api/v1/strategies/EU-DS-2021-2025`);
  if (found.ok()) return 'EU-DS-2021-2025';
  await apiPost(request, '/strategies', {
    code: 'E2E-EU',
    scope: 'eu',
    titleEn: 'Test EU strategy',
    periodStart: 2021,
    periodEnd: 2025,
  });
  await apiPost(request, '/strategies/E2E-EU/nodes', {
    kind: 'policy_area',
    code: 'I',
    titleEn: 'Test area',
  });
  await apiPost(request, '/strategies/E2E-EU/nodes', {
    kind: 'priority',
    code: 'SP2',
    parent: 'I',
    titleEn: 'Test priority',
  });
  return 'E2E-EU';
}

/** Adds an item to the strategy tree through the page's "Add an item" form. */
async function addNode(page: Page, kind: string, code: string, parent: string, title: string) {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add item' }) });
  await form.getByLabel('Level').selectOption(kind);
  await form.getByLabel('Code').fill(code);
  await form.getByLabel('Under').selectOption(parent);
  await form.getByLabel('Title (English)').fill(title);
  await form.getByRole('button', { name: 'Add item' }).click();
  await page
    .locator(`.strategy-node.node-${kind}`)
    .filter({ hasText: title })
    .or(form.getByRole('alert'))
    .first()
    .waitFor();
  expect(await form.getByRole('alert').count(), (await form.textContent()) ?? '').toBe(0);
}

describe('strategies and programmes (editing)', () => {
  it('an editor creates a national strategy, links an indicator and aligns an action with the EU strategy', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/strategies');
    const eu = await euStrategy(context.request);
    await page.goto(`${server.url}/strategies`);
    await page.getByRole('heading', { level: 1, name: 'Strategies and action plans' }).waitFor();

    // Bad input: the last year before the first is refused at that field; nothing is created.
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create strategy' }) });
    await form.getByLabel('Code').fill('E2E-KAZ');
    await form.getByLabel('Scope').selectOption('national');
    await form.getByLabel('Country').selectOption('KAZ');
    await form.getByLabel('Title (English)').fill('Test national strategy');
    await form.getByLabel('Title (Russian)').fill('Тестовая национальная стратегия');
    await form.getByLabel('First year').fill('2025');
    await form.getByLabel('Last year').fill('2019');
    await form.getByRole('button', { name: 'Create strategy' }).click();
    await form.locator('#strategy-end-error').waitFor();
    expect(await form.getByLabel('Last year').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/strategies');
    expect((await context.request.get(`${server.url}/api/v1/strategies/E2E-KAZ`)).status()).toBe(404);
    await expectAccessible(page);

    // Fixed: the strategy is created and its page opens.
    await form.getByLabel('First year').fill('2019');
    await form.getByLabel('Last year').fill('2025');
    await form.getByRole('button', { name: 'Create strategy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Test national strategy' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/strategies/E2E-KAZ');
    await page.locator('.definition-list').getByText('Kazakhstan').waitFor();

    // A policy area, a priority under it and an action under the priority.
    await addNode(page, 'policy_area', 'T1', '', 'Test area');
    await addNode(page, 'priority', 'T1.1', 'T1', 'Test priority');
    await addNode(page, 'action', 'T1.1.1', 'T1.1', 'Test action');
    const action = page.locator('.strategy-node.node-action').filter({ hasText: 'Test action' });

    // Editing an item: its title.
    await action.getByRole('button', { name: 'Edit T1.1.1' }).click();
    await action.getByLabel('Title (English)').fill('Test action, edited');
    await action.getByRole('button', { name: 'Save' }).click();
    await action.getByRole('heading', { name: /Test action, edited/ }).waitFor();
    await expect
      .poll(() =>
        page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")'),
      )
      .toBe('Edit T1.1.1');

    // An indicator link: heroin seized in Kazakhstan, baseline 2019, target 2025; the latest value with its source.
    await action.getByRole('button', { name: 'Link an indicator to T1.1.1' }).click();
    await action.getByLabel('Indicator').selectOption('SZR_QTY');
    await action.getByLabel('Country').selectOption('KAZ');
    await action.getByLabel('Substance').selectOption('heroin');
    await action.getByLabel('Baseline year').fill('2019');
    await action.getByLabel('Target year').fill('2025');
    await action.getByRole('button', { name: 'Link indicator' }).click();
    const link = action.locator('.node-indicators li').first();
    await link.waitFor();
    expect(await link.textContent()).toContain('Kazakhstan');
    expect(await link.textContent()).toContain('(2019)');
    expect(await link.textContent()).toContain('(2025)');
    // The latest value, read as the explorer reads the series (UNODC's `item` breakdown summed):
    // 102.064 kg in 2022, UNODC WDR 2025 table 7.1.
    await link.getByText('102.06 KG (2022, source UNODC_WDR2025_T7.1)', { exact: false }).waitFor();

    // Aligned with SP2 of the EU strategy.
    const alignForm = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Add alignment' }) });
    const own = alignForm.getByLabel('Item of this strategy');
    const ownValue = await own
      .locator('option')
      .evaluateAll((options) =>
        options.find((o) => o.textContent?.startsWith('T1.1.1 '))?.getAttribute('value'),
      );
    await own.selectOption(ownValue ?? '');
    await alignForm.getByLabel('Other strategy', { exact: true }).selectOption(eu);
    const other = alignForm.getByLabel('Item of the other strategy');
    await other.locator('option', { hasText: /^SP2 / }).waitFor({ state: 'attached' });
    const sp2 = await other
      .locator('option')
      .evaluateAll((options) =>
        options.find((o) => o.textContent?.startsWith('SP2 '))?.getAttribute('value'),
      );
    await other.selectOption(sp2 ?? '');
    await alignForm.getByRole('button', { name: 'Add alignment' }).click();
    await action.locator('.node-alignments').getByText(`${eu} SP2`).waitFor();
    await expectAccessible(page);

    // The EU strategy shows the alignment on SP2.
    await page.goto(`${server.url}/strategies/${eu}`);
    const euItem = page.locator('.strategy-node').filter({
      has: page.locator('.node-title .secondary-code', { hasText: /^SP2$/ }),
    });
    await euItem.locator('.node-alignments').getByText('E2E-KAZ T1.1.1').first().waitFor();
    await expectAccessible(page);

    // Both pages in Russian.
    await page.getByRole('button', { name: 'RU – Русский' }).click();
    await page.getByRole('heading', { level: 2, name: 'Общий ход выполнения' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${server.url}/strategies/E2E-KAZ`);
    await page.getByRole('heading', { level: 1, name: 'Тестовая национальная стратегия' }).waitFor();
    await page.getByRole('button', { name: 'Изменить: T1.1.1' }).waitFor();
    await expectAccessible(page);

    // Removing the alignment and the indicator link.
    await page.getByRole('button', { name: `Удалить: соответствие T1.1.1 и ${eu} SP2` }).click();
    await page.locator('.node-alignments').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Удалить: связь показателя/ }).click();
    await page.locator('.node-indicators').waitFor({ state: 'detached' });
    await context.close();
  });

  it('an editor creates a programme with a component and an activity, then edits it', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/programmes');
    await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create programme' }) });
    await form.getByLabel('Code').fill('E2E-PROG');
    await form.getByLabel('Programme (English)').fill('Test programme');
    await form.getByLabel('Kazakhstan').check();
    await form.getByLabel('Uzbekistan').check();
    await form.getByLabel('Start date').fill('2024-01-01');
    await form.getByLabel('End date').fill('2026-12-31');
    await form.getByRole('button', { name: 'Add a component' }).click();
    await form.getByLabel('Title of component 1 (English)').fill('Test component');
    await form.getByRole('button', { name: 'Add an activity' }).click();
    await form.getByLabel('Title of activity 1 (English)').fill('Test activity');
    await form.getByLabel('Component of activity 1').selectOption('0');
    await form.getByLabel('Country of activity 1').selectOption('UZB');
    // Bad input: a website that is not an address is refused at that field; nothing is created.
    await form.getByLabel('Website').fill('not an address');
    await form.getByRole('button', { name: 'Create programme' }).click();
    await form.locator('#programme-url-error').waitFor();
    expect((await context.request.get(`${server.url}/api/v1/programmes/E2E-PROG`)).status()).toBe(404);
    await expectAccessible(page);

    await form.getByLabel('Website').fill('https://example.org/test');
    await form.getByRole('button', { name: 'Create programme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Test programme' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/programmes/E2E-PROG');
    await page.locator('#components-heading + ol').getByText('Test component').waitFor();
    await page.getByText('Test activity').waitFor();

    // Edited: the funder, a second component; the activity keeps its component and country.
    await page.getByRole('button', { name: 'Edit programme' }).click();
    const edit = page.locator('form.programme-form');
    await edit.getByLabel('Funder (English)').fill('Test funder');
    await edit.getByLabel('Funder (Russian)').fill('Тестовый донор');
    await edit.getByRole('button', { name: 'Add a component' }).click();
    await edit.getByLabel('Title of component 2 (English)').fill('Second test component');
    await expectAccessible(page);
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Edit programme' }).waitFor();
    await page.locator('.definition-list').getByText('Test funder').waitFor();
    await page.locator('#components-heading + ol').getByText('Second test component').waitFor();
    const saved = (await (await context.request.get(`${server.url}/api/v1/programmes/E2E-PROG`)).json()) as {
      components: { id: number }[];
      activities: { componentId: number | null; country: { code: string } | null }[];
    };
    expect(saved.activities[0]?.componentId).toBe(saved.components[0]?.id);
    expect(saved.activities[0]?.country?.code).toBe('UZB');

    await page.getByRole('button', { name: 'RU – Русский' }).click();
    await page.locator('.definition-list').getByText('Тестовый донор').waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
