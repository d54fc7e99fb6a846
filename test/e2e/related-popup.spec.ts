// Editing comfort in the browser: a category added from inside the post form (a dialog over the form) comes back
// selected, every typed value kept; the pencil renames the selected one; "Save as new" duplicates a post.
import { expect, messages, test } from './support/fixtures.ts';

test('add a category from inside the post form: it is selected, and what was typed stays', async ({ page }) => {
  await page.goto('/admin/post/add');
  await page.locator('#id_title').fill('Written around a popup');
  await page.locator('#id_slug').fill('written-around-a-popup');
  await page.locator('#id_body').fill('Typed before the category existed.');
  await page.locator('#id_status').getByRole('radio', { name: 'published' }).check();
  await page.locator('#id_viewCount').fill('7');
  await page.locator('#id_author').selectOption({ index: 2 });
  const author = await page.locator('#id_author').inputValue();

  await page.getByRole('link', { name: 'Add another category' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add another category' });
  await expect(dialog).toBeVisible();
  const popup = page.frameLocator('iframe.related-frame');
  await expect(popup.getByRole('heading', { level: 1 })).toHaveText('Add category');
  // No site chrome in the popup, and no "Save and add another".
  await expect(popup.locator('.site-header')).toHaveCount(0);
  await expect(popup.getByRole('button', { name: 'Save and add another' })).toHaveCount(0);
  // An error stays in the dialog.
  await popup.getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(popup.locator('.errornote')).toBeVisible();
  await popup.locator('#id_name').fill('Made in a <popup> & kept');
  await popup.locator('#id_slug').fill('made-in-a-popup');
  await popup.getByRole('button', { name: 'Save', exact: true }).last().click();

  await expect(dialog).toBeHidden();
  await expect(page.locator('#id_category option:checked')).toHaveText('Made in a <popup> & kept');
  await expect(page.locator('#id_title')).toHaveValue('Written around a popup');
  await expect(page.locator('#id_slug')).toHaveValue('written-around-a-popup');
  await expect(page.locator('#id_body')).toHaveValue('Typed before the category existed.');
  await expect(page.locator('#id_status').getByRole('radio', { name: 'published' })).toBeChecked();
  await expect(page.locator('#id_viewCount')).toHaveValue('7');
  await expect(page.locator('#id_author')).toHaveValue(author);
  // The pencil now points at the new category.
  const pencil = page.getByRole('link', { name: 'Change the selected category' });
  await expect(pencil).toBeVisible();
  await expect(pencil).toHaveAttribute('href', new RegExp(`/admin/category/${await page.locator('#id_category').inputValue()}/change\\?_popup=1$`));

  // Rename it through the pencil: the option's label follows.
  await pencil.click();
  await page.frameLocator('iframe.related-frame').locator('#id_name').fill('Renamed in a popup');
  await page.frameLocator('iframe.related-frame').getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.locator('#id_category option:checked')).toHaveText('Renamed in a popup');

  await page.getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(page).toHaveURL(/\/admin\/post\/$/);
  await expect(messages(page)).toHaveText(['The post “Written around a popup” was added successfully.']);
  await page.goto('/admin/post/?q=Written+around+a+popup');
  await expect(page.locator('table.results tbody tr').first()).toContainText('Renamed in a popup');
});

test('"Save as new" duplicates a post; the original stays as it was', async ({ page }) => {
  await page.goto('/admin/post/5/change');
  const title = await page.locator('#id_title').inputValue();
  const slug = await page.locator('#id_slug').inputValue();
  await page.locator('#id_title').fill(`${title} (copy)`);
  // The slug is unique: the copy is refused until it has one of its own, with the error beside the slug.
  await page.getByRole('button', { name: 'Save as new' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add post');
  await expect(page.locator('.form-row').filter({ has: page.locator('#id_slug') }).locator('.field-error')).toHaveText(/already exists/);
  await expect(page.locator('#id_title')).toHaveValue(`${title} (copy)`);
  await page.locator('#id_slug').fill(`${slug}-copy`);
  await page.getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(messages(page)).toHaveText([`The post “${title} (copy)” was added successfully.`]);

  await page.goto(`/admin/post/?q=${encodeURIComponent(`${title} (copy)`)}`);
  await expect(page.locator('table.results tbody tr')).toHaveCount(1);
  await page.locator('table.results tbody tr').getByRole('link').first().click();
  await expect(page.locator('#id_slug')).toHaveValue(`${slug}-copy`);
  expect(page.url()).not.toMatch(/\/post\/5\/change$/);
  await page.goto('/admin/post/5/change');
  await expect(page.locator('#id_title')).toHaveValue(title);
  await expect(page.locator('#id_slug')).toHaveValue(slug);
});

test('a post added from the comment form\'s search box is put in it, with its title shown', async ({ page }) => {
  await page.goto('/admin/comment/add');
  await expect(page.locator('#id_post')).toHaveClass(/autocomplete-input/);
  await page.locator('#id_authorName').fill('Typed before the popup');
  await page.getByRole('link', { name: 'Add another post' }).click();
  const popup = page.frameLocator('iframe.related-frame');
  await popup.locator('#id_title').fill('Posted from a comment');
  await popup.locator('#id_body').fill('Body.');
  await popup.locator('#id_author').selectOption({ index: 1 });
  await popup.getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.locator('#id_post')).toHaveValue(/^\d+$/);
  await expect(page.locator('.form-row[data-field="post"] .autocomplete-current')).toHaveText('Selected: Posted from a comment');
  await expect(page.locator('#id_authorName')).toHaveValue('Typed before the popup');
});
