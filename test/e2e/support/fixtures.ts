// The `test` every browser test uses: Playwright's, plus two watchers that fail a test when a page pops up a dialog
// (alert/confirm/prompt: an injected script ran, or a page nags) or throws an uncaught error in its own script.
import { expect, test as base, type Locator, type Page } from '@playwright/test';

export interface AdminFixtures {
  /** Messages of the dialogs pages opened during the test (dismissed at once). Must stay empty. */
  dialogs: string[];
  /** Uncaught errors of page scripts during the test. Must stay empty. */
  pageErrors: string[];
}

export const test = base.extend<AdminFixtures>({
  dialogs: [
    async ({ page }, use) => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => {});
      });
      await use(dialogs);
      expect(dialogs, 'no page may open a dialog').toEqual([]);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'page scripts must not throw').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The number in the list page's result count ("3,000 posts" → 3000). */
export async function resultCount(page: Page): Promise<number> {
  const text = await page.locator('.result-count').innerText();
  const match = /^([\d,]+) /.exec(text.trim());
  if (!match) throw new Error(`Unexpected result count: "${text}"`);
  return Number(match[1].replace(/,/g, ''));
}

/** The list page's rows (not the "no results" row). */
export function listRows(page: Page): Locator {
  return page.locator('table.results tbody tr').filter({ has: page.locator('input[name="_selected"]') });
}

/** The success/warning/error messages shown at the top of a page. */
export function messages(page: Page): Locator {
  return page.locator('ul.messages li');
}

/** Search params of the page's URL. */
export function queryOf(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}
