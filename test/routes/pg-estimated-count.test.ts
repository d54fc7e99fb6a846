// PostgreSQL: a list of a large table, filtered or not, shows the planner's estimate (said so), not a COUNT(*) over
// its rows; a list within the threshold and "count exactly" count; a table never analysed shows the rows the
// statistics collector counted. "Large" is lowered here so a small table will do.
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

test('a filtered list matching more than the threshold shows the planner’s estimate of the filter', async () => {
  const published = await prisma.post.count({ where: { status: 'published' } });
  assert.ok(published > 10, `enough published posts: ${published}`);
  const html = (await browser.get('/admin/post/?status__exact=published')).body;
  const shown = Number(/About ([\d,]+) posts/.exec(html)?.[1]?.replace(/,/g, ''));
  const plan = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Post" WHERE status = 'published'`);
  assert.equal(shown, plan[0]['QUERY PLAN'][0].Plan['Plan Rows'], 'the estimate of the filter, not of the table');
  assert.match(html, /exact=1/);
  const exact = (await browser.get('/admin/post/?status__exact=published&exact=1')).body;
  assert.equal(resultCount(exact), published);
});

test('a search through a relation: the estimate of the search as the page runs it', async () => {
  const word = (await prisma.author.findFirstOrThrow({ orderBy: { id: 'asc' } })).name.split(' ')[0];
  const html = (await browser.get(`/admin/post/?q=${encodeURIComponent(word)}`)).body;
  const pattern = `%${word}%`;
  // The page reads the matching authors' keys first (src/data/relation-search-keys.ts), then searches their posts by
  // foreign key, so its estimate is the planner's for that list of keys.
  const authorIds = (await prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Author" WHERE name ILIKE $1`, pattern)).map((a) => a.id);
  assert.ok(authorIds.length > 0 && authorIds.every(Number.isInteger));
  const plan = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM "Post" WHERE title ILIKE $1 OR body ILIKE $1 OR "authorId" IN (${authorIds.join(', ')})`, pattern);
  const estimate = plan[0]['QUERY PLAN'][0].Plan['Plan Rows'];
  // (The demo's client is typed for SQLite, which has no `mode`.)
  const insensitive = (text: string) => ({ contains: text, mode: 'insensitive' }) as { contains: string };
  const expected = await prisma.post.count({ where: { OR: [{ title: insensitive(word) }, { body: insensitive(word) }, { author: { name: insensitive(word) } }] } });
  if (estimate > 10) assert.match(html, new RegExp(`About ${estimate} posts`));
  else assert.equal(resultCount(html), expected);
  assert.equal(resultCount((await browser.get(`/admin/post/?q=${encodeURIComponent(word)}&exact=1`)).body), expected);
});

test('a search the planner expects few rows of counts them exactly', async () => {
  const post = await prisma.post.findFirstOrThrow({ where: { title: { startsWith: 'Café' } } });
  const html = (await browser.get(`/admin/post/?q=${encodeURIComponent(post.title)}`)).body;
  assert.doesNotMatch(html, /estimate/);
  assert.equal(resultCount(html), await prisma.post.count({ where: { title: { contains: post.title } } }));
});

test('a table never analysed shows the live rows the statistics collector counted', async () => {
  const [{ reltuples }] = await prisma.$queryRawUnsafe<{ reltuples: number }[]>(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'Comment'`);
  assert.equal(reltuples, -1, 'Comment was never analysed');
  const comments = await prisma.comment.count();
  // The collector publishes a session's counts within seconds of its writes.
  const liveRows = async () => Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT n_live_tup AS n FROM pg_stat_user_tables WHERE relname = 'Comment'`))[0].n);
  for (let i = 0; i < 300 && (await liveRows()) !== comments; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await liveRows(), comments);
  const html = (await browser.get('/admin/comment/')).body;
  assert.match(html, new RegExp(`About ${comments.toLocaleString('en-US')} comments`));
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
