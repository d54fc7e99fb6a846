// An export on SQLite must not hold the process: SQLite's driver is synchronous, and an export whose reader keeps up
// (a fast client; inject here) never leaves the microtask queue between its batches. Then no other request is served
// and no timer runs until the whole list is written (in the benchmark a server's 500 ms timer ran 5 times during a
// 41 s export of 1,000,000 posts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { freshSqliteDatabase } from '../support/databases.ts';
import { startDemoAppOn, type DemoApp } from '../support/demo-app.ts';

const POSTS = 20_000;
let demo: DemoApp;

before(async () => {
  demo = await startDemoAppOn(await freshSqliteDatabase(DEMO_SCHEMA));
  await demo.prisma.$executeRawUnsafe(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${POSTS})
    INSERT INTO Post (title, slug, body, status, publishedAt, createdAt, updatedAt, viewCount, rating, authorId, categoryId)
    SELECT 'Copy ' || i, 'copy-' || i, p.body, p.status, p.publishedAt, p.createdAt, p.updatedAt, p.viewCount, p.rating, p.authorId, p.categoryId
    FROM n CROSS JOIN (SELECT * FROM Post ORDER BY id LIMIT 1) AS p`);
});
after(() => demo?.close());

for (const format of ['csv', 'jsonl', 'xlsx']) {
  test(`a request sent during a ${format} export is answered before the export ends`, async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    let otherEnded = 0;
    let other: Promise<unknown> | undefined;
    // Sent once the export has started (its first batch is read before the response begins).
    const sendOther = setTimeout(() => {
      other = demo.browser.get('/admin/').then((r) => {
        assert.equal(r.statusCode, 200);
        otherEnded = performance.now();
      });
    }, 1);
    try {
      const exported = await demo.browser.get(`/admin/post/export?_columns=all&_format=${format}`);
      const exportEnded = performance.now();
      assert.equal(exported.statusCode, 200);
      assert.ok(exported.rawPayload.length > POSTS * 50, `the export has every post (${exported.rawPayload.length} bytes)`);
      assert.ok(other, `the 1 ms timer that sends the other request did not run before the export of ${POSTS} posts ended`);
      await other;
      assert.ok(otherEnded < exportEnded, `the index page was answered ${((otherEnded - exportEnded) / 1000).toFixed(2)} s after the export ended`);
      assert.ok(ticks >= 10, `a 5 ms timer ran ${ticks} times during the export of ${POSTS} posts`);
    } finally {
      clearInterval(ticker);
      clearTimeout(sendOther);
    }
  });
}
