// Logging in and out. These tests start with no cookies (the others start logged in: auth.setup.ts).
import { E2E_ADMIN } from './support/e2e-env.ts';
import { expect, messages, test } from './support/fixtures.ts';

test.use({ storageState: { cookies: [], origins: [] } });

test('a page asked for before logging in opens after logging in; a wrong password is refused first', async ({ page }) => {
  await page.goto('/admin/post/');
  await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Fpost%2F$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  await expect(page.getByLabel('Username')).toBeFocused();

  await page.getByLabel('Username').fill(E2E_ADMIN.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please enter a correct username and password. Note that both fields may be case-sensitive.');
  await expect(page.getByLabel('Username')).toHaveValue(E2E_ADMIN.username);
  await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/admin\/post\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Select post to change');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
  await expect(messages(page)).toHaveText(['You have been logged out.']);
  await page.goto('/admin/');
  await expect(page).toHaveURL(/\/admin\/login\?next=/);
});
