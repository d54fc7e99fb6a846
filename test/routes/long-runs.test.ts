// Long runs as jobs (runAsJobAbove, lowered here to 50 rows), on SQLite and PostgreSQL: a confirm above it answers
// with a 303 to the job's page, which refreshes itself and shows rows done while the run's one transaction goes on,
// then its outcome with the link back (to the list, with the message). A failing row leaves the table as it was and
// the page names it; a job whose process died says so; another user cannot see the job; a double submit runs once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { action, AdminSite, BulkRowError, ModelAdmin } from '../../src/index.ts';
import { sideFileOf } from '../../src/data/jobs/sqlite-side-job-store.ts';
import { DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { Browser, startDemoApp, startDemoAppOn, type DemoApp } from '../support/demo-app.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { mainOf, messagesOf, textOf } from '../support/html.ts';
import { chosenMapping, csvOf, previewedOf, uploadImport } from '../support/import-files.ts';

const FAILING = 'The post that refuses';
const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

/** The slow action's second batch waits for the test to open this gate (so the test sees the run half done). */
let gate: { opened: Promise<void>; open(): void } | null = null;
let slowBatches = 0;
/** Tags saved through the Tag admin's saveModel (an own saveModel: called per row, so the gate can stop a row). */
let savedTags = 0;

function newGate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function site() {
  const slowTouch = action<{ id: number }>({
    name: 'slow_touch',
    label: 'Slow touch',
    async run({ records, client }) {
      await client.post.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { viewCount: { increment: 1 } } });
      if (++slowBatches === 2 && gate) await gate.opened;
    },
  });
  const archiveAll = action<{ id: number; title: string }>({
    name: 'archive_all',
    label: 'Archive all',
    async run({ records, client }) {
      await client.post.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { status: 'archived' } });
      const failing = records.find((r) => r.title === FAILING);
      if (failing) throw new BulkRowError(failing, 'This post refuses to be archived.');
    },
  });
  return new AdminSite().register('Post', class extends ModelAdmin {
    override listFilter = ['status'];
    override actions = [slowTouch, archiveAll];
  }).register('Tag', class extends ModelAdmin {
    override async saveModel(...args: Parameters<ModelAdmin['saveModel']>) {
      if (++savedTags === 1200 && gate) await gate.opened;
      return super.saveModel(...args);
    }
  });
}

/** The job page's address from a confirm's redirect. */
function jobPath(response: { statusCode: number; headers: Record<string, unknown>; body: string }): string {
  assert.equal(response.statusCode, 303, show(response));
  const location = String(response.headers.location);
  assert.match(location, /^\/admin\/\w+\/jobs\/[\w-]{32}/, 'the confirm went to a job page');
  return location;
}

/** Reloads the job page, as its meta refresh does, until it no longer refreshes (bounded; not a timing check). */
async function waitForEnd(browser: Browser, path: string) {
  for (let i = 0; i < 1200; i++) {
    const page = await browser.get(path);
    assert.equal(page.statusCode, 200, show(page));
    if (!page.body.includes('http-equiv="refresh"')) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the job at ${path} never ended`);
}

const outcomeOf = (html: string) => textOf(/<ul class="messages" id="job-outcome">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '');
const viewCounts = (demo: DemoApp) => demo.prisma.post.findMany({ select: { id: true, viewCount: true, status: true }, orderBy: { id: 'asc' } });

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`long runs as jobs on ${provider}`, { skip: provider === 'postgresql' && !(await postgresAvailable()) ? 'no PostgreSQL server' : false }, () => {
    let demo: DemoApp;
    before(async () => {
      const server = { site: site(), runAsJobAbove: 50, bulkBatchSize: 500 };
      demo = provider === 'sqlite' ? await startDemoApp({ server }) : await startDemoAppOn(await freshPostgresDatabase(DEMO_SCHEMA), { server });
      const author = await demo.prisma.author.findFirstOrThrow();
      await demo.prisma.post.createMany({ data: Array.from({ length: 1000 }, (_, i) => ({ title: i === 700 ? FAILING : `Long ${i}`, slug: `long-${i}`, body: 'x', status: 'draft' as const, authorId: author.id })) });
    });
    after(() => demo?.close());

    test('a bulk action above the threshold shows its progress on a refreshing page, then its outcome and the way back', async () => {
      const before = await viewCounts(demo);
      const form = { action: 'slow_touch', select_across: '1', _across_query: 'status__exact=draft' };
      const confirmation = await demo.browser.post('/admin/post/action?_changelist_filters=status__exact%3Ddraft', form);
      assert.equal(confirmation.statusCode, 200, show(confirmation));
      const token = /name="_job" value="([\w-]+)"/.exec(confirmation.body)?.[1];
      assert.ok(token, 'the confirmation carries the job token');
      gate = newGate();
      slowBatches = 0;
      const started = await demo.browser.post('/admin/post/action?_changelist_filters=status__exact%3Ddraft', { ...form, post: 'yes', _job: token });
      const path = jobPath(started);
      // The run waits in its second batch: the page shows the first batch done, and refreshes itself.
      let page = await demo.browser.get(path);
      for (let i = 0; i < 1200 && !/500 of/.test(textOf(mainOf(page.body))); i++) {
        await new Promise((r) => setTimeout(r, 50));
        page = await demo.browser.get(path);
      }
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<meta http-equiv="refresh" content="1">/);
      assert.match(page.body, /<progress id="job-progress" max="\d+" value="500">/);
      assert.match(textOf(mainOf(page.body)), /500 of 1,\d{3} rows/);
      // A second submit of the same form (a double click) goes to the same job, and runs nothing more.
      const again = await demo.browser.clone().post('/admin/post/action', { ...form, post: 'yes', _job: token });
      assert.equal(jobPath(again), path.split('?')[0]);
      // Nothing of the run is visible to others while its transaction is open.
      assert.deepEqual(await viewCounts(demo), before, 'the first batch is not committed');
      gate.open();
      const ended = await waitForEnd(demo.browser, path);
      gate = null;
      const drafts = before.filter((p) => p.status === 'draft').length;
      assert.equal(outcomeOf(ended.body), `Slow touch: done for ${drafts.toLocaleString('en-US')} posts.`);
      const after = await viewCounts(demo);
      assert.deepEqual(after.map((p) => p.viewCount - before.find((b) => b.id === p.id)!.viewCount), before.map((p) => (p.status === 'draft' ? 1 : 0)), 'every draft touched once');
      // The way back: the list, with its filter, and the message.
      const back = /<a href="([^"]+)" id="job-back"/.exec(ended.body)![1].replace(/&amp;/g, '&');
      const list = await demo.browser.get(back);
      assert.equal(list.statusCode, 303);
      assert.equal(list.headers.location, '/admin/post/?status__exact=draft');
      assert.deepEqual(messagesOf((await demo.browser.follow(list)).body), [`Slow touch: done for ${drafts.toLocaleString('en-US')} posts.`]);
    });

    test('a failing row in a large run leaves the table as it was, and the job page names it', async () => {
      const before = await viewCounts(demo);
      const path = jobPath(await demo.browser.post('/admin/post/action', { action: 'archive_all', select_across: '1', _across_query: '', post: 'yes' }));
      const ended = await waitForEnd(demo.browser, path);
      assert.equal(outcomeOf(ended.body), `“Archive all” stopped at “${FAILING}”: This post refuses to be archived. Nothing was changed.`);
      assert.match(ended.body, /message-error/);
      assert.deepEqual(await viewCounts(demo), before, 'the batches before the failing one were rolled back too');
    });

    test('an import above the threshold writes on a job page; a failing row rolls every row back and is named', async () => {
      const rows = Array.from({ length: 120 }, (_, i) => ({ name: `${provider}-job-${i}` }));
      const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], rows), 'tags.csv');
      const confirm = { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' };
      const path = jobPath(await demo.browser.post('/admin/tag/import', confirm));
      const ended = await waitForEnd(demo.browser, path);
      assert.equal(outcomeOf(ended.body), 'Imported 120 tags from “tags.csv”: 120 new, 0 changed, 0 unchanged.');
      assert.equal(await demo.prisma.tag.count({ where: { name: { startsWith: `${provider}-job-` } } }), 120);
      // Confirmed again (the back button): it is not imported again.
      const again = await demo.browser.post('/admin/tag/import', confirm);
      assert.equal(again.statusCode, 303);
      assert.equal(await demo.prisma.tag.count({ where: { name: { startsWith: `${provider}-job-` } } }), 120);

      const tagsBefore = await demo.prisma.tag.findMany({ orderBy: { id: 'asc' } });
      const clashing = Array.from({ length: 120 }, (_, i) => ({ name: i === 90 ? `${provider}-job-3` : `${provider}-clash-${i}` }));
      const second = await uploadImport(demo.browser, 'tag', csvOf(['name'], clashing), 'clash.csv');
      const failed = await waitForEnd(demo.browser, jobPath(await demo.browser.post('/admin/tag/import', { ...confirm, job: second.job!, previewed: previewedOf(second.response.body) })));
      assert.match(outcomeOf(failed.body), /^The row on line 92 could not be written \(.+\)\. Nothing was imported: every row was rolled back\.$/);
      assert.deepEqual(await demo.prisma.tag.findMany({ orderBy: { id: 'asc' } }), tagsBefore);
    });

    test('the progress of an import shows while its transaction, which holds its AdminImportJob row locked, writes', async () => {
      const tagsBefore = await demo.prisma.tag.count();
      const rows = Array.from({ length: 1500 }, (_, i) => ({ name: `${provider}-gated-${i}` }));
      const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], rows), 'gated.csv');
      gate = newGate();
      savedTags = 0;
      const confirm = { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' };
      const path = jobPath(await demo.browser.post('/admin/tag/import', confirm));
      // The 1,200th row waits: the first batch of 1,000 is written (inside the transaction) and reported.
      let page = await demo.browser.get(path);
      for (let i = 0; i < 1200 && !/1,000 of 1,500 rows/.test(textOf(mainOf(page.body))); i++) {
        await new Promise((r) => setTimeout(r, 50));
        page = await demo.browser.get(path);
      }
      assert.match(textOf(mainOf(page.body)), /Writing the rows of “gated\.csv”… 1,000 of 1,500 rows \(66%\)/);
      assert.match(page.body, /<meta http-equiv="refresh" content="1">/);
      assert.equal(await demo.prisma.tag.count(), tagsBefore, 'nothing is visible before the commit');
      // Confirmed again meanwhile (another tab): the same job's page, no second run.
      assert.equal(jobPath(await demo.browser.clone().post('/admin/tag/import', confirm)), path);
      gate.open();
      const ended = await waitForEnd(demo.browser, path);
      gate = null;
      assert.equal(outcomeOf(ended.body), 'Imported 1,500 tags from “gated.csv”: 1500 new, 0 changed, 0 unchanged.');
      assert.equal(await demo.prisma.tag.count(), tagsBefore + 1500);
    });

    test('a job whose process died shows that it stopped, not "running"', async () => {
      const id = 'stale'.padEnd(32, 'x');
      const user = await demo.prisma.adminUser.findFirstOrThrow({ where: { isSuperuser: true }, orderBy: { id: 'asc' } });
      const old = new Date(Date.now() - 10 * 60_000);
      const job = { id, kind: 'bulk', model: 'Post', userId: String(user.id), status: 'running', done: 500, total: 1000, message: 'Running…', backUrl: '/admin/post/' };
      if (provider === 'sqlite') {
        // The process that ran it is gone: its last heartbeat is ten minutes old.
        const side = new Database(sideFileOf(demo.url.replace(/^file:/, '')));
        side.prepare('INSERT INTO jobs (id, kind, model, userId, status, done, total, message, level, backUrl, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)')
          .run(job.id, job.kind, job.model, job.userId, job.status, job.done, job.total, job.message, job.backUrl, old.getTime(), old.getTime());
        side.close();
      } else {
        await demo.prisma.adminJob.create({ data: { ...job, createdAt: old, updatedAt: old } });
      }
      const page = await demo.browser.get(`/admin/post/jobs/${id}`);
      assert.equal(page.statusCode, 200, show(page));
      assert.doesNotMatch(page.body, /http-equiv="refresh"/);
      assert.match(outcomeOf(page.body), /The server stopped during the run .*nothing was written/);
    });

    test('another user cannot see the job', async () => {
      const path = jobPath(await demo.browser.post('/admin/post/action', { action: 'archive_all', select_across: '1', _across_query: '', post: 'yes' }));
      await waitForEnd(demo.browser, path);
      const other = { username: `other-${provider}`, password: 'other-password-0x9-long' };
      await ensureDemoSuperuser(demo.url, { ADMIN_USERNAME: other.username, ADMIN_PASSWORD: other.password });
      const stranger = await new Browser(demo.app).login(other);
      const page = await stranger.get(path);
      assert.equal(page.statusCode, 404);
      assert.doesNotMatch(page.body, /stopped at/);
    });
  });
}
