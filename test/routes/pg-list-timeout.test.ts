// PostgreSQL: a list query that runs past the statement timeout (here: it waits for a lock another session holds,
// which counts as the statement's time) answers the page (200) with "took too long" and the index that would serve
// it, other pages answer meanwhile, and once the lock is gone the same list works on the same pool.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openDemoClient, type DemoClient } from '../../scripts/db/demo-client.ts';
import { buildDemoServer, DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { seed } from '../../scripts/seed.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';
import { listRows, textOf } from '../support/html.ts';
import { AdminSite, ModelAdmin } from '../../src/index.ts';

/** A post list whose only queries of Post are the list's own (no date hierarchy, filters or relation columns). */
class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'viewCount', 'status'];
  searchFields = ['title', 'body'];
}

const available = await postgresAvailable();
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let prisma: DemoClient;
let app: FastifyInstance;
let browser: Browser;

before(async () => {
  if (!available) return;
  db = await freshPostgresDatabase(DEMO_SCHEMA);
  prisma = await openDemoClient(db.url);
  await seed(prisma, TEST_SIZE);
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
  app = await buildDemoServer(db.url, { listQueryTimeout: 300, site: new AdminSite().register('Post', PostAdmin).register('Author', ModelAdmin) });
  await app.ready();
  browser = await new Browser(app).login();
});

after(async () => {
  await app?.close();
  await prisma?.$disconnect();
  await db?.cleanup();
});

/** Runs `during` while another session holds an exclusive lock on the Post table. */
async function whilePostLocked<T>(during: () => Promise<T>): Promise<T> {
  const locker = new pg.Client({ connectionString: db.url.split('?')[0] });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE "Post" IN ACCESS EXCLUSIVE MODE');
    return await during();
  } finally {
    await locker.query('ROLLBACK').catch(() => {});
    await locker.end();
  }
}

test('a search past the timeout answers the page with the index to add, and does not hold other pages', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const [search, other] = await whilePostLocked(() => Promise.all([browser.get('/admin/post/?q=prisma'), browser.get('/admin/author/')]));
  assert.equal(search.statusCode, 200, search.body.slice(0, 500));
  const text = textOf(search.body);
  assert.match(text, /This search took too long \(over 0\.3 s\) and was stopped/);
  assert.match(text, /@@index\(\[title\(ops: raw\("gin_trgm_ops"\)\)\], type: Gin\) in model Post of the Prisma schema \(search on title\)/);
  assert.match(text, /CREATE EXTENSION IF NOT EXISTS pg_trgm;/);
  assert.equal(other.statusCode, 200, 'another list answers meanwhile');
  assert.ok(listRows(other.body).length > 0);

  const again = await browser.get('/admin/post/?q=prisma');
  assert.equal(again.statusCode, 200);
  assert.doesNotMatch(textOf(again.body), /took too long/);
});

test('a sort past the timeout names the sort index', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const sorted = await whilePostLocked(() => browser.get('/admin/post/?sort=-viewCount'));
  assert.equal(sorted.statusCode, 200);
  assert.match(textOf(sorted.body), /This sort took too long.*@@index\(\[viewCount, id\]\) in model Post of the Prisma schema \(sort on viewCount\)/s);
});
