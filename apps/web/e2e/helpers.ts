import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Roles a user operates; each needs an accessible name. */
const CONTROL_ROLES = [
  'button',
  'link',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'combobox',
  'switch',
  'menuitem',
];
const UNNAMED = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})(?=$|:| \\[)`);

/** A fresh browser context (own cookies and storage) with the given browser language. */
export async function openPage(
  browser: Browser,
  locale: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { context, page };
}

/** Lines of the page's accessibility tree that are controls without an accessible name. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  return tree.split('\n').filter((line) => UNNAMED.test(line));
}

/** The value of `<html lang>`. */
export function documentLanguage(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}
