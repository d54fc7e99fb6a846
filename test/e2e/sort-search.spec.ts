// Sorting by two columns from the headers, searching a quoted phrase, and coming back from a save to the list as it
// was (Django's preserve_filters).
import { expect, listRows, messages, queryOf, resultCount, test } from './support/fixtures.ts';

test('a quoted phrase finds the words side by side only', async ({ page }) => {
  await page.goto('/admin/post/');
  const search = page.getByRole('searchbox', { name: 'Search posts' });
  await search.fill('vu déjà');
  await search.press('Enter');
  const words = await resultCount(page);
  expect(words).toBeGreaterThan(0);

  await search.fill('"vu déjà"');
  await search.press('Enter');
  await expect(page.locator('.result-count')).toHaveText('0 posts');
  await expect(search).toHaveValue('"vu déjà"');

  await search.fill('"déjà vu"');
  await search.press('Enter');
  const phrase = await resultCount(page);
  expect(phrase).toBeGreaterThan(0);
  expect(phrase).toBeLessThanOrEqual(words);
  await expect(listRows(page).first()).toContainText('déjà vu');
});

test('two header clicks sort by both columns, with priorities, a toggle and a remove link', async ({ page }) => {
  await page.goto('/admin/post/');
  await page.getByRole('columnheader', { name: 'Title' }).getByRole('link', { name: 'Title' }).click();
  await expect(page).toHaveURL(/sort=title(&|$)/);
  await page.getByRole('columnheader', { name: 'Status' }).getByRole('link', { name: 'Status' }).click();
  await expect(page).toHaveURL(/sort=status%2Ctitle(&|$)/);

  const status = page.getByRole('columnheader', { name: 'Status' });
  const title = page.getByRole('columnheader', { name: 'Title' });
  await expect(status).toHaveAttribute('aria-sort', 'ascending');
  await expect(title).toHaveAttribute('aria-sort', 'ascending');
  await expect(status.locator('.sort-priority')).toHaveText('1');
  await expect(title.locator('.sort-priority')).toHaveText('2');
  // Rows come grouped by status, and by title within one status.
  const statuses = (await listRows(page).locator('td:nth-child(5)').allInnerTexts()).map((s) => s.trim());
  expect(statuses).toEqual([...statuses].sort());
  const titles = await listRows(page).locator('td:nth-child(2)').allInnerTexts();
  const firstGroup = titles.filter((_, i) => statuses[i] === statuses[0]);
  expect(firstGroup).toEqual([...firstGroup].sort());

  await title.getByRole('link', { name: 'Toggle sorting by Title' }).click();
  await expect(page).toHaveURL(/sort=status%2C-title(&|$)/);
  await expect(page.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('columnheader', { name: 'Status' }).getByRole('link', { name: 'Remove Status from sorting' }).click();
  expect(queryOf(page).get('sort')).toBe('-title');
  await expect(page.getByRole('columnheader', { name: 'Status' })).toHaveAttribute('aria-sort', 'none');
});

test('after a save the list is back with its search, filter, sort and page', async ({ page }) => {
  await page.goto('/admin/post/?q=the&status__exact=published&sort=-title&page=2');
  const before = Object.fromEntries(queryOf(page));
  const total = await resultCount(page);
  const row = listRows(page).first();
  const name = (await row.locator('td:nth-child(2)').innerText()).trim();
  await row.getByRole('link', { name }).first().click();
  await expect(page).toHaveURL(/\/change\?_changelist_filters=/);

  await page.getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(page).toHaveURL(/\/admin\/post\/\?/);
  expect(Object.fromEntries(queryOf(page))).toEqual(before);
  await expect(messages(page).first()).toContainText('was changed successfully');
  await expect(page.locator('#searchbar')).toHaveValue('the');
  await expect(page.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('navigation', { name: 'Pages' }).locator('[aria-current="page"]')).toHaveText('2');
  expect(await resultCount(page)).toBe(total);
});
