// The admin's raw queries (the session JOIN, batched related labels, the raw total) on a database they do not fit:
// PostgreSQL tables in a schema given only to the driver adapter (no postgresSchema option), so unqualified raw SQL
// finds no tables. Each falls back to Prisma through RawOrPrisma: the pages are right, each failure is logged once,
// and later requests do not warn again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { postgresConnectionString, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { demoSite } from '../../prisma/demo-admin.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { admin, parseSchemaFiles } from '../../src/index.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { listRows, resultCount } from '../support/html.ts';
import { createAdminUser, loginAs } from '../support/security.ts';

const pgUp = await postgresAvailable();
const TENANT = 'only_on_the_adapter';

let app: FastifyInstance;
let tenant: PrismaClient;
let cleanup: (() => Promise<void>) | undefined;
const logged: string[] = [];

before(async () => {
  if (!pgUp) return;
  const db = await freshPostgresDatabase(DEMO_SCHEMA, { schema: TENANT });
  cleanup = db.cleanup;
  const { PrismaClient: Client } = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
  const connectionString = postgresConnectionString(db.url.replace(/\?.*$/, ''));
  tenant = new Client({ adapter: new PrismaPg({ connectionString }, { schema: TENANT }) as never }) as typeof tenant;
  const author = await tenant.author.create({ data: { name: 'Only author', email: 'only@example.com' } });
  for (let i = 0; i < 3; i++) await tenant.post.create({ data: { title: `Post ${i}`, slug: `post-${i}`, body: 'Body', authorId: author.id } });
  const schema = parseSchemaFiles(withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'));
  app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void logged.push(line) } } });
  await app.register(admin, { prefix: '/admin', schema, prisma: tenant, site: demoSite() });
});

after(async () => {
  await app?.close();
  await tenant?.$disconnect();
  await cleanup?.();
});

test('each raw query falls back to Prisma once, logged once, and is not tried again', { skip: !pgUp && 'no PostgreSQL test server' }, async (t) => {
  const consoleWarn = t.mock.method(console, 'warn', () => {});
  const browser = await loginAs(app, await createAdminUser(tenant as never, 'editor', ['Post.view', 'Author.view']));

  for (let i = 0; i < 3; i++) {
    const page = await browser.get('/admin/post/');
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    assert.equal(resultCount(page.body), 3);
    assert.ok(listRows(page.body).every((r) => r.cells.includes('Only author')), 'labels through Prisma');
  }
  const warnings = logged.map((line) => JSON.parse(line) as { msg: string }).map((l) => l.msg);
  assert.deepEqual(warnings.filter((m) => /batched related labels/.test(m)).length, 1, warnings.join('\n'));
  assert.deepEqual(warnings.filter((m) => /raw totals/.test(m)).length, 1, warnings.join('\n'));
  // The auth backend has no request logger: its one warning goes to the console.
  assert.equal(consoleWarn.mock.calls.filter((c) => /the session JOIN unavailable/.test(String(c.arguments[0]))).length, 1);

  // Later pages are still right, and warn no more (that the raw query is not tried again: raw-or-prisma.test.ts).
  const later = await browser.get('/admin/post/?o=1');
  assert.equal(later.statusCode, 200);
  assert.equal(logged.length, warnings.length);
  assert.equal(consoleWarn.mock.callCount(), 1);
});
