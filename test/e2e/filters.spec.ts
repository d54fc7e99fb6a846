// Filters as a person uses them (issue 18): an author's country (a String with few values), views from 100 to 1,000,
// a publication date range, posts by authors of one country, posts with a tag, the counts beside the choices, and the
// author filter as a search box once there are more than 100 authors.
import type { Page } from '@playwright/test';
import { expect, resultCount, test } from './support/fixtures.ts';
import { authorWithPosts, withManyAuthors } from './support/many-authors.ts';

const section = (page: Page, title: string) =>
  page.getByRole('complementary', { name: 'Filter' }).locator('section').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

test('authors by country: the String field lists its values', async ({ page }) => {
  await page.goto('/admin/author/');
  const all = await resultCount(page);
  await section(page, 'Country').getByRole('link', { name: 'Japan', exact: true }).click();
  await expect(page).toHaveURL(/country__exact=Japan/);
  const japan = await resultCount(page);
  expect(japan).toBeGreaterThan(0);
  expect(japan).toBeLessThan(all);
  const countries = page.locator('table tbody tr td:nth-child(4)');
  await expect(countries.first()).toHaveText('Japan');
  expect(new Set(await countries.allInnerTexts())).toEqual(new Set(['Japan']));
});

test('posts with 100 to 1,000 views, published in the first quarter, kept when searching', async ({ page }) => {
  await page.goto('/admin/post/');
  const all = await resultCount(page);
  const views = section(page, 'View count');
  await views.getByLabel('At least').fill('100');
  await views.getByLabel('At most').fill('1,000');
  await views.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/viewCount__gte=100&viewCount__lte=1%2C000|viewCount__lte=1%2C000/);
  const ranged = await resultCount(page);
  expect(ranged).toBeGreaterThan(0);
  expect(ranged).toBeLessThan(all);
  await expect(section(page, 'View count').getByLabel('At most')).toHaveValue('1,000');

  const dates = section(page, 'Published at');
  await dates.getByLabel('From').fill('2025-01-01');
  await dates.getByLabel('To').fill('2025-03-31');
  await dates.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/publishedAt__gte=2025-01-01/);
  await expect(page).toHaveURL(/viewCount__gte=100/);
  const both = await resultCount(page);
  expect(both).toBeLessThan(ranged);
  for (const text of await page.locator('table tbody tr td:nth-child(6)').allInnerTexts()) {
    expect(text >= '2025-01-01' && text <= '2025-03-31 23:59', text).toBe(true);
  }

  await page.locator('#searchbar').fill('a');
  await page.locator('#searchbar').press('Enter');
  await expect(page).toHaveURL(/q=a/);
  await expect(page).toHaveURL(/publishedAt__lte=2025-03-31/);
  await expect(page).toHaveURL(/viewCount__gte=100/);
  await section(page, 'View count').getByRole('link', { name: 'Clear', exact: true }).click();
  await expect(page).not.toHaveURL(/viewCount__gte/);
  await expect(page).toHaveURL(/publishedAt__gte=2025-01-01/);
});

test('posts by authors from one country, and posts with a tag, each post once', async ({ page }) => {
  await page.goto('/admin/post/');
  const all = await resultCount(page);
  await section(page, 'Author country').getByRole('link', { name: 'France', exact: true }).click();
  await expect(page).toHaveURL(/author__country__exact=France/);
  const france = await resultCount(page);
  expect(france).toBeGreaterThan(0);
  expect(france).toBeLessThan(all);

  await section(page, 'Tags').getByRole('link', { name: 'typescript', exact: true }).click();
  await expect(page).toHaveURL(/tags__exact=\d+/);
  await expect(page).toHaveURL(/author__country__exact=France/);
  const tagged = await resultCount(page);
  expect(tagged).toBeGreaterThan(0);
  expect(tagged).toBeLessThan(france);
  const ids = await page.locator('table tbody tr input[name="_selected"]').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
  expect(new Set(ids).size).toBe(ids.length);
  await expect(section(page, 'Tags').getByRole('link', { name: 'typescript', exact: true })).toHaveAttribute('aria-current', 'true');
});

test('"Show counts" puts the number of posts beside each choice', async ({ page }) => {
  await page.goto('/admin/post/');
  const all = await resultCount(page);
  await expect(page.locator('.facet-count')).toHaveCount(0);
  await page.getByRole('link', { name: 'Show counts' }).click();
  await expect(page).toHaveURL(/_facets=1/);
  const status = section(page, 'Status');
  const counts = (await status.locator('.facet-count').allInnerTexts()).map((t) => Number(t.replaceAll(',', '')));
  expect(counts).toHaveLength(3);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(all);
  await status.getByRole('link', { name: 'draft', exact: true }).click();
  await expect(page).toHaveURL(/_facets=1/);
  await expect(page.locator('.result-count')).toHaveText(`${counts[0].toLocaleString('en-US')} posts`);
  await page.getByRole('link', { name: 'Hide counts' }).click();
  await expect(page.locator('.facet-count')).toHaveCount(0);
});

test.describe('an author filter over more than 100 authors', () => {
  withManyAuthors();

  test('type part of a name, pick the author, see the chip and the filtered list, remove the chip', async ({ page }) => {
    const author = await authorWithPosts();
    await page.goto('/admin/post/');
    const all = await resultCount(page);
    const filter = section(page, 'Author');
    await expect(filter.getByRole('link')).toHaveText(['All']);
    const box = filter.getByRole('combobox', { name: 'Search' });
    await box.pressSequentially(author.part.toLowerCase(), { delay: 30 });
    const option = filter.getByRole('option', { name: author.name, exact: true });
    await expect(option.first()).toBeVisible();
    await option.first().click();

    await expect(page).toHaveURL(new RegExp(`author__exact=${author.id}(&|$)`));
    await expect(page).not.toHaveURL(/author__search/);
    const chip = section(page, 'Author').locator('.chip');
    await expect(chip).toContainText(author.name);
    await expect(page.locator('.result-count')).toHaveText(`${author.posts.toLocaleString('en-US')} ${author.posts === 1 ? 'post' : 'posts'}`);
    expect(new Set(await page.locator('table tbody tr td:nth-child(3)').allInnerTexts())).toEqual(new Set([author.name]));

    await chip.getByRole('link', { name: /Remove/ }).click();
    await expect(page).not.toHaveURL(/author__exact/);
    expect(await resultCount(page)).toBe(all);
    await expect(section(page, 'Author').locator('.chip')).toHaveCount(0);
  });
});
