// The README's screenshots (docs/screenshots/*.png): the list and change pages of the demo blog, in the light and the
// dark theme, and the list on a phone. Starts the demo on a free port with a throwaway SQLite database (as the browser
// tests do), logs in with a password made up for this run, and drives Chromium.
//   node --import tsx scripts/screenshots.ts
//   CHROMIUM_PATH=/path/to/chrome node --import tsx scripts/screenshots.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/support/chromium.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'docs', 'screenshots');
const USERNAME = 'admin';
const PASSWORD = randomBytes(12).toString('base64url');
const DESKTOP = { width: 1280, height: 800 };
const DESKTOP_TALL = { width: 1280, height: 1000 };
const PHONE = { width: 375, height: 740 };
/** A post with an ordinary title and a few comments (the seed is the same at every run). */
const CHANGE_POST_TITLE = 'Inside our modern release';

interface Shot {
  file: string;
  url: string | ((page: Page) => Promise<string>);
  scheme: 'light' | 'dark';
  viewport: { width: number; height: number };
}

const changeUrl = async (page: Page) => {
  await page.goto(`/admin/post/?q=${encodeURIComponent(CHANGE_POST_TITLE)}`);
  const href = await page.getByRole('link', { name: CHANGE_POST_TITLE, exact: true }).first().getAttribute('href');
  if (!href) throw new Error(`The demo has no post titled "${CHANGE_POST_TITLE}"`);
  return href;
};

const SHOTS: Shot[] = [
  { file: 'list-light.png', url: '/admin/post/', scheme: 'light', viewport: DESKTOP },
  { file: 'list-dark.png', url: '/admin/post/', scheme: 'dark', viewport: DESKTOP },
  { file: 'change-light.png', url: changeUrl, scheme: 'light', viewport: DESKTOP_TALL },
  { file: 'change-dark.png', url: changeUrl, scheme: 'dark', viewport: DESKTOP_TALL },
  { file: 'list-phone-light.png', url: '/admin/post/', scheme: 'light', viewport: PHONE },
];

const port = await freePort();
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = `file:./tmp/screenshots-${port}.db`;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
try {
  server = startDemo(port, databaseUrl);
  await waitFor(`${baseURL}/admin/static/admin.css`, server);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ baseURL, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await logIn(page);
  mkdirSync(OUT, { recursive: true });
  for (const shot of SHOTS) {
    await page.setViewportSize(shot.viewport);
    await page.emulateMedia({ colorScheme: shot.scheme, reducedMotion: 'reduce' });
    const url = typeof shot.url === 'string' ? shot.url : await shot.url(page);
    await page.goto(url);
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(OUT, shot.file);
    await page.screenshot({ path: file });
    console.log(`${path.relative(ROOT, file)}  ${url} (${shot.scheme}, ${shot.viewport.width}×${shot.viewport.height})`);
  }
} finally {
  await browser?.close();
  if (server?.pid && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  const file = path.join(ROOT, databaseUrl.slice('file:'.length));
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** The demo admin on a fresh database (test/e2e/support/serve-demo.ts deletes, creates and seeds it). */
function startDemo(port: number, url: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/support/serve-demo.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url, ADMIN_USERNAME: USERNAME, ADMIN_PASSWORD: PASSWORD },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function logIn(page: Page) {
  await page.goto('/admin/login');
  await page.locator('#id_username').fill(USERNAME);
  await page.locator('#id_password').fill(PASSWORD);
  await page.locator('#id_password').press('Enter');
  await page.waitForURL(/\/admin\/$/);
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 180_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`The demo server stopped (exit code ${child.exitCode}) before it answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The demo server did not answer ${url} within ${timeoutMs / 1000} s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
