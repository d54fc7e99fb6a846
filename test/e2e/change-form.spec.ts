// Editing and adding posts: a save that works, and saves the admin refuses with the reason beside the field.
import { expect, listRows, messages, test } from './support/fixtures.ts';

test('editing a post from the list: change the title, save, see the message and the new title', async ({ page }) => {
  await page.goto('/admin/post/');
  const row = listRows(page).first();
  const link = row.getByRole('link').first();
  const oldTitle = (await link.innerText()).trim();
  await link.click();

  await expect(page).toHaveURL(/\/admin\/post\/\d+\/change$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change post');
  await expect(page.locator('#id_title')).toHaveValue(oldTitle);

  const newTitle = 'Edited in the browser: a gentle release';
  await page.locator('#id_title').fill(newTitle);
  await page.getByRole('button', { name: 'Save', exact: true }).last().click();

  await expect(page).toHaveURL(/\/admin\/post\/$/);
  await expect(messages(page)).toHaveText([`The post “${newTitle}” was changed successfully.`]);
  await expect(page.getByRole('link', { name: newTitle, exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: oldTitle, exact: true })).toHaveCount(0);

  // The message is shown once.
  await page.reload();
  await expect(messages(page)).toHaveCount(0);
});

test('a cleared title is refused: the error is beside the title, typed values stay, focus is on the title', async ({ page }) => {
  await page.goto('/admin/post/');
  await listRows(page).nth(2).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/admin\/post\/\d+\/change$/);
  const changeUrl = page.url();
  const oldTitle = await page.locator('#id_title').inputValue();
  const oldSlug = await page.locator('#id_slug').inputValue();

  await page.locator('#id_slug').fill('a-slug-typed-before-the-error');
  await page.locator('#id_body').fill('A body typed before the error.\n\nSecond paragraph.');
  await page.locator('#id_viewCount').fill('1234');
  await page.locator('#id_status').getByRole('radio', { name: 'archived' }).check();
  await page.locator('#id_title').fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).last().click();

  // The post form is multipart (its cover), so its action carries the CSRF token: the path is what stays.
  await expect(page).toHaveURL((url) => url.pathname === new URL(changeUrl).pathname);
  await expect(page.locator('.errornote')).toBeVisible();
  await expect(page.locator('.errornote')).toContainText('Please correct the error below.');
  const titleRow = page.locator('.form-row').filter({ has: page.locator('#id_title') });
  await expect(titleRow.locator('.field-error')).toHaveText('This field is required.');
  await expect(page.locator('#id_title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#id_title')).toHaveAccessibleDescription(/This field is required\./);
  await expect(page.locator('.field-error')).toHaveCount(1);
  await expect(page.locator('#id_title')).toBeFocused();

  await expect(page.locator('#id_title')).toHaveValue('');
  await expect(page.locator('#id_slug')).toHaveValue('a-slug-typed-before-the-error');
  await expect(page.locator('#id_body')).toHaveValue('A body typed before the error.\n\nSecond paragraph.');
  await expect(page.locator('#id_viewCount')).toHaveValue('1234');
  await expect(page.locator('#id_status').getByRole('radio', { name: 'archived' })).toBeChecked();

  // Nothing was saved.
  await page.goto(changeUrl);
  await expect(page.locator('#id_title')).toHaveValue(oldTitle);
  await expect(page.locator('#id_slug')).toHaveValue(oldSlug);
});

test('adding a post with a slug another post has: the error is on the slug, nothing typed is lost', async ({ page }) => {
  await page.goto('/admin/post/2/change');
  const takenSlug = await page.locator('#id_slug').inputValue();
  expect(takenSlug).not.toBe('');

  await page.goto('/admin/post/');
  await page.getByRole('link', { name: 'Add post' }).click();
  await expect(page).toHaveURL(/\/admin\/post\/add$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add post');

  const title = 'A post whose slug is taken';
  const body = 'Written in the browser test.\n\nIt should survive the refused save.';
  await page.locator('#id_title').fill(title);
  await page.locator('#id_slug').fill(takenSlug);
  await page.locator('#id_body').fill(body);
  await page.locator('#id_status').getByRole('radio', { name: 'published' }).check();
  await page.locator('#id_publishedAt').fill('2025-05-04T03:02:01');
  await page.locator('#id_viewCount').fill('42');
  await page.locator('#id_rating').fill('4.5');
  await page.locator('#id_author').selectOption({ label: 'Ada Ritchie' });
  await page.locator('#id_category').selectOption({ label: 'Drafts & Ideas' });
  await page.locator('#id_tags').selectOption([{ label: 'rust' }, { label: 'c++ & <templates>' }]);
  await page.getByRole('button', { name: 'Save', exact: true }).last().click();

  await expect(page).toHaveURL(/\/admin\/post\/add(\?_csrf=[^&]+)?$/);
  await expect(page.locator('.errornote')).toBeVisible();
  const slugRow = page.locator('.form-row').filter({ has: page.locator('#id_slug') });
  await expect(slugRow.locator('.field-error')).toHaveText(/already exists/);
  await expect(page.locator('#id_slug')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field-error')).toHaveCount(1);
  await expect(page.locator('#id_slug')).toBeFocused();

  await expect(page.locator('#id_title')).toHaveValue(title);
  await expect(page.locator('#id_slug')).toHaveValue(takenSlug);
  await expect(page.locator('#id_body')).toHaveValue(body);
  await expect(page.locator('#id_status').getByRole('radio', { name: 'published' })).toBeChecked();
  await expect(page.locator('#id_publishedAt')).toHaveValue('2025-05-04T03:02:01');
  await expect(page.locator('#id_viewCount')).toHaveValue('42');
  await expect(page.locator('#id_rating')).toHaveValue('4.5');
  await expect(page.locator('#id_author').locator('option:checked')).toHaveText('Ada Ritchie');
  await expect(page.locator('#id_category').locator('option:checked')).toHaveText('Drafts & Ideas');
  await expect(page.locator('#id_tags').locator('option:checked')).toHaveText(['c++ & <templates>', 'rust']);

  // And no post was added.
  await page.goto(`/admin/post/?q=${encodeURIComponent(title)}`);
  await expect(page.locator('.result-count')).toHaveText('0 posts');
});
