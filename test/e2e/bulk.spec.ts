// Bulk work in the browser: "Select all N" of a filtered list and "Edit selected" of their status; an action whose
// form rejects a value (error beside the field, the value kept); a record action's button on a post's page.
import { expect, listRows, messages, resultCount, test } from './support/fixtures.ts';

test('select all drafts of a category with the counter, and archive them with "Edit selected"', async ({ page }) => {
  await page.goto('/admin/post/?status__exact=draft');
  const category = await page.locator('#filters a[href*="category__exact="]').last().getAttribute('href');
  await page.goto(`/admin/post/${category!.replace(/&amp;/g, '&')}`);
  const total = await resultCount(page);
  const shown = await listRows(page).count();
  expect(total).toBeGreaterThan(shown);

  const counter = page.locator('.action-counter').first();
  await expect(counter).toHaveText(`0 of ${shown} selected`);
  const across = page.getByText(`Select all ${total} posts`);
  await expect(across).toBeHidden();
  await page.locator('#select-all').check();
  await expect(counter).toHaveText(`${shown} of ${shown} selected`);
  await across.click();
  await expect(counter).toHaveText(`All ${total} selected`);

  await page.locator('#action').selectOption('bulk_edit');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(page.locator('main')).toContainText(`Selected: ${total} posts (every row of the list`);
  await page.getByLabel('Change Status').check();
  await page.locator('#id_in_status').selectOption('archived');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.locator('.bulk-preview')).toHaveText(`This changes ${total} posts; the others already have these values.`);
  await page.getByRole('button', { name: `Apply to ${total} posts` }).click();
  await expect(messages(page)).toHaveText([`Changed ${total} posts of ${total} posts.`]);
  await page.goto(`/admin/post/${category!.replace(/&amp;/g, '&')}`);
  await expect(page.locator('.empty-result')).toBeVisible();
});

test('an action form: a rating out of range is an error beside the field and keeps what was typed', async ({ page }) => {
  await page.goto('/admin/post/');
  await listRows(page).nth(0).locator('input[name="_selected"]').check();
  await page.locator('#action').selectOption('rate');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  const rating = page.getByLabel('Rating (0 to 5)');
  await rating.fill('9');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('.errornote')).toBeVisible();
  await expect(page.locator('[data-field="in_rating"]')).toContainText('At most 5.');
  await expect(rating).toHaveValue('9');
  await rating.fill('3');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(messages(page)).toHaveText(['Rate selected posts: done for 1 post.']);
});

test('the Publish button of a draft publishes it after a confirmation', async ({ page }) => {
  await page.goto('/admin/post/?status__exact=draft');
  const id = await listRows(page).nth(0).locator('input[name="_selected"]').getAttribute('value');
  await page.goto(`/admin/post/${id}/`);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('main')).toContainText('Publish this post now?');
  await page.getByRole('button', { name: 'Yes, I’m sure' }).click();
  await expect(messages(page)).toHaveText(['The post was published.']);
  await page.goto(`/admin/post/${id}/`);
  await expect(page.locator('.detail-row').filter({ hasText: 'Status' }).locator('dd')).toHaveText('published');
});
