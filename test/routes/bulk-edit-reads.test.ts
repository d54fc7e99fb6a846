// What "Edit selected" reads and writes per batch (issue 19), on SQLite and PostgreSQL: with the admin's default hooks
// it reads of each row only its key, the edited columns and its label field (never a post's body); on PostgreSQL it
// locks and reads a batch in one statement; its UPDATE binds the batch's keys as one value; and the rows, their
// @updatedAt and their audit entries come out as before. With a hasChangePermission(request, record) of the admin's
// own, the hook still sees every stored field (here the comment's body, neither edited nor its label).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { openDemoClient, type DemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { freshPostgresDatabase, freshSqliteDatabase, postgresAvailable } from '../support/databases.ts';
import { startDemoAppOn, type DemoApp } from '../support/demo-app.ts';
import { mainOf, messagesOf, textOf } from '../support/html.ts';

const BATCH = 500;
const DRAFTS = BATCH * 2 + 100;
const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

function site() {
  return new AdminSite()
    .register('Post', class extends ModelAdmin {
      override listFilter = ['status'];
      override bulkEdit = ['status'];
    })
    .register('Comment', class extends ModelAdmin {
      override listFilter = ['approved'];
      override bulkEdit = ['approved'];
      override hasChangePermission(request: FastifyRequest, record?: Record<string, unknown>) {
        return !String(record?.body ?? '').startsWith('Refused') && super.hasChangePermission(request, record);
      }
    });
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`what a bulk edit reads and writes on ${provider}`, { skip: provider === 'postgresql' && !(await postgresAvailable()) ? 'no PostgreSQL server' : false }, () => {
    // The admin's client logs its statements, to look at them.
    const statements: string[] = [];
    let client: DemoClient | undefined;
    let demo: DemoApp;
    before(async () => {
      const db = provider === 'sqlite' ? await freshSqliteDatabase(DEMO_SCHEMA) : await freshPostgresDatabase(DEMO_SCHEMA);
      client = await openDemoClient(db.url, { log: [{ emit: 'event', level: 'query' }] });
      (client as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }).$on('query', (e) => statements.push(e.query));
      demo = await startDemoAppOn(db, { server: { site: site(), prisma: client, bulkBatchSize: BATCH } });
      const author = await demo.prisma.author.findFirstOrThrow();
      await demo.prisma.post.updateMany({ where: { status: 'draft' }, data: { status: 'published' } });
      await demo.prisma.post.createMany({ data: Array.from({ length: DRAFTS }, (_, i) => ({ title: `Read ${i}`, slug: `read-${i}`, body: `A long body ${i}`, status: 'draft' as const, authorId: author.id })) });
    });
    after(async () => {
      await demo?.close();
      await client?.$disconnect();
    });

    const postStatements = () => statements.filter((sql) => /["`]Post["`]/.test(sql));

    test('the preview and the run read the key, the edited column and the label, one lock-and-read per batch on PostgreSQL', async () => {
      const before = new Map((await demo.prisma.post.findMany({ where: { status: 'draft' }, select: { id: true, updatedAt: true } })).map((p) => [p.id, p.updatedAt]));
      assert.equal(before.size, DRAFTS);
      const form = { action: 'bulk_edit', select_across: '1', _across_query: 'status__exact=draft', be_on_status: '1', in_status: 'archived' };
      statements.length = 0;
      const preview = await demo.browser.post('/admin/post/action', { ...form, _preview: '1' });
      assert.equal(preview.statusCode, 200, show(preview));
      assert.match(textOf(mainOf(preview.body)), new RegExp(`This changes ${DRAFTS.toLocaleString('en-US')} posts`));
      assert.deepEqual(postStatements().filter((sql) => /"body"|`body`/.test(sql)), [], 'the preview reads no body');

      statements.length = 0;
      const done = await demo.browser.post('/admin/post/action', { ...form, post: 'yes' });
      assert.equal(done.statusCode, 303, show(done));
      const run = postStatements();
      assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), new RegExp(`Changed ${DRAFTS.toLocaleString('en-US')} posts`));
      assert.deepEqual(run.filter((sql) => /"body"|`body`/.test(sql)), [], 'the run reads no body');
      const batches = Math.ceil(DRAFTS / BATCH);
      const updates = run.filter((sql) => /^UPDATE/i.test(sql));
      assert.equal(updates.length, batches, 'one UPDATE per batch');
      for (const sql of updates) assert.ok((sql.match(/\?|\$\d+/g) ?? []).length <= 4, `the keys of a batch are bound as one value: ${sql.slice(0, 300)}`);
      if (provider === 'postgresql') {
        const locks = run.filter((sql) => /FOR UPDATE/.test(sql));
        assert.equal(locks.length, batches, 'one lock per batch');
        assert.ok(locks.every((sql) => /"status"/.test(sql) && /"title"/.test(sql)), 'the lock reads the edited column and the label');
        assert.equal(run.length, batches * 3 + 1, 'per batch: the keyset read, the lock-and-read, the UPDATE (and the count before the run)');
      } else assert.equal(run.length, batches * 2 + 1, 'per batch: the keyset read, the UPDATE (and the count before the run)');

      const after = await demo.prisma.post.findMany({ where: { id: { in: [...before.keys()] } }, select: { id: true, title: true, status: true, updatedAt: true } });
      assert.ok(after.every((p) => p.status === 'archived'));
      assert.ok(after.every((p) => p.updatedAt instanceof Date && p.updatedAt.getTime() > before.get(p.id)!.getTime()), '@updatedAt set, as updateMany sets it');
      const entries = await demo.prisma.adminLogEntry.findMany({ where: { model: 'Post', action: 'change', objectId: { in: after.map((p) => String(p.id)) } } });
      assert.equal(entries.length, DRAFTS, 'one entry per row');
      const titles = new Map(after.map((p) => [String(p.id), p.title]));
      assert.ok(entries.every((e) => e.objectRepr === titles.get(e.objectId)), 'each entry named by its own title');
      assert.ok(entries.every((e) => JSON.stringify(JSON.parse(e.changeMessage).changes.map((c: { field: string; old: string; new: string }) => [c.field, c.old, c.new])) === '[["status","draft","archived"]]'), entries[0]?.changeMessage);
    });

    test('a hasChangePermission of the admin\'s own sees every stored field of each row', async () => {
      const post = await demo.prisma.post.findFirstOrThrow();
      await demo.prisma.comment.updateMany({ data: { approved: true } });
      await demo.prisma.comment.createMany({ data: Array.from({ length: BATCH + 20 }, (_, i) => ({ postId: post.id, authorName: `Reader ${i}`, body: i % 7 === 0 ? `Refused ${i}` : `Fine ${i}`, approved: false })) });
      const refused = await demo.prisma.comment.count({ where: { approved: false, body: { startsWith: 'Refused' } } });
      const form = { action: 'bulk_edit', select_across: '1', _across_query: 'approved__exact=0', be_on_approved: '1', in_approved: 'on' };
      const done = await demo.browser.post('/admin/comment/action', { ...form, post: 'yes' });
      assert.equal(done.statusCode, 303, show(done));
      assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), new RegExp(`${refused} comments you may not change were left as they were`));
      const left = await demo.prisma.comment.findMany({ where: { approved: false }, select: { body: true } });
      assert.equal(left.length, refused);
      assert.ok(left.every((c) => c.body.startsWith('Refused')));
    });
  });
}
