// Importing tags from a CSV file: upload it from the list's Import button, see the preview (nothing written yet),
// change a column's mapping, confirm, and find the new tags in the list.
import { openDemoClient } from '../../scripts/db/demo-client.ts';
import { DATABASE_URL } from './support/e2e-env.ts';
import { expect, messages, test } from './support/fixtures.ts';

const BULK_PREFIX = `bulk-${Date.now().toString(36)}-`;

// The large import's 3,000 tags go again: a post form over more than 200 tags shows a search box instead of its
// select, which the tests after this file (the XSS popup test among them) rely on.
test.afterAll(async () => {
  const prisma = await openDemoClient(DATABASE_URL);
  try {
    await prisma.tag.deleteMany({ where: { name: { startsWith: BULK_PREFIX } } });
  } finally {
    await prisma.$disconnect();
  }
});

test('import tags: upload, preview, confirm', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const names = [`imported-a-${suffix}`, `imported-b-${suffix}`];
  await page.goto('/admin/tag/');
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/tag\/import$/);

  await page.getByLabel('File').setInputFiles({ name: 'tags.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFFName,Note\r\n${names.join(',x\r\n')},x\r\n`) });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page).toHaveURL(/\/admin\/tag\/import\?job=/);
  await expect(page.locator('.import-counts')).toContainText('2 new');
  // "Name" was matched to the name field by its label; "Note" to nothing.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('name');
  await expect(page.getByLabel('Note')).toHaveValue('');
  await expect(page.locator('.import-row-new')).toHaveCount(2);

  const previewUrl = page.url();
  // Nothing is written before the confirm.
  await page.goto('/admin/tag/');
  for (const name of names) await expect(page.getByRole('checkbox', { name: `Select ${name}`, exact: true })).toHaveCount(0);
  await page.goto(previewUrl);

  await page.getByRole('button', { name: 'Confirm import' }).click();
  await expect(page).toHaveURL(/\/admin\/tag\/$/);
  await expect(messages(page)).toHaveText([/Imported 2 tags from “tags\.csv”: 2 new, 0 changed, 0 unchanged\./]);
  for (const name of names) await expect(page.getByRole('checkbox', { name: `Select ${name}`, exact: true })).toHaveCount(1);

  // Back at the preview (the back button): the import is done and is not offered again.
  await page.goto(previewUrl);
  await expect(page).toHaveURL(/\/admin\/tag\/$/);
  await expect(messages(page)).toHaveText([/was already confirmed/]);
  for (const name of names) await expect(page.getByRole('checkbox', { name: `Select ${name}`, exact: true })).toHaveCount(1);
});

test('a large import goes to a progress page that refreshes itself, then back to the list with the message', async ({ page }) => {
  // 3,000 rows: above the browser tests' threshold (DEMO_RUN_AS_JOB_ABOVE=500, playwright.config.ts).
  const rows = Array.from({ length: 3000 }, (_, i) => `${BULK_PREFIX}${i}`);
  await page.goto('/admin/tag/import');
  await page.getByLabel('File').setInputFiles({ name: 'many-tags.csv', mimeType: 'text/csv', buffer: Buffer.from(`name\r\n${rows.join('\r\n')}\r\n`) });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.locator('.import-counts')).toContainText('3,000 new');
  await page.getByRole('button', { name: 'Confirm import' }).click();

  // The job's page: the bar while it runs (the page reloads itself every second, no script), then the outcome.
  await expect(page).toHaveURL(/\/admin\/tag\/jobs\/[\w-]{32}$/);
  await expect(page.locator('h1')).toContainText('Import tags');
  const outcome = page.locator('#job-outcome');
  if (!(await outcome.isVisible())) await expect(page.locator('#job-progress')).toBeVisible();
  await expect(outcome).toHaveText(/Imported 3,000 tags from “many-tags\.csv”: 3000 new, 0 changed, 0 unchanged\./, { timeout: 60_000 });
  await page.getByRole('link', { name: 'Back to the list' }).click();
  await expect(page).toHaveURL(/\/admin\/tag\/$/);
  await expect(messages(page)).toHaveText([/Imported 3,000 tags from “many-tags\.csv”/]);
  await page.goto(`/admin/tag/?q=${BULK_PREFIX}2999`);
  await expect(page.getByRole('checkbox', { name: `Select ${BULK_PREFIX}2999`, exact: true })).toHaveCount(1);
});
