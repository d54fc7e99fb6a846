// The post list: search, filters, sorting and pages, and how it fits a phone.
import { expect, listRows, queryOf, resultCount, test } from './support/fixtures.ts';

test('searching for a word narrows the posts and keeps the word in the search box', async ({ page }) => {
  await page.goto('/admin/post/');
  const all = await resultCount(page);
  expect(all).toBe(3000);

  const search = page.getByRole('searchbox', { name: 'Search posts' });
  await search.fill('Kubernetes');
  await search.press('Enter');

  await expect(page).toHaveURL(/[?&]q=Kubernetes(&|$)/);
  await expect(page.locator('#searchbar')).toHaveValue('Kubernetes');
  const found = await resultCount(page);
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(all);
  await expect(listRows(page)).toHaveCount(Math.min(found, 50));

  // A word that only one title has.
  await search.fill('façades');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.result-count')).toHaveText('1 post');
  await expect(listRows(page).first().getByRole('link').first()).toContainText('naïve façades');
  await expect(page.locator('#searchbar')).toHaveValue('façades');
});

test('a status filter, a sorted column and page 2 all stay in the URL', async ({ page }) => {
  await page.goto('/admin/post/');
  await page.locator('#searchbar').fill('Kubernetes');
  await page.locator('#searchbar').press('Enter');
  await expect(page).toHaveURL(/q=Kubernetes/);
  const searched = await resultCount(page);

  const filters = page.getByRole('complementary', { name: 'Filter' });
  const status = filters.locator('section').filter({ has: page.getByRole('heading', { name: 'Status' }) });
  await status.getByRole('link', { name: 'published', exact: true }).click();
  await expect(page).toHaveURL(/status__exact=published/);
  await expect(status.getByRole('link', { name: 'published', exact: true })).toHaveAttribute('aria-current', 'true');
  const published = await resultCount(page);
  expect(published).toBeLessThan(searched);
  expect(published).toBeGreaterThan(50); // enough for a second page
  await expect(page.locator('#searchbar')).toHaveValue('Kubernetes');

  const title = page.getByRole('columnheader', { name: 'Title' });
  await title.getByRole('link').click();
  await expect(page).toHaveURL(/sort=title/);
  await expect(title).toHaveAttribute('aria-sort', 'ascending');
  expect(Object.fromEntries(queryOf(page))).toMatchObject({ q: 'Kubernetes', status__exact: 'published', sort: 'title' });
  const lastOfPage1 = await titleCells(page).last().innerText();

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  expect(Object.fromEntries(queryOf(page))).toMatchObject({ q: 'Kubernetes', status__exact: 'published', sort: 'title', page: '2' });
  await expect(page.getByRole('navigation', { name: 'Pages' }).locator('[aria-current="page"]')).toHaveText('2');
  await expect(page.locator('#searchbar')).toHaveValue('Kubernetes');
  await expect(page.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'ascending');
  expect(await resultCount(page)).toBe(published);

  // Page 2 holds only published posts, in title order, after the ones of page 1.
  const statuses = await listRows(page).locator('td:nth-child(5)').allInnerTexts();
  expect(statuses.length).toBe(Math.min(50, published - 50));
  expect(new Set(statuses.map((s) => s.trim()))).toEqual(new Set(['published']));
  const titles = await titleCells(page).allInnerTexts();
  expect(titles).toEqual([...titles].sort());
  expect(lastOfPage1 <= titles[0]).toBe(true);
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the list page does not scroll sideways, only its table does, and its controls are in reach', async ({ page }) => {
    await page.goto('/admin/post/');
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    expect(widths.page, 'the page scrolls sideways').toBeLessThanOrEqual(widths.viewport);
    expect(widths.body, 'the body scrolls sideways').toBeLessThanOrEqual(widths.viewport);

    const controls = [
      page.getByRole('link', { name: 'Add post' }),
      page.locator('#searchbar'),
      page.getByRole('button', { name: 'Search' }),
      page.locator('#action'),
      page.getByRole('button', { name: 'Go' }),
      listRows(page).first().locator('input[name="_selected"]'),
      listRows(page).first().getByRole('link').first(),
      page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }),
      page.getByRole('complementary', { name: 'Filter' }).getByRole('heading', { name: 'Status' }),
    ];
    for (const control of controls) {
      await control.scrollIntoViewIfNeeded();
      await expect(control).toBeVisible();
      await expect(control).toBeInViewport();
      const box = await control.boundingBox();
      expect(box, `${control} has a box`).not.toBeNull();
      expect(box!.x, `${control} starts inside the screen`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${control} ends inside the screen`).toBeLessThanOrEqual(375);
    }
  });
});

function titleCells(page: import('@playwright/test').Page) {
  return listRows(page).locator('td:nth-child(2)');
}
