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

interface Listed<T> {
  items: T[];
}

/** A JSON write through the API with the signed-in session's CSRF token. */
async function apiWrite(request: APIRequestContext, method: 'post' | 'patch', path: string, data: unknown) {
  const session = (await (await request.get(`${server.url}/api/v1/auth/session`)).json()) as {
    csrfToken: string;
  };
  const response = await request[method](`${server.url}/api/v1${path}`, {
    data,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as { id: number };
}

/**
 * The code of a dialogue series: the demo EU-CA when the demo loaders ran at start, else one made
 * here for the test (not demo content: it lives only in this test's throw-away database).
 */
async function dialogueCode(request: APIRequestContext): Promise<string> {
  const list = (await (await request.get(`${server.url}/api/v1/dialogues`)).json()) as Listed<{
    code: string;
  }>;
  if (list.items.some((d) => d.code === 'EU-CA')) return 'EU-CA';
  if (list.items[0]) return list.items[0].code;
  await apiWrite(request, 'post', '/dialogues', {
    code: 'E2E-TEST',
    kind: 'regional',
    titleEn: 'Test dialogue series',
    titleRu: 'Тестовая серия диалога',
  });
  return 'E2E-TEST';
}

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await unnamedControls(page)).toEqual([]);
}

describe('dialogue', () => {
  it('an editor records a meeting, its agenda and a delegation, and downloads a Russian briefing pack', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/dialogue');
    const code = await dialogueCode(context.request);
    await page.goto(`${server.url}/dialogue`);
    await page.getByRole('heading', { level: 1, name: 'Dialogue' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dialogue' }).count(),
    ).toBe(1);

    // Bad input: the end date before the start date is refused with a message, nothing created.
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create meeting' }) });
    await form.getByLabel('Dialogue').selectOption(code);
    await form.getByLabel('Start date').fill('2030-06-12');
    await form.getByLabel('End date').fill('2030-06-10');
    await form.getByLabel('Title (English)').fill('Browser test meeting');
    await form.getByLabel('Title (Russian)').fill('Встреча браузерного теста');
    await form.getByRole('button', { name: 'Create meeting' }).click();
    await form.getByRole('alert').waitFor();
    // Located at the end date field.
    await form.locator('#meeting-end-error').waitFor();
    expect(await form.getByLabel('End date').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/dialogue');

    // Fixed: the meeting is created and its record opens.
    await form.getByLabel('End date').fill('2030-06-13');
    await form.getByLabel('Place (English)').fill('Test place');
    await form.getByRole('button', { name: 'Create meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Browser test meeting' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/meetings\/\d+$/);
    expect(await page.getByLabel('Visible to').count()).toBe(0);
    // Editing the details: the chair in Russian only.
    await page.getByRole('button', { name: 'Edit details' }).click();
    await page.getByLabel('Chair (Russian)').fill('Тестовый председатель');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Edit details' }).waitFor();
    await page.locator('.definition-list').getByText('Тестовый председатель').waitFor();

    // Two agenda items.
    const agendaForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add item' }) });
    await agendaForm.getByLabel('Type').selectOption('eu_update');
    await agendaForm.getByLabel('Item title (English)').fill('Update from the EU');
    await agendaForm.getByRole('button', { name: 'Add item' }).click();
    await page.locator('.agenda-item').filter({ hasText: 'Update from the EU' }).waitFor();
    await agendaForm.getByLabel('Type').selectOption('country_updates');
    await agendaForm.getByLabel('Item title (English)').fill('Updates from the countries');
    await agendaForm.getByLabel('Item title (Russian)').fill('Информация стран');
    await agendaForm.getByRole('button', { name: 'Add item' }).click();
    await page.locator('.agenda-item').filter({ hasText: 'Updates from the countries' }).waitFor();
    expect(await page.locator('.agenda-item').count()).toBe(2);

    // A delegation of Tajikistan, supported by CADAP 7 when that programme is recorded.
    const delegationForm = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Add delegation' }) });
    await delegationForm.getByLabel('Side').selectOption('central_asia');
    await delegationForm.getByLabel('Country').selectOption('TJK');
    const cadap = delegationForm
      .getByLabel('Participation supported by programme')
      .locator('option[value="CADAP7"]');
    if ((await cadap.count()) > 0)
      await delegationForm.getByLabel('Participation supported by programme').selectOption('CADAP7');
    await delegationForm.getByRole('button', { name: 'Add delegation' }).click();
    const tajikistan = page.locator('.delegation').filter({ hasText: 'Tajikistan' });
    await tajikistan.waitFor();
    // A participant (head of delegation), then removed again.
    await tajikistan.getByText('Add a participant to Tajikistan').click();
    await tajikistan.getByLabel('Name').fill('Test participant');
    await tajikistan.getByLabel('Head of delegation').check();
    await tajikistan.getByLabel('Function (English)').fill('Test function');
    await tajikistan.getByRole('button', { name: 'Add participant' }).click();
    await tajikistan.locator('.participant-list').getByText('Test participant').waitFor();
    // Edited: the name and the organisation in Russian.
    await tajikistan.getByRole('button', { name: 'Edit Test participant' }).click();
    const participantForm = tajikistan.locator('.participant-list form');
    await participantForm.getByLabel('Name').fill('Test participant, edited');
    await participantForm.getByLabel('Organisation (Russian)').fill('Тестовая организация');
    await participantForm.getByRole('button', { name: 'Save' }).click();
    await tajikistan.locator('.participant-list').getByText('Test participant, edited').waitFor();
    await tajikistan.getByRole('button', { name: 'Delete Test participant, edited' }).click();
    await tajikistan.locator('.participant-list').waitFor({ state: 'detached' });

    // The delegation edited: moved to the "Other" side and back; cancelling changes nothing.
    await tajikistan.getByRole('button', { name: 'Edit Tajikistan' }).click();
    await tajikistan.getByLabel('Side').selectOption('other');
    await tajikistan.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 3, name: 'Other', exact: true }).waitFor();
    // The focus is back on the edit button, under its new heading.
    await expect
      .poll(() =>
        page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")'),
      )
      .toBe('Edit Tajikistan');
    await tajikistan.getByRole('button', { name: 'Edit Tajikistan' }).click();
    await tajikistan.getByLabel('Side').selectOption('eu');
    await tajikistan.getByRole('button', { name: 'Cancel' }).click();
    await tajikistan.getByRole('button', { name: 'Edit Tajikistan' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Other', exact: true }).waitFor();
    await tajikistan.getByRole('button', { name: 'Edit Tajikistan' }).click();
    await tajikistan.getByLabel('Side').selectOption('central_asia');
    await tajikistan.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 3, name: 'Other', exact: true }).waitFor({ state: 'detached' });

    // Bad input: a follow-up without an owner is refused at the owner field; nothing is added.
    const followUpForm = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Add follow-up' }) });
    await followUpForm.getByLabel('Action (English)').fill('Share the test report');
    await followUpForm.getByRole('button', { name: 'Add follow-up' }).click();
    await followUpForm.locator('#follow-up-owner-error').waitFor();
    expect(await page.locator('.follow-up').count()).toBe(0);
    await followUpForm.getByLabel('Owner (English)').fill('Test owner');
    await followUpForm.getByRole('button', { name: 'Add follow-up' }).click();
    await page.locator('.follow-up').filter({ hasText: 'Share the test report' }).waitFor();

    await expectAccessible(page);

    // A Russian briefing pack for Tajikistan, followed as a job, then both downloads.
    const packForm = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Generate briefing pack' }) });
    await packForm.getByLabel('Audience').selectOption('TJK');
    await packForm.getByLabel('Language of the pack').selectOption('ru');
    await packForm.getByRole('button', { name: 'Generate briefing pack' }).click();
    // Recording the data snapshot happens before the job starts: allow for a busy machine.
    await page
      .getByText('Generating the briefing pack')
      .or(packForm.getByRole('alert'))
      .first()
      .waitFor({ timeout: 90_000 });
    expect(await packForm.getByRole('alert').count(), (await packForm.textContent()) ?? '').toBe(0);
    const pdfLink = page.getByRole('link', { name: 'Download PDF (Tajikistan)' });
    await pdfLink.waitFor({ timeout: 90_000 });
    const docxLink = page.getByRole('link', { name: 'Download DOCX (Tajikistan)' });
    const pdf = await (
      await context.request.get(`${server.url}${(await pdfLink.getAttribute('href'))!}`)
    ).body();
    const docx = await (
      await context.request.get(`${server.url}${(await docxLink.getAttribute('href'))!}`)
    ).body();
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(2000);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.length).toBeGreaterThan(2000);
    // The first agenda item has no Russian title: the pack says which texts fell back to English.
    await page
      .locator('.briefing-pack summary')
      .filter({ hasText: /shown in the other language/ })
      .first()
      .waitFor();

    await expectAccessible(page);

    // Press release: a draft from the record, an edited English title, then published.
    await page.getByRole('button', { name: 'Generate draft from the meeting record' }).click();
    const pressForm = page.locator('form.press-form');
    await pressForm.getByLabel('Title (English)').fill('Test press release title');
    await expectAccessible(page);
    await pressForm.getByRole('button', { name: 'Save' }).click();
    await page.locator('.press-release').getByRole('heading', { name: 'Test press release title' }).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('.status-tag').filter({ hasText: 'Published' }).waitFor();

    // The same record in Russian.
    await page.getByRole('button', { name: 'RU – Русский' }).click();
    await page.getByRole('heading', { level: 2, name: 'Повестка дня' }).waitFor();
    await page.locator('.delegation').filter({ hasText: 'Таджикистан' }).waitFor();
    // The English-only agenda title is marked as shown in English.
    await page
      .locator('.agenda-item')
      .filter({ hasText: 'Update from the EU' })
      .getByText('показано на английском: перевода на русский нет')
      .waitFor({ state: 'attached' });
    await expectAccessible(page);

    await page.goto(`${server.url}/dialogue`);
    await page.getByRole('heading', { level: 1, name: 'Диалог' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('a public visitor sees a public meeting (the demo one of 12 December 2023 when loaded) but not a participants-only one', async () => {
    const admin = await openPage(browser, 'en-GB');
    await signIn(admin.page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/');
    const request = admin.context.request;
    const code = await dialogueCode(request);
    const listed = (await (
      await request.get(`${server.url}/api/v1/meetings?dialogue=${code}&year=2023`)
    ).json()) as Listed<{ id: number; startDate: string; visibility: string }>;
    const demo = listed.items.find((m) => m.startDate === '2023-12-12' && m.visibility === 'public');
    const publicId =
      demo?.id ??
      (
        await apiWrite(request, 'post', '/meetings', {
          dialogue: code,
          startDate: '2029-01-15',
          endDate: '2029-01-15',
          titleEn: 'Public test meeting',
          titleRu: 'Открытая тестовая встреча',
          visibility: 'public',
        })
      ).id;
    // A published press release (this test's throw-away database only).
    await apiWrite(request, 'post', `/meetings/${publicId}/press-release/draft`, {});
    await apiWrite(request, 'post', `/meetings/${publicId}/press-release/publish`, {});
    const hidden = await apiWrite(request, 'post', '/meetings', {
      dialogue: code,
      startDate: '2029-02-20',
      endDate: '2029-02-20',
      titleEn: 'Participants-only test meeting',
      visibility: 'participants',
    });
    await admin.context.close();

    for (const locale of ['en-GB', 'ru-RU']) {
      const { context, page } = await openPage(browser, locale);
      await page.goto(`${server.url}/meetings/${publicId}`);
      await page.locator('#details-heading').waitFor();
      if (demo)
        await page
          .getByText(locale === 'en-GB' ? '12 December 2023' : '12 декабря 2023')
          .first()
          .waitFor();
      // No editor controls, and no briefing packs for the public.
      expect(await page.locator('form').count()).toBe(0);
      expect(await page.locator('#packs-heading').count()).toBe(0);
      await page.locator('.press-release h3').waitFor();
      await expectAccessible(page);

      await page.goto(`${server.url}/meetings/${hidden.id}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getByText('Participants-only test meeting').count()).toBe(0);
      await context.close();
    }
  });

  it('shows strategies with rolled-up progress and programmes; an editor reports progress on an action', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/strategies');
    const request = context.request;
    const strategies = (await (await request.get(`${server.url}/api/v1/strategies`)).json()) as Listed<{
      code: string;
    }>;
    // The demo EU strategy when loaded, else a test strategy (throw-away database).
    let strategy = strategies.items.find((s) => s.code === 'EU-DS-2021-2025')?.code;
    if (!strategy) {
      strategy = 'E2E-STRATEGY';
      await apiWrite(request, 'post', '/strategies', {
        code: strategy,
        scope: 'eu',
        titleEn: 'Test strategy',
        titleRu: 'Тестовая стратегия',
        periodStart: 2021,
        periodEnd: 2025,
      });
      await apiWrite(request, 'post', `/strategies/${strategy}/nodes`, {
        kind: 'policy_area',
        code: 'T1',
        titleEn: 'Test area',
      });
      await apiWrite(request, 'post', `/strategies/${strategy}/nodes`, {
        kind: 'priority',
        code: 'T1.1',
        parent: 'T1',
        titleEn: 'Test priority',
      });
    }
    await page.goto(`${server.url}/strategies`);
    await page.getByRole('heading', { level: 1, name: 'Strategies and action plans' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${server.url}/strategies/${strategy}`);
    await page.getByRole('heading', { level: 2, name: 'Overall progress' }).waitFor();

    // Add an action under a priority, then report progress on it: the bar and the text follow.
    const nodeForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add item' }) });
    await nodeForm.getByLabel('Level').selectOption('action');
    await nodeForm.getByLabel('Code').fill('E2E-A1');
    const parent = nodeForm.getByLabel('Under');
    const priority = await parent
      .locator('option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? '').filter(Boolean));
    // For an action the list offers the strategic priorities only.
    await parent.selectOption(priority[0] ?? '');
    await nodeForm.getByLabel('Title (English)').fill('Test action');
    await nodeForm.getByRole('button', { name: 'Add item' }).click();
    const action = page.locator('.strategy-node.node-action').filter({ hasText: 'Test action' });
    await action.or(nodeForm.getByRole('alert')).first().waitFor();
    expect(await nodeForm.getByRole('alert').count(), (await nodeForm.textContent()) ?? '').toBe(0);
    await action.getByText('Report progress on E2E-A1').click();
    await action.getByLabel('Status').selectOption('delayed');
    await action.getByLabel('Percent done').fill('30');
    await action.getByLabel('Narrative (English)').fill('Test narrative');
    await action.getByRole('button', { name: 'Save progress update' }).click();
    await action.getByText('30% done').first().waitFor();
    await action.locator('.status-tag').filter({ hasText: 'Delayed' }).first().waitFor();
    await expectAccessible(page);

    await page.goto(`${server.url}/programmes`);
    await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'RU – Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Программы' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${server.url}/strategies/${strategy}`);
    await page.getByRole('heading', { level: 2, name: 'Общий ход выполнения' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('an editor creates a bilateral series and edits conclusions, follow-ups, documents and press-release paragraphs', async () => {
    const { context, page } = await openPage(browser, 'en-GB');
    await signIn(page, server.url, ADMIN_USERNAME, ADMIN_PASSWORD, '/dialogue');
    await page.getByRole('heading', { level: 1, name: 'Dialogue' }).waitFor();

    // Bad input: a bilateral series without its partner country is refused; nothing is created.
    const series = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create series' }) });
    await series.getByLabel('Code').fill('E2E-BIL');
    await series.getByLabel('Kind of dialogue').selectOption('bilateral');
    await series.getByLabel('Title (English)').fill('Test bilateral series');
    await series.getByRole('button', { name: 'Create series' }).click();
    await series.getByRole('alert').waitFor();
    expect(await page.locator('.dialogue-series').getByText('E2E-BIL').count()).toBe(0);
    await series.getByLabel('Partner country').selectOption('KAZ');
    await series.getByRole('button', { name: 'Create series' }).click();
    await page.locator('.dialogue-series').getByText('E2E-BIL').waitFor();
    await expectAccessible(page);

    const meeting = await apiWrite(context.request, 'post', '/meetings', {
      dialogue: 'E2E-BIL',
      startDate: '2030-03-10',
      endDate: '2030-03-10',
      titleEn: 'Bilateral test meeting',
    });
    await page.goto(`${server.url}/meetings/${meeting.id}`);
    await page.getByRole('heading', { level: 1, name: 'Bilateral test meeting' }).waitFor();

    // A conclusion, then edited: its Russian text added.
    const conclusionForm = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Add conclusion' }) });
    await conclusionForm.getByLabel('Conclusion (English)').fill('Test conclusion');
    await conclusionForm.getByRole('button', { name: 'Add conclusion' }).click();
    const conclusions = page.locator('.conclusion-list');
    await conclusions.getByText('Test conclusion').waitFor();
    await conclusions.getByRole('button', { name: 'Edit Conclusion 1' }).click();
    await conclusions.getByLabel('Conclusion (English)').fill('Test conclusion, edited');
    await conclusions.getByLabel('Conclusion (Russian)').fill('Тестовый вывод');
    await conclusions.getByRole('button', { name: 'Save' }).click();
    await conclusions.getByText('Test conclusion, edited').waitFor();

    // A follow-up, then edited: owner and due date.
    const followUpForm = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Add follow-up' }) });
    await followUpForm.getByLabel('Action (English)').fill('Test action');
    await followUpForm.getByLabel('Owner (English)').fill('Test owner');
    await followUpForm.getByRole('button', { name: 'Add follow-up' }).click();
    const followUp = page.locator('.follow-up').filter({ hasText: 'Test action' });
    await followUp.waitFor();
    await followUp.getByRole('button', { name: 'Edit Test action' }).click();
    // Bad input: no owner at all is refused at the owner field.
    await followUp.getByLabel('Owner (English)').fill('');
    await followUp.getByRole('button', { name: 'Save' }).click();
    await followUp.locator(`[id$="-owner-error"]`).waitFor();
    await followUp.getByLabel('Owner (English)').fill('Test owner, edited');
    await followUp.getByLabel('Due').fill('2030-06-30');
    await followUp.getByRole('button', { name: 'Save' }).click();
    await followUp.getByText('Test owner, edited').waitFor();
    await followUp.getByText('30 June 2030').waitFor();

    // A document record (no file), then edited: title and language.
    const documentForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Upload' }) });
    await documentForm.getByLabel('Title').fill('Test document');
    await documentForm.getByLabel('Language').selectOption('en');
    await documentForm.getByRole('button', { name: 'Upload' }).click();
    const row = page.locator('tr').filter({ hasText: 'Test document' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Edit Test document' }).click();
    await row.getByLabel('Title').fill('Test document (Russian)');
    await row.getByLabel('Language', { exact: true }).selectOption('ru');
    await row.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('tr')
      .filter({ hasText: 'Test document (Russian)' })
      .getByRole('cell', { name: 'Russian', exact: true })
      .waitFor();

    // Press release: two English paragraphs added, headed, the second moved up, then one removed.
    await page.getByRole('button', { name: 'Generate draft from the meeting record' }).click();
    const pressForm = page.locator('form.press-form');
    await pressForm.waitFor();
    const before = await pressForm.locator('.press-editor[lang="en"] .press-paragraph').count();
    await pressForm.getByRole('button', { name: 'Add a paragraph (English)' }).click();
    await pressForm.getByRole('button', { name: 'Add a paragraph (English)' }).click();
    const a = before + 1;
    const b = before + 2;
    await pressForm.locator(`[id="press-en-paragraphs.${a - 1}.text"]`).fill('First test text');
    await pressForm.getByLabel(`Heading of paragraph ${a} (English)`).fill('First test heading');
    await pressForm.getByLabel(`Heading of paragraph ${b} (English)`).fill('Second test heading');
    await pressForm.getByRole('button', { name: `Move paragraph ${b} up (English)` }).click();
    expect(await pressForm.getByLabel(`Heading of paragraph ${a} (English)`).inputValue()).toBe(
      'Second test heading',
    );
    // The focus follows the moved paragraph.
    await expect
      .poll(() => page.evaluate('document.activeElement && document.activeElement.id'))
      .toBe(`press-en-paragraphs.${a - 1}.heading`);
    await pressForm.getByLabel(`Paragraph ${b} First test heading (English)`).fill('First test text, edited');
    await pressForm.getByRole('button', { name: `Remove paragraph ${a} (English)` }).click();
    await expectAccessible(page);
    await pressForm.getByRole('button', { name: 'Save' }).click();
    const view = page.locator('.press-release');
    await view.getByText('First test heading').waitFor();
    await view.getByText('First test text, edited').waitFor();
    expect(await view.getByText('Second test heading').count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'RU – Русский' }).click();
    await page.getByRole('heading', { level: 2, name: 'Повестка дня' }).waitFor();
    await page.locator('.conclusion-list').getByText('Тестовый вывод').waitFor();
    await expectAccessible(page);

    // The dialogue page tracks open follow-ups across meetings, linking to where they were raised.
    await page.goto(`${server.url}/dialogue`);
    const tracker = page.locator('.follow-up-tracker');
    const tracked = tracker.locator('tr').filter({ hasText: 'Test owner, edited' });
    await tracked.waitFor();
    expect(await tracked.textContent()).toContain('30 июня 2030');
    await expectAccessible(page);
    await context.close();
  });
});
