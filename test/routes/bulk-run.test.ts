// A bulk run over more than one batch (1,100+ rows, batches of 500: the bulkBatchSize option), on SQLite and PostgreSQL:
// a row that fails in the
// middle leaves the table as it was; rows the per-record hook refuses are listed on the confirmation page and left
// alone; site-wide actions, disableAction('deleteSelected'), actionsOnBottom.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { action, AdminSite, BulkRowError, ModelAdmin } from '../../src/index.ts';
import type { FastifyRequest } from 'fastify';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { startDemoApp, startDemoAppOn, type DemoApp } from '../support/demo-app.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { mainOf, messagesOf, textOf } from '../support/html.ts';

const FAILING = 'The post that refuses';
const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

function site() {
  const archiveAll = action<{ id: number; title: string }>({
    name: 'archive_all',
    label: 'Archive all',
    async run({ records, client }) {
      // Writes its batch first, then meets the failing row: nothing of either batch may stay.
      await client.post.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { status: 'archived' } });
      const failing = records.find((r) => r.title === FAILING);
      if (failing) throw new BulkRowError(failing, 'This post refuses to be archived.');
    },
  });
  const touch = action({ name: 'touch', label: 'Touch (site-wide)', async run() {} });
  return new AdminSite({ actions: [touch] })
    .disableAction('deleteSelected')
    .register('Post', class extends ModelAdmin {
      override listPerPage = 50;
      override listFilter = ['status'];
      override actions = [archiveAll];
      override bulkEdit = ['status'];
      override actionsOnBottom = true;
      override hasChangePermission(request: FastifyRequest, record?: Record<string, unknown>) {
        return !String(record?.title ?? '').startsWith('Locked') && super.hasChangePermission(request, record);
      }
    });
}

async function addPosts(demo: DemoApp) {
  const author = await demo.prisma.author.findFirstOrThrow();
  const data = Array.from({ length: 1100 }, (_, i) => ({ title: i === 700 ? FAILING : `Bulk ${i}`, slug: `bulk-${i}`, body: 'x', status: 'draft' as const, authorId: author.id }));
  await demo.prisma.post.createMany({ data });
  await demo.prisma.post.createMany({ data: [1, 2].map((n) => ({ title: `Locked ${n}`, slug: `locked-${n}`, body: 'x', status: 'draft' as const, authorId: author.id })) });
}

const snapshot = (demo: DemoApp) => demo.prisma.post.findMany({ select: { id: true, viewCount: true, status: true, updatedAt: true }, orderBy: { id: 'asc' } });

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`a bulk run of several batches on ${provider}`, { skip: provider === 'postgresql' && !(await postgresAvailable()) ? 'no PostgreSQL server' : false }, () => {
    let demo: DemoApp;
    before(async () => {
      const server = { site: site(), bulkBatchSize: 500 };
      demo = provider === 'sqlite' ? await startDemoApp({ server }) : await startDemoAppOn(await freshPostgresDatabase(DEMO_SCHEMA), { server });
      await addPosts(demo);
    });
    after(() => demo?.close());

    test('a row failing in the middle stops the run naming it, and leaves every row as it was', async () => {
      const before = await snapshot(demo);
      const logBefore = await demo.prisma.adminLogEntry.count();
      const response = await demo.browser.post('/admin/post/action', { action: 'archive_all', select_across: '1', _across_query: '', post: 'yes' });
      assert.equal(response.statusCode, 303, show(response));
      assert.match(messagesOf((await demo.browser.follow(response)).body).join(' '), new RegExp(`“Archive all” stopped at “${FAILING}”: This post refuses to be archived\\. Nothing was changed\\.`));
      assert.deepEqual(await snapshot(demo), before, 'the batches before the failing one were rolled back too');
      assert.equal(await demo.prisma.adminLogEntry.count(), logBefore, 'no audit entry');
    });

    test('rows the change hook refuses are listed on the confirmation page and left as they were', async () => {
      const drafts = await demo.prisma.post.count({ where: { status: 'draft' } });
      const form = { action: 'bulk_edit', select_across: '1', _across_query: 'status__exact=draft', be_on_status: '1', in_status: 'published' };
      const preview = await demo.browser.post('/admin/post/action', { ...form, _preview: '1' });
      assert.equal(preview.statusCode, 200, show(preview));
      const text = textOf(mainOf(preview.body));
      assert.match(text, new RegExp(`Selected: ${drafts.toLocaleString('en-US')} posts`));
      assert.match(text, /You may not change 2 posts of them; they will be left as they are: Locked 1 Locked 2/);
      assert.match(text, new RegExp(`This changes ${(drafts - 2).toLocaleString('en-US')} posts`));
      const done = await demo.browser.post('/admin/post/action', { ...form, post: 'yes' });
      assert.equal(done.statusCode, 303, show(done));
      assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), /2 posts you may not change were left as they were/);
      assert.deepEqual((await demo.prisma.post.findMany({ where: { status: 'draft' }, select: { title: true }, orderBy: { title: 'asc' } })).map((p) => p.title), ['Locked 1', 'Locked 2']);
      assert.equal(await demo.prisma.adminLogEntry.count({ where: { action: 'change', changeMessage: { contains: '"new":"published"' } } }), drafts - 2);
    });

    test('the site-wide action is offered, delete selected is disabled, and the menu is on top and bottom', async () => {
      const list = await demo.browser.get('/admin/post/');
      assert.match(list.body, /<option value="touch">Touch \(site-wide\)<\/option>/);
      assert.doesNotMatch(list.body, /value="delete_selected"/);
      assert.equal([...list.body.matchAll(/<select name="action"/g)].length, 2);
      const refused = await demo.browser.post('/admin/post/action', { action: 'delete_selected', _selected: '1' });
      assert.equal(refused.statusCode, 400);
      // The bottom menu's choice counts when the top one is left empty.
      const bottom = await demo.browser.post('/admin/post/action', { action: ['', 'touch'], _selected: '1' });
      assert.equal(bottom.statusCode, 303, show(bottom));
      assert.match(messagesOf((await demo.browser.follow(bottom)).body).join(' '), /Touch \(site-wide\): done for 1 post\./);
    });
  });
}
