// Editing a post's comments inside the post's page (inlines), and the slug typed for you from the title
// (prepopulatedFields), in a real browser with admin.js.
import { expect, messages, test } from './support/fixtures.ts';

test('add a comment inline on a post', async ({ page }) => {
  await page.goto('/admin/post/2/change');
  const inline = page.locator('#comments-group');
  await expect(inline.getByRole('heading', { name: 'Comments' })).toBeVisible();
  const rows = inline.locator('tbody tr.inline-row');
  const before = await rows.count();
  const names = inline.locator('input[name$="-authorName"]');
  const existing = await names.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).filter(Boolean));

  // "Add another comment" adds a row; "Remove" takes a row added by mistake away again.
  const add = inline.getByRole('button', { name: 'Add another comment' });
  await add.click();
  await expect(rows).toHaveCount(before + 1);
  await expect(rows.last().getByLabel('Author name')).toBeFocused();
  await add.click();
  await expect(rows).toHaveCount(before + 2);
  await rows.last().getByRole('button', { name: 'Remove' }).click();
  await expect(rows).toHaveCount(before + 1);
  await expect(add).toBeFocused();
  // Removing a row in the middle moves the later rows up: TOTAL_FORMS stays the number of rows sent.
  await add.click();
  await rows.nth(before).getByRole('button', { name: 'Remove' }).click();
  await expect(rows).toHaveCount(before + 1);
  await expect(inline.locator('input[name="comments-TOTAL_FORMS"]')).toHaveValue(String(before + 1));
  await expect(rows.last().locator(`input[name="comments-${before}-authorName"]`)).toHaveCount(1);

  const row = rows.last();
  await row.getByLabel('Author name').fill('E2E Reader');
  await row.getByLabel('Body').fill('Written in a row added by the button.');
  await row.getByLabel('Approved').check();
  await page.getByRole('button', { name: 'Save and continue editing' }).last().click();

  await expect(page).toHaveURL(/\/admin\/post\/2\/change$/);
  await expect(messages(page)).toHaveText([/was changed successfully\. You may edit it again below\./]);
  const after = await names.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).filter(Boolean));
  expect(after).toEqual(expect.arrayContaining([...existing, 'E2E Reader']));
  expect(after).toHaveLength(existing.length + 1);
  const saved = inline.locator('tbody tr.inline-row').filter({ has: page.locator('input[value="E2E Reader"]') });
  await expect(saved.getByLabel('Body')).toHaveValue('Written in a row added by the button.');
  await expect(saved.getByLabel('Approved')).toBeChecked();

  // The comment is a comment of this post everywhere else too.
  await page.goto('/admin/comment/?q=E2E+Reader');
  await expect(page.locator('table.results tbody tr')).toHaveCount(1);
});

test('the slug is typed from the title on the add page, until it is edited by hand', async ({ page }) => {
  await page.goto('/admin/post/add');
  const title = page.locator('#id_title');
  const slug = page.locator('#id_slug');
  await title.pressSequentially('Crème brûlée: Ærø & Łódź in 2025!');
  await expect(slug).toHaveValue('creme-brulee-aero-lodz-in-2025');

  await slug.fill('my-own-address');
  await title.press('End');
  await title.pressSequentially(' (updated)');
  await expect(slug).toHaveValue('my-own-address');

  // Emptied, it follows the title again.
  await slug.fill('');
  await title.press('End');
  await title.pressSequentially('!');
  await expect(slug).toHaveValue('creme-brulee-aero-lodz-in-2025-updated');

  // A published post keeps its address: the change page does not fill it.
  await page.goto('/admin/post/2/change');
  const kept = await page.locator('#id_slug').inputValue();
  await page.locator('#id_title').press('End');
  await page.locator('#id_title').pressSequentially(' and more');
  await expect(page.locator('#id_slug')).toHaveValue(kept);
});
