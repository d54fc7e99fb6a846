// File fields as an editor meets them: a cover image uploaded in the post form, previewed there and shown as a
// thumbnail in the list; an HTML page disguised as a PNG refused beside the field, its name shown as text.
import sharp from 'sharp';
import { expect, test } from './support/fixtures.ts';

// Post 11: used by no other browser test.
const POST = '/admin/post/11';

test('a cover image uploaded in the form is previewed there and shown as a thumbnail in the list', async ({ page }) => {
  const png = await sharp({ create: { width: 600, height: 300, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
  await page.goto(`${POST}/change`);
  const title = await page.locator('#id_title').inputValue();
  const cover = page.getByLabel('Cover');
  await expect(cover).toHaveAttribute('accept', 'image/*');
  await cover.setInputFiles({ name: 'blue sky.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Save and continue editing' }).last().click();
  await expect(page.locator('.messages')).toContainText('was changed successfully');
  const preview = page.getByRole('img', { name: 'Current Cover' });
  await expect(preview).toBeVisible();
  // Visible is not loaded: the width is the decoded image's, so wait for it (a CI run read 0 before it loaded).
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);

  // The title as a quoted phrase: its words alone match many seeded posts, and a lazy thumbnail below the fold loads
  // only when scrolled to. Row links carry the list's query (_changelist_filters) after the path.
  await page.goto(`/admin/post/?q=${encodeURIComponent(`"${title}"`)}`);
  const thumbnail = page.locator(`tr:has(a[href^="${POST}/change"]) img.file-thumb`);
  await expect(thumbnail).toHaveCount(1);
  await thumbnail.scrollIntoViewIfNeeded();
  await expect(thumbnail).toBeVisible();
  await expect(thumbnail).toHaveAttribute('src', `${POST}/thumbnail/cover`);
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
});

test('an HTML page named .png is refused beside the field, and the cover stays as it was', async ({ page }) => {
  await page.goto(`${POST}/change`);
  const before = await page.locator('.file-preview img').count();
  await page.getByLabel('Cover').setInputFiles({
    name: '<img src=x onerror=alert(1)>.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<!doctype html><title>x</title><script>alert("disguised")</script>'),
  });
  await page.getByRole('button', { name: 'Save and continue editing' }).last().click();
  const error = page.locator('#id_cover-error');
  await expect(error).toContainText('cannot be used here: its content is of no recognised type');
  await expect(error).toContainText('<img src=x onerror=alert(1)>.png');
  await expect(error.locator('img')).toHaveCount(0);
  await page.goto(`${POST}/change`);
  await expect(page.locator('.file-preview img')).toHaveCount(before);
});
