// Browser tests (test/e2e/): Chromium drives the demo blog admin, served on its own port from a fresh SQLite file.
//   npx playwright test                 all of them
//   CHROMIUM_PATH=/path/to/chrome ...   another browser executable
//   E2E_PORT=3200 ...                   another port (default: 3100, or a free one when 3100 is taken)
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/e2e/support/chromium.ts';
import { BASE_URL, DATABASE_URL, E2E_ADMIN, PORT, STORAGE_STATE } from './test/e2e/support/e2e-env.ts';

// Fails here, before anything starts, with what to install when there is no Chromium.
const executablePath = findChromium();

export default defineConfig({
  testDir: 'test/e2e',
  // Per port, so two runs at once (two checkouts' worth of engineers in one tree) do not wipe each other's artifacts.
  outputDir: `test-results/e2e-${PORT}`,
  // The tests change the shared demo database (edits, deletes): one worker makes every run the same.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: BASE_URL,
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { browserName: 'chromium' } },
    { name: 'chromium', dependencies: ['setup'], use: { browserName: 'chromium', storageState: STORAGE_STATE } },
  ],
  webServer: {
    // Deletes the database file, creates and seeds it again (scripts/demo-db.ts), and serves the admin.
    command: 'node --import tsx test/e2e/support/serve-demo.ts',
    url: `${BASE_URL}/admin/static/admin.css`,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL,
      // The demo's uploaded files (Post.cover), emptied at every start like the database.
      DEMO_UPLOADS: `tmp/e2e-${PORT}-uploads`,
      // Imports and bulk runs over 500 rows go to a progress page (import.spec.ts); the other tests stay below it.
      DEMO_RUN_AS_JOB_ABOVE: '500',
      ADMIN_USERNAME: E2E_ADMIN.username,
      ADMIN_PASSWORD: E2E_ADMIN.password,
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
