// Which Chromium the browser tests drive. Playwright's own browser download is often impossible (offline CI, locked-down
// machines), so a system Chromium comes first; Playwright's download is the last resort.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** System locations tried, in order, after $CHROMIUM_PATH. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Flags for a Chromium that runs as root in a container and must not reach for the network on its own
 * (component updates, sync, QUIC probes): the tests only talk to the local demo server.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

/** The Chromium executable to launch: $CHROMIUM_PATH, a system Chromium, or Playwright's download; else throws. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new ChromiumNotFoundError(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there. ${HOW_TO_GET_ONE}`);
  }
  for (const candidate of SYSTEM_CHROMIUM_PATHS) if (existsSync(candidate)) return candidate;
  const downloaded = playwrightDownload();
  if (downloaded) return downloaded;
  throw new ChromiumNotFoundError(
    `The browser tests need Chromium, and none was found (looked at $CHROMIUM_PATH, ${SYSTEM_CHROMIUM_PATHS.join(', ')} ` +
      `and Playwright's own download). ${HOW_TO_GET_ONE}`,
  );
}

const HOW_TO_GET_ONE = [
  'To get one:',
  '  - Debian/Ubuntu: apt-get install -y chromium',
  '  - where downloads work: npx playwright install chromium',
  '  - or point CHROMIUM_PATH at a Chromium or Chrome executable: CHROMIUM_PATH=/path/to/chrome npx playwright test',
].join('\n');

function playwrightDownload(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // this Playwright build knows no download for this platform
  }
}
