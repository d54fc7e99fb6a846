// "Delete selected" over "Select all N" of more than 1,000 rows (issue #19 point 1), on SQLite and PostgreSQL: the
// confirmation page counts the rows of the list and names the first ones ("… and N more"); the deletion runs as a job
// above runAsJobAbove, in batches of one transaction: every row goes with its audit entry and its cascade (comments),
// rows outside the list stay, and a row whose deleteModel fails in a later batch leaves every row where it was.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite, BulkRowError, ModelAdmin } from '../../src/index.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { startDemoApp, startDemoAppOn, type Browser, type DemoApp } from '../support/demo-app.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { mainOf, messagesOf, textOf } from '../support/html.ts';

const ROWS = 1_300;
const FAILING = 'Across refuses';
const SELECTED = { slug: { startsWith: 'across-' } };
const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

function site() {
  return new AdminSite().register('Author', ModelAdmin).register('Post', class extends ModelAdmin {
    override searchFields = ['title'];
    override deleteModel(...args: Parameters<ModelAdmin['deleteModel']>) {
      if (args[1].record.title === FAILING) throw new BulkRowError(args[1].record, 'This post refuses to be deleted.');
      return super.deleteModel(...args);
    }
  });
}

/** Reloads the job page, as its meta refresh does, until it no longer refreshes (bounded; not a timing check). */
async function jobOutcome(browser: Browser, response: { statusCode: number; headers: Record<string, unknown>; body: string }): Promise<string> {
  assert.equal(response.statusCode, 303, show(response));
  const path = String(response.headers.location);
  assert.match(path, /^\/admin\/post\/jobs\/[\w-]{32}/, 'above runAsJobAbove the deletion runs as a job');
  for (let i = 0; i < 2400; i++) {
    const page = await browser.get(path);
    if (!page.body.includes('http-equiv="refresh"')) return textOf(/<ul class="messages" id="job-outcome">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the job at ${path} never ended`);
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`delete selected over "Select all N" on ${provider}`, { skip: provider === 'postgresql' && !(await postgresAvailable()) ? 'no PostgreSQL server' : false }, () => {
    let demo: DemoApp;
    let ids: number[];
    const across = { action: 'delete_selected', select_across: '1', _across_query: 'q=Across' };
    const deleteEntries = () => demo.prisma.adminLogEntry.count({ where: { action: 'delete' } });
    before(async () => {
      const server = { site: site(), runAsJobAbove: 1_000, bulkBatchSize: 500 };
      demo = provider === 'sqlite' ? await startDemoApp({ server }) : await startDemoAppOn(await freshPostgresDatabase(DEMO_SCHEMA), { server });
      const author = await demo.prisma.author.findFirstOrThrow();
      await demo.prisma.post.createMany({ data: Array.from({ length: ROWS }, (_, i) => ({ title: i === 1_100 ? FAILING : `Across ${i}`, slug: `across-${i}`, body: 'x', status: 'draft' as const, authorId: author.id })) });
      ids = (await demo.prisma.post.findMany({ where: { title: { startsWith: 'Across' } }, select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);
      await demo.prisma.comment.createMany({ data: [0, 600, 1_200].map((at) => ({ postId: ids[at], authorName: 'c', body: 'on a selected post' })) });
    });
    after(() => demo?.close());

    test('the confirmation page counts every row and shows the first ones, summarised past them', async () => {
      await demo.browser.get('/admin/post/');
      const page = await demo.browser.post('/admin/post/action', across);
      assert.equal(page.statusCode, 200, show(page));
      const text = textOf(mainOf(page.body));
      assert.match(text, /Summary: 1,300 posts \(every row of the list/);
      assert.match(text, /… and 1,280 posts more\./);
      assert.equal([...page.body.matchAll(/<li>Post: <a /g)].length, 20);
      assert.match(text, /Comments: 3/);
      assert.match(page.body, /name="_across_query" value="q=Across"/);
      assert.doesNotMatch(page.body, /name="_selected"/);
      assert.equal(await demo.prisma.post.count({ where: SELECTED }), ROWS, 'nothing deleted before the confirmation');
    });

    test('a row that fails in a later batch leaves every row, its comments, and no audit entry', async () => {
      const entries = await deleteEntries();
      const outcome = await jobOutcome(demo.browser, await demo.browser.post('/admin/post/action', { ...across, post: 'yes' }));
      assert.match(outcome, /Delete selected stopped at “Across refuses”: This post refuses to be deleted\. Nothing was deleted\./);
      assert.equal(await demo.prisma.post.count({ where: SELECTED }), ROWS);
      assert.equal(await demo.prisma.comment.count({ where: { body: 'on a selected post' } }), 3);
      assert.equal(await deleteEntries(), entries);
    });

    test('protected related records still stop it: on the confirmation page, and when confirmed anyway', async () => {
      const authors = await demo.prisma.author.count();
      const page = await demo.browser.post('/admin/author/action', { action: 'delete_selected', select_across: '1', _across_query: '' });
      assert.equal(page.statusCode, 409, show(page));
      assert.match(textOf(mainOf(page.body)), /would require deleting the following protected related records first: Posts:/);
      const done = await demo.browser.post('/admin/author/action', { action: 'delete_selected', select_across: '1', _across_query: '', post: 'yes' });
      assert.equal(done.statusCode, 303, show(done));
      assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), /Delete selected stopped at .*Protected related records stop it: Posts .*Nothing was deleted\./);
      assert.equal(await demo.prisma.author.count(), authors);
    });

    test('deletes every row of the list, each with its audit entry, its comments too; other posts stay', async () => {
      await demo.prisma.post.updateMany({ where: { title: FAILING }, data: { title: 'Across now willing' } });
      const others = await demo.prisma.post.count({ where: { NOT: SELECTED } });
      assert.ok(others > 0);
      const outcome = await jobOutcome(demo.browser, await demo.browser.post('/admin/post/action', { ...across, post: 'yes' }));
      assert.match(outcome, /Successfully deleted 1,300 posts\./);
      assert.equal(await demo.prisma.post.count({ where: SELECTED }), 0);
      assert.equal(await demo.prisma.post.count(), others);
      assert.equal(await demo.prisma.comment.count({ where: { body: 'on a selected post' } }), 0);
      const logged = await demo.prisma.adminLogEntry.findMany({ where: { action: 'delete', model: 'Post' }, select: { objectId: true } });
      const loggedIds = new Set(logged.map((e) => e.objectId));
      assert.deepEqual(ids.filter((id) => !loggedIds.has(String(id))), [], 'every deleted post has its entry');
      assert.equal(await demo.prisma.adminLogEntry.count({ where: { action: 'delete', model: 'Comment' } }), 3);
    });
  });
}
