// Runs before the browser tests (the `setup` project): logs in once when the admin asks for it, and keeps the
// browser's cookies for every test (playwright.config.ts `storageState`). An admin without login just saves nothing.
import { E2E_ADMIN, STORAGE_STATE } from './support/e2e-env.ts';
import { expect, test } from './support/fixtures.ts';

test('log in', async ({ page }) => {
  await page.goto('/admin/');
  if (new URL(page.url()).pathname.endsWith('/login')) {
    await page.locator('input[name="username"]').fill(E2E_ADMIN.username);
    await page.locator('input[name="password"]').fill(E2E_ADMIN.password);
    await page.locator('input[name="password"]').press('Enter');
    await expect(page).toHaveURL(/\/admin\/$/);
  }
  await expect(page.getByRole('table', { name: 'Blog' })).toBeVisible();
  await page.context().storageState({ path: STORAGE_STATE });
});
