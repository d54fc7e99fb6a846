// The admin on a 375 px wide phone: no page scrolls sideways, controls are in reach and big enough to tap, the list
// comes before its filters, and the menu folds away behind a "Menu" toggle (a <details>: it works without JavaScript).
// On a wide screen the same menu is simply there.
import type { Locator, Page } from '@playwright/test';
import { expect, listRows, test } from './support/fixtures.ts';

const PHONE = { width: 375, height: 812 };
/** WCAG 2.2 "target size (minimum)": 24 by 24 CSS pixels. */
const MIN_TARGET = 24;

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: PHONE });

  test('the list: no sideways scroll, the rows before the filters, every control in reach', async ({ page }) => {
    await page.goto('/admin/post/');
    await expectNoSidewaysScroll(page);

    // The results come first; a link at the top jumps to the filters below them.
    const table = page.locator('table.results');
    const filters = page.getByRole('complementary', { name: 'Filter' });
    expect((await box(table)).y).toBeLessThan((await box(filters)).y);
    await expect(listRows(page).first()).toBeInViewport();
    await expect(filters).not.toBeInViewport();
    const jump = page.getByRole('link', { name: /^Filters/ });
    await expect(jump).toBeInViewport();
    await jump.click();
    await expect(filters.getByRole('heading', { name: 'Status' })).toBeInViewport();

    // The table scrolls inside its own box, not the page.
    const wrap = page.locator('.table-wrap').filter({ has: table });
    expect((await box(wrap)).x + (await box(wrap)).width).toBeLessThanOrEqual(PHONE.width);

    await expectTappable(page, [
      page.getByRole('link', { name: 'Add post' }),
      page.locator('#searchbar'),
      page.getByRole('button', { name: 'Search' }),
      page.locator('#action'),
      page.getByRole('button', { name: 'Go' }),
      page.locator('#select-all'),
      listRows(page).first().locator('input[name="_selected"]'),
      page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }),
      filters.getByRole('link', { name: 'published', exact: true }),
    ]);
  });

  test('the menu folds behind a "Menu" toggle and opens on a tap', async ({ page }) => {
    await page.goto('/admin/post/');
    const menu = page.getByRole('navigation', { name: 'Models' });
    const comments = menu.getByRole('link', { name: 'Comments', exact: true });
    await expect(comments).toBeHidden();
    // The page's heading is on the first screen, not pushed down by the menu.
    await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();

    const toggle = menu.getByText('Menu', { exact: true });
    await expectTappable(page, [toggle]);
    await toggle.click();
    await expect(comments).toBeVisible();
    await expectTappable(page, [comments]);
    await comments.click();
    await expect(page).toHaveURL(/\/admin\/comment\/$/);
  });

  test('the change form: no sideways scroll, labels above their inputs, inputs as wide as the screen allows', async ({ page }) => {
    // Post 3 has the seed's 290-character title: a long heading and breadcrumb must wrap, not widen the page.
    await page.goto('/admin/post/3/change');
    await expectNoSidewaysScroll(page);

    const title = page.locator('#id_title');
    const label = page.locator('label[for="id_title"]');
    expect((await box(label)).y + (await box(label)).height).toBeLessThanOrEqual((await box(title)).y + 1);
    expect((await box(title)).width).toBeGreaterThan(PHONE.width * 0.75);

    // The inline table of comments scrolls inside its box.
    const inline = page.locator('#comments-group .table-wrap');
    const inlineBox = await box(inline);
    expect(inlineBox.x).toBeGreaterThanOrEqual(0);
    expect(inlineBox.x + inlineBox.width).toBeLessThanOrEqual(PHONE.width);

    await expectTappable(page, [
      title,
      page.locator('#id_slug'),
      page.locator('#id_body'),
      page.locator('#id_status label').first(),
      page.locator('#id_publishedAt'),
      page.locator('#id_viewCount'),
      page.locator('summary', { hasText: 'Metadata' }),
      page.getByRole('button', { name: 'Save', exact: true }).last(),
      page.getByRole('button', { name: 'Save and continue editing' }).last(),
      page.getByRole('link', { name: 'Delete', exact: true }),
    ]);
  });

  test('the detail page: no sideways scroll, each label above its value', async ({ page }) => {
    await page.goto('/admin/post/3/');
    await expectNoSidewaysScroll(page);
    const row = page.locator('.detail-row').filter({ has: page.locator('dt', { hasText: /^Title$/ }) });
    const dt = await box(row.locator('dt'));
    const dd = await box(row.locator('dd'));
    expect(dt.y + dt.height).toBeLessThanOrEqual(dd.y + 1);
    expect(dd.x + dd.width).toBeLessThanOrEqual(PHONE.width);
    await expectTappable(page, [page.getByRole('link', { name: 'Change', exact: true }), page.getByRole('link', { name: 'Delete', exact: true })]);
  });

  for (const url of ['/admin/', '/admin/comment/', '/admin/post/add', '/admin/post/3/delete', '/admin/post/3/history', '/admin/password', '/admin/pages/statistics', '/admin/post/999999/change']) {
    test(`${url} does not scroll sideways`, async ({ page }) => {
      await page.goto(url);
      await expectNoSidewaysScroll(page);
    });
  }

  test.describe('logged out', () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test('the login page fits the screen', async ({ page }) => {
      await page.goto('/admin/login');
      await expectNoSidewaysScroll(page);
      await expectTappable(page, [page.getByLabel('Username'), page.getByLabel('Password'), page.getByRole('button', { name: 'Log in' })]);
    });
  });

  test.describe('with JavaScript off', () => {
    test.use({ javaScriptEnabled: false });

    test('the menu toggle and the jump to the filters still work', async ({ page }) => {
      await page.goto('/admin/post/');
      await expectNoSidewaysScroll(page);
      const menu = page.getByRole('navigation', { name: 'Models' });
      await expect(menu.getByRole('link', { name: 'Tags', exact: true })).toBeHidden();
      await menu.getByText('Menu', { exact: true }).click();
      await expect(menu.getByRole('link', { name: 'Tags', exact: true })).toBeVisible();

      await page.getByRole('link', { name: /^Filters/ }).click();
      await expect(page).toHaveURL(/#filters$/);
      await expect(page.getByRole('complementary', { name: 'Filter' }).getByRole('heading', { name: 'Status' })).toBeInViewport();
    });
  });
});

test.describe('on a wide screen', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('the menu is always open, and the filters sit beside the list', async ({ page }) => {
    await page.goto('/admin/post/');
    const menu = page.getByRole('navigation', { name: 'Models' });
    await expect(menu.getByText('Menu', { exact: true })).toBeHidden();
    for (const name of ['Posts', 'Comments', 'Authors', 'Categories', 'Tags', 'Blog statistics']) {
      await expect(menu.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('link', { name: /^Filters/ })).toBeHidden();
    // The list's box (a table wider than it scrolls inside it, as on a phone) ends before the filters begin.
    const table = await box(page.locator('.table-wrap'));
    const filters = await box(page.getByRole('complementary', { name: 'Filter' }));
    expect(filters.x).toBeGreaterThanOrEqual(table.x + table.width);
    await expectNoSidewaysScroll(page);
  });

  test.describe('with JavaScript off', () => {
    test.use({ javaScriptEnabled: false });

    test('the menu is open without a script', async ({ page }) => {
      await page.goto('/admin/');
      const menu = page.getByRole('navigation', { name: 'Models' });
      await expect(menu.getByRole('link', { name: 'Comments', exact: true })).toBeVisible();
      await menu.getByRole('link', { name: 'Comments', exact: true }).click();
      await expect(page).toHaveURL(/\/admin\/comment\/$/);
    });
  });
});

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, `${locator} has a box`).not.toBeNull();
  return b!;
}

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(widths.page, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(widths.viewport);
  expect(widths.body, `${page.url()}: the body scrolls sideways`).toBeLessThanOrEqual(widths.viewport);
}

/** Each control is visible, inside the screen's width once scrolled to, and at least 24 × 24 px. */
async function expectTappable(page: Page, controls: Locator[]) {
  const width = page.viewportSize()!.width;
  for (const control of controls) {
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeVisible();
    await expect(control).toBeInViewport();
    const b = await box(control);
    expect(b.x, `${control} starts inside the screen`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${control} ends inside the screen`).toBeLessThanOrEqual(width);
    expect(b.width, `${control} is wide enough to tap`).toBeGreaterThanOrEqual(MIN_TARGET);
    expect(b.height, `${control} is tall enough to tap`).toBeGreaterThanOrEqual(MIN_TARGET);
  }
}
