// The demo blog admin (scripts/demo-server.ts) over a fresh, seeded SQLite database, for route tests with inject.
import type { FastifyInstance } from 'fastify';
import type { AdminServerOptions } from '../../src/index.ts';
import { openDemoClient, type DemoClient } from '../../scripts/db/demo-client.ts';
import { buildDemoServer, DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { seed, type SeedSize } from '../../scripts/seed.ts';
import { Browser, testCredentials } from './cookie-jar.ts';
import { freshSqliteDatabase } from './databases.ts';
import { testPasswordHash } from './test-passwords.ts';

export { Browser, CookieJar, urlencoded } from './cookie-jar.ts';

/** Small enough to keep the tests fast, large enough for three list pages of 50 and every edge-case row. */
export const TEST_SIZE: SeedSize = { posts: 120, comments: 240, authors: 10, categories: 5, tags: 12 };

export interface DemoApp {
  app: FastifyInstance;
  /** A second client on the same database, for assertions. */
  prisma: DemoClient;
  url: string;
  /** Logged in as the test superuser. */
  browser: Browser;
  /** Another logged-in browser (same session, its own cookies from now on). */
  newBrowser(): Browser;
  close(): Promise<void>;
}

export interface DemoAppOptions {
  size?: Partial<SeedSize>;
  server?: Partial<AdminServerOptions>;
  /** The directory of uploaded files (the demo's default is tmp/uploads). */
  uploads?: string;
}

export async function startDemoApp(options: DemoAppOptions = {}): Promise<DemoApp> {
  return startDemoAppOn(await freshSqliteDatabase(DEMO_SCHEMA), options);
}

/** The demo, seeded and logged in, over a fresh database of either provider (dropped again by close()). */
export async function startDemoAppOn(db: { url: string; cleanup(): Promise<void> }, options: DemoAppOptions = {}): Promise<DemoApp> {
  const credentials = testCredentials();
  let prisma: DemoClient | undefined;
  let app: FastifyInstance | undefined;
  try {
    prisma = await openDemoClient(db.url);
    await seed(prisma, { ...TEST_SIZE, ...options.size });
    // The demo schema has the admin's own models: its users live in the database.
    await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password }, { hash: testPasswordHash });
    app = await buildDemoServer(db.url, options.server, { uploads: options.uploads });
    await app.ready();
  } catch (error) {
    await app?.close().catch(() => {});
    await prisma?.$disconnect().catch(() => {});
    await db.cleanup();
    throw error;
  }
  const started = { app, prisma };
  const browser = await new Browser(app).login();
  return {
    ...started,
    url: db.url,
    browser,
    newBrowser: () => browser.clone(),
    async close() {
      await started.app.close();
      await started.prisma.$disconnect();
      await db.cleanup();
    },
  };
}
