// The admin home page: every model of the blog, with how many records each has.
import { expect, resultCount, test } from './support/fixtures.ts';

test('the home page lists every model of the blog with its record count', async ({ page }) => {
  await page.goto('/admin/');
  await expect(page).toHaveTitle(/Blog admin/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Blog admin');

  const models = page.getByRole('table', { name: 'Blog' });
  // Untouched by the other tests, so exactly the seed's numbers (scripts/seed.ts, demo preset).
  const seeded: Record<string, string | null> = { Authors: '50', Categories: '12', Posts: '3,000', Tags: '40', Comments: null };
  for (const [label, count] of Object.entries(seeded)) {
    const row = models.getByRole('row').filter({ has: page.getByRole('rowheader').getByRole('link', { name: label, exact: true }) });
    await expect(row).toHaveCount(1);
    const shown = row.getByRole('cell').first();
    await expect(shown).toHaveText(count ?? /^\d{1,3}(,\d{3})*$/);
    await expect(row.getByRole('link', { name: 'Add' })).toBeVisible();
  }

  // The count on the home page is the count of the model's list.
  const comments = models.getByRole('row').filter({ has: page.getByRole('link', { name: 'Comments', exact: true }) });
  const homeCount = Number((await comments.getByRole('cell').first().innerText()).replace(/,/g, ''));
  await comments.getByRole('link', { name: 'Comments', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/comment\/$/);
  expect(await resultCount(page)).toBe(homeCount);
});
