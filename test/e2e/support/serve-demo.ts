// The browser tests' web server (playwright.config.ts `webServer`): the demo blog admin on a fresh SQLite database, so
// every run starts from the same deterministic seed. DATABASE_URL, PORT and HOST come from the config.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { providerOfUrl, sqliteFileOfUrl } from '../../../scripts/db/apply-schema.ts';

const url = process.env.DATABASE_URL;
if (!url || providerOfUrl(url) !== 'sqlite') {
  throw new Error(`serve-demo wants DATABASE_URL=file:./some.db (a throwaway SQLite file), got ${url ?? 'nothing'}`);
}
const file = sqliteFileOfUrl(url);
for (const suffix of ['', '-journal', '-wal', '-shm', '.admin-jobs', '.admin-jobs-wal', '.admin-jobs-shm']) rmSync(file + suffix, { force: true });
mkdirSync(path.dirname(file), { recursive: true });
if (process.env.DEMO_UPLOADS) rmSync(process.env.DEMO_UPLOADS, { recursive: true, force: true });

// Generates the demo Prisma client when missing, creates and seeds the database, listens on PORT/HOST.
await import('../../../scripts/demo-start.ts');
