// The search-as-you-type relation box in a real browser: admin.js asks the autocomplete route with the asking field
// named (source and field, so the field's narrowing applies) and the typed text, and lists what comes back.
import { expect, test } from './support/fixtures.ts';

test('typing in an autocomplete box lists matching records, asked for by the field', async ({ page }) => {
  await page.goto('/admin/comment/5/change');
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/autocomplete')) asked.push(request.url());
  });
  const input = page.locator('#id_post');
  await input.fill('');
  await input.pressSequentially('a');
  const options = page.getByRole('option');
  // Waited for, not read at once: emptying the box asks for q= first, and its options may show before the "a" request
  // leaves (it did on a loaded CI machine).
  await expect.poll(() => asked.at(-1)).toMatch(/\/admin\/post\/autocomplete\?source=comment&field=post&q=a$/);
  await expect(options.first()).toBeVisible();
  await options.first().click();
  await expect(input).not.toHaveValue('');
});
