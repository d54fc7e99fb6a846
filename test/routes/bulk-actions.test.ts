// Bulk work on the demo's posts: "Select all N" with a filter and "Edit selected" (status, tags), an action that asks
// for input (a zod form: errors beside the field, the typed value kept), a record action on a post's pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { fieldError, inputValue, mainOf, messagesOf, textOf } from '../support/html.ts';

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

describe('bulk actions', () => {
  test('the list offers "Select all N" (a checkbox that works without JavaScript) and "Edit selected"', async () => {
    const total = await demo.prisma.post.count();
    const list = await demo.browser.get('/admin/post/');
    assert.match(list.body, new RegExp(`<input type="checkbox" name="select_across" value="1" id="select-across"> Select all ${total} posts`));
    assert.match(list.body, /<option value="bulk_edit">Edit selected posts<\/option>/);
    assert.equal([...list.body.matchAll(/<select name="action"/g)].length, 1, 'one menu, on top');
    const filtered = await demo.browser.get("/admin/post/?sort=title");
    assert.match(filtered.body, /name="_across_query" value="sort=title"/);
  });

  test('select all drafts, edit their status: preview counts them, apply changes each with its own audit entry', async () => {
    const drafts = await demo.prisma.post.findMany({ where: { status: 'draft' }, select: { id: true } });
    assert.ok(drafts.length > 1);
    const others = await demo.prisma.post.findMany({ where: { status: { not: 'draft' } }, select: { id: true, status: true }, orderBy: { id: 'asc' } });
    const form = { action: 'bulk_edit', select_across: '1', _across_query: 'status__exact=draft', be_on_status: '1', in_status: 'archived' };
    const page = await demo.browser.post('/admin/post/action', { action: 'bulk_edit', select_across: '1', _across_query: 'status__exact=draft' });
    assert.equal(page.statusCode, 200, show(page));
    assert.match(textOf(mainOf(page.body)), new RegExp(`Selected: ${drafts.length} posts \\(every row of the list`));
    const preview = await demo.browser.post('/admin/post/action', { ...form, _preview: '1' });
    assert.equal(preview.statusCode, 200, show(preview));
    assert.match(textOf(mainOf(preview.body)), new RegExp(`This changes ${drafts.length} posts`));
    assert.equal(inputValue(preview.body, 'in_status'), 'archived', 'the chosen value is kept');
    assert.equal(await demo.prisma.post.count({ where: { status: 'draft' } }), drafts.length, 'the preview wrote nothing');
    const logBefore = await demo.prisma.adminLogEntry.count({ where: { model: 'Post', action: 'change' } });
    const done = await demo.browser.post('/admin/post/action', { ...form, post: 'yes' });
    assert.equal(done.statusCode, 303, show(done));
    assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), new RegExp(`Changed ${drafts.length} posts of ${drafts.length} posts`));
    assert.equal(await demo.prisma.post.count({ where: { id: { in: drafts.map((d) => d.id) }, status: 'archived' } }), drafts.length);
    assert.deepEqual(await demo.prisma.post.findMany({ where: { id: { in: others.map((o) => o.id) } }, select: { id: true, status: true }, orderBy: { id: 'asc' } }), others, 'rows outside the filter are untouched');
    const entries = await demo.prisma.adminLogEntry.findMany({ where: { model: 'Post', action: 'change', objectId: String(drafts[0].id) } });
    assert.equal(await demo.prisma.adminLogEntry.count({ where: { model: 'Post', action: 'change' } }), logBefore + drafts.length);
    assert.deepEqual(JSON.parse(entries.at(-1)!.changeMessage).changes.map((c: { field: string; old: string; new: string }) => [c.field, c.old, c.new]), [['status', 'draft', 'archived']]);
  });

  test('bulk edit of tags adds to each post its tags, and an invalid value is an error beside the field', async () => {
    const posts = await demo.prisma.post.findMany({ take: 3, orderBy: { id: 'asc' }, include: { tags: true } });
    const tag = await demo.prisma.tag.create({ data: { name: 'bulk-added' } });
    const ids = posts.map((p) => String(p.id));
    const bad = await demo.browser.post('/admin/post/action', { action: 'bulk_edit', _selected: ids, be_on_status: '1', in_status: 'nonsense', _preview: '1' });
    assert.equal(bad.statusCode, 400, show(bad));
    assert.ok(fieldError(bad.body, 'in_status'), 'an error beside the status');
    const none = await demo.browser.post('/admin/post/action', { action: 'bulk_edit', _selected: ids, _preview: '1' });
    assert.equal(none.statusCode, 400);
    assert.match(textOf(mainOf(none.body)), /Choose at least one field to change/);
    const done = await demo.browser.post('/admin/post/action', { action: 'bulk_edit', _selected: ids, be_on_tags: '1', be_mode_tags: 'add', in_tags: String(tag.id), post: 'yes' });
    assert.equal(done.statusCode, 303, show(done));
    for (const post of posts) {
      const after = await demo.prisma.post.findUniqueOrThrow({ where: { id: post.id }, include: { tags: true } });
      assert.deepEqual(after.tags.map((t) => t.id).sort(), [...post.tags.map((t) => t.id), tag.id].sort());
    }
    const entry = await demo.prisma.adminLogEntry.findFirstOrThrow({ where: { model: 'Post', objectId: ids[0], action: 'change' }, orderBy: { id: 'desc' } });
    assert.match(JSON.parse(entry.changeMessage).changes[0].new, /bulk-added/);
  });

  test('an action form: a value out of range comes back with the error beside it and the typed value, then runs', async () => {
    const posts = await demo.prisma.post.findMany({ take: 2, orderBy: { id: 'asc' } });
    const ids = posts.map((p) => String(p.id));
    const first = await demo.browser.post('/admin/post/action', { action: 'rate', _selected: ids });
    assert.equal(first.statusCode, 200, show(first));
    assert.match(first.body, /name="in_rating"/);
    const bad = await demo.browser.post('/admin/post/action', { action: 'rate', _selected: ids, in_rating: '7', post: 'yes' });
    assert.equal(bad.statusCode, 400, show(bad));
    assert.match(fieldError(bad.body, 'in_rating') ?? '', /5/);
    assert.equal(inputValue(bad.body, 'in_rating'), '7');
    const ok = await demo.browser.post('/admin/post/action', { action: 'rate', _selected: ids, in_rating: '4.5', post: 'yes' });
    assert.equal(ok.statusCode, 303, show(ok));
    for (const post of posts) assert.equal((await demo.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).rating?.toFixed(1), '4.5');
  });

  test('a record action: a Publish button on the change and detail pages, confirmed, run and logged', async () => {
    const draft = await demo.prisma.post.findFirstOrThrow({ where: { status: { not: 'published' } } });
    for (const page of [`/admin/post/${draft.id}/change`, `/admin/post/${draft.id}/`]) {
      const html = (await demo.browser.get(page)).body;
      assert.match(html, new RegExp(`<form method="post" action="/admin/post/${draft.id}/action" class="record-actions">`), page);
      assert.match(html, /<button type="submit" name="action" value="publish-one">Publish<\/button>/, page);
    }
    const confirm = await demo.browser.post(`/admin/post/${draft.id}/action`, { action: 'publish-one' });
    assert.equal(confirm.statusCode, 200, show(confirm));
    assert.match(textOf(mainOf(confirm.body)), /Publish this post now\?/);
    assert.equal((await demo.prisma.post.findUniqueOrThrow({ where: { id: draft.id } })).status, draft.status, 'not before the confirmation');
    const done = await demo.browser.post(`/admin/post/${draft.id}/action`, { action: 'publish-one', post: 'yes', _selected: String(draft.id) });
    assert.equal(done.statusCode, 303, show(done));
    assert.equal(done.headers.location, `/admin/post/${draft.id}/change`);
    assert.match(messagesOf((await demo.browser.follow(done)).body).join(' '), /The post was published/);
    assert.equal((await demo.prisma.post.findUniqueOrThrow({ where: { id: draft.id } })).status, 'published');
    assert.equal(await demo.prisma.adminLogEntry.count({ where: { model: 'Post', objectId: String(draft.id), action: 'action' } }), 1);
    const unknown = await demo.browser.post(`/admin/post/${draft.id}/action`, { action: 'nope' });
    assert.equal(unknown.statusCode, 400);
  });
});
