// A list page costs a fixed number of SQL queries: relation columns come with the rows (no query per row), so 10 rows
// per page and 50 rows per page run the same number of queries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { openDemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { seed } from '../../scripts/seed.ts';
import { AdminSite, createAdminServer, ModelAdmin } from '../../src/index.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { TEST_SIZE } from '../support/demo-app.ts';
import { freshSqliteDatabase, type FreshSqliteDatabase } from '../support/databases.ts';
import { listRows, resultCount } from '../support/html.ts';

/** The demo's admin classes, with a page size of our choosing. */
function siteWithPageSize(perPage: number): AdminSite {
  class PostAdmin extends ModelAdmin {
    listDisplay = ['title', 'author', 'category', 'status', 'publishedAt'];
    listFilter = ['status', 'category', 'author', 'publishedAt'];
    searchFields = ['title', 'body', 'author.name'];
    ordering = ['-createdAt'];
    listPerPage = perPage;
  }
  class CommentAdmin extends ModelAdmin {
    listDisplay = ['authorName', 'post', 'approved', 'createdAt'];
    listFilter = ['approved', 'createdAt'];
    listPerPage = perPage;
  }
  class AuthorAdmin extends ModelAdmin {
    listPerPage = perPage;
  }
  return new AdminSite().register('Post', PostAdmin).register('Comment', CommentAdmin).register('Author', AuthorAdmin);
}

let db: FreshSqliteDatabase;
let prisma: PrismaClient;
const queries: string[] = [];
const apps: { perPage: number; app: FastifyInstance; browser: Browser }[] = [];

before(async () => {
  db = await freshSqliteDatabase(DEMO_SCHEMA);
  const seeder = await openDemoClient(db.url);
  await seed(seeder, TEST_SIZE);
  await seeder.$disconnect();
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
  const logging = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: db.path }), log: [{ emit: 'event', level: 'query' }] });
  logging.$on('query', (event) => queries.push(event.query));
  prisma = logging as unknown as PrismaClient;
  for (const perPage of [10, 50]) {
    const app = await createAdminServer({ schema: DEMO_SCHEMA, prisma, site: siteWithPageSize(perPage) });
    const browser = await new Browser(app).login();
    apps.push({ perPage, app, browser });
  }
});

after(async () => {
  for (const { app } of apps) await app.close();
  await prisma?.$disconnect();
  await db?.cleanup();
});

/** The SQL queries one GET runs (the page is asked twice; the second count is kept, after any warm-up). */
async function queriesFor(browser: Browser, url: string): Promise<{ count: number; rows: number; sql: string[] }> {
  await browser.get(url);
  queries.length = 0;
  const response = await browser.get(url);
  assert.equal(response.statusCode, 200, url);
  return { count: queries.length, rows: listRows(response.body).length, sql: [...queries] };
}

describe('queries per list page', () => {
  const pages = [
    '/admin/post/',
    '/admin/post/?sort=-author',
    '/admin/post/?q=the&status__exact=published&sort=category',
    '/admin/post/?category__exact=2&publishedAt__date=year',
    '/admin/post/?page=2',
    '/admin/comment/',
    '/admin/comment/?sort=post&approved__exact=true',
    '/admin/author/',
  ];
  for (const url of pages) {
    test(`${url}: the same number of queries for 10 and for 50 rows`, async () => {
      const [small, large] = [await queriesFor(apps[0].browser, url), await queriesFor(apps[1].browser, url)];
      if (resultCount((await apps[1].browser.get(url)).body) > 10) assert.ok(large.rows > small.rows, `${url}: more rows on the larger page (${small.rows} vs ${large.rows})`);
      assert.equal(large.count, small.count, `${url}: ${small.count} queries for ${small.rows} rows, ${large.count} for ${large.rows}:\n${large.sql.join('\n')}`);
      assert.ok(small.count <= 15, `${url}: a handful of queries, not one per row (${small.count})`);
    });
  }

  // The login session check (session, user, permissions) comes first on every page; the page's own queries follow.
  const pageQueries = (sql: string[]) => sql.filter((q) => !/[`"]Admin(Session|User|UserPermission)[`"]/.test(q));

  test('the post list: one count, one page of rows, and one query for every related label and filter choice', async () => {
    const sql = pageQueries((await queriesFor(apps[1].browser, '/admin/post/')).sql);
    assert.equal(sql.length, 3, `count + rows + labels:\n${sql.join('\n')}`);
    const postSelects = sql.filter((q) => /FROM (`main`\.`Post`|"Post")/.test(q));
    assert.equal(postSelects.length, 2, `count + rows:\n${sql.join('\n')}`);
    // Prisma's count wraps the table in a subquery, which SQLite walks row by row; a plain COUNT(*) reads the b-tree.
    assert.ok(sql.some((q) => /^SELECT COUNT\(\*\) AS total FROM "Post"$/.test(q)), `the unfiltered list counts with a plain COUNT(*):\n${sql.join('\n')}`);
    const labels = sql.find((q) => /UNION ALL/.test(q));
    assert.ok(labels && /"Author"/.test(labels) && /"Category"/.test(labels), `one query for the author and category columns and filters:\n${sql.join('\n')}`);
  });

  test('filtered by author and category, searched and sorted: three queries, and one for the authors the search matches', async () => {
    const sql = pageQueries((await queriesFor(apps[1].browser, '/admin/post/?q=the&author__exact=1&category__exact=2&sort=-author')).sql);
    assert.equal(sql.length, 4, sql.join('\n'));
    // author.name is looked up first (relation-search-keys.ts): the count and the rows filter authorId, no join for it.
    assert.match(sql[0], /^SELECT `main`\.`Author`\.`id` FROM `main`\.`Author` WHERE/, sql[0]);
    for (const q of sql.filter((q) => /FROM `main`\.`Post`/.test(q))) assert.doesNotMatch(q, /WHERE[\s\S]*`Author`/, q);
  });
});
