// PostgreSQL: a filtered list's queries that read rows (its page, a bounded count) run under the list's statement
// timeout, each in a transaction with SET LOCAL; the planner's estimate of a large list's total reads none and runs
// outside, so an estimated list costs one transaction, not two. Totals and rows are the same either way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { postgresConnectionString } from '../../scripts/db/apply-schema.ts';
import { buildDemoServer, DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { seed } from '../../scripts/seed.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';
import { listRows, resultCount } from '../support/html.ts';

const available = await postgresAvailable();
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let prisma: PrismaClient;
let app: FastifyInstance;
let browser: Browser;
let recorded: string[] | null = null;

before(async () => {
  if (!available) return;
  db = await freshPostgresDatabase(DEMO_SCHEMA);
  const { PrismaClient: Client } = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
  prisma = new Client({ adapter: new PrismaPg({ connectionString: postgresConnectionString(db.url) }) as never, log: [{ emit: 'event', level: 'query' }] }) as PrismaClient;
  (prisma as unknown as { $on(e: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => recorded?.push(e.query));
  await seed(prisma as never, TEST_SIZE);
  await prisma.$executeRawUnsafe('ANALYZE');
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
  // A threshold of 10 makes the post table large: a filter's total is the planner's estimate.
  app = await buildDemoServer(db.url, { prisma: prisma as never, countEstimateAbove: 10 });
  await app.ready();
  browser = await new Browser(app).login();
});

after(async () => {
  await app?.close();
  await prisma?.$disconnect();
  await db?.cleanup();
});

async function statementsOf(url: string): Promise<{ html: string; sql: string[] }> {
  await browser.get(url); // the table's size, asked once a minute, is known
  recorded = [];
  const page = await browser.get(url);
  assert.equal(page.statusCode, 200);
  const sql = recorded;
  recorded = null;
  return { html: page.body, sql };
}

/** The transactions the page ran under the timeout (Prisma's query events show their SET LOCAL, not BEGIN). */
const timedTransactions = (sql: string[]) => sql.filter((s) => /^SET LOCAL statement_timeout/.test(s)).length;

test('an estimated filtered list: the estimate outside the timeout, the page in its one transaction', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const { html, sql } = await statementsOf('/admin/post/?status__exact=published');
  assert.match(html, /About [\d,]+ posts/);
  assert.ok(sql.some((s) => /^EXPLAIN/.test(s)), sql.join('\n'));
  assert.equal(timedTransactions(sql), 1, sql.join('\n'));
  const shown = Number(/About ([\d,]+) posts/.exec(html)?.[1]?.replace(/,/g, ''));
  const plan = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Post" WHERE status = 'published'`);
  assert.equal(shown, plan[0]['QUERY PLAN'][0].Plan['Plan Rows']);
  const exact = (await browser.get('/admin/post/?status__exact=published&exact=1')).body;
  assert.deepEqual(listRows(html), listRows(exact), 'the same rows in the same order');
  assert.equal(resultCount(exact), await prisma.post.count({ where: { status: 'published' } }));
});

test('a filtered list the planner expects few rows of: its bounded count, as its page, under the timeout', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const { html, sql } = await statementsOf('/admin/post/?q=zzqxw-no-such-word');
  assert.ok(sql.some((s) => /COUNT\(\*\)[\s\S]*LIMIT 11\)/.test(s)), sql.join('\n'));
  assert.equal(timedTransactions(sql), 2, sql.join('\n'));
  assert.equal(resultCount(html), 0);
});
