// A client that goes away mid-download stops the export's query: on a real listening server, a download of 40,000
// posts is read for one chunk and aborted; the export's keyset batches (counted on the Prisma client) stop, far short
// of the whole list, and the audit entry says the download was cut off.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { openDemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { EXPORT_BATCH_SIZE } from '../../src/views/export/export-view.ts';
import { freshSqliteDatabase } from '../support/databases.ts';
import { startDemoAppOn, type DemoApp } from '../support/demo-app.ts';

const POSTS = 40_000;
let demo: DemoApp;
let batches = 0;

before(async () => {
  const db = await freshSqliteDatabase(DEMO_SCHEMA);
  const counted = (await openDemoClient(db.url)).$extends({
    query: { post: { findMany: ({ args, query }) => (batches++, query(args)) } },
  });
  demo = await startDemoAppOn(db, { server: { prisma: counted as never } });
  // Copies of one seeded post, written by SQLite itself (createMany of 40,000 rows takes long on a busy machine).
  await demo.prisma.$executeRawUnsafe(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${POSTS})
    INSERT INTO Post (title, slug, body, status, publishedAt, createdAt, updatedAt, viewCount, rating, authorId, categoryId)
    SELECT 'Bulk ' || i, 'bulk-' || i, p.body || p.body, p.status, p.publishedAt, p.createdAt, p.updatedAt, p.viewCount, p.rating, p.authorId, p.categoryId
    FROM n CROSS JOIN (SELECT * FROM Post ORDER BY id LIMIT 1) AS p`);
  await demo.app.listen({ port: 0, host: "127.0.0.1" });
});
// fetch's pool may hold a kept-alive connection, which the server would wait for (its keep-alive timeout).
after(async () => {
  demo?.app.server.closeAllConnections();
  await demo?.close();
});

test('aborting the download stops reading batches', async () => {
  const { port } = demo.app.server.address() as AddressInfo;
  const cookie = Object.entries(demo.browser.jar.all).map(([k, v]) => `${k}=${v}`).join('; ');
  const total = Math.ceil((await demo.prisma.post.count()) / EXPORT_BATCH_SIZE);
  const aborted = new AbortController();
  batches = 0;
  const response = await fetch(`http://127.0.0.1:${port}/admin/post/export?_columns=all`, { headers: { cookie }, signal: aborted.signal });
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  const first = await reader.read();
  assert.ok(first.value && first.value.length > 0);
  // The client reads nothing more: backpressure holds the server to what the socket's buffers take.
  await sleep(500);
  const held = batches;
  assert.ok(held < total, `backpressure: ${held} of ${total} batches read while the client did not read`);
  aborted.abort();
  await sleep(800);
  const atEnd = batches;
  await sleep(800);
  assert.equal(batches, atEnd, 'no batch is read after the disconnect');
  assert.ok(atEnd <= held + 1, `at most the batch in flight after the abort (${held} → ${atEnd})`);
  const entry = await demo.prisma.adminLogEntry.findFirst({ where: { action: 'export' }, orderBy: { id: 'desc' } });
  const details = JSON.parse(entry!.changeMessage).export;
  assert.equal(details.complete, false);
  assert.ok(details.rows < POSTS);
});
