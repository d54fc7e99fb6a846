// On SQLite, Prisma's adapter has one connection: while a long run (a bulk action as a job) holds it in its
// transaction, another request's save cannot start a transaction of its own. Waiting for it ended in Prisma's P2028
// ("Unable to start a transaction in the given time"), a 500 page, and after that the process's Prisma client
// answered no query again (the job never finished, every page hung). Now the save is refused at once with a 503
// "Database busy" page that says nothing was saved, the run goes on to its end, and the same save works after it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { action, AdminSite, ModelAdmin } from '../../src/index.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { mainOf, textOf } from '../support/html.ts';

let open = () => {};
const opened = new Promise<void>((resolve) => (open = resolve));
let reached = () => {};
const atGate = new Promise<void>((resolve) => (reached = resolve));
let batches = 0;

function site() {
  const gatedTouch = action<{ id: number }>({
    name: 'gated_touch',
    label: 'Gated touch',
    async run({ records, client }) {
      await client.post.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { viewCount: { increment: 1 } } });
      if (++batches === 2) {
        reached();
        await opened;
      }
    },
  });
  return new AdminSite().register('Post', class extends ModelAdmin {
    override actions = [gatedTouch];
  }).register('Tag', class extends ModelAdmin {});
}

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp({ server: { site: site(), runAsJobAbove: 50, bulkBatchSize: 50 } });
});
after(() => demo?.close());

test('a save while a SQLite job holds the database answers 503 "Database busy", and nothing of it is written', { timeout: 60_000 }, async () => {
  const started = await demo.browser.post('/admin/post/action', { action: 'gated_touch', select_across: '1', _across_query: '', post: 'yes' });
  assert.equal(started.statusCode, 303, textOf(mainOf(started.body)).slice(0, 300));
  await atGate;
  let busy;
  try {
    busy = await demo.browser.clone().post('/admin/tag/add', { name: 'Added during the run' });
  } finally {
    open();
  }
  assert.equal(busy.statusCode, 503, textOf(mainOf(busy.body)).slice(0, 300));
  assert.equal(busy.headers['retry-after'], '10');
  assert.match(textOf(mainOf(busy.body)), /Database busy[\s\S]*Nothing was saved/);
  let ended = '';
  for (let i = 0; i < 400 && !ended; i++) {
    const page = await demo.browser.get(String(started.headers.location));
    if (!page.body.includes('http-equiv="refresh"')) ended = textOf(mainOf(page.body));
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(ended, /Gated touch: done for/, 'the run went on to its end');
  assert.equal(await demo.prisma.post.count({ where: { viewCount: 0 } }), 0, 'and committed');
  assert.equal(await demo.prisma.tag.count({ where: { name: 'Added during the run' } }), 0, 'the refused save wrote nothing');
  const saved = await demo.browser.post('/admin/tag/add', { name: 'Added during the run' });
  assert.equal(saved.statusCode, 303, textOf(mainOf(saved.body)).slice(0, 300));
  assert.equal(await demo.prisma.tag.count({ where: { name: 'Added during the run' } }), 1);
});
