// The demo blog's schema and seed served with an AdminSite of the test's own (admin classes with the options or hooks
// under test), over a fresh SQLite file, for route tests with inject. Optionally records the SQL each request runs.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { openDemoClient, type DemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { seed } from '../../scripts/seed.ts';
import { testPasswordHash } from './test-passwords.ts';
import { type AdminSite, createAdminServer, readSchema } from '../../src/index.ts';
import { Browser, testCredentials } from './cookie-jar.ts';
import { freshPostgresDatabase, freshSqliteDatabase } from './databases.ts';
import { TEST_SIZE } from './demo-app.ts';

export interface CustomSiteApp {
  app: FastifyInstance;
  /** A second client on the same database, for assertions. */
  prisma: DemoClient;
  /** Logged in as the test superuser. */
  browser: Browser;
  /** The client the admin itself was given (its writes outside transactions go through it). */
  served: PrismaClient;
  /** The SQL the admin ran since the last `queries.length = 0` (SQLite only). */
  queries: string[];
  /** Creates a staff user with exactly these permissions (`'Post.change'`, ...) and logs in as them. */
  loginAs(username: string, permissions: string[]): Promise<Browser>;
  close(): Promise<void>;
}

export async function startCustomSiteApp(site: AdminSite, options: { provider?: 'sqlite' | 'postgresql' } = {}): Promise<CustomSiteApp> {
  const credentials = testCredentials();
  const postgres = options.provider === 'postgresql';
  const db = postgres ? { ...(await freshPostgresDatabase(DEMO_SCHEMA)), path: '' } : await freshSqliteDatabase(DEMO_SCHEMA);
  const queries: string[] = [];
  const prisma = await openDemoClient(db.url);
  let served: PrismaClient | undefined;
  let app: FastifyInstance | undefined;
  try {
    await seed(prisma, TEST_SIZE);
    await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password }, { hash: testPasswordHash });
    if (postgres) {
      served = await openDemoClient(db.url);
    } else {
      const logging = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: db.path }), log: [{ emit: 'event', level: 'query' }] });
      logging.$on('query', (event) => queries.push(event.query));
      served = logging as unknown as PrismaClient;
    }
    const schema = await readSchema(DEMO_SCHEMA);
    app = await createAdminServer({ schema: { ...schema, provider: postgres ? 'postgresql' : 'sqlite' }, prisma: served, site, logger: process.env.TEST_LOG === '1' });
    await app.ready();
  } catch (error) {
    await app?.close().catch(() => {});
    await served?.$disconnect().catch(() => {});
    await prisma.$disconnect().catch(() => {});
    await db.cleanup();
    throw error;
  }
  const started = app;
  const servedClient = served!;
  const browser = await new Browser(started).login();
  return {
    app: started,
    prisma,
    browser,
    served: servedClient,
    queries,
    async loginAs(username, permissions) {
      const password = `${username}-password-for-tests`;
      await prisma.adminUser.create({
        data: {
          username,
          passwordHash: await testPasswordHash(password),
          isSuperuser: false,
          permissions: { create: permissions.map((p) => ({ model: p.split('.')[0], action: p.split('.')[1] })) },
        },
      });
      return new Browser(started).login({ username, password });
    },
    async close() {
      await started.close();
      await served?.$disconnect();
      await prisma.$disconnect();
      await db.cleanup();
    },
  };
}
