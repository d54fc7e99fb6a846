// On SQLite, Prisma's adapter has one connection, and a statement outside a transaction runs on it even while a
// long run's transaction is open there: a logout or a password change answered during a job became part of the job's
// transaction, and a job that then failed rolled them back. The user had been told "logged out" (the session
// worked again) or "password changed" (the old password still logged in, the other browsers were still logged in).
// An import's upload kept its file in a row that went the same way (the preview then found no file). Now they are
// refused with the 503 "Database busy" page while a job runs, as saves are, and work after it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { action, AdminSite, BulkRowError, ModelAdmin } from '../../src/index.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { mainOf, textOf } from '../support/html.ts';
import { createAdminUser, loginAs, postForm, show } from '../support/security.ts';
import { csvOf, uploadImport } from '../support/import-files.ts';

let open = () => {};
let opened = Promise.resolve();
let reached = () => {};
let atGate = Promise.resolve();
let batches = 0;

/** A gate for the next run: it stops in its second batch until opened, then fails in its third (rolled back). */
function armGate() {
  batches = 0;
  opened = new Promise<void>((resolve) => (open = resolve));
  atGate = new Promise<void>((resolve) => (reached = resolve));
}

function site() {
  const gatedFailure = action<{ id: number; title: string }>({
    name: 'gated_failure',
    label: 'Gated failure',
    async run({ records, client }) {
      await client.post.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { viewCount: { increment: 1 } } });
      batches++;
      if (batches === 2) {
        reached();
        await opened;
      }
      if (batches === 3) throw new BulkRowError(records[0], 'refused on purpose');
    },
  });
  return new AdminSite().register('Post', class extends ModelAdmin {
    override actions = [gatedFailure];
  }).register('Tag');
}

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp({ server: { site: site(), runAsJobAbove: 50, bulkBatchSize: 50 } });
});
after(() => demo?.close());

/** Runs `during` while a job that will fail holds the database, then waits for the job to end. */
async function duringFailingJob<T>(during: () => Promise<T>): Promise<T> {
  armGate();
  const started = await demo.browser.post('/admin/post/action', { action: 'gated_failure', select_across: '1', _across_query: '', post: 'yes' });
  assert.equal(started.statusCode, 303, textOf(mainOf(started.body)).slice(0, 300));
  await atGate;
  let result: T;
  try {
    result = await during();
  } finally {
    open();
  }
  let ended = '';
  for (let i = 0; i < 400 && !ended; i++) {
    const page = await demo.browser.get(String(started.headers.location));
    if (!page.body.includes('http-equiv="refresh"')) ended = textOf(mainOf(page.body));
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(ended, /refused on purpose/, 'the job failed and was rolled back');
  return result;
}

/** Whether a session token still opens a page (whatever the browser's cookie jar did with it). */
const works = async (browser: Awaited<ReturnType<typeof loginAs>>, token = browser.jar.all.prisma_admin_session) =>
  (await demo.app.inject({ method: 'GET', url: '/admin/post/', cookies: { prisma_admin_session: token } })).statusCode === 200;

test('a logout during a job that fails is refused (503), not answered and then undone', { timeout: 60_000 }, async () => {
  const creds = await createAdminUser(demo.prisma, 'leaves-during-job', ['Post.view']);
  const browser = await loginAs(demo.app, creds);
  await browser.get('/admin/');
  const token = browser.jar.all.prisma_admin_session;
  const out = await duringFailingJob(() => postForm(browser, '/admin/logout', {}));
  if (out.statusCode === 303) assert.ok(!(await works(browser, token)), 'told "logged out": the session must be over');
  assert.equal(out.statusCode, 503, show(out));
  assert.match(textOf(mainOf(out.body)), /Database busy/);
  assert.ok(await works(browser), 'refused: still logged in, as the page says');
  const again = await postForm(browser, '/admin/logout', {});
  assert.equal(again.statusCode, 303, show(again));
  assert.ok(!(await works(browser, token)), 'after the job, the logout works');
});

test('a password change during a job that fails is refused (503), not answered and then undone', { timeout: 60_000 }, async () => {
  const creds = await createAdminUser(demo.prisma, 'changes-during-job', ['Post.view']);
  const here = await loginAs(demo.app, creds);
  const elsewhere = await loginAs(demo.app, creds);
  await here.get('/admin/password');
  const form = { old_password: creds.password, new_password1: 'a-new-password-during-a-job', new_password2: 'a-new-password-during-a-job' };
  const changed = await duringFailingJob(() => postForm(here, '/admin/password', form));
  if (changed.statusCode === 303) {
    assert.ok(!(await works(elsewhere)), 'told "changed": the other browser must be logged out');
    await assert.rejects(loginAs(demo.app, creds), 'told "changed": the old password must not log in');
  }
  assert.equal(changed.statusCode, 503, show(changed));
  assert.ok(await works(elsewhere), 'refused: nothing changed');
  await loginAs(demo.app, creds);
  await here.get('/admin/password');
  const after = await postForm(here, '/admin/password', form);
  assert.equal(after.statusCode, 303, show(after));
  await assert.rejects(loginAs(demo.app, creds), 'after the job, the change holds');
});

test("an import's upload during a job that fails is refused (503), not previewed and then lost", { timeout: 60_000 }, async () => {
  const file = csvOf(['name'], [{ name: 'Uploaded during a job' }]);
  const { response, job } = await duringFailingJob(() => uploadImport(demo.browser.clone(), 'tag', file, 'tags.csv'));
  if (job) assert.equal(await demo.prisma.adminImportJob.count({ where: { id: job } }), 1, 'previewed: its file must be kept');
  assert.equal(response.statusCode, 503, show(response));
  const later = await uploadImport(demo.browser, 'tag', file, 'tags.csv');
  assert.ok(later.job, show(later.response));
  assert.equal(await demo.prisma.adminImportJob.count({ where: { id: later.job } }), 1);
});
