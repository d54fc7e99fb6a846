// Deleting: the confirmation page says what the schema's referential actions will do (cascade, restrict), a blocked
// delete is refused with a clear page and loses nothing, and the bulk action deletes exactly the selected records.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { formFields, mainOf, messagesOf, textOf } from '../support/html.ts';

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

async function snapshot() {
  const p = demo.prisma;
  return { authors: await p.author.count(), posts: await p.post.count(), comments: await p.comment.count(), tags: await p.tag.count() };
}

describe('delete one record', () => {
  test('an author with posts (onDelete: Restrict): the page says what blocks it; a POST is refused and nothing is lost', async () => {
    const author = await demo.prisma.author.findFirstOrThrow({ where: { posts: { some: {} } }, include: { _count: { select: { posts: true } } } });
    const before = await snapshot();
    const confirm = await demo.browser.get(`/admin/author/${author.id}/delete`);
    assert.ok(confirm.statusCode === 200 || confirm.statusCode === 409, show(confirm));
    const text = textOf(mainOf(confirm.body));
    assert.match(text, /protected|cannot|can't|blocked/i);
    assert.ok(text.includes(`Posts: ${author._count.posts}`), text);
    assert.doesNotMatch(confirm.body, /<button type="submit"[^>]*>Yes/, 'no button to confirm a delete that cannot happen');

    const browser = demo.newBrowser();
    const response = await browser.post(`/admin/author/${author.id}/delete`, { post: 'yes' });
    assert.ok(response.statusCode === 409 || response.statusCode === 303 || response.statusCode === 400, show(response));
    if (response.statusCode === 303) {
      const next = await browser.follow(response);
      assert.ok(messagesOf(next.body).some((m) => /could not be deleted|protected|cannot/i.test(m)), messagesOf(next.body).join(' | '));
    } else {
      assert.match(textOf(mainOf(response.body)), /protected|cannot|can't|blocked/i);
    }
    assert.ok(await demo.prisma.author.findUnique({ where: { id: author.id } }), 'the author is still there');
    assert.deepEqual(await snapshot(), before);
  });

  test('an author without posts is deleted after confirmation, with a message', async () => {
    const lonely = await demo.prisma.author.create({ data: { name: 'Nobody Writes', email: 'nobody@example.com' } });
    const browser = demo.newBrowser();
    const confirm = await browser.get(`/admin/author/${lonely.id}/delete`);
    assert.equal(confirm.statusCode, 200, show(confirm));
    assert.match(textOf(mainOf(confirm.body)), /Are you sure/);
    const form = formFields(confirm.body, `/admin/author/${lonely.id}/delete`);
    const response = await browser.post(`/admin/author/${lonely.id}/delete`, form);
    assert.equal(response.statusCode, 303, show(response));
    assert.equal(response.headers.location, '/admin/author/');
    const list = await browser.follow(response);
    assert.ok(messagesOf(list.body).some((m) => /deleted successfully/.test(m) && m.includes('Nobody Writes')));
    assert.equal(await demo.prisma.author.findUnique({ where: { id: lonely.id } }), null);
  });

  test('a post: the confirmation lists the comments that cascade; deleting removes them and keeps the rest', async () => {
    const post = await demo.prisma.post.findFirstOrThrow({
      where: { comments: { some: {} }, tags: { some: {} } },
      include: { _count: { select: { comments: true } }, tags: true },
      orderBy: { id: 'asc' },
    });
    const n = post._count.comments;
    const before = await snapshot();
    const browser = demo.newBrowser();
    const confirm = await browser.get(`/admin/post/${post.id}/delete`);
    assert.equal(confirm.statusCode, 200, show(confirm));
    const text = textOf(mainOf(confirm.body));
    assert.match(text, /Are you sure/);
    assert.ok(text.includes(`Comments: ${n}`), `the page says ${n} comments go too: ${text}`);
    assert.doesNotMatch(text, /Tags:/, 'implicit many-to-many links are not listed as deleted records');

    const response = await browser.post(`/admin/post/${post.id}/delete`, formFields(confirm.body, `/admin/post/${post.id}/delete`));
    assert.equal(response.statusCode, 303, show(response));
    assert.equal(await demo.prisma.post.findUnique({ where: { id: post.id } }), null);
    assert.equal(await demo.prisma.comment.count({ where: { postId: post.id } }), 0);
    assert.deepEqual(await snapshot(), { ...before, posts: before.posts - 1, comments: before.comments - n });
    for (const tag of post.tags) assert.ok(await demo.prisma.tag.findUnique({ where: { id: tag.id } }), 'tags stay');
  });

  test('a GET never deletes', async () => {
    const before = await snapshot();
    await demo.browser.get('/admin/post/60/delete');
    await demo.browser.get('/admin/post/delete-selected?_selected=60');
    assert.deepEqual(await snapshot(), before);
  });

  test('deleting a category (onDelete: SetNull) keeps its posts, without a category', async () => {
    const category = await demo.prisma.category.findFirstOrThrow({ where: { posts: { some: {} } }, include: { posts: { select: { id: true } } } });
    const browser = demo.newBrowser();
    const confirm = await browser.get(`/admin/category/${category.id}/delete`);
    assert.equal(confirm.statusCode, 200, show(confirm));
    assert.doesNotMatch(textOf(mainOf(confirm.body)), /Posts: \d/, 'posts are not deleted with it, so not listed');
    const response = await browser.post(`/admin/category/${category.id}/delete`, formFields(confirm.body, '/delete'));
    assert.equal(response.statusCode, 303, show(response));
    const ids = category.posts.map((p) => p.id);
    assert.equal(await demo.prisma.post.count({ where: { id: { in: ids } } }), ids.length);
    assert.equal(await demo.prisma.post.count({ where: { id: { in: ids }, categoryId: { not: null } } }), 0);
  });
});

describe('bulk delete', () => {
  test('the action shows a confirmation of exactly the selected posts; confirming deletes exactly those', async () => {
    const chosen = await demo.prisma.post.findMany({ where: { id: { in: [70, 71, 75] } }, include: { _count: { select: { comments: true } } }, orderBy: { id: 'asc' } });
    assert.equal(chosen.length, 3);
    const comments = chosen.reduce((n, p) => n + p._count.comments, 0);
    const before = await snapshot();
    const browser = demo.newBrowser();
    const confirm = await browser.post('/admin/post/action', { action: 'delete_selected', _selected: ['70', '71', '75'], go: '1' });
    assert.equal(confirm.statusCode, 200, show(confirm));
    assert.deepEqual(await snapshot(), before, 'the action only asks');
    const text = textOf(mainOf(confirm.body));
    for (const post of chosen) assert.ok(text.includes(post.title), `lists ${post.title}`);
    const listed = [...mainOf(confirm.body).matchAll(/<li>Post: <a href="\/admin\/post\/(\d+)\/">/g)].map((m) => m[1]).sort();
    assert.deepEqual(listed, ['70', '71', '75']);
    if (comments > 0) assert.ok(text.includes(`Comments: ${comments}`), text);

    const form = formFields(confirm.body, '/delete-selected');
    assert.deepEqual([form._selected].flat().sort(), ['70', '71', '75']);
    const response = await browser.post('/admin/post/delete-selected', form);
    assert.equal(response.statusCode, 303, show(response));
    const list = await browser.follow(response);
    assert.ok(messagesOf(list.body).some((m) => /Successfully deleted 3 posts/.test(m)), messagesOf(list.body).join(' | '));
    assert.equal(await demo.prisma.post.count({ where: { id: { in: [70, 71, 75] } } }), 0);
    assert.deepEqual(await snapshot(), { ...before, posts: before.posts - 3, comments: before.comments - comments });
    assert.equal(await demo.prisma.post.count({ where: { id: { in: [69, 72, 73, 74, 76] } } }), 5, 'the neighbours stay');
  });

  test('no selection, or no action, goes back to the list with a warning and deletes nothing', async () => {
    const before = await snapshot();
    const browser = demo.newBrowser();
    const forms: Record<string, string | string[]>[] = [{ action: 'delete_selected' }, { action: '', _selected: ['80'] }];
    for (const form of forms) {
      const response = await browser.post('/admin/post/action', form);
      assert.equal(response.statusCode, 303, show(response));
      const list = await browser.follow(response);
      assert.ok(messagesOf(list.body).length > 0, 'a warning is shown');
    }
    const unknown = await browser.post('/admin/post/action', { action: 'drop_table', _selected: ['80'] });
    assert.equal(unknown.statusCode, 400, show(unknown));
    assert.deepEqual(await snapshot(), before);
  });

  test('a bulk delete that includes a protected record is refused as a whole', async () => {
    const authors = await demo.prisma.author.findMany({ where: { posts: { some: {} } }, take: 1 });
    const lonely = await demo.prisma.author.create({ data: { name: 'Also Nobody', email: 'also.nobody@example.com' } });
    const ids = [String(authors[0].id), String(lonely.id)];
    const before = await snapshot();
    const browser = demo.newBrowser();
    const confirm = await browser.post('/admin/author/action', { action: 'delete_selected', _selected: ids });
    assert.ok(confirm.statusCode === 200 || confirm.statusCode === 409, show(confirm));
    assert.match(textOf(mainOf(confirm.body)), /protected|cannot/i);
    const response = await browser.post('/admin/author/delete-selected', { _selected: ids, post: 'yes' });
    assert.ok(response.statusCode < 500, show(response));
    assert.deepEqual(await snapshot(), before);
    assert.ok(await demo.prisma.author.findUnique({ where: { id: lonely.id } }), 'not even the deletable one goes');
  });
});
