// Long runs on MariaDB (issues #17 and #19), where they had not run before: "Delete selected" over "Select all N" of
// more than 1,000 rows with its cascade, and a protected row in a later batch stopping it with nothing deleted; jobs in
// the AdminJob table (progress while the run's transaction is open, the outcome, a job whose process died); and the
// import's MySQL batch path (createMany, then the rows read back by a unique field every row fills, else row by row).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { action, AdminSite, BulkRowError, ModelAdmin } from '../../src/index.ts';
import { adminModelsText } from '../../src/auth/admin-models-text.ts';
import { STOPPED_MESSAGE } from '../../src/views/job-page.ts';
import { mysqlAvailable } from '../cli/support/cli-fixture.ts';
import { startInProcessAdmin, type InProcessAdmin } from '../cli/support/in-process-fixture.ts';
import type { Browser } from '../support/cookie-jar.ts';
import { formFields, mainOf, textOf } from '../support/html.ts';
import { chosenMapping, csvOf, importCounts, previewedOf, uploadImport } from '../support/import-files.ts';
import { createAdminUser, loginAs, show } from '../support/security.ts';

const RUN_AS_JOB_ABOVE = 1_000;
const LONG_REASON = `This post will not be touched: ${'a reason that goes on and on, '.repeat(12)}until its end.`;

/** The slow action's second batch waits for the test to open this gate (so the test sees the run half done). */
let gate: { opened: Promise<void>; open(): void } | null = null;
let slowBatches = 0;
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
      await client.post.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { title: { set: 'Touched' } } });
      if (++slowBatches === 2 && gate) await gate.opened;
    },
  });
  const refuse = action<{ id: number; title: string }>({
    name: 'refuse',
    label: 'Refuse',
    async run({ records }) {
      const last = records.find((r) => r.title === 'Refusing post');
      if (last) throw new BulkRowError(last, LONG_REASON);
    },
  });
  return new AdminSite()
    .register('Author', class extends ModelAdmin {
      override searchFields = ['name'];
    })
    .register('Post', class extends ModelAdmin {
      override searchFields = ['title'];
      override actions = [slowTouch, refuse];
    })
    .register('Profile', ModelAdmin).register('Tag', ModelAdmin).register('Category', ModelAdmin).register('PostCategory', ModelAdmin);
}

/** The job page's address from a confirm's redirect. */
function jobPath(response: { statusCode: number; headers: Record<string, unknown>; body: string }): string {
  assert.equal(response.statusCode, 303, show(response));
  const location = String(response.headers.location);
  assert.match(location, /^\/admin\/\w+\/jobs\/[\w-]{32}/, 'above runAsJobAbove the run goes to a job page');
  return location;
}

/** Reloads the job page, as its meta refresh does, until it no longer refreshes (bounded; not a timing check). */
async function waitForEnd(browser: Browser, path: string) {
  for (let i = 0; i < 2400; i++) {
    const page = await browser.get(path);
    assert.equal(page.statusCode, 200, show(page));
    if (!page.body.includes('http-equiv="refresh"')) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the job at ${path} never ended`);
}

const outcomeOf = (html: string) => textOf(/<ul class="messages" id="job-outcome">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '');

describe('long runs on MariaDB', { skip: (await mysqlAvailable()) ? false : 'no MariaDB test server' }, () => {
  let admin: InProcessAdmin;
  let browser: Browser;
  let userId: number;
  before(async () => {
    admin = await startInProcessAdmin('mysql', site(), {
      extraFiles: { 'admin-models.prisma': adminModelsText('mysql') },
      server: { bulkBatchSize: 500, runAsJobAbove: RUN_AS_JOB_ABOVE, maxUploadBytes: 8 * 1024 * 1024 },
    });
    const user = await createAdminUser(admin.prisma, 'mariadb-long-runs', [], { isSuperuser: true });
    userId = user.id;
    browser = await loginAs(admin.app, user);
  });
  after(() => admin?.close());

  const deleteEntries = (model: string) => admin.prisma.adminLogEntry.count({ where: { action: 'delete', model } });

  test('delete selected over "Select all N": 1,300 posts in batches of one job, each with its entry, their cascade too', async () => {
    const author = await admin.prisma.author.create({ data: { name: 'Across author' } });
    await admin.prisma.post.createMany({ data: Array.from({ length: 1_300 }, (_, i) => ({ title: `Across ${i}`, authorId: author.id })) });
    const kept = await admin.prisma.post.create({ data: { title: 'Kept post', authorId: author.id } });
    const ids = (await admin.prisma.post.findMany({ where: { title: { startsWith: 'Across' } }, select: { id: true }, orderBy: { id: 'asc' } })).map((p: { id: number }) => p.id);
    await admin.prisma.category.create({ data: { slug: 'across', name: 'Across' } });
    await admin.prisma.postCategory.createMany({ data: [0, 600, 1_200].map((at) => ({ postId: ids[at], categorySlug: 'across' })).concat([{ postId: kept.id, categorySlug: 'across' }]) });

    const across = { action: 'delete_selected', select_across: '1', _across_query: 'q=Across' };
    const page = await browser.post('/admin/post/action', across);
    assert.equal(page.statusCode, 200, show(page));
    assert.match(textOf(mainOf(page.body)), /Summary: 1,300 posts \(every row of the list/);
    assert.match(textOf(mainOf(page.body)), /Post categories: 3/);
    const ended = await waitForEnd(browser, jobPath(await browser.post('/admin/post/action', { ...across, post: 'yes', _job: /name="_job" value="([\w-]+)"/.exec(page.body)![1] })));
    assert.equal(outcomeOf(ended.body), 'Successfully deleted 1,300 posts.');
    assert.deepEqual((await admin.prisma.post.findMany({ where: { authorId: author.id }, select: { id: true } })).map((p: { id: number }) => p.id), [kept.id]);
    assert.deepEqual((await admin.prisma.postCategory.findMany({ select: { postId: true } })).map((c: { postId: number }) => c.postId), [kept.id]);
    const logged = new Set((await admin.prisma.adminLogEntry.findMany({ where: { action: 'delete', model: 'Post' }, select: { objectId: true } })).map((e: { objectId: string }) => e.objectId));
    assert.deepEqual(ids.filter((id: number) => !logged.has(String(id))), [], 'every deleted post has its entry');
    assert.equal(await deleteEntries('PostCategory'), 3);
  });

  test('a protected row in a later batch stops it: every author, profile and post stays, and no entry is written', async () => {
    await admin.prisma.author.createMany({ data: Array.from({ length: 1_200 }, (_, i) => ({ name: `Protected ${String(i).padStart(4, '0')}` })) });
    const authors = await admin.prisma.author.findMany({ where: { name: { startsWith: 'Protected' } }, select: { id: true }, orderBy: { id: 'asc' } });
    await admin.prisma.profile.createMany({ data: authors.slice(0, 700).map((a: { id: number }) => ({ authorId: a.id, bio: 'cascaded' })) });
    // The third batch's author has a post: Post.author has no onDelete, so the post protects it (Restrict).
    await admin.prisma.post.create({ data: { title: 'Protecting post', authorId: authors[1_100].id } });
    const counts = async () => [await admin.prisma.author.count(), await admin.prisma.profile.count(), await admin.prisma.post.count(), await deleteEntries('Author'), await deleteEntries('Profile')];
    const before = await counts();
    const across = { action: 'delete_selected', select_across: '1', _across_query: 'q=Protected' };
    const page = await browser.post('/admin/author/action', across);
    assert.equal(page.statusCode, 409, show(page));
    assert.match(textOf(mainOf(page.body)), /would require deleting the following protected related records first: Posts: 1/);
    const ended = await waitForEnd(browser, jobPath(await browser.post('/admin/author/action', { ...across, post: 'yes' })));
    assert.match(outcomeOf(ended.body), /^Delete selected stopped at .*Protected related records stop it: Posts 1\. Nothing was deleted\.$/);
    assert.match(ended.body, /message-error/);
    assert.deepEqual(await counts(), before, 'the batches before the protected one were rolled back too');
  });

  test('a job in the AdminJob table: its progress shows while the run is open, then its outcome; the row says so', async () => {
    const author = await admin.prisma.author.create({ data: { name: 'Job author' } });
    await admin.prisma.post.createMany({ data: Array.from({ length: 1_100 }, (_, i) => ({ title: `Job post ${i}`, authorId: author.id })) });
    const form = { action: 'slow_touch', select_across: '1', _across_query: 'q=Job+post' };
    gate = newGate();
    slowBatches = 0;
    const path = jobPath(await browser.post('/admin/post/action', { ...form, post: 'yes' }));
    let page = await browser.get(path);
    for (let i = 0; i < 1200 && !/500 of/.test(textOf(mainOf(page.body))); i++) {
      await new Promise((r) => setTimeout(r, 50));
      page = await browser.get(path);
    }
    assert.match(page.body, /<meta http-equiv="refresh" content="1">/);
    assert.match(page.body, /<progress id="job-progress" max="1100" value="500">/);
    assert.match(textOf(mainOf(page.body)), /500 of 1,100 rows \(45%\)/);
    assert.equal(await admin.prisma.post.count({ where: { title: 'Touched' } }), 0, 'nothing of the run is visible before it commits');
    const id = path.split('/').pop()!.split('?')[0];
    assert.deepEqual(await admin.prisma.adminJob.findUnique({ where: { id }, select: { status: true, done: true, total: true, userId: true } }), { status: 'running', done: 500, total: 1_100, userId: String(userId) });
    gate.open();
    const ended = await waitForEnd(browser, path);
    gate = null;
    assert.equal(outcomeOf(ended.body), 'Slow touch: done for 1,100 posts.');
    assert.equal(await admin.prisma.post.count({ where: { title: 'Touched' } }), 1_100);
    assert.deepEqual(await admin.prisma.adminJob.findUnique({ where: { id }, select: { status: true, done: true, level: true, message: true } }), { status: 'done', done: 1_100, level: 'success', message: 'Slow touch: done for 1,100 posts.' });
  });

  test('a job whose process died shows that it stopped, not "running"', async () => {
    const id = 'mariadb-stale'.padEnd(32, 'x');
    const old = new Date(Date.now() - 10 * 60_000);
    await admin.prisma.adminJob.create({ data: { id, kind: 'bulk', model: 'Post', userId: String(userId), status: 'running', done: 500, total: 1000, message: 'Running…', backUrl: '/admin/post/', createdAt: old, updatedAt: old } });
    const page = await browser.get(`/admin/post/jobs/${id}`);
    assert.equal(page.statusCode, 200, show(page));
    assert.doesNotMatch(page.body, /http-equiv="refresh"/);
    assert.equal(outcomeOf(page.body), STOPPED_MESSAGE);
  });

  test("an import's new rows with a unique field every row fills: createMany, read back for their entries, over two batches", async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => ({ name: `mariadb-tag-${i}` }));
    const { response, job } = await uploadImport(browser, 'tag', csvOf(['name'], rows), 'tags.csv');
    assert.deepEqual(importCounts(response.body), { new: 1_500, changed: 0, unchanged: 0, error: 0 }, show(response));
    const confirm = { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' };
    const ended = await waitForEnd(browser, jobPath(await browser.post('/admin/tag/import', confirm)));
    assert.equal(outcomeOf(ended.body), 'Imported 1,500 tags from “tags.csv”: 1500 new, 0 changed, 0 unchanged.');
    const tags = await admin.prisma.tag.findMany({ where: { name: { startsWith: 'mariadb-tag-' } }, select: { id: true, name: true } });
    assert.equal(tags.length, 1_500);
    const entries = await admin.prisma.adminLogEntry.findMany({ where: { action: 'add', model: 'Tag' }, select: { objectId: true, objectRepr: true } });
    assert.deepEqual(new Map(entries.map((e: { objectId: string; objectRepr: string }) => [e.objectId, e.objectRepr])), new Map(tags.map((t: { id: number; name: string }) => [String(t.id), t.name])), 'each new tag has its entry with its own id');
  });

  test('an import whose rows fill no unique field goes row by row; a row the database refuses rolls every row back', async () => {
    const author = await admin.prisma.author.create({ data: { name: 'Import author' } });
    const rows = Array.from({ length: 30 }, (_, i) => ({ title: `Imported post ${i}`, author: author.id }));
    const { response, job } = await uploadImport(browser, 'post', csvOf(['title', 'author'], rows), 'posts.csv');
    assert.deepEqual(importCounts(response.body), { new: 30, changed: 0, unchanged: 0, error: 0 }, show(response));
    const done = await browser.post('/admin/post/import', { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' });
    assert.equal(done.statusCode, 303, show(done));
    const posts = await admin.prisma.post.findMany({ where: { title: { startsWith: 'Imported post' } }, select: { id: true } });
    assert.equal(posts.length, 30);
    const logged = new Set((await admin.prisma.adminLogEntry.findMany({ where: { action: 'add', model: 'Post' }, select: { objectId: true } })).map((e: { objectId: string }) => e.objectId));
    assert.deepEqual(posts.filter((p: { id: number }) => !logged.has(String(p.id))), []);

    // A name longer than the VARCHAR(191) column: MariaDB (strict) refuses the createMany, then that row alone.
    const tagsBefore = await admin.prisma.tag.count();
    const clashing = Array.from({ length: 40 }, (_, i) => ({ name: i === 25 ? 'x'.repeat(300) : `mariadb-long-${i}` }));
    const second = await uploadImport(browser, 'tag', csvOf(['name'], clashing), 'long.csv');
    const failed = await browser.post('/admin/tag/import', { job: second.job!, map: chosenMapping(second.response.body), mode: 'create', key: 'id', previewed: previewedOf(second.response.body), _confirm: '1' });
    assert.equal(failed.statusCode, 400, show(failed));
    assert.match(textOf(mainOf(failed.body)), /The row on line 27 could not be written/);
    assert.equal(await admin.prisma.tag.count(), tagsBefore);
  });

  test('a long failure message is stored and shown whole', async () => {
    const author = await admin.prisma.author.create({ data: { name: 'Refusing author' } });
    await admin.prisma.post.createMany({ data: Array.from({ length: 1_050 }, (_, i) => ({ title: i === 900 ? 'Refusing post' : `Refusal ${i}`, authorId: author.id })) });
    const path = jobPath(await browser.post('/admin/post/action', { action: 'refuse', select_across: '1', _across_query: 'q=Refus', post: 'yes' }));
    const ended = await waitForEnd(browser, path);
    const expected = `“Refuse” stopped at “Refusing post”: ${LONG_REASON} Nothing was changed.`;
    assert.ok(expected.length > 191);
    assert.equal(outcomeOf(ended.body), expected);
    assert.equal((await admin.prisma.adminJob.findUnique({ where: { id: path.split('/').pop()!.split('?')[0] } })).message, expected);
  });

  test("a change whose audit entry is longer than 191 characters is saved, with its entry whole", async () => {
    const author = await admin.prisma.author.create({ data: { name: 'Long title author' } });
    const post = await admin.prisma.post.create({ data: { title: `An old title ${'o'.repeat(150)}`, authorId: author.id } });
    const form = formFields((await browser.get(`/admin/post/${post.id}/change`)).body, `/admin/post/${post.id}/change`);
    const title = `A new title ${'n'.repeat(150)}`;
    const saved = await browser.post(`/admin/post/${post.id}/change`, { ...form, title, _save: '1' });
    assert.equal(saved.statusCode, 303, `${saved.statusCode}: ${textOf(mainOf(saved.body)).slice(-900)}`);
    assert.equal((await admin.prisma.post.findUnique({ where: { id: post.id } })).title, title);
    const entry = await admin.prisma.adminLogEntry.findFirstOrThrow({ where: { action: 'change', model: 'Post', objectId: String(post.id) } });
    assert.ok(entry.changeMessage.length > 191);
    assert.deepEqual(JSON.parse(entry.changeMessage).changes.map((c: { field: string }) => c.field), ['title']);
  });
});
