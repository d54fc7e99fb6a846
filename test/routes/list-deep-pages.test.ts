// Issue 7: a deep page (thousands of rows skipped) of an unfiltered list reads the page's keys through an index that
// holds the list's ORDER BY and the primary key (the demo's Post has @@index([createdAt, id]) for its `-createdAt`
// ordering), in the same query as the total, then those rows by key: the same rows, in the same order, as one OFFSET
// query, in three queries like any page. Shallow pages, filtered lists and orders no index serves stay one query for
// their rows. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { postgresConnectionString, postgresSchemaOfUrl, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { AdminSite, createAdminServer, ModelAdmin, parseSchemaFiles } from '../../src/index.ts';
import { DEEP_PAGE_OFFSET } from '../../src/data/deep-page.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshPostgresDatabase, freshSqliteDatabase, postgresAvailable } from '../support/databases.ts';
import { decodeEntities, listRows } from '../support/html.ts';

const PER_PAGE = 50;
const POSTS = DEEP_PAGE_OFFSET + 5 * PER_PAGE;
const DEEP_PAGE = DEEP_PAGE_OFFSET / PER_PAGE + 2;

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'status', 'createdAt'];
  ordering = ['-createdAt'];
  listPerPage = PER_PAGE;
}

type Provider = 'sqlite' | 'postgresql';
type Client = PrismaClient & { $on(event: 'query', listener: (event: { query: string }) => void): void };
const pgUp = await postgresAvailable();

for (const provider of ['sqlite', 'postgresql'] as Provider[]) {
  describe(`deep list pages (${provider})`, { skip: provider === 'postgresql' && !pgUp ? 'no PostgreSQL test server' : false }, () => {
    const queries: string[] = [];
    let prisma: Client;
    let app: FastifyInstance;
    let browser: Browser;
    let cleanup: (() => Promise<void>) | undefined;

    before(async () => {
      const db = provider === 'sqlite' ? await freshSqliteDatabase(DEMO_SCHEMA) : await freshPostgresDatabase(DEMO_SCHEMA);
      cleanup = db.cleanup;
      prisma = await client(provider, db.url, 'path' in db ? db.path : '');
      const author = await prisma.author.create({ data: { name: 'Deep author', email: 'deep@example.com' } });
      // Many posts share each createdAt, so the primary key decides their order within it.
      const start = Date.UTC(2026, 0, 1);
      await prisma.post.createMany({
        data: Array.from({ length: POSTS }, (_, i) => ({
          title: `Post ${i}`, slug: `post-${i}`, body: 'Body', authorId: author.id,
          status: (['draft', 'published', 'archived'] as const)[i % 3], createdAt: new Date(start + Math.floor(i / 7) * 60_000),
        })),
      });
      const credentials = testCredentials();
      await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
      prisma.$on('query', (event) => queries.push(event.query));
      const schema = parseSchemaFiles(provider === 'sqlite' ? readSchemaFiles(DEMO_SCHEMA) : withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'));
      app = await createAdminServer({ schema, prisma, site: new AdminSite().register('Post', PostAdmin) });
      browser = await new Browser(app).login();
    });

    after(async () => {
      await app?.close();
      await prisma?.$disconnect();
      await cleanup?.();
    });

    async function pageOf(url: string) {
      queries.length = 0;
      const response = await browser.get(url);
      assert.equal(response.statusCode, 200, url);
      // The statement timeout's transaction (SET LOCAL, COMMIT) reads no rows: not counted.
      const own = queries.filter((q) => !/Admin(Session|User)\b|AdminUserPermission/.test(q) && !/^(SET LOCAL statement_timeout|COMMIT|BEGIN)\b/.test(q));
      return { ids: listRows(response.body).map((r) => Number(r.id)), sql: own };
    }

    const expected = (orderBy: object[], page: number) =>
      prisma.post.findMany({ orderBy: orderBy as never, skip: (page - 1) * PER_PAGE, take: PER_PAGE, select: { id: true } }).then((rows) => rows.map((r) => r.id));

    test('a deep page: the same rows in the same order as an OFFSET query, three queries with the keys read beside the total', async () => {
      const { ids, sql } = await pageOf(`/admin/post/?page=${DEEP_PAGE}`);
      assert.deepEqual(ids, await expected([{ createdAt: 'desc' }, { id: 'desc' }], DEEP_PAGE));
      const flat = sql.map((q) => q.replace(/`/g, '"'));
      const keysWithTotal = flat.filter((q) => /COUNT\(\*\)/i.test(q) && /OFFSET\s+\d+/i.test(q));
      assert.equal(keysWithTotal.length, 1, `one query reads the total and the page's keys:\n${sql.join('\n')}`);
      assert.match(keysWithTotal[0], /\(SELECT "id", "createdAt" FROM\s+\S*"Post"\s+ORDER BY/i, 'the window reads the index\'s columns only');
      assert.ok(flat.some((q) => /"?id"?\S*\s+IN\s*\(/i.test(q) && !/OFFSET/i.test(q)), `then the rows by key:\n${sql.join('\n')}`);
      assert.ok(sql.length <= 3, `${sql.length} queries:\n${sql.join('\n')}`);
    });

    test('a deep page with ?exact=1 and one past the end: exact total, right rows, at most three queries', async () => {
      const exact = await pageOf(`/admin/post/?page=${DEEP_PAGE}&exact=1`);
      assert.deepEqual(exact.ids, await expected([{ createdAt: 'desc' }, { id: 'desc' }], DEEP_PAGE));
      assert.ok(exact.sql.length <= 3, exact.sql.join('\n'));
      const last = Math.ceil(POSTS / PER_PAGE);
      // Past the end the list shows its last page (one more query: the last page's rows are read again).
      const beyond = await pageOf(`/admin/post/?page=${last + 500}`);
      assert.deepEqual(beyond.ids, await expected([{ createdAt: 'desc' }, { id: 'desc' }], last));
    });

    test('a filtered deep page is one OFFSET query for its rows (the filter is not in the index)', async () => {
      const page = Math.floor(DEEP_PAGE_OFFSET / 3 / PER_PAGE) + 2;
      const { ids, sql } = await pageOf(`/admin/post/?status__exact=draft&page=${page}`);
      const drafts = await prisma.post.findMany({ where: { status: 'draft' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * PER_PAGE, take: PER_PAGE, select: { id: true } });
      assert.deepEqual(ids, drafts.map((r) => r.id));
      assert.ok(sql.length <= 3, sql.join('\n'));
    });

    test('the last page and a shallow page: right rows; a shallow page is one query for its rows', async () => {
      const last = Math.ceil(POSTS / PER_PAGE);
      assert.deepEqual((await pageOf(`/admin/post/?page=${last}`)).ids, await expected([{ createdAt: 'desc' }, { id: 'desc' }], last));
      const shallow = await pageOf('/admin/post/?page=3');
      assert.deepEqual(shallow.ids, await expected([{ createdAt: 'desc' }, { id: 'desc' }], 3));
      assert.ok(shallow.sql.length <= 3, shallow.sql.join('\n'));
    });

    /** The href of the pagination link with this rel (next, prev) or text (a page number). */
    async function pageLink(url: string, which: string) {
      const html = (await browser.get(url)).body;
      const nav = /<nav class="pagination"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      const link = [...nav.matchAll(/<a href="([^"]*)"([^>]*)>([^<]*)<\/a>/g)].find((m) => m[2].includes(`rel="${which}"`) || m[3] === which);
      assert.ok(link, `a ${which} link on ${url}:\n${nav}`);
      return `/admin/post/${decodeEntities(link[1])}`;
    }
    const ordered = [{ createdAt: 'desc' }, { id: 'desc' }];
    const keysetSql = (sql: string[]) => sql.map((q) => q.replace(/`/g, '"')).filter((q) => /\("createdAt", "id"\) [<>] \(SELECT "createdAt", "id" FROM/.test(q));

    test('Next, Previous and a page two ahead read from the anchor row of the page they are on: the OFFSET rows, walking no earlier row', async () => {
      const here = `/admin/post/?page=${DEEP_PAGE}`;
      const current = (await pageOf(here)).ids;
      const next = await pageLink(here, 'next');
      assert.match(next, new RegExp(`page=${DEEP_PAGE + 1}&from=${DEEP_PAGE}&after=${current.at(-1)}$`));
      const forward = await pageOf(next);
      assert.deepEqual(forward.ids, await expected(ordered, DEEP_PAGE + 1));
      assert.equal(keysetSql(forward.sql).length, 1, forward.sql.join('\n'));
      assert.match(keysetSql(forward.sql)[0], / < \(SELECT[\s\S]* OFFSET 0\)/, 'no row before the anchor is walked');
      assert.ok(forward.sql.length <= 3, forward.sql.join('\n'));

      const previous = await pageLink(here, 'prev');
      assert.match(previous, new RegExp(`page=${DEEP_PAGE - 1}&from=${DEEP_PAGE}&before=${current[0]}$`));
      const back = await pageOf(previous);
      assert.deepEqual(back.ids, await expected(ordered, DEEP_PAGE - 1));
      assert.match(keysetSql(back.sql)[0] ?? '', / > \(SELECT[\s\S]* OFFSET 0\)/, back.sql.join('\n'));

      const twoAhead = await pageOf(await pageLink(here, String(DEEP_PAGE + 2)));
      assert.deepEqual(twoAhead.ids, await expected(ordered, DEEP_PAGE + 2));
      assert.match(keysetSql(twoAhead.sql)[0] ?? '', / OFFSET 50\)/, 'the one page in between is walked');
    });

    test('an anchor row since deleted, or not a key at all: the page by its number', async () => {
      for (const after of ['987654321', 'not-a-number']) {
        const { ids } = await pageOf(`/admin/post/?page=${DEEP_PAGE}&from=${DEEP_PAGE - 1}&after=${after}`);
        assert.deepEqual(ids, await expected(ordered, DEEP_PAGE), after);
      }
    });

    test('filtered and shallow lists link pages by number only', async () => {
      const filtered = await pageLink(`/admin/post/?status__exact=draft&page=20`, 'next');
      assert.doesNotMatch(filtered, /after=|before=/);
      assert.doesNotMatch(await pageLink('/admin/post/?page=3', 'next'), /after=|before=/);
    });

    test('an order no index serves (by title): a deep page is one OFFSET query', async () => {
      const { ids, sql } = await pageOf(`/admin/post/?sort=title&page=${DEEP_PAGE}`);
      assert.deepEqual(ids, await expected([{ title: 'asc' }, { id: 'asc' }], DEEP_PAGE));
      assert.ok(sql.length <= 3, sql.join('\n'));
      assert.ok(!sql.some((q) => /\bIN\s*\(/i.test(q) && /"?Post"?\.?"?id"?/.test(q) && !/OFFSET/i.test(q) && /FROM\s+\S*Post\S*\s+WHERE/i.test(q)), sql.join('\n'));
    });
  });
}

async function client(provider: Provider, url: string, sqlitePath: string): Promise<Client> {
  const log = [{ emit: 'event' as const, level: 'query' as const }];
  if (provider === 'sqlite') return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqlitePath }), log }) as Client;
  const module = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
  const adapter = new PrismaPg({ connectionString: postgresConnectionString(url) }, { schema: postgresSchemaOfUrl(url) });
  return new module.PrismaClient({ adapter: adapter as never, log }) as Client;
}
