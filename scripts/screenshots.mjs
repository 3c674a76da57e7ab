#!/usr/bin/env node
// Saves full-page PNG screenshots (1280 px wide) of the main pages in English and Russian to screenshots/
// (git-ignored), against a freshly started server with an empty database. Run: npm run screenshots
// Needs Chromium (apt-get install chromium, or CHROMIUM_PATH) and Node ≥ 22.18 (it imports the
// TypeScript e2e helpers directly).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../apps/web/e2e/browser.ts';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer } from '../apps/web/e2e/server.ts';

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

const EXPLORER = 'indicator=SZR_QTY&substance=heroin&area=KAZ,KGZ,TJK,TKM,UZB&group=CA5&from=2019&to=2023';

/** name → path. */
const PAGES = [
  ['overview', '/'],
  ['overview-eu27', '/?group=EU27'],
  ['overview-corridor', '/?group=AFG_CORRIDOR'],
  ['country-tjk', '/countries/TJK'],
  ['country-afg', '/countries/AFG'],
  ['substance-heroin', '/substances/heroin'],
  ['countries', '/countries'],
  ['countries-search', '/countries?q=%D0%9A%D1%8B%D1%80%D0%B3%D1%8B%D0%B7'],
  ['countries-ca5', '/countries?group=CA5'],
  ['indicators', '/indicators'],
  ['sources', '/sources'],
  ['sign-in', '/sign-in'],
  ['not-found', '/no-such-page'],
  ['explorer', `/explorer?${EXPLORER}`],
  ['explorer-map', `/explorer?${EXPLORER}&tab=map`],
  ['explorer-table', `/explorer?${EXPLORER}&tab=table`],
  ['dialogue', '/dialogue'],
  ['strategies', '/strategies'],
  ['strategy-eu', '/strategies/EU-DS-2021-2025'],
  ['programmes', '/programmes'],
  ['programme-cadap7', '/programmes/CADAP7'],
];

mkdirSync(outDir, { recursive: true });
// A canonical-template CSV whose third row has an unknown area code, for the imports report.
const importDir = mkdtempSync(path.join(tmpdir(), 'observatory-screenshots-'));
const importFile = path.join(importDir, 'seizures.csv');
writeFileSync(
  importFile,
  [
    'indicator,area_code,substance_code,period,sex,age,treatmentStatus,marketLevel,stat,study,site,item,value,lower,upper,unit,status,confidentiality,source_code,footnotes_en,footnotes_ru',
    'SZR_QTY,TJK,heroin,2024,,,,,,,,,400,,,KG,A,public,UNODC_WDR2025_T7.1,,',
    'SZR_QTY,ZZZ,heroin,2024,,,,,,,,,12.5,,,KG,A,public,UNODC_WDR2025_T7.1,,',
  ].join('\n') + '\n',
);
const server = await startServer();
// The demo meeting of 12 December 2023 (its id depends on the load order), when the demo is loaded.
const demoMeetings = await (await fetch(`${server.url}/api/v1/meetings?dialogue=EU-CA&year=2023`)).json();
const demoMeeting = demoMeetings.items?.find((m) => m.startDate === '2023-12-12');
if (demoMeeting) PAGES.push(['meeting-demo', `/meetings/${demoMeeting.id}`]);
const browser = await launchBrowser();
const saved = [];
try {
  for (const language of ['en', 'ru']) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: language === 'ru' ? 'ru-RU' : 'en-GB',
    });
    // Runs in the page before the app starts (a string: this file is linted as Node code).
    await context.addInitScript(`localStorage.setItem('observatory.language', '${language}')`);
    const page = await context.newPage();

    const shoot = async (name) => {
      // Wait for the page's data: no request in flight and no loading line.
      await page.waitForLoadState('networkidle');
      // Pages can show several loading lines at once (overview headlines): wait for all to go.
      for (let i = 0; i < 100 && (await page.locator('.loading').count()) > 0; i++) {
        await page.locator('.loading').first().waitFor({ state: 'detached' });
      }
      await page.waitForLoadState('networkidle');
      const file = path.join(outDir, `${name}-${language}.png`);
      await page.screenshot({ path: file, fullPage: true });
      saved.push(file);
    };

    for (const [name, url] of PAGES) {
      await page.goto(server.url + url);
      await shoot(name);
    }

    // A failed sign-in shows the server's translated message.
    await page.goto(`${server.url}/sign-in`);
    await page.locator('input[name=username]').fill(ADMIN_USERNAME);
    await page.locator('input[name=password]').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    await page.getByRole('alert').waitFor();
    await shoot('sign-in-error');

    // Signed in as the administrator: the user menu and the Users page.
    await page.locator('input[name=password]').fill(ADMIN_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('.user-menu-button').waitFor();
    await page.goto(`${server.url}/users`);
    await page.locator('.data-table').waitFor();
    await page.locator('.user-menu-button').click();
    await shoot('users-menu');
    await page.keyboard.press('Escape');

    // Imports (signed in): a file with an unknown area code → preview, mapping and the report.
    await page.goto(`${server.url}/imports`);
    await page.locator('.import-form').waitFor();
    await page.locator('input[type=file]').first().setInputFiles(importFile);
    await page.locator('.mapping-table').waitFor();
    await shoot('imports-new');
    await page.locator('.import-form button[type=submit]').click();
    await page.locator('.import-issues-table').waitFor();
    await shoot('imports-report');
    await page.goto(`${server.url}/imports?view=history`);
    await page.locator('.import-history').waitFor();
    await shoot('imports-history');

    // The dialogue as an editor sees it: the demo meeting's record with its forms, the strategy.
    if (demoMeeting) {
      await page.goto(`${server.url}/meetings/${demoMeeting.id}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      await shoot('meeting-demo-editor');
    }
    await page.goto(`${server.url}/strategies/EU-DS-2021-2025`);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    await shoot('strategy-eu-editor');

    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(importDir, { recursive: true, force: true });
}
console.log(
  `Saved ${saved.length} screenshots:\n${saved.map((f) => `  ${path.relative(process.cwd(), f)}`).join('\n')}`,
);
