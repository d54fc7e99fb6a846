// A bulk run inside its request on SQLite gives no other request a turn while its transaction is open: Prisma's
// SQLite adapter has one connection, so a request served between two batches would read the run's uncommitted rows
// (and write into the run's transaction, to be rolled back with it). Here a run archives its rows batch by batch and
// fails at its fourth batch; a list request sent after its first batch is answered after it, and sees none of its rows
// archived. (The export, which has no transaction, does give the event loop a turn between batches:
// export-event-loop.test.ts.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { action, AdminSite, ModelAdmin } from '../../src/index.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';

let batches = 0;
/** Called by the run after its first batch: the test sends its other request from there. */
let afterFirstBatch = () => {};

function site() {
  const archiveThenFail = action<{ id: number }>({
    name: 'archive_then_fail',
    label: 'Archive, then fail',
    async run({ records, client }) {
      await client.post.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { status: 'archived' } });
      if (++batches === 1) afterFirstBatch();
      if (batches === 4) throw new Error('The fourth batch refuses.');
    },
  });
  return new AdminSite().register('Post', class extends ModelAdmin {
    override listFilter = ['status'];
    override actions = [archiveThenFail];
  });
}

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp({ server: { site: site(), runAsJobAbove: 100_000, bulkBatchSize: 50 } });
  const author = await demo.prisma.author.findFirstOrThrow();
  await demo.prisma.post.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ title: `Isolation ${i}`, slug: `isolation-${i}`, body: 'x', status: 'draft' as const, authorId: author.id })) });
});
after(() => demo?.close());

test('a request sent while an SQLite bulk run is open sees none of its uncommitted rows', async () => {
  const seen = new Promise<string>((resolve, reject) => {
    // On the event loop's next turn, as a request arriving from the network starts.
    afterFirstBatch = () => setImmediate(() => void demo.browser.clone().get('/admin/post/?status__exact=archived&q=Isolation').then((r) => (r.statusCode === 200 ? resolve(r.body) : reject(new Error(`the list answered ${r.statusCode}`))), reject));
  });
  const run = demo.browser.post('/admin/post/action', { action: 'archive_then_fail', select_across: '1', _across_query: 'q=Isolation', post: 'yes' });
  const [ran, list] = await Promise.all([run, seen]);
  assert.equal(batches, 4, 'the run read four batches');
  assert.equal(ran.statusCode, 303);
  assert.equal(await demo.prisma.post.count({ where: { title: { startsWith: 'Isolation' }, status: 'archived' } }), 0, 'the failed run was rolled back');
  // The rows of the list's table (the page's messages may name a post: the run's flash message does).
  const rows = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(list)?.[1] ?? '';
  assert.doesNotMatch(rows, /Isolation \d+/, 'the list answered during the run showed no row the run archived');
});
