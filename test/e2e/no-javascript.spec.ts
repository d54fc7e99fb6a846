// The admin works without JavaScript: plain links and form posts.
import { expect, listRows, messages, test } from './support/fixtures.ts';
import { authorWithPosts, publishedPostsBy, withManyAuthors } from './support/many-authors.ts';

test.use({ javaScriptEnabled: false });

test('with JavaScript off, a post can still be edited and saved', async ({ page }) => {
  await page.goto('/admin/post/');
  // admin.js would un-hide the "select all" box: it did not run.
  await expect(page.locator('#select-all')).toBeHidden();

  const link = listRows(page).nth(1).getByRole('link').first();
  const oldTitle = (await link.innerText()).trim();
  await link.click();
  await expect(page).toHaveURL(/\/admin\/post\/\d+\/change$/);
  await expect(page.locator('#id_title')).toHaveValue(oldTitle);

  const newTitle = 'Saved without JavaScript';
  await page.locator('#id_title').fill(newTitle);
  await page.locator('#id_viewCount').fill('777');
  await page.getByRole('button', { name: 'Save and continue editing' }).last().click();

  await expect(page).toHaveURL(/\/admin\/post\/\d+\/change$/);
  await expect(messages(page)).toHaveText([`The post “${newTitle}” was changed successfully. You may edit it again below.`]);
  await expect(page.locator('#id_title')).toHaveValue(newTitle);
  await expect(page.locator('#id_viewCount')).toHaveValue('777');

  await page.getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(page).toHaveURL(/\/admin\/post\/$/);
  await expect(messages(page)).toHaveText([`The post “${newTitle}” was changed successfully.`]);
  await expect(page.getByRole('link', { name: newTitle, exact: true })).toBeVisible();
});

test('with JavaScript off, a refused save still shows the error and keeps the typed values', async ({ page }) => {
  await page.goto('/admin/post/');
  await listRows(page).nth(3).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/admin\/post\/\d+\/change$/);
  await page.locator('#id_title').fill('');
  await page.locator('#id_body').fill('Typed with JavaScript off.');
  await page.getByRole('button', { name: 'Save', exact: true }).last().click();

  await expect(page.locator('.errornote')).toBeVisible();
  await expect(page.locator('.form-row').filter({ has: page.locator('#id_title') }).locator('.field-error')).toHaveText('This field is required.');
  await expect(page.locator('#id_body')).toHaveValue('Typed with JavaScript off.');
});

test.describe('with JavaScript off, the author filter over more than 100 authors', () => {
  withManyAuthors();

  test('is a text field: the list shows the posts of every author the text matches, until the chip is removed', async ({ page }) => {
    const author = await authorWithPosts();
    await page.goto('/admin/post/?status__exact=published');
    const published = Number((await page.locator('.result-count').innerText()).split(' ')[0].replaceAll(',', ''));
    const filter = page.getByRole('complementary', { name: 'Filter' }).locator('section').filter({ has: page.getByRole('heading', { name: 'Author', exact: true }) });
    await filter.getByLabel('Search').fill(author.part.toUpperCase());
    await filter.getByRole('button', { name: 'Apply' }).click();

    await expect(page).toHaveURL(new RegExp(`author__search=${author.part.toUpperCase()}`));
    await expect(page).toHaveURL(/status__exact=published/);
    const n = author.matchingAuthorIds.length;
    await expect(filter.locator('.filter-chip')).toContainText(`“${author.part.toUpperCase()}”`);
    await expect(filter.locator('.filter-chip')).toContainText(`matches ${n} ${n === 1 ? 'author' : 'authors'}`);
    const expected = await publishedPostsBy(author.matchingAuthorIds);
    await expect(page.locator('.result-count')).toHaveText(`${expected.toLocaleString('en-US')} ${expected === 1 ? 'post' : 'posts'}`);

    await filter.locator('.chip').getByRole('link', { name: /Remove/ }).click();
    await expect(page).not.toHaveURL(/author__search/);
    await expect(page).toHaveURL(/status__exact=published/);
    await expect(page.locator('.result-count')).toHaveText(`${published.toLocaleString('en-US')} posts`);

    await filter.getByLabel('Search').fill('zzqqxx');
    await filter.getByRole('button', { name: 'Apply' }).click();
    await expect(filter.locator('.field-error')).toHaveText('No author matches “zzqqxx”: the filter is not applied.');
    await expect(page.locator('.result-count')).toHaveText(`${published.toLocaleString('en-US')} posts`);
  });
});
