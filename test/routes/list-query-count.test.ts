// Issue 7: a list page costs a small constant number of SQL queries, at most three of its own (the total, the rows and
// the related records' labels), whatever its page size and however many relation columns, relation filters, to-many
// ("has tag X") filters and String filters of few values (`author.country`) it has. Counted from Prisma's query events, on SQLite and PostgreSQL; the session check that every admin request makes
// (one query) is counted apart. (list-queries.test.ts compares page sizes only.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { FastifyInstance } from 'fastify';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { postgresConnectionString, postgresSchemaOfUrl, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { openDemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { seed } from '../../scripts/seed.ts';
import { AdminSite, createAdminServer, ModelAdmin, parseSchemaFiles } from '../../src/index.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshPostgresDatabase, freshSqliteDatabase, postgresAvailable } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';
import { listRows } from '../support/html.ts';

/** The most queries a list page may run besides the session look-ups. */
const MAX_LIST_QUERIES = 3;
/** A search of a to-one relation's field (`author.name`) first reads the matching related keys: one query per term and
// such field. */
const RELATION_SEARCH_QUERIES = 1;

/** The post list with one relation column and filter, or two of each, a to-many and a values filter; 10 or 50 rows a page. */
function site(relations: 1 | 2, perPage: number, search = ['title', 'body']): AdminSite {
  class PostAdmin extends ModelAdmin {
    listDisplay = relations === 1 ? ['title', 'author', 'status'] : ['title', 'author', 'category', 'status', 'publishedAt'];
    listFilter = relations === 1 ? ['status', 'author'] : ['status', 'category', 'author', 'tags', 'author.country', 'publishedAt'];
    searchFields = search;
    ordering = ['-createdAt'];
    listPerPage = perPage;
  }
  return new AdminSite().register('Post', PostAdmin);
}

const variants = [
  { relations: 1, perPage: 10 },
  { relations: 1, perPage: 50 },
  { relations: 2, perPage: 10 },
  { relations: 2, perPage: 50 },
] as const;

const pages = [
  '/admin/post/',
  '/admin/post/?page=2',
  '/admin/post/?sort=-author',
  '/admin/post/?q=the&status__exact=published',
  '/admin/post/?author__exact=3',
  '/admin/post/?tags__exact=2',
];

const isSessionQuery = (sql: string) => /Admin(Session|User)\b|AdminUserPermission/.test(sql);
/** The statement timeout's transaction around a list's queries (SET LOCAL, COMMIT) reads no rows: not counted. */
const isTimeoutControl = (sql: string) => /^(SET LOCAL statement_timeout|COMMIT|BEGIN)\b/.test(sql);

type Provider = 'sqlite' | 'postgresql';
const pgUp = await postgresAvailable();

for (const provider of ['sqlite', 'postgresql'] as Provider[]) {
  describe(`queries per list page (${provider})`, { skip: provider === 'postgresql' && !pgUp ? 'no PostgreSQL test server' : false }, () => {
    const queries: string[] = [];
    const apps: { relations: number; perPage: number; app: FastifyInstance; browser: Browser }[] = [];
    let prisma: { $disconnect(): Promise<void> } | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    let relationSearch: FastifyInstance | undefined;
    let relationSearchBrowser: Browser;

    before(async () => {
      const db = provider === 'sqlite' ? await freshSqliteDatabase(DEMO_SCHEMA) : await freshPostgresDatabase(DEMO_SCHEMA);
      cleanup = db.cleanup;
      const seeder = await openDemoClient(db.url);
      await seed(seeder, TEST_SIZE);
      await seeder.$disconnect();
      const credentials = testCredentials();
      await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
      const client = await loggingClient(provider, db.url, 'path' in db ? db.path : '');
      client.$on('query', (event) => queries.push(event.query));
      prisma = client;
      const schema = parseSchemaFiles(provider === 'sqlite' ? readSchemaFiles(DEMO_SCHEMA) : withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'));
      for (const { relations, perPage } of variants) {
        const app = await createAdminServer({ schema, prisma: client, site: site(relations, perPage) });
        apps.push({ relations, perPage, app, browser: await new Browser(app).login() });
      }
      relationSearch = await createAdminServer({ schema, prisma: client, site: site(2, 50, ['title', 'body', 'author.name']) });
      relationSearchBrowser = await new Browser(relationSearch).login();
    });

    after(async () => {
      for (const { app } of apps) await app.close();
      await relationSearch?.close();
      await prisma?.$disconnect();
      await cleanup?.();
    });

    /** The queries of one GET (asked twice; the second is counted, after any first-request work). */
    async function count(browser: Browser, url: string) {
      await browser.get(url);
      queries.length = 0;
      const response = await browser.get(url);
      assert.equal(response.statusCode, 200, url);
      const sql = [...queries];
      const own = sql.filter((q) => !isSessionQuery(q) && !isTimeoutControl(q));
      return { own: own.length, session: sql.filter(isSessionQuery).length, rows: listRows(response.body).length, sql: own };
    }

    for (const url of pages) {
      test(`${url}: at most ${MAX_LIST_QUERIES} queries, no more for 50 rows or two relation columns`, async () => {
        const counts = [];
        for (const variant of apps) counts.push({ ...variant, ...(await count(variant.browser, url)) });
        const shown = counts.map((c) => `${c.relations} relation column(s), ${c.rows} rows: ${c.own} queries`).join('; ');
        for (const c of counts) {
          assert.ok(c.own <= MAX_LIST_QUERIES, `${url} with ${c.relations} relation column(s) and ${c.rows} rows runs ${c.own} queries:\n${c.sql.join('\n')}`);
        }
        const largest = counts.find((c) => c.relations === 2 && c.perPage === 50)!;
        const smallest = counts.find((c) => c.relations === 1 && c.perPage === 10)!;
        assert.ok(largest.own <= smallest.own, `${url}: more queries for more rows or relation columns (${shown})`);
        // The session check is one query (session, user and permissions joined), whatever the page.
        for (const c of counts) assert.equal(c.session, 1, `${url}: ${c.session} session look-ups`);
      });
    }

    test(`a search of author.name too: one query more, the authors' keys (relation-search-keys.ts)`, async () => {
      const c = await count(relationSearchBrowser, '/admin/post/?q=the&status__exact=published');
      assert.ok(c.own <= MAX_LIST_QUERIES + RELATION_SEARCH_QUERIES, `${c.own} queries:\n${c.sql.join('\n')}`);
      const lookups = c.sql.filter((q) => /FROM \S*Author\S* WHERE/.test(q) && /LIKE/.test(q));
      assert.equal(lookups.length, RELATION_SEARCH_QUERIES, c.sql.join('\n'));
    });
  });
}

type QueryEvents = { $on(event: 'query', listener: (event: { query: string }) => void): void; $disconnect(): Promise<void> };

/** The demo schema's client for the provider, with query events on. */
async function loggingClient(provider: Provider, url: string, sqlitePath: string): Promise<PrismaClient & QueryEvents> {
  const log = [{ emit: 'event' as const, level: 'query' as const }];
  if (provider === 'sqlite') return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqlitePath }), log }) as PrismaClient & QueryEvents;
  const module = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
  const adapter = new PrismaPg({ connectionString: postgresConnectionString(url) }, { schema: postgresSchemaOfUrl(url) });
  return new module.PrismaClient({ adapter: adapter as never, log }) as PrismaClient & QueryEvents;
}
