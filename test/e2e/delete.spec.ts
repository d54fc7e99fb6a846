// Deleting comments: one from its own delete page, two at once from the list.
import { expect, listRows, messages, resultCount, test } from './support/fixtures.ts';

test('deleting a comment from its page: confirmation, then the message', async ({ page }) => {
  await page.goto('/admin/comment/');
  const before = await resultCount(page);
  const link = listRows(page).first().getByRole('link').first();
  const label = (await link.innerText()).trim();
  const changeUrl = await link.getAttribute('href');
  await link.click();

  await expect(page).toHaveURL(/\/admin\/comment\/\d+\/change$/);
  await page.getByRole('link', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/comment\/\d+\/delete$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('main')).toContainText(`Are you sure you want to delete the comment “${label}”?`);
  await expect(page.locator('.delete-list li')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'No, take me back' })).toBeVisible();

  await page.getByRole('button', { name: 'Yes, I’m sure' }).click();
  await expect(page).toHaveURL(/\/admin\/comment\/$/);
  await expect(messages(page)).toHaveText([`The comment “${label}” was deleted successfully.`]);
  expect(await resultCount(page)).toBe(before - 1);
  await expect(page.locator(`a[href="${changeUrl}"]`)).toHaveCount(0);

  const gone = await page.goto(changeUrl!);
  expect(gone?.status()).toBe(404);
});

test('deleting two comments at once: tick them, choose the action, confirm', async ({ page }) => {
  await page.goto('/admin/comment/');
  const before = await resultCount(page);
  const rows = listRows(page);
  const picked = [rows.nth(0), rows.nth(1)];
  const ids: string[] = [];
  for (const row of picked) {
    const box = row.locator('input[name="_selected"]');
    ids.push((await box.getAttribute('value'))!);
    await box.check();
  }
  await expect(rows.nth(2).locator('input[name="_selected"]')).not.toBeChecked();

  await page.locator('#action').selectOption('delete_selected');
  await page.getByRole('button', { name: 'Go', exact: true }).click();

  await expect(page.locator('main')).toContainText('Are you sure you want to delete the selected comments?');
  await expect(page.locator('.delete-list li')).toHaveCount(2);
  for (const id of ids) await expect(page.locator(`.delete-list a[href^="/admin/comment/${id}/"]`)).toHaveCount(1);

  await page.getByRole('button', { name: 'Yes, I’m sure' }).click();
  await expect(page).toHaveURL(/\/admin\/comment\/$/);
  await expect(messages(page)).toHaveText(['Successfully deleted 2 comments.']);
  expect(await resultCount(page)).toBe(before - 2);
  for (const id of ids) await expect(page.locator(`input[name="_selected"][value="${id}"]`)).toHaveCount(0);
});

test('the action needs a ticked row: nothing is deleted and the list says why', async ({ page }) => {
  await page.goto('/admin/comment/');
  const before = await resultCount(page);
  await page.locator('#action').selectOption('delete_selected');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/comment\/$/);
  await expect(messages(page)).toHaveText(['Items must be selected in order to perform actions on them. No items have been changed.']);
  expect(await resultCount(page)).toBe(before);
});
