// PostgreSQL with the list's statement timeout on: the list's queries run in one transaction (statement-timeout.ts).
// A raw query the database cannot run (here: tables in a schema given only to the driver adapter, so the unqualified
// raw SQL finds none) fails inside that transaction; the fallback to Prisma then runs in the same transaction, which
// must still be usable (the raw query ran under a savepoint), so the very first request answers 200, not a 500.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { postgresConnectionString, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { admin, AdminSite, ModelAdmin, parseSchemaFiles } from '../../src/index.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { listRows, resultCount } from '../support/html.ts';
import { createAdminUser, loginAs } from '../support/security.ts';

const pgUp = await postgresAvailable();
const TENANT = 'raw_fallback_in_timeout';

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'viewCount', 'status'];
  listFilter = ['status'];
  searchFields = ['title'];
  ordering = ['-createdAt'];
}

let tenant: PrismaClient;
let cleanup: (() => Promise<void>) | undefined;
const apps: FastifyInstance[] = [];

before(async () => {
  if (!pgUp) return;
  const db = await freshPostgresDatabase(DEMO_SCHEMA, { schema: TENANT });
  cleanup = db.cleanup;
  const { PrismaClient: Client } = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
  const connectionString = postgresConnectionString(db.url.replace(/\?.*$/, ''));
  tenant = new Client({ adapter: new PrismaPg({ connectionString }, { schema: TENANT }) as never }) as typeof tenant;
  const author = await tenant.author.create({ data: { name: 'Only author', email: 'only@example.com' } });
  for (let i = 0; i < 3; i++) await tenant.post.create({ data: { title: `Post ${i}`, slug: `post-${i}`, body: 'Body', status: i ? 'published' : 'draft', viewCount: i, authorId: author.id } });
});

after(async () => {
  for (const app of apps) await app.close();
  await tenant?.$disconnect();
  await cleanup?.();
});

/** A fresh site (its raw queries not yet known to fail), with the statement timeout on and every raw total's path in play. */
async function freshApp(): Promise<FastifyInstance> {
  const schema = parseSchemaFiles(withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'));
  const app = Fastify({ logger: false });
  await app.register(admin, { prefix: '/admin', schema, prisma: tenant, site: new AdminSite().register('Post', PostAdmin), listQueryTimeout: 5_000 });
  apps.push(app);
  return app;
}

const cases = [
  { name: 'a searched list (planner estimate, then the bounded count)', path: '/admin/post/?q=Post', count: 3 },
  { name: 'a filtered list', path: '/admin/post/?status__exact=published', count: 2 },
  { name: 'a sort no index serves (raw COUNT(*), then Prisma’s count)', path: '/admin/post/?sort=-viewCount', count: 3 },
];

for (const { name, path, count } of cases) {
  test(`${name}: the first request answers 200 through Prisma`, { skip: !pgUp && 'no PostgreSQL test server' }, async (t) => {
    t.mock.method(console, 'warn', () => {});
    const app = await freshApp();
    const browser = await loginAs(app, await createAdminUser(tenant as never, `editor${apps.length}`, ['Post.view', 'Post.delete']));
    for (let i = 0; i < 2; i++) {
      const page = await browser.get(path);
      assert.equal(page.statusCode, 200, `request ${i + 1}: ${page.body.slice(0, 400)}`);
      assert.equal(resultCount(page.body), count);
      assert.equal(listRows(page.body).length, count);
    }
  });
}
