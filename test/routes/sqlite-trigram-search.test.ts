// SQLite's contains search through the FTS5 trigram tables `check` advises (data/trigram-table.ts, created here from
// check's own advice): two copies of one demo database, one with the tables of Post's title and body, give the same
// page and the same count for every search (common and rare words, case, non-ASCII letters, % and _ taken literally,
// words too short for a trigram, several words, a quoted phrase, a filter, the author's name), and the admin's own
// statements use the table where it is there (EXPLAIN QUERY PLAN, from Prisma's query events). The table's triggers
// keep it in step with the admin's add, change and delete (FTS5's integrity-check against the posts).
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { demoSite } from '../../prisma/demo-admin.ts';
import { readSchemaFiles, sqliteFileOfUrl } from '../../scripts/db/apply-schema.ts';
import { buildDemoServer, DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { seed } from '../../scripts/seed.ts';
import { buildModelRegistry } from '../../src/admin/model-registry.ts';
import { searchIndexAdvice } from '../../src/data/index-advice.ts';
import { TRIGRAM_KEY_LIMIT } from '../../src/data/trigram-search.ts';
import { parseSchemaFiles } from '../../src/index.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshSqliteDatabase } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';
import { formFields, listRows, textOf } from '../support/html.ts';
import { testPasswordHash } from '../support/test-passwords.ts';

const THRESHOLD = 30;

interface Side {
  app: FastifyInstance;
  prisma: PrismaClient;
  browser: Browser;
  file: string;
  recorded: { query: string; params: string }[] | null;
}

let db: Awaited<ReturnType<typeof freshSqliteDatabase>>;
let plain: Side;
let indexed: Side;

async function start(file: string): Promise<Side> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }), log: [{ emit: 'event', level: 'query' }] });
  const side: Side = { app: undefined!, prisma, browser: undefined!, file, recorded: null };
  (prisma as unknown as { $on(e: 'query', cb: (e: { query: string; params: string }) => void): void }).$on('query', (e) => side.recorded?.push({ query: e.query, params: e.params }));
  side.app = await buildDemoServer(`file:${file}`, { prisma: prisma as never, countEstimateAbove: THRESHOLD });
  await side.app.ready();
  side.browser = await new Browser(side.app).login();
  return side;
}

before(async () => {
  db = await freshSqliteDatabase(DEMO_SCHEMA);
  const seeder = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFileOfUrl(db.url) }) });
  await seed(seeder as never, TEST_SIZE);
  await seeder.post.create({ data: { title: 'Ünïcode Éclair 50% off_now', slug: 'unicode-eclair', body: 'Crème BRÛLÉE at 50%, a_b and a%b', authorId: 1 } });
  await seeder.$disconnect();
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password }, { hash: testPasswordHash });
  // More posts than the trigram keys the search binds: a common word's count is then driven by the table.
  const sqlite = new Database(sqliteFileOfUrl(db.url));
  const columns = (sqlite.prepare('PRAGMA table_info("Post")').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
  const copies = Math.ceil((TRIGRAM_KEY_LIMIT + 2_000) / TEST_SIZE.posts);
  sqlite.exec(`INSERT INTO "Post" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${columns.map((c) => (c === 'slug' ? `"slug" || '-copy-' || k.n` : `"${c}"`)).join(', ')}
    FROM "Post", (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${copies}) SELECT n FROM c) k`);
  sqlite.close();
  const copy = path.join(path.dirname(db.path), 'with-trigram.db');
  copyFileSync(db.path, copy);
  const withTables = new Database(copy);
  const schema = parseSchemaFiles(readSchemaFiles(DEMO_SCHEMA));
  const admin = buildModelRegistry(schema, demoSite()).get('post')!;
  for (const searchPath of admin.search.filter((p) => p.relations.length === 0)) {
    const advice = searchIndexAdvice(schema, admin.model, searchPath);
    assert.equal(advice?.kind, 'fts5trigram', JSON.stringify(advice));
    for (const statement of advice.statements!) withTables.exec(statement);
  }
  withTables.close();
  plain = await start(db.path);
  indexed = await start(copy);
});

after(async () => {
  for (const side of [plain, indexed]) {
    await side?.app.close();
    await side?.prisma.$disconnect();
  }
  await db?.cleanup();
});

/** The page's row ids and its result count line. */
async function listOf(side: Side, query: string): Promise<{ ids: string[]; count: string }> {
  const response = await side.browser.get(`/admin/post/?${query}`);
  assert.equal(response.statusCode, 200, textOf(response.body).slice(0, 300));
  return { ids: listRows(response.body).map((r) => r.id), count: textOf(/<p class="result-count">([\s\S]*?)<\/p>/.exec(response.body)?.[1] ?? '') };
}

const SEARCHES = ['the', 'THE', 'tHe', 'post', 'lorem', 'zzzqqq', 'éclair', 'ÉCLAIR', 'brûlée', '50%', '%', 'a_b', 'a%b', 'off_now', 'ab', 'x',
  'the post', '"crème brûlée"', 'éclair 50%', 'the zzzqqq'];

describe('the same rows with and without the trigram tables', () => {
  for (const q of SEARCHES) {
    test(`search ${q}`, async () => {
      for (const query of [`q=${encodeURIComponent(q)}`, `q=${encodeURIComponent(q)}&exact=1`, `q=${encodeURIComponent(q)}&status__exact=published`, `q=${encodeURIComponent(q)}&p=3`]) {
        assert.deepEqual(await listOf(indexed, query), await listOf(plain, query), query);
      }
    });
  }

  test('the author’s name (a relation path) and a common word together', async () => {
    const author = await plain.prisma.author.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const word = author.name.split(' ')[0]!;
    for (const query of [`q=${encodeURIComponent(word)}`, `q=${encodeURIComponent(`${word} the`)}&exact=1`]) {
      const found = await listOf(indexed, query);
      assert.ok(found.ids.length > 0, query);
      assert.deepEqual(found, await listOf(plain, query), query);
    }
  });
});

/** The plans of the Post statements the admin ran for a list page. */
async function plansOf(side: Side, query: string): Promise<{ sql: string; plan: string }[]> {
  const explainer = new Database(side.file, { readonly: true });
  try {
    side.recorded = [];
    await listOf(side, query);
    const statements = side.recorded.filter((r) => /FROM [`"](main[`"]\.[`"])?Post/.test(r.query));
    return statements.map(({ query: sql, params }) => {
      const values = (JSON.parse(params) as unknown[]).map((v) => (typeof v === 'boolean' ? Number(v) : v));
      return { sql, plan: (explainer.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((p) => p.detail).join('\n') };
    });
  } finally {
    side.recorded = null;
    explainer.close();
  }
}

test('EXPLAIN QUERY PLAN: a rare word’s page reads posts by key, a common word’s count is driven by the trigram table', async () => {
  const rare = await plansOf(indexed, 'q=%C3%A9clair');
  assert.ok(rare.some((p) => /SCAN (main\.)?Post_(title|body)_trigram VIRTUAL TABLE INDEX \d+:M/.test(p.plan)), rare.map((p) => p.plan).join('\n---\n'));
  const page = rare.find((p) => /ORDER BY/.test(p.sql) && /LIMIT/.test(p.sql) && !/_trigram/.test(p.sql));
  assert.ok(page, rare.map((p) => p.sql).join('\n'));
  assert.doesNotMatch(page.plan, /SCAN (main\.)?Post\b(?! USING)/, page.plan);
  // A word no post has: its where is false before any row is read (no LIKE left to try on every post).
  const none = await plansOf(indexed, 'q=zzzqqq');
  assert.ok(none.every((p) => !/LIKE/.test(p.sql)), none.map((p) => p.sql).join('\n---\n'));
  assert.ok((await plansOf(plain, 'q=zzzqqq')).some((p) => /LIKE/.test(p.sql)));
  const common = await plansOf(indexed, 'q=the');
  const count = common.find((p) => /COUNT\(\*\)/i.test(p.sql));
  assert.ok(count, common.map((p) => p.sql).join('\n'));
  assert.match(count.plan, /SCAN (main\.)?Post_body_trigram VIRTUAL TABLE INDEX \d+:M/, count.plan);
  assert.match(count.plan, /SEARCH (main\.)?Post USING INTEGER PRIMARY KEY/, count.plan);

  // Without the tables the same page and count read every post.
  const without = await plansOf(plain, 'q=zzzqqq');
  assert.ok(without.every((p) => !/_trigram/.test(p.plan)), without.map((p) => p.plan).join('\n---\n'));
  assert.ok(without.some((p) => /SCAN (main\.)?Post\b/.test(p.plan)), without.map((p) => p.plan).join('\n---\n'));
});

test('the triggers keep the table in step with the admin’s add, change and delete', async () => {
  const { browser } = indexed;
  const blank = formFields((await browser.get('/admin/post/add')).body, '/add');
  const added = await browser.post('/admin/post/add', { ...blank, title: 'Quokkaesque arrival', slug: 'quokkaesque', body: 'text', author: '1', status: 'draft', _save: '1' });
  assert.equal(added.statusCode, 303, textOf(added.body).slice(0, 400));
  const post = await indexed.prisma.post.findFirstOrThrow({ where: { slug: 'quokkaesque' } });
  assert.deepEqual((await listOf(indexed, 'q=quokkaesque')).ids, [String(post.id)]);

  const form = formFields((await browser.get(`/admin/post/${post.id}/change`)).body, '/change');
  const changed = await browser.post(`/admin/post/${post.id}/change`, { ...form, title: 'Wombatish departure', _save: '1' });
  assert.equal(changed.statusCode, 303, textOf(changed.body).slice(0, 400));
  assert.deepEqual((await listOf(indexed, 'q=quokkaesque')).ids, []);
  assert.deepEqual((await listOf(indexed, 'q=wombatish')).ids, [String(post.id)]);

  const confirm = await browser.get(`/admin/post/${post.id}/delete`);
  const deleted = await browser.post(`/admin/post/${post.id}/delete`, formFields(confirm.body, `/admin/post/${post.id}/delete`));
  assert.equal(deleted.statusCode, 303, textOf(deleted.body).slice(0, 400));
  assert.deepEqual((await listOf(indexed, 'q=wombatish')).ids, []);

  // FTS5 compares an external-content table with its content table: it fails when a trigger missed a write.
  const sqlite = new Database(indexed.file);
  try {
    for (const table of ['Post_title_trigram', 'Post_body_trigram']) sqlite.exec(`INSERT INTO "${table}"("${table}", rank) VALUES ('integrity-check', 1)`);
  } finally {
    sqlite.close();
  }
});
