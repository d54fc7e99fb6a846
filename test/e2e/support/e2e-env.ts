// What the config, the web server and the tests share: the port, the throwaway database, the test login.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Chosen once, in the runner (the first to load this module): its workers inherit the environment, so they agree.
process.env.E2E_PORT ??= String(freePort(3100));

export const PORT = Number(process.env.E2E_PORT);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/**
 * Deleted and seeded again at the start of every run (test/e2e/support/serve-demo.ts). Relative to the web server's
 * working directory, the project root; under tmp/, which git ignores.
 */
export const DATABASE_URL = `file:./tmp/e2e-${PORT}.db`;
/** The browser's cookies after logging in (test/e2e/auth.setup.ts). */
export const STORAGE_STATE = fileURLToPath(new URL(`../../../tmp/e2e-${PORT}-storage.json`, import.meta.url));
/** The superuser the demo server creates from ADMIN_USERNAME / ADMIN_PASSWORD (scripts/demo-server.ts). Test-only values. */
export const E2E_ADMIN = { username: 'e2e-admin', password: 'e2e-password-not-secret' };

/** `preferred` when nothing listens there on 127.0.0.1, else a port the system hands out. */
function freePort(preferred: number): number {
  const script = `
    const net = require('node:net');
    const probe = (port) => {
      const server = net.createServer();
      server.once('error', () => probe(0));
      server.listen(port, '127.0.0.1', () => { process.stdout.write(String(server.address().port)); server.close(); });
    };
    probe(${preferred});`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}
