// The queries for a relation to a large table (more records than a form's SELECT_LIMIT, so more than a list filter's
// RELATION_FILTER_LIMIT too: a search box on both pages). Once a change form has found the table large it is not
// read again for every form (for LARGE_TABLE_RECHECK_MS), and the selected record's label comes from the record the
// form read with its relations, not from a query of its own. Once a list page has found it large, the next pages do
// not read its first records for the filter either (the demo's author filter is read by the batched labels query,
// list-labels.ts; the Prisma path, list-filters.ts, for keys the batch cannot read, still reads them on every page),
// and the chip of a selected author still names it. Each page is the same as the one that ran those queries.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { demoSite, DEMO_TEMPLATES } from '../../prisma/demo-admin.ts';
import { openDemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { seed } from '../../scripts/seed.ts';
import { createAdminServer } from '../../src/index.ts';
import { SELECT_LIMIT } from '../../src/views/relation-choices.ts';
import { RELATION_FILTER_LIMIT } from '../../src/data/filters/relation-search.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshSqliteDatabase, type FreshSqliteDatabase } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';

let db: FreshSqliteDatabase;
let prisma: PrismaClient;
let app: FastifyInstance;
let browser: Browser;
const queries: string[] = [];

before(async () => {
  db = await freshSqliteDatabase(DEMO_SCHEMA);
  const seeder = await openDemoClient(db.url);
  await seed(seeder, { ...TEST_SIZE, authors: Math.max(SELECT_LIMIT, RELATION_FILTER_LIMIT) + 20 });
  await seeder.$disconnect();
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
  const logging = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: db.path }), log: [{ emit: 'event', level: 'query' }] });
  logging.$on('query', (event) => queries.push(event.query));
  prisma = logging as unknown as PrismaClient;
  app = await createAdminServer({ schema: DEMO_SCHEMA, prisma, site: demoSite(), templates: DEMO_TEMPLATES });
  browser = await new Browser(app).login();
});

after(async () => {
  await app?.close();
  await prisma?.$disconnect();
  await db?.cleanup();
});

const withoutToken = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/_csrf=[^"&]*/g, '');
const authorQueries = () => queries.filter((sql) => /FROM [`"]?(main[`"]?\.)?[`"]?Author[`"]? /.test(sql));

test('a change form reads a large related table once, then only the record with its relations', async () => {
  const post = await prisma.post.findFirstOrThrow({ include: { author: true }, orderBy: { id: 'asc' } });
  const url = `/admin/post/${post.id}/change`;
  queries.length = 0;
  const first = await browser.get(url);
  assert.equal(first.statusCode, 200);
  // The include of the record and the table read (found large); the selected author's label is the include's.
  assert.equal(authorQueries().length, 2, authorQueries().join('\n'));
  assert.match(first.body, new RegExp(`Currently: ${post.author.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

  queries.length = 0;
  const second = await browser.get(url);
  assert.equal(second.statusCode, 200);
  assert.equal(authorQueries().length, 1, `only the record's include reads Author:\n${authorQueries().join('\n')}`);
  assert.equal(withoutToken(second.body), withoutToken(first.body));

  // Another post's form: its own author's label, still without a query of its own.
  const other = await prisma.post.findFirstOrThrow({ where: { authorId: { not: post.authorId } }, include: { author: true } });
  queries.length = 0;
  const page = await browser.get(`/admin/post/${other.id}/change`);
  assert.match(page.body, new RegExp(`Currently: ${other.author.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.equal(authorQueries().length, 1, authorQueries().join('\n'));
});

/** The reads of the authors' first records by name (the filter's choices), in whatever query they are. */
const authorListReads = () => queries.filter((sql) => /FROM [`"]?(main[`"]?\.)?[`"]?Author[`"]?\s+(AS \S+ )?(WHERE 1=1 )?ORDER BY/.test(sql));

test('a list page reads a large related table once for its filter, then only the rows it shows', async () => {
  queries.length = 0;
  const first = await browser.get('/admin/post/');
  assert.equal(first.statusCode, 200);
  assert.equal(authorListReads().length, 1, `the first page reads the authors' first records:\n${queries.join('\n')}`);
  assert.match(first.body, /name="author__search"/, 'the author filter is a search box');

  queries.length = 0;
  const second = await browser.get('/admin/post/');
  assert.equal(second.statusCode, 200);
  assert.equal(authorListReads().length, 0, `the next page does not:\n${queries.join('\n')}`);
  assert.equal(withoutToken(second.body), withoutToken(first.body));
});

test("with an author selected, the search box's chip still names the author, without the table's first records", async () => {
  const author = await prisma.author.findFirstOrThrow({ orderBy: { name: 'desc' } });
  queries.length = 0;
  const page = await browser.get(`/admin/post/?author__exact=${author.id}`);
  assert.equal(page.statusCode, 200);
  assert.equal(authorListReads().length, 0, queries.join('\n'));
  assert.ok(page.body.includes(author.name.replace(/&/g, '&amp;').replace(/'/g, '&#39;')), `the chip names ${author.name}`);
});
