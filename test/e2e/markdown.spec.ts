// Markdown fields and rich list cells, as an editor meets them: a live preview beside the post's body that shows a
// script tag neutralised (and the same on the detail page after saving), status badges and icons in lists.
import { expect, test } from './support/fixtures.ts';

// Post 7: used by no other browser test.
const POST = '/admin/post/7';
const BODY = '## Release notes\n\nNow **faster**. <script>alert("preview")</script><img src=y onerror=alert("img")> [bad](javascript:alert(1)) [docs](https://example.com/docs)';

test('the body is edited beside a live preview that neutralises a script tag, and the detail page shows it rendered', async ({ page, dialogs }) => {
  await page.goto(`${POST}/change`);
  const body = page.locator('#id_body');
  await expect(body).toHaveAttribute('data-widget', 'markdown');
  const preview = page.getByRole('region', { name: 'Preview of Body' });
  await expect(preview).toBeVisible();

  const answered = page.waitForResponse((r) => r.url().endsWith('/admin/post/markdown-preview') && r.request().method() === 'POST');
  await body.fill(BODY);
  expect((await answered).status()).toBe(200);
  await expect(preview.getByRole('heading', { level: 2, name: 'Release notes' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('faster');
  await expect(preview.locator('script, [onerror], img')).toHaveCount(0);
  // The script went with its content; the malformed img tag is shown as text (CommonMark), never as an element.
  await expect(preview).not.toContainText('alert("preview")');
  await expect(preview).toContainText('<img src=y onerror=alert("img")>');
  await expect(preview.getByRole('link', { name: 'docs' })).toHaveAttribute('rel', 'noopener nofollow');
  await expect(preview.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(preview.locator('a', { hasText: 'bad' })).toHaveCount(0);

  // Typing on updates the preview (debounced: one request after a pause).
  await body.press('End');
  await body.pressSequentially('\n\n- one item');
  await expect(preview.getByRole('listitem')).toHaveText('one item');

  await page.getByRole('button', { name: 'Save and continue editing' }).last().click();
  await expect(page.locator('.messages')).toContainText('was changed successfully');
  await expect(body).toHaveValue(/<script>alert\("preview"\)<\/script>/);

  await page.goto(`${POST}/`);
  const shown = page.locator('.markdown-body');
  await expect(shown.getByRole('heading', { level: 2, name: 'Release notes' })).toBeVisible();
  await expect(shown.getByRole('listitem')).toHaveText('one item');
  await expect(page.locator('script:not([src$="/admin.js"]), [onerror]')).toHaveCount(0);
  await expect(shown).not.toContainText('alert("preview")');
  await expect(shown.locator('script, img, [onerror]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('the post list shows status badges and the reading-time column; booleans are icons with a text', async ({ page }) => {
  await page.goto('/admin/post/?status__exact=published');
  const badge = page.locator('td .badge-green').first();
  await expect(badge).toHaveText('published');
  await expect(page.locator('td .badge-blue').first()).toHaveText(/^\d+ min$/);
  await page.goto('/admin/post/?status__exact=draft');
  await expect(page.locator('td .badge-grey').first()).toHaveText('draft');

  await page.goto('/admin/adminuser/');
  const yes = page.locator('td .bool-yes').first();
  await expect(yes).toHaveText('✔');
  await expect(yes).toHaveAttribute('aria-hidden', 'true');
  await expect(page.locator('td:has(.bool-yes) .visually-hidden').first()).toHaveText('Yes');
});
