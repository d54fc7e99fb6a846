// PostgreSQL: a list's queries run under the statement timeout in a transaction (statement-timeout.ts). An unfiltered
// list in an order no index of the schema serves (sort by title) runs its total, the planner's estimate, in the page's
// transaction: one SET LOCAL per page, not one for the total and one for the rows. A filtered list, whose count may
// take as long as its page, keeps the two side by side. The page shows the same rows and total either way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { postgresConnectionString, postgresSchemaOfUrl, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { openDemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { seed } from '../../scripts/seed.ts';
import { AdminSite, createAdminServer, ModelAdmin, parseSchemaFiles } from '../../src/index.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';
import { listRows, textOf } from '../support/html.ts';

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'viewCount', 'status'];
  listFilter = ['status'];
  ordering = ['-createdAt'];
  listPerPage = 20;
}

type QueryEvents = { $on(event: 'query', listener: (event: { query: string }) => void): void; $disconnect(): Promise<void> };

const available = await postgresAvailable();
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let prisma: PrismaClient & QueryEvents;
let app: FastifyInstance;
let browser: Browser;
const queries: string[] = [];

before(async () => {
  if (!available) return;
  db = await freshPostgresDatabase(DEMO_SCHEMA);
  const seeder = await openDemoClient(db.url);
  await seed(seeder, TEST_SIZE);
  await seeder.$disconnect();
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
  const module = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: new (options: unknown) => PrismaClient & QueryEvents };
  const adapter = new PrismaPg({ connectionString: postgresConnectionString(db.url) }, { schema: postgresSchemaOfUrl(db.url) });
  prisma = new module.PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (event) => queries.push(event.query));
  const schema = parseSchemaFiles(withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'));
  app = await createAdminServer({ schema, prisma, site: new AdminSite().register('Post', PostAdmin) });
  browser = await new Browser(app).login();
});

after(async () => {
  await app?.close();
  await prisma?.$disconnect();
  await db?.cleanup();
});

/** The SQL of one GET of `url` (the second of two, after any first-request work), and the page. */
async function queriesOf(url: string) {
  await browser.get(url);
  queries.length = 0;
  const page = await browser.get(url);
  assert.equal(page.statusCode, 200, url);
  return { sql: [...queries], page };
}

async function expectedIds(orderBy: string, where = ''): Promise<string[]> {
  const client = new pg.Client({ connectionString: postgresConnectionString(db.url) });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM "Post" ${where} ORDER BY ${orderBy} LIMIT 20`);
    return rows.map((r) => String(r.id));
  } finally {
    await client.end();
  }
}

const timeouts = (sql: string[]) => sql.filter((q) => /^SET LOCAL statement_timeout\b/.test(q)).length;

test('an unfiltered list sorted by a column without an index: its total and its rows in one timed transaction', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const { sql, page } = await queriesOf('/admin/post/?sort=title');
  assert.equal(timeouts(sql), 1, sql.join('\n'));
  const set = sql.findIndex((q) => /^SET LOCAL statement_timeout\b/.test(q));
  const commit = sql.indexOf('COMMIT');
  const inside = sql.slice(set + 1, commit);
  assert.ok(inside.some((q) => /pg_class/.test(q)), `the total in the transaction:\n${sql.join('\n')}`);
  assert.ok(inside.some((q) => /FROM "public"\."Post"/.test(q) && /ORDER BY "public"\."Post"\."title" ASC/.test(q)), `the rows in the transaction:\n${sql.join('\n')}`);
  assert.deepEqual(listRows(page.body).map((r) => r.id), await expectedIds('title ASC, id ASC'));
  assert.match(textOf(page.body), new RegExp(`${TEST_SIZE.posts} posts`));
});

test('a filtered list keeps its count and its rows in a timed transaction each', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const { sql, page } = await queriesOf('/admin/post/?status__exact=published&sort=title');
  assert.equal(timeouts(sql), 2, sql.join('\n'));
  assert.deepEqual(listRows(page.body).map((r) => r.id), await expectedIds('title ASC, id ASC', `WHERE status = 'published'`));
});
