// Issue 7: a deep page (thousands of rows skipped) reads the page's keys through an index that holds the list's
// ORDER BY and the primary key (the demo's Post has @@index([createdAt, id]) for its `-createdAt` ordering), then
// those rows by key: the same rows, in the same order, as one OFFSET query. Shallow pages, and orders no index serves,
// stay one query. On SQLite and PostgreSQL.
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
import { listRows } from '../support/html.ts';

const PER_PAGE = 50;
const POSTS = DEEP_PAGE_OFFSET + 3 * PER_PAGE;
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
      const own = queries.filter((q) => !/Admin(Session|User)\b|AdminUserPermission/.test(q));
      return { ids: listRows(response.body).map((r) => Number(r.id)), sql: own };
    }

    const expected = (orderBy: object[], page: number) =>
      prisma.post.findMany({ orderBy: orderBy as never, skip: (page - 1) * PER_PAGE, take: PER_PAGE, select: { id: true } }).then((rows) => rows.map((r) => r.id));

    test('a deep page: the same rows in the same order as an OFFSET query, keys first through the index', async () => {
      const { ids, sql } = await pageOf(`/admin/post/?page=${DEEP_PAGE}`);
      assert.deepEqual(ids, await expected([{ createdAt: 'desc' }, { id: 'desc' }], DEEP_PAGE));
      const keysOnly = sql.filter((q) => /^SELECT\s+\S*"?id"?\S*\s+FROM\s+\S*Post\S*\s+WHERE[\s\S]*ORDER BY[\s\S]*OFFSET/i.test(q.replace(/`/g, '"')));
      assert.equal(keysOnly.length, 1, `one query reads only the keys:\n${sql.join('\n')}`);
      assert.ok(sql.some((q) => /"?id"?\S*\s+IN\s*\(/i.test(q.replace(/`/g, '"')) && !/OFFSET/i.test(q)), `then the rows by key:\n${sql.join('\n')}`);
      assert.ok(sql.length <= 4, `${sql.length} queries:\n${sql.join('\n')}`);
    });

    test('the last page and a shallow page: right rows; a shallow page is one query for its rows', async () => {
      const last = Math.ceil(POSTS / PER_PAGE);
      assert.deepEqual((await pageOf(`/admin/post/?page=${last}`)).ids, await expected([{ createdAt: 'desc' }, { id: 'desc' }], last));
      const shallow = await pageOf('/admin/post/?page=3');
      assert.deepEqual(shallow.ids, await expected([{ createdAt: 'desc' }, { id: 'desc' }], 3));
      assert.ok(shallow.sql.length <= 3, shallow.sql.join('\n'));
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
