// Accessibility: axe-core finds no WCAG 2.1 A or AA violation on the demo's pages, in the light and the dark theme.
// Contrast is checked per theme, so every page runs twice, with the system setting the admin follows emulated.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = ['light', 'dark'] as const;

interface AdminPage {
  name: string;
  url: string;
  /** Brings the page into the state to check, after it loaded. */
  prepare?: (page: Page) => Promise<void>;
}

// Post 3 and comment 5: read only here, and untouched by the other browser tests.
const PAGES: AdminPage[] = [
  { name: 'index', url: '/admin/' },
  { name: 'list', url: '/admin/post/' },
  { name: 'list with editable columns and dates', url: '/admin/comment/' },
  { name: 'detail', url: '/admin/post/3/' },
  { name: 'add', url: '/admin/post/add' },
  { name: 'change (fieldsets, a collapsed one opened, inlines)', url: '/admin/post/3/change', prepare: openAllDetails },
  { name: 'change with an autocomplete relation', url: '/admin/comment/5/change' },
  { name: 'change refused with errors', url: '/admin/post/add', prepare: submitEmptyForm },
  { name: 'delete confirmation', url: '/admin/post/3/delete' },
  { name: 'history', url: '/admin/post/3/history' },
  { name: 'password change', url: '/admin/password' },
  { name: 'statistics (a page of the site)', url: '/admin/pages/statistics' },
  { name: 'not found', url: '/admin/post/999999/change' },
];

for (const scheme of SCHEMES) {
  test.describe(`${scheme} theme`, () => {
    for (const adminPage of PAGES) {
      test(`${adminPage.name}: no WCAG 2.1 A/AA violations`, async ({ page }) => {
        test.slow(); // axe checks every element's contrast
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(adminPage.url);
        await adminPage.prepare?.(page);
        await expectTheme(page, scheme);
        await expectNoViolations(page);
      });
    }

    test.describe('logged out', () => {
      test.use({ storageState: { cookies: [], origins: [] } });

      test('login: no WCAG 2.1 A/AA violations', async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto('/admin/login');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
        await expectTheme(page, scheme);
        await expectNoViolations(page);
      });

      test('login refused: no WCAG 2.1 A/AA violations', async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto('/admin/login');
        await page.getByLabel('Username').fill('nobody');
        await page.getByLabel('Password').fill('not-the-password');
        await page.getByRole('button', { name: 'Log in' }).click();
        await expect(page.getByRole('alert')).toBeVisible();
        await expectNoViolations(page);
      });
    });
  });
}

test('forms tie labels, help, required marks and errors to their inputs', async ({ page }) => {
  await page.goto('/admin/post/add');
  const title = page.getByRole('textbox', { name: /^Title/ });
  await expect(title).toHaveAttribute('required', '');
  await expect(page.locator('label[for="id_title"] .required-mark')).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Slug/ })).toHaveAccessibleDescription(/lower case letters/);

  await page.getByRole('button', { name: 'Save', exact: true }).last().click();
  // The summary is announced (role=alert), each error is the description of its input, and focus is on the first.
  await expect(page.getByRole('alert').first()).toContainText('Please correct the errors below.');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription(/This field is required\./);
  await expect(title).toBeFocused();
});

test('the keyboard reaches the content first, and every focused control shows where it is', async ({ page }) => {
  await page.goto('/admin/post/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  for (const control of [page.locator('#searchbar'), page.getByRole('button', { name: 'Search' }), page.getByRole('link', { name: 'Add post' })]) {
    await control.focus();
    const ring = await control.evaluate((el) => {
      const style = getComputedStyle(el);
      return { outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0, shadow: style.boxShadow !== 'none' };
    });
    expect(ring.outline || ring.shadow, 'a visible focus indicator').toBe(true);
  }
});

test('long values are cut in the list, with the whole value on hover', async ({ page }) => {
  // The seed's post with a 290-character title.
  await page.goto('/admin/post/?q=no+longer+fits');
  const cut = page.locator('table.results tbody td[title]').first();
  const full = await cut.getAttribute('title');
  const shown = (await cut.innerText()).trim();
  expect(full!.length).toBeGreaterThan(shown.length);
  expect(shown.endsWith('…')).toBe(true);
  expect(full!.startsWith(shown.slice(0, -1))).toBe(true);
});

async function openAllDetails(page: Page) {
  await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

async function submitEmptyForm(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(page.locator('.errornote')).toBeVisible();
}

/** The page really is in the theme asked for (the admin follows prefers-color-scheme). */
async function expectTheme(page: Page, scheme: 'light' | 'dark') {
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  const light = (r + g + b) / 3 > 128;
  expect(light ? 'light' : 'dark', `body background ${background}`).toBe(scheme);
}

async function expectNoViolations(page: Page) {
  // A list's rows all come from one template: the first five stand for the rest, and keep axe quick.
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).exclude('table.results > tbody > tr:nth-child(n+6)').analyze();
  const report = results.violations.map((v) =>
    [`${v.id} (${v.impact}): ${v.help}`, ...v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`)].join('\n'),
  );
  expect(report, `axe found violations on ${page.url()}`).toEqual([]);
}
