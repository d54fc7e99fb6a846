// SQLite: a filtered or searched list is counted up to the threshold (countEstimateAbove; 10,000 by default there):
// more matching rows show "More than N posts (counted up to N; count exactly)", the exact count a click away, and the
// pages that count knows of; a list within the threshold, and the unfiltered list, keep their exact count. The demo
// with 120 posts and a threshold of 30 makes the small lists large.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteFileOfUrl } from '../../scripts/db/apply-schema.ts';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { startDemoApp, startDemoAppOn, type DemoApp } from '../support/demo-app.ts';
import { freshSqliteDatabase } from '../support/databases.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { links, listRows, resultCount, textOf } from '../support/html.ts';

const THRESHOLD = 30;

describe('SQLite bounded counts of filtered lists', () => {
  let demo: DemoApp;
  /** Status values by how many posts have them. */
  let byStatus: { status: string; n: number }[];
  before(async () => {
    demo = await startDemoApp({ server: { countEstimateAbove: THRESHOLD } });
    const groups = await demo.prisma.post.groupBy({ by: ['status'], _count: { _all: true } });
    byStatus = groups.map((g) => ({ status: g.status, n: g._count._all })).sort((a, b) => b.n - a.n);
  });
  after(async () => demo?.close());

  const list = async (query: string) => {
    const response = await demo.browser.get(`/admin/post/?${query}`);
    assert.equal(response.statusCode, 200, textOf(response.body).slice(0, 300));
    return response.body;
  };
  const boundedText = (html: string) => /<p class="result-count">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';

  test('a filter matching more rows than the threshold says "more than", and links the exact count', async () => {
    const large = byStatus[0];
    assert.ok(large.n > THRESHOLD && large.n <= 100, `the seed's largest status has ${large.n} posts`);
    const html = await list(`status__exact=${large.status}`);
    assert.match(textOf(boundedText(html)), new RegExp(`^More than ${THRESHOLD} posts \\(counted up to ${THRESHOLD}; count exactly\\s*\\)$`));
    assert.match(textOf(html), new RegExp(`Select all more than ${THRESHOLD} posts`));
    const exact = links(html).find((href) => /[?&]exact=1/.test(href));
    assert.ok(exact, 'a link to the exact count');
    assert.equal(resultCount(await list(exact.slice(1))), large.n);
  });

  test('a filter within the threshold, and the unfiltered list, are counted exactly', async () => {
    const small = byStatus.find((s) => s.n <= THRESHOLD && s.n > 0);
    assert.ok(small, JSON.stringify(byStatus));
    const html = await list(`status__exact=${small.status}`);
    assert.equal(resultCount(html), small.n);
    assert.doesNotMatch(textOf(html), /More than|count exactly/);
    assert.equal(resultCount(await list('')), await demo.prisma.post.count());
  });

  test('a search counted up to the threshold; its exact count is the one LIKE finds', async () => {
    const db = new Database(sqliteFileOfUrl(demo.url), { readonly: true });
    const word = 'the';
    const { n } = db.prepare(`SELECT COUNT(*) AS n FROM Post WHERE title LIKE ? OR body LIKE ? OR authorId IN (SELECT id FROM Author WHERE name LIKE ?)`)
      .get(...Array(3).fill(`%${word}%`)) as { n: number };
    db.close();
    assert.ok(n > THRESHOLD, `${n} posts contain "${word}"`);
    assert.match(textOf(boundedText(await list(`q=${word}`))), /^More than 30 posts/);
    assert.equal(resultCount(await list(`q=${word}&exact=1`)), n);
  });

  test('the pages a bounded count knows of: a full page links the next, whose rows follow on', async () => {
    const large = byStatus[0];
    assert.ok(large.n > 50 && large.n < 100, `the seed's largest status has ${large.n} posts`);
    const first = await list(`status__exact=${large.status}`);
    assert.match(textOf(boundedText(first)), /^More than/);
    assert.equal(listRows(first).length, 50);
    assert.ok(links(first).some((href) => /[?&]page=2(&|$)/.test(href)), 'page 1 links page 2');
    const second = await list(`status__exact=${large.status}&page=2`);
    const rows = listRows(second);
    assert.equal(rows.length, large.n - 50);
    assert.ok(!rows.some((r) => listRows(first).some((f) => f.id === r.id)));
    assert.doesNotMatch(second, /rel="next"/);
  });
});

class FacetedPosts extends ModelAdmin {
  listDisplay = ['title', 'status'];
  listFilter = ['status', 'category'];
  // Counts beside the choices, on lists of at most FACETS_ROW_LIMIT (10,000) rows.
  showFacets = 'always' as const;
}

describe('SQLite bounded counts: the default threshold', () => {
  let demo: DemoApp;
  let faceted: DemoApp;
  before(async () => {
    demo = await startDemoApp();
    faceted = await startDemoAppOn(await freshSqliteDatabase(DEMO_SCHEMA), { server: { site: new AdminSite().register('Post', FacetedPosts) } });
    // 10,001 more drafts, copies of one post: more than the default threshold.
    const db = new Database(sqliteFileOfUrl(demo.url));
    db.exec(`INSERT INTO Post (title, slug, body, status, createdAt, updatedAt, viewCount, authorId, categoryId)
      SELECT title, slug || '-copy-' || c.n, body, 'draft', createdAt, updatedAt, viewCount, authorId, categoryId
      FROM Post, (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10001) SELECT n FROM c) AS c
      WHERE Post.id = (SELECT MIN(id) FROM Post)`);
    db.close();
    {
      const file = sqliteFileOfUrl(faceted.url);
      const copy = new Database(file);
      copy.exec(`INSERT INTO Post (title, slug, body, status, createdAt, updatedAt, viewCount, authorId, categoryId)
        SELECT title, slug || '-copy-' || c.n, body, 'draft', createdAt, updatedAt, viewCount, authorId, categoryId
        FROM Post, (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10001) SELECT n FROM c) AS c
        WHERE Post.id = (SELECT MIN(id) FROM Post)`);
      copy.close();
    }
  });
  after(async () => {
    await demo?.close();
    await faceted?.close();
  });

  test('a list counted past it is no list of at most 10,000 rows: facets shown `always` are not counted', async () => {
    const large = (await faceted.browser.get('/admin/post/?status__exact=draft')).body;
    assert.match(textOf(large), /More than 10,000 posts/);
    assert.doesNotMatch(large, /class="facet-count"/);
    const small = (await faceted.browser.get('/admin/post/?status__exact=published')).body;
    assert.match(small, /class="facet-count"/);
  });

  test('is 10,000 rows on SQLite', async () => {
    const drafts = await demo.prisma.post.count({ where: { status: 'draft' } });
    assert.ok(drafts > 10_001);
    const html = (await demo.browser.get('/admin/post/?status__exact=draft')).body;
    assert.match(textOf(html), /More than 10,000 posts \(counted up to 10,000; count exactly/);
    assert.equal(resultCount((await demo.browser.get('/admin/post/?status__exact=draft&exact=1')).body), drafts);
  });
});

describe('SQLite bounded counts: the raw count counts what Prisma counts', () => {
  let demo: DemoApp;
  // A threshold no list reaches: the raw bounded count is the exact count, and `exact=1` is Prisma's.
  before(async () => {
    demo = await startDemoApp({ server: { countEstimateAbove: 1_000_000 } });
  });
  after(async () => demo?.close());

  const QUERIES = [
    'q=prisma', 'q=PRISMA', 'q=PrIsMa', 'q=zo%C3%AB', 'q=ZO%C3%8B', 'q=%C5%81ukasiewicz', 'q=%25', 'q=_', 'q=a%25b', 'q=%5C',
    "q=o'c", 'q=e', 'q=%22the+team%22', 'q=the+index', 'status__exact=draft&q=the', 'category__isnull=true',
    'tags__id__exact=1', 'publishedAt__isnull=true&q=a', 'viewCount__gte=100&status__exact=published',
  ];

  test('for searches with wildcards, case, accents and quotes, and filters', async () => {
    for (const query of QUERIES) {
      const raw = (await demo.browser.get(`/admin/post/?${query}`)).body;
      const prisma = (await demo.browser.get(`/admin/post/?${query}&exact=1`)).body;
      assert.doesNotMatch(textOf(raw), /More than/, query);
      assert.equal(resultCount(raw), resultCount(prisma), query);
    }
  });
});
