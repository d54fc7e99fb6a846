// PostgreSQL: an unfiltered list of a large table shows the planner's estimate (said so), not a COUNT(*) over the
// whole table; filtered lists and "count exactly" count. "Large" is lowered here so a small table will do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDemoClient, type DemoClient } from '../../scripts/db/demo-client.ts';
import { buildDemoServer, DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { seed } from '../../scripts/seed.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';
import { listRows, resultCount } from '../support/html.ts';
import type { FastifyInstance } from 'fastify';

let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let prisma: DemoClient;
let app: FastifyInstance;
let browser: Browser;
let counts: string[] = [];

before(async () => {
  db = await freshPostgresDatabase(DEMO_SCHEMA);
  prisma = await openDemoClient(db.url);
  await seed(prisma, TEST_SIZE);
  await prisma.$executeRawUnsafe('ANALYZE "Post"');
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
  app = await buildDemoServer(db.url, { countEstimateAbove: 10 });
  await app.ready();
  browser = await new Browser(app).login();
});

after(async () => {
  await app?.close();
  await prisma?.$disconnect();
  await db?.cleanup();
});

test('the unfiltered post list shows the estimate and says so, with a link to the exact count', async () => {
  const html = (await browser.get('/admin/post/')).body;
  assert.match(html, /About [\d,]+ posts \(an estimate from the database’s statistics; <a href="[^"]*exact=1[^"]*">count exactly<\/a>\)/);
  counts = [html];
});

test('count exactly: the exact number', async () => {
  const html = (await browser.get('/admin/post/?exact=1')).body;
  assert.doesNotMatch(html, /About/);
  assert.equal(resultCount(html), await prisma.post.count());
});

test('a filtered list always counts exactly', async () => {
  const html = (await browser.get('/admin/post/?status__exact=published')).body;
  assert.doesNotMatch(html, /estimate/);
  assert.equal(resultCount(html), await prisma.post.count({ where: { status: 'published' } }));
});

test('an estimate short of the rows there are: the pages past it still show their rows', async () => {
  // The statistics stay as they were while posts are added (no autovacuum analyse in between).
  await prisma.$executeRawUnsafe('ALTER TABLE "Post" SET (autovacuum_enabled = false)');
  const author = await prisma.author.findFirstOrThrow();
  await prisma.post.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({ title: `Unseen ${i}`, slug: `unseen-${i}`, body: 'Body', authorId: author.id, createdAt: new Date(Date.UTC(2000, 0, 1, 0, i)) })),
  });
  const perPage = 50;
  const lastPage = Math.ceil((await prisma.post.count()) / perPage);
  const html = (await browser.get(`/admin/post/?page=${lastPage}`)).body;
  assert.match(html, /About [\d,]+ posts/);
  const expected = await prisma.post.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (lastPage - 1) * perPage, take: perPage, select: { id: true } });
  assert.deepEqual(listRows(html).map((r) => Number(r.id)), expected.map((p) => p.id));
});
