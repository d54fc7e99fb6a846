// One rule for rows the per-record hooks refuse (issue #19 point 5), for "Delete selected" over checked rows as over
// "Select all N", for actions and for "Edit selected": the confirmation page lists the refused rows (label and link) and
// says they will be left; confirming runs on the others, and the audit log names only those; when every row is refused
// the page says so and offers no confirmation; a POST naming refused rows anyway leaves every one of them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { mainOf, messagesOf, textOf } from '../support/html.ts';
import { touchPostsAction } from '../support/touch-action.ts';

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 800)}`;
const locked = (record?: Record<string, unknown>) => String(record?.title ?? '').startsWith('Locked');

function site() {
  const touch = touchPostsAction();
  return new AdminSite().register('Author', ModelAdmin).register('Post', class extends ModelAdmin {
    override searchFields = ['title'];
    override actions = [touch];
    override bulkEdit = ['status'];
    override hasChangePermission(request: FastifyRequest, record?: Record<string, unknown>) {
      return !locked(record) && super.hasChangePermission(request, record);
    }
    override hasDeletePermission(request: FastifyRequest, record?: Record<string, unknown>) {
      return !locked(record) && super.hasDeletePermission(request, record);
    }
  });
}

describe('rows the per-record permission refuses, in every bulk run', () => {
  let demo: DemoApp;
  let author: number;
  const posts = async (prefix: string, titles: string[]) => {
    await demo.prisma.post.createMany({ data: titles.map((title, i) => ({ title, slug: `${prefix}-${i}`, body: 'x', status: 'draft' as const, authorId: author })) });
    return (await demo.prisma.post.findMany({ where: { slug: { startsWith: `${prefix}-` } }, orderBy: { id: 'asc' }, select: { id: true, title: true } }));
  };
  const deleteEntries = (ids: number[]) => demo.prisma.adminLogEntry.findMany({ where: { action: 'delete', model: 'Post', objectId: { in: ids.map(String) } }, select: { objectId: true } });
  before(async () => {
    demo = await startDemoApp({ server: { site: site() } });
    author = (await demo.prisma.author.findFirstOrThrow()).id;
    await demo.browser.get('/admin/post/');
  });
  after(() => demo?.close());

  test('delete selected, checked rows with some refused: they are listed and left, the others deleted and logged', async () => {
    const [free1, lockedA, free2, lockedB] = await posts('mixed', ['Free one', 'Locked one', 'Free two', 'Locked two']);
    await demo.prisma.comment.create({ data: { postId: free1.id, authorName: 'c', body: 'on a free post' } });
    await demo.prisma.comment.create({ data: { postId: lockedA.id, authorName: 'c', body: 'on a locked post' } });
    const ids = [free1, lockedA, free2, lockedB].map((p) => String(p.id));
    const page = await demo.browser.post('/admin/post/action', { action: 'delete_selected', _selected: ids });
    assert.equal(page.statusCode, 200, show(page));
    const denied = /<div class="bulk-denied"[\s\S]*?<\/div>/.exec(page.body)?.[0] ?? '';
    assert.match(textOf(denied), /You may not delete 2 posts of them; they will be left as they are: Locked one Locked two/);
    assert.match(denied, new RegExp(`href="/admin/post/${lockedA.id}/"`));
    const toDelete = textOf(/<ul class="delete-list">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '');
    assert.match(toDelete, /Free one/);
    assert.doesNotMatch(toDelete, /Locked/);
    assert.match(textOf(mainOf(page.body)), /Comments: 1/, "only the free post's comment goes with it");
    assert.deepEqual([...page.body.matchAll(/name="_selected" value="(\d+)"/g)].map((m) => m[1]), [free1.id, free2.id].map(String));
    assert.match(page.body, /Yes, I’m sure/);

    const done = await demo.browser.post('/admin/post/delete-selected', { _selected: [free1.id, free2.id].map(String), post: 'yes' });
    assert.equal(done.statusCode, 303, show(done));
    assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), /Successfully deleted 2 posts\./);
    assert.deepEqual((await demo.prisma.post.findMany({ where: { slug: { startsWith: 'mixed-' } }, select: { title: true }, orderBy: { id: 'asc' } })).map((p) => p.title), ['Locked one', 'Locked two']);
    assert.deepEqual((await deleteEntries([free1, lockedA, free2, lockedB].map((p) => p.id))).map((e) => e.objectId).sort(), [free1.id, free2.id].map(String).sort());
    assert.equal(await demo.prisma.comment.count({ where: { body: 'on a locked post' } }), 1);
  });

  test('delete selected, a tampered POST naming refused rows deletes none of them, and says it left them', async () => {
    const [free, lockedA, lockedB] = await posts('tampered', ['Free tampered', 'Locked tampered one', 'Locked tampered two']);
    const done = await demo.browser.post('/admin/post/delete-selected', { _selected: [free, lockedA, lockedB].map((p) => String(p.id)), post: 'yes' });
    assert.equal(done.statusCode, 303, show(done));
    assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), /Successfully deleted 1 post\. 2 posts you may not delete were left as they were\./);
    assert.deepEqual((await demo.prisma.post.findMany({ where: { slug: { startsWith: 'tampered-' } }, select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id), [lockedA.id, lockedB.id]);
    assert.deepEqual((await deleteEntries([lockedA.id, lockedB.id])), []);
  });

  test('delete selected, every checked row refused: the page lists them, says so and offers no confirmation', async () => {
    const rows = await posts('all-locked', ['Locked all one', 'Locked all two']);
    const ids = rows.map((p) => String(p.id));
    for (const response of [
      await demo.browser.post('/admin/post/action', { action: 'delete_selected', _selected: ids }),
      await demo.browser.post('/admin/post/delete-selected', { _selected: ids, post: 'yes' }),
    ]) {
      assert.equal(response.statusCode, 403, show(response));
      const text = textOf(mainOf(response.body));
      assert.match(text, /You may not delete any of the 2 selected posts; nothing will be deleted: Locked all one Locked all two/);
      assert.doesNotMatch(response.body, /Yes, I’m sure|name="post"/);
    }
    assert.equal(await demo.prisma.post.count({ where: { slug: { startsWith: 'all-locked-' } } }), 2);
  });

  test('delete selected over "Select all N": the refused rows are listed by label and link, left, and the others deleted', async () => {
    const rows = await posts('across', ['Across free one', 'Across Locked one', 'Across free two']);
    // The search matches "Locked" inside the title too: the refused row starts with "Locked".
    await demo.prisma.post.update({ where: { id: rows[1].id }, data: { title: 'Locked Across one' } });
    const across = { action: 'delete_selected', select_across: '1', _across_query: 'q=Across' };
    const page = await demo.browser.post('/admin/post/action', across);
    assert.equal(page.statusCode, 200, show(page));
    const denied = /<div class="bulk-denied"[\s\S]*?<\/div>/.exec(page.body)?.[0] ?? '';
    assert.match(textOf(denied), /You may not delete 1 post of them; it will be left as it is: Locked Across one/);
    assert.match(denied, new RegExp(`href="/admin/post/${rows[1].id}/"`));
    assert.doesNotMatch(textOf(/<ul class="delete-list">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? ''), /Locked/);
    const done = await demo.browser.post('/admin/post/action', { ...across, post: 'yes' });
    assert.equal(done.statusCode, 303, show(done));
    assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), /Successfully deleted 2 posts\. 1 post you may not delete was left as it was\./);
    assert.deepEqual((await demo.prisma.post.findMany({ where: { slug: { startsWith: 'across-' } }, select: { id: true } })).map((p) => p.id), [rows[1].id]);
    assert.deepEqual(await deleteEntries([rows[1].id]), []);
  });

  test('delete selected over "Select all N" of refused rows only: the page says so and offers no confirmation', async () => {
    await posts('across-locked', ['Locked Zebra one', 'Locked Zebra two']);
    const page = await demo.browser.post('/admin/post/action', { action: 'delete_selected', select_across: '1', _across_query: 'q=Zebra' });
    assert.equal(page.statusCode, 403, show(page));
    assert.match(textOf(mainOf(page.body)), /You may not delete any of the 2 selected posts; nothing will be deleted: Locked Zebra one Locked Zebra two/);
    assert.doesNotMatch(page.body, /Yes, I’m sure|name="post"/);
  });

  test('an action or "Edit selected" over checked rows all refused: the page says so and offers no confirmation', async () => {
    const ids = (await posts('action-locked', ['Locked action one', 'Locked action two'])).map((p) => String(p.id));
    for (const [what, response] of [
      ['action', await demo.browser.post('/admin/post/action', { action: 'touch', _selected: ids })],
      ['confirmed action', await demo.browser.post('/admin/post/action', { action: 'touch', _selected: ids, post: 'yes' })],
      ['edit selected', await demo.browser.post('/admin/post/action', { action: 'bulk_edit', _selected: ids })],
    ] as const) {
      assert.equal(response.statusCode, 403, `${what}: ${show(response)}`);
      assert.match(textOf(mainOf(response.body)), /You may not change any of the 2 selected posts; nothing will be changed: Locked action one Locked action two/, what);
      assert.doesNotMatch(response.body, /Yes, I’m sure|name="post"|name="_preview"/, what);
    }
    assert.equal(await demo.prisma.post.count({ where: { slug: { startsWith: 'action-locked-' }, viewCount: 4242 } }), 0);
  });

  test('an action over checked rows with some refused lists them and runs on the others only', async () => {
    const [free, lockedOne] = await posts('action-mixed', ['Free action', 'Locked action mixed']);
    const ids = [free, lockedOne].map((p) => String(p.id));
    const page = await demo.browser.post('/admin/post/action', { action: 'touch', _selected: ids });
    assert.equal(page.statusCode, 200, show(page));
    assert.match(textOf(mainOf(page.body)), /You may not change 1 post of them; it will be left as it is: Locked action mixed/);
    const done = await demo.browser.post('/admin/post/action', { action: 'touch', _selected: ids, post: 'yes' });
    assert.equal(done.statusCode, 303, show(done));
    assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), /1 post you may not change was left as it was\./);
    assert.deepEqual((await demo.prisma.post.findMany({ where: { slug: { startsWith: 'action-mixed-' }, viewCount: 4242 } })).map((p) => p.id), [free.id]);
  });
});
