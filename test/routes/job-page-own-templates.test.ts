// Long runs under a project's own templates (README: Templates): a base.eta of its own, which has no refresh tag,
// still gets a job page that refreshes itself (the `Refresh` header) and stops once the job ends; a confirmation
// template of its own that includes partials/run_fields carries the run's job token, so submitting it twice runs once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { action, AdminSite, ModelAdmin } from '../../src/index.ts';
import { sideFileOf, SqliteSideJobStore } from '../../src/data/jobs/sqlite-side-job-store.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { mainOf, textOf } from '../support/html.ts';

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(r.body).slice(0, 600)}`;
let touched = 0;

let demo: DemoApp;
before(async () => {
  const touch = action({ name: 'touch', label: 'Touch', async run({ records }) { touched += records.length; } });
  const site = new AdminSite().register('Post', class extends ModelAdmin {
    override actions = [touch];
  });
  demo = await startDemoApp({ server: { site, templates: 'test/fixtures/templates-own-base', runAsJobAbove: 50 } });
});
after(() => demo?.close());

test("a job page inside a base.eta of the project's own refreshes itself while the job runs, and stops once it ended", async () => {
  const user = await demo.prisma.adminUser.findFirstOrThrow({ where: { isSuperuser: true }, orderBy: { id: 'asc' } });
  const store = SqliteSideJobStore.open(Database, sideFileOf(demo.url.replace(/^file:/, '')));
  const id = 'own-base'.padEnd(32, 'x');
  await store.start({ id, kind: 'bulk', model: 'Post', userId: String(user.id), total: 1000, message: 'Running…', backUrl: '/admin/post/' });
  await store.progress(id, 400);
  const running = await demo.browser.get(`/admin/post/jobs/${id}`);
  assert.equal(running.statusCode, 200, show(running));
  assert.match(running.body, /<header id="own-base">/, 'the page is inside the project\'s layout');
  assert.doesNotMatch(running.body, /http-equiv="refresh"/, 'that layout has no refresh tag');
  assert.equal(running.headers.refresh, '1');
  assert.match(textOf(mainOf(running.body) || running.body), /400 of 1,000 rows/);
  await store.finish(id, 'done', { level: 'success', message: 'Touch: done.', backUrl: '/admin/post/' });
  const ended = await demo.browser.get(`/admin/post/jobs/${id}`);
  assert.equal(ended.headers.refresh, undefined);
  assert.match(ended.body, /Touch: done\./);
});

test('a confirmation template of its own carries the job token through partials/run_fields: a second submit runs nothing', async () => {
  await demo.browser.get('/admin/post/');
  const page = await demo.browser.post('/admin/post/action', { action: 'touch', select_across: '1', _across_query: '' });
  assert.equal(page.statusCode, 200, show(page));
  assert.match(page.body, /<h1 id="own-confirmation">/);
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page.body)?.[1];
  const token = field('_job');
  assert.ok(token, 'the run’s job token is in the form');
  const form = { action: 'touch', post: 'yes', _job: token, select_across: field('select_across')!, _across_query: field('_across_query')! };
  const posts = await demo.prisma.post.count();
  touched = 0;
  const first = await demo.browser.post('/admin/post/action', form);
  assert.equal(first.statusCode, 303, show(first));
  assert.equal(String(first.headers.location), `/admin/post/jobs/${token}`);
  for (let i = 0; i < 1200 && (await demo.browser.get(`/admin/post/jobs/${token}`)).headers.refresh; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(touched, posts);
  const again = await demo.browser.post('/admin/post/action', form);
  assert.equal(String(again.headers.location), `/admin/post/jobs/${token}`);
  assert.equal(touched, posts, 'the second submit ran nothing');
});
