// Inlines: related records edited inside their parent's add/change form (the demo's comments inside their post),
// saved in one transaction with the parent, logged, validated row by row, and limited by the inline's permissions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { AdminSite, ModelAdmin, StackedInline, TabularInline } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { postgresAvailable } from '../support/databases.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { fieldError, formFields, inputValue, mainOf, textOf } from '../support/html.ts';

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 800)}`;
type Form = Record<string, string | string[]>;

/** A post's comments on its page, newest first; no approving there, and none on archived posts may be changed. */
class CommentBlocks extends StackedInline {
  model = 'Comment';
  exclude = ['approved'];
  readonlyFields = ['createdAt'];
  ordering = ['-createdAt'];
  labels = { authorName: 'Name' };
  extra = 2;
  override hasChangePermission(request: FastifyRequest, parent?: Record<string, unknown>) {
    return parent?.status !== 'archived' && super.hasChangePermission(request, parent);
  }
}

/** An author's posts on the author's page: titles and addresses only, never deleted from there. */
class PostRows extends TabularInline {
  model = 'Post';
  fields = ['title', 'slug', 'body'];
  extra = 0;
  canDelete = false;
}

class PostAdmin extends ModelAdmin {
  inlines = [CommentBlocks];
}
class AuthorAdmin extends ModelAdmin {
  inlines = [PostRows];
}

let demo: DemoApp;
let custom: CustomSiteApp;
before(async () => {
  demo = await startDemoApp();
  custom = await startCustomSiteApp(new AdminSite().register('Post', PostAdmin).register('Author', AuthorAdmin));
});
after(async () => {
  await demo?.close();
  await custom?.close();
});

async function changePage(app: { browser: DemoApp['browser'] }, url: string): Promise<{ html: string; form: Form }> {
  const response = await app.browser.get(url);
  assert.equal(response.statusCode, 200, show(response));
  const form = formFields(response.body, url.replace(/^.*\/admin/, ''));
  // The template row is inert in a browser: it is not sent.
  for (const name of Object.keys(form)) if (name.includes('__prefix__')) delete form[name];
  return { html: response.body, form };
}

const logOf = (prisma: DemoApp['prisma'], model: string, objectIds: string[]) =>
  prisma.adminLogEntry.findMany({ where: { model, objectId: { in: objectIds } }, orderBy: { id: 'asc' } });

describe('tabular inline (the demo: comments inside their post)', () => {
  test('the change page lists the comments oldest first, each with its id and a delete box, then one blank row', async () => {
    const comments = await demo.prisma.comment.findMany({ where: { postId: 2 }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    assert.equal(comments.length, 4);
    const { html } = await changePage(demo, '/admin/post/2/change');
    assert.equal(inputValue(html, 'comments-TOTAL_FORMS'), '5');
    comments.forEach((c, i) => {
      assert.equal(inputValue(html, `comments-${i}-_id`), String(c.id));
      assert.equal(inputValue(html, `comments-${i}-authorName`), c.authorName);
      assert.equal(inputValue(html, `comments-${i}-body`), c.body);
      assert.equal(inputValue(html, `comments-${i}-approved`), c.approved ? 'on' : '');
      assert.equal(inputValue(html, `comments-${i}-_delete`), '', 'a delete checkbox, unchecked');
    });
    assert.equal(inputValue(html, 'comments-4-_id'), '', 'the blank row is a new one (its empty id says the row was sent)');
    assert.equal(inputValue(html, 'comments-4-authorName'), '');
    assert.equal(inputValue(html, 'comments-4-_delete'), undefined);
    assert.equal(inputValue(html, 'comments-5-authorName'), undefined, 'extra = 1');
    assert.match(html, /<template class="inline-template">[\s\S]*name="comments-__prefix__-body"/);
    assert.match(html, /<button type="button" class="inline-add" hidden>Add another comment<\/button>/);
    assert.match(html, /<th scope="col">Author name <span class="required-mark"/);
  });

  test('one save adds, changes and deletes comments with the post, and logs each change', async () => {
    const before = await demo.prisma.comment.findMany({ where: { postId: 4 }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    assert.equal(before.length, 6);
    const { form } = await changePage(demo, '/admin/post/4/change');
    const n = before.length;
    Object.assign(form, {
      title: 'Post four, with its comments moderated',
      'comments-0-body': 'Edited inline.',
      'comments-1-_delete': 'on',
      [`comments-${n}-authorName`]: 'Inline Ada',
      [`comments-${n}-body`]: 'Added inline.',
      [`comments-${n}-approved`]: 'on',
      _save: '1',
    });
    const response = await demo.browser.post('/admin/post/4/change', form);
    assert.equal(response.statusCode, 303, show(response));

    const after = await demo.prisma.comment.findMany({ where: { postId: 4 }, orderBy: { id: 'asc' } });
    assert.equal(after.length, n);
    assert.equal(after.find((c) => c.id === before[0].id)?.body, 'Edited inline.');
    assert.equal(after.find((c) => c.id === before[1].id), undefined, 'deleted');
    const added = after.find((c) => !before.some((b) => b.id === c.id))!;
    assert.deepEqual([added.authorName, added.body, added.approved], ['Inline Ada', 'Added inline.', true]);
    assert.equal((await demo.prisma.post.findUniqueOrThrow({ where: { id: 4 } })).title, 'Post four, with its comments moderated');

    const log = await logOf(demo.prisma, 'Comment', [...before, added].map((c) => String(c.id)));
    assert.deepEqual(log.map((e) => [e.objectId, e.action]), [
      [String(before[1].id), 'delete'],
      [String(before[0].id), 'change'],
      [String(added.id), 'add'],
    ], 'the unchanged comments are neither written nor logged');
    assert.match(log[1].changeMessage, /Edited inline\./);
    const postLog = await logOf(demo.prisma, 'Post', ['4']);
    assert.equal(postLog.at(-1)?.action, 'change');
    assert.equal(postLog.at(-1)!.actionTime.getTime(), log[0].actionTime.getTime(), 'written together');
  });

  test('rows added by "add another" (TOTAL_FORMS above the rows shown) are saved; blank rows are skipped', async () => {
    const { form } = await changePage(demo, '/admin/post/3/change');
    assert.equal(form['comments-TOTAL_FORMS'], '1');
    Object.assign(form, {
      'comments-TOTAL_FORMS': '3',
      'comments-1-authorName': 'Added by the button',
      'comments-1-body': 'A second row.',
      'comments-2-authorName': '',
      'comments-2-body': '',
      _save: '1',
    });
    const response = await demo.browser.post('/admin/post/3/change', form);
    assert.equal(response.statusCode, 303, show(response));
    const comments = await demo.prisma.comment.findMany({ where: { postId: 3 } });
    assert.deepEqual(comments.map((c) => c.authorName), ['Added by the button']);
  });

  test('an invalid row: 400, its errors beside its fields, every value shown again, nothing saved', async () => {
    const post = await demo.prisma.post.findUniqueOrThrow({ where: { id: 6 }, include: { comments: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } } });
    const { form } = await changePage(demo, '/admin/post/6/change');
    const n = post.comments.length;
    Object.assign(form, {
      title: 'A title that must not be saved',
      'comments-0-body': '',
      'comments-1-body': 'A valid edit that must not be saved either.',
      [`comments-${n}-authorName`]: 'Half a comment',
      _save: '1',
    });
    const response = await demo.browser.post('/admin/post/6/change', form);
    assert.equal(response.statusCode, 400, show(response));
    const html = response.body;
    assert.match(html, /Please correct the errors below/);
    assert.equal(fieldError(html, 'comments-0-body'), 'This field is required.');
    assert.equal(fieldError(html, `comments-${n}-body`), 'This field is required.');
    assert.equal(fieldError(html, 'comments-1-body'), undefined);
    assert.equal(inputValue(html, 'title'), 'A title that must not be saved');
    assert.equal(inputValue(html, 'comments-1-body'), 'A valid edit that must not be saved either.');
    assert.equal(inputValue(html, `comments-${n}-authorName`), 'Half a comment');
    assert.equal(inputValue(html, 'comments-0-_id'), String(post.comments[0].id), 'rows keep their records');
    assert.equal(inputValue(html, 'comments-TOTAL_FORMS'), String(n + 1));

    const now = await demo.prisma.post.findUniqueOrThrow({ where: { id: 6 }, include: { comments: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } } });
    assert.deepEqual(now, post);
  });

  test('adding a post with comments: the post is created first, its comments connect to it, all logged', async () => {
    const add = await demo.browser.get('/admin/post/add');
    assert.equal(inputValue(add.body, 'comments-TOTAL_FORMS'), '1');
    assert.doesNotMatch(add.body, /Delete\?/, 'nothing to delete on add');
    const response = await demo.browser.post('/admin/post/add', {
      title: 'Born with comments', slug: 'born-with-comments', body: 'Body.', status: 'draft', author: '1', _save: '1',
      'comments-TOTAL_FORMS': '2',
      'comments-0-authorName': 'First reader', 'comments-0-body': 'First!',
      'comments-1-authorName': '', 'comments-1-body': '',
    });
    assert.equal(response.statusCode, 303, show(response));
    const post = await demo.prisma.post.findUniqueOrThrow({ where: { slug: 'born-with-comments' }, include: { comments: true } });
    assert.deepEqual(post.comments.map((c) => [c.authorName, c.body]), [['First reader', 'First!']]);
    assert.deepEqual((await logOf(demo.prisma, 'Post', [String(post.id)])).map((e) => e.action), ['add']);
    assert.deepEqual((await logOf(demo.prisma, 'Comment', [String(post.comments[0].id)])).map((e) => e.action), ['add']);
  });

  test('a row naming a comment of another post is refused, and nothing is saved', async () => {
    const foreign = await demo.prisma.comment.findFirstOrThrow({ where: { postId: 1 } });
    const { form } = await changePage(demo, '/admin/post/7/change');
    Object.assign(form, { 'comments-0-_id': String(foreign.id), 'comments-0-body': 'Stolen', 'comments-1-_delete': 'on', _save: '1' });
    const before = await demo.prisma.comment.count({ where: { postId: 7 } });
    const response = await demo.browser.post('/admin/post/7/change', form);
    assert.equal(response.statusCode, 400, show(response));
    assert.match(textOf(response.body), /no longer exists, or belongs to another record/);
    assert.equal((await demo.prisma.comment.findUniqueOrThrow({ where: { id: foreign.id } })).body, foreign.body);
    assert.equal(await demo.prisma.comment.count({ where: { postId: 7 } }), before);
  });
});

describe('inline options and permissions (a site of the test\'s own)', () => {
  test('StackedInline: one block per comment, newest first, with the labels, exclude, readonlyFields and extra of the inline', async () => {
    const comments = await custom.prisma.comment.findMany({ where: { postId: 2 }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
    const { html } = await changePage(custom, '/admin/post/2/change');
    const blocks = [...html.matchAll(/<fieldset class="module inline-related[^"]*" data-inline-row="(\d+)">\s*<legend class="inline-related-title">([\s\S]*?)<\/legend>/g)];
    assert.deepEqual(blocks.map((b) => textOf(b[2])), [...comments.map((c) => c.authorName), 'New comment', 'New comment']);
    comments.forEach((c, i) => assert.equal(inputValue(html, `comments-${i}-_id`), String(c.id)));
    assert.match(html, /<label class="field-label" for="id_comments-0-authorName">Name /);
    assert.equal(inputValue(html, 'comments-0-approved'), undefined, 'excluded');
    assert.equal(inputValue(html, 'comments-0-createdAt'), undefined, 'read-only');
    assert.match(html, /id="id_comments-0-createdAt"[^>]*>\d{4}-\d\d-\d\d/);
  });

  test("the inline's own permission hook: an archived post's comments are shown, not editable", async () => {
    await custom.prisma.post.update({ where: { id: 9 }, data: { status: 'archived' } });
    const comment = await custom.prisma.comment.findFirstOrThrow({ where: { postId: 9 }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
    const { html, form } = await changePage(custom, '/admin/post/9/change');
    assert.equal(inputValue(html, 'comments-0-body'), undefined);
    assert.match(html, new RegExp(`id="id_comments-0-body"[^>]*>${comment.body.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    Object.assign(form, { 'comments-0-body': 'Changed anyway', _save: '1' });
    const response = await custom.browser.post('/admin/post/9/change', form);
    assert.equal(response.statusCode, 303, show(response));
    assert.equal((await custom.prisma.comment.findUniqueOrThrow({ where: { id: comment.id } })).body, comment.body);
  });

  test("the user's permissions on the inline model: view only → text rows, no blank rows; posted rows are ignored", async () => {
    const viewer = await custom.loginAs('comment-viewer', ['Post.change', 'Comment.view']);
    const comments = await custom.prisma.comment.findMany({ where: { postId: 12 } });
    const page = await viewer.get('/admin/post/12/change');
    assert.equal(page.statusCode, 200, show(page));
    assert.equal(inputValue(page.body, 'comments-0-body'), undefined);
    assert.equal(inputValue(page.body, 'comments-0-_delete'), undefined);
    assert.doesNotMatch(page.body, /New comment|inline-template|Add another comment/);
    const form = { ...formFields(page.body, '/post/12/change'), 'comments-0-body': 'Not mine to change', 'comments-0-_delete': 'on', 'comments-TOTAL_FORMS': String(comments.length + 1), [`comments-${comments.length}-authorName`]: 'Intruder', [`comments-${comments.length}-body`]: 'Not mine to add', _save: '1' };
    const response = await viewer.post('/admin/post/12/change', form);
    assert.equal(response.statusCode, 303, show(response));
    assert.deepEqual(await custom.prisma.comment.findMany({ where: { postId: 12 } }), comments);

    const stranger = await custom.loginAs('no-comments', ['Post.change']);
    const hidden = await stranger.get('/admin/post/12/change');
    assert.equal(hidden.statusCode, 200);
    assert.doesNotMatch(hidden.body, /comments-group/, 'no view permission: no inline at all');
  });

  test('with change and delete but not add permission: rows are editable and deletable, new rows are ignored', async () => {
    const moderator = await custom.loginAs('moderator', ['Post.change', 'Comment.change', 'Comment.delete']);
    const comments = await custom.prisma.comment.findMany({ where: { postId: 13 }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
    const page = await moderator.get('/admin/post/13/change');
    assert.equal(inputValue(page.body, 'comments-0-body'), comments[0].body);
    assert.equal(inputValue(page.body, 'comments-1-_delete'), '');
    assert.doesNotMatch(page.body, /inline-template/);
    const form = { ...formFields(page.body, '/post/13/change'), 'comments-0-body': 'Moderated', 'comments-1-_delete': 'on', 'comments-TOTAL_FORMS': String(comments.length + 1), [`comments-${comments.length}-authorName`]: 'New', [`comments-${comments.length}-body`]: 'Not allowed', _save: '1' };
    const response = await moderator.post('/admin/post/13/change', form);
    assert.equal(response.statusCode, 303, show(response));
    const after = await custom.prisma.comment.findMany({ where: { postId: 13 } });
    assert.equal(after.length, comments.length - 1);
    assert.equal(after.find((c) => c.id === comments[0].id)?.body, 'Moderated');
    assert.ok(!after.some((c) => c.body === 'Not allowed'));
  });

  test('TabularInline with canDelete = false and extra = 0: no delete boxes, no blank rows, a posted delete is ignored', async () => {
    const author = await custom.prisma.author.findUniqueOrThrow({ where: { id: 2 }, include: { posts: { orderBy: { id: 'asc' } } } });
    const { html, form } = await changePage(custom, '/admin/author/2/change');
    assert.equal(inputValue(html, 'posts-TOTAL_FORMS'), String(author.posts.length));
    assert.equal(inputValue(html, 'posts-0-_delete'), undefined);
    assert.doesNotMatch(html, /Delete\?/);
    assert.equal(inputValue(html, `posts-${author.posts.length}-title`), undefined);
    assert.match(html, /name="posts-__prefix__-title"/, 'the "add another" template is there');
    const response = await custom.browser.post('/admin/author/2/change', { ...form, 'posts-0-_delete': 'on', _save: '1' });
    assert.equal(response.statusCode, 303, show(response));
    assert.equal(await custom.prisma.post.count({ where: { authorId: 2 } }), author.posts.length);
  });

  test('a row the database refuses (a slug taken) is an error on that row, and the parent is not saved', async () => {
    const taken = await custom.prisma.post.findUniqueOrThrow({ where: { id: 1 } });
    const author = await custom.prisma.author.findUniqueOrThrow({ where: { id: 3 }, include: { _count: { select: { posts: true } } } });
    const { form } = await changePage(custom, '/admin/author/3/change');
    const n = author._count.posts;
    Object.assign(form, {
      name: 'Renamed in vain',
      'posts-TOTAL_FORMS': String(n + 1),
      [`posts-${n}-title`]: 'A copy',
      [`posts-${n}-slug`]: taken.slug,
      [`posts-${n}-body`]: 'Body.',
      _save: '1',
    });
    const response = await custom.browser.post('/admin/author/3/change', form);
    assert.equal(response.statusCode, 400, show(response));
    assert.match(fieldError(response.body, `posts-${n}-slug`) ?? '', /already exists/);
    assert.equal(inputValue(response.body, `posts-${n}-title`), 'A copy');
    assert.equal((await custom.prisma.author.findUniqueOrThrow({ where: { id: 3 } })).name, author.name);
    assert.equal(await custom.prisma.post.count({ where: { authorId: 3 } }), n);
  });

  test('the change page loads the inline rows with one query, however many there are', async () => {
    const counts = await custom.prisma.post.findMany({ where: { id: { in: [3, 17] } }, include: { _count: { select: { comments: true } } }, orderBy: { id: 'asc' } });
    assert.deepEqual(counts.map((p) => p._count.comments), [0, 7]);
    const sql: Record<number, string[]> = {};
    for (const id of [3, 17]) {
      await custom.browser.get(`/admin/post/${id}/change`);
      custom.queries.length = 0;
      const response = await custom.browser.get(`/admin/post/${id}/change`);
      assert.equal(response.statusCode, 200);
      sql[id] = [...custom.queries];
    }
    assert.equal(sql[17].length, sql[3].length, `${sql[3].join('\n')}\n---\n${sql[17].join('\n')}`);
    assert.equal(sql[17].filter((q) => /FROM `main`\.`Comment`/.test(q)).length, 1);
  });
});

const pgUp = await postgresAvailable();

describe('on PostgreSQL', { skip: pgUp ? false : 'no PostgreSQL test server' }, () => {
  class CommentRows extends TabularInline {
    model = 'Comment';
    fields = ['authorName', 'body', 'approved'];
    extra = 1;
  }
  let pg: CustomSiteApp;
  before(async () => {
    pg = await startCustomSiteApp(new AdminSite().register('Post', class extends ModelAdmin {
      inlines = [CommentRows];
    }).register('Author', AuthorAdmin), { provider: 'postgresql' });
  });
  after(() => pg?.close());

  test('adds, changes and deletes comments with their post in one save', async () => {
    const before = await pg.prisma.comment.findMany({ where: { postId: 4 }, orderBy: { id: 'asc' } });
    const { form } = await changePage(pg, '/admin/post/4/change');
    const n = before.length;
    Object.assign(form, {
      'comments-0-body': 'Edited on PostgreSQL.',
      'comments-1-_delete': 'on',
      [`comments-${n}-authorName`]: 'Pg Reader',
      [`comments-${n}-body`]: 'Added on PostgreSQL.',
      _save: '1',
    });
    const response = await pg.browser.post('/admin/post/4/change', form);
    assert.equal(response.statusCode, 303, show(response));
    const after = await pg.prisma.comment.findMany({ where: { postId: 4 }, orderBy: { id: 'asc' } });
    assert.equal(after.length, n);
    assert.equal(after.find((c) => c.id === before[0].id)?.body, 'Edited on PostgreSQL.');
    assert.ok(!after.some((c) => c.id === before[1].id));
    assert.ok(after.some((c) => c.authorName === 'Pg Reader'));
    assert.equal(await pg.prisma.adminLogEntry.count({ where: { model: 'Comment' } }), 3);
  });

  test('a row the database refuses rolls the whole save back', async () => {
    const taken = await pg.prisma.post.findUniqueOrThrow({ where: { id: 1 } });
    const author = await pg.prisma.author.findUniqueOrThrow({ where: { id: 3 }, include: { _count: { select: { posts: true } } } });
    const { form } = await changePage(pg, '/admin/author/3/change');
    const n = author._count.posts;
    Object.assign(form, {
      name: 'Renamed in vain',
      'posts-TOTAL_FORMS': String(n + 1),
      [`posts-${n}-title`]: 'A copy',
      [`posts-${n}-slug`]: taken.slug,
      [`posts-${n}-body`]: 'Body.',
      _save: '1',
    });
    const response = await pg.browser.post('/admin/author/3/change', form);
    assert.equal(response.statusCode, 400, show(response));
    // On the row (beside the slug where the database names the column; PostgreSQL's driver adapter names the index).
    const row = /<tr class="inline-row[^"]*" data-inline-row="(\d+)">(?:(?!<tr )[\s\S])*?name="posts-\1-title" value="A copy"[\s\S]*?<\/tr>/.exec(response.body)?.[0] ?? '';
    assert.match(textOf(row), /A record with this value already exists\./);
    assert.equal((await pg.prisma.author.findUniqueOrThrow({ where: { id: 3 } })).name, author.name);
    assert.equal(await pg.prisma.post.count({ where: { authorId: 3 } }), n);
  });
});
