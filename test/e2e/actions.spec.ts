// A custom bulk action of the demo: publish two drafts from the list, confirm, and see them published.
import { expect, listRows, messages, test } from './support/fixtures.ts';

test('publishing two drafts with the "Publish selected drafts" action', async ({ page }) => {
  await page.goto('/admin/post/?status__exact=draft');
  const rows = listRows(page);
  const ids: string[] = [];
  for (const i of [0, 1]) {
    const row = rows.nth(i);
    const box = row.locator('input[name="_selected"]');
    ids.push((await box.getAttribute('value'))!);
    await box.check();
  }

  await page.locator('#action').selectOption('publish');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(page.locator('main')).toContainText('Publish the selected drafts now?');
  await expect(page.locator('.delete-list li')).toHaveCount(2);
  await page.getByRole('button', { name: 'Yes, I’m sure' }).click();

  await expect(messages(page)).toHaveText(['2 posts were published.']);
  // No longer drafts; now published, with a publication date.
  await page.goto('/admin/post/?status__exact=draft');
  for (const id of ids) await expect(page.locator(`input[name="_selected"][value="${id}"]`)).toHaveCount(0);
  for (const id of ids) {
    await page.goto(`/admin/post/${id}/`);
    const status = page.locator('.detail-row').filter({ hasText: 'Status' }).locator('dd');
    await expect(status).toHaveText('published');
    const publishedAt = page.locator('.detail-row').filter({ hasText: 'Published at' }).locator('dd');
    await expect(publishedAt).toHaveText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  }
  // The audit log has the action, per post.
  await page.goto(`/admin/post/${ids[0]}/history`);
  await expect(page.locator('main')).toContainText('Action “Publish selected drafts”');
});
