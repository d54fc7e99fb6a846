// Issue 13.4: a relation field offers, labels and accepts only the records the request may choose: the related admin's
// getQueryset, narrowed by the field's limitChoicesTo and the admin's getRelationChoicesWhere hook. Checked on the
// select, the autocomplete, the list's relation filters (still one batched labels query), and on every kind of save:
// the add/change form (to-one and to-many), list edits and inline rows. An id outside the choices is the field's
// error, as if the record did not exist, and nothing is written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { AdminSite, createAdminServer, ModelAdmin, readSchema, TabularInline } from '../../src/index.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import type { Browser } from '../support/cookie-jar.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { postgresAvailable } from '../support/databases.ts';
import { fieldError, formFields, formRow, mainOf } from '../support/html.ts';
import { pageForm } from '../support/permission-matrix.ts';
import { assertUnchanged, databaseSnapshot, postForm, show } from '../support/security.ts';

const UNAVAILABLE = 'Select a valid choice. That choice is not one of the available choices.';
/** The one author the staff user works for (their scope), the categories and tags their choices are narrowed to. */
const OWN_AUTHOR = 1;
const CATEGORIES = ['1', '2'];
const TAGS = ['1', '2', '3', '4'];

const isStaff = (request: FastifyRequest) => !request.adminUser?.isSuperuser;

class ScopedAuthorAdmin extends ModelAdmin {
  override getQueryset(request: FastifyRequest) {
    return isStaff(request) ? { id: OWN_AUTHOR } : undefined;
  }
}

class PostRowInline extends TabularInline {
  model = 'Post';
  fields = ['title', 'slug', 'body', 'category'];
  extra = 1;
  limitChoicesTo = { category: { id: 1 } };
}

class AuthorWithPostsAdmin extends ScopedAuthorAdmin {
  inlines = [PostRowInline];
}

class ScopedPostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'category', 'status'];
  listEditable = ['category'];
  listFilter = ['author', 'category'];
  fields = ['title', 'slug', 'body', 'status', 'author', 'category', 'tags'];
  limitChoicesTo = { category: { id: { in: CATEGORIES.map(Number) } } };
  ordering = ['id'];
  listPerPage = 200;
  override getQueryset(request: FastifyRequest) {
    return isStaff(request) ? { authorId: OWN_AUTHOR } : undefined;
  }
  override getRelationChoicesWhere(request: FastifyRequest, fieldName: string) {
    return fieldName === 'tags' && isStaff(request) ? { id: { lte: TAGS.length } } : undefined;
  }
}

const options = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  assert.ok(select, `a select named ${name}`);
  return [...select[1].matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter((v) => v !== '');
};

const newPost = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Scoped post', slug: `scoped-${Math.random().toString(36).slice(2, 10)}`, body: 'Body.', status: 'draft',
  author: String(OWN_AUTHOR), category: '1', tags: ['1', '2'], _save: '1', ...overrides,
});

describe('relation fields and the related admin’s scope', () => {
  let custom: CustomSiteApp;
  let staff: Browser;
  let foreignPost: number;
  let ownPost: number;

  before(async () => {
    class CommentAdmin extends ModelAdmin {
      autocompleteFields = ['post'];
    }
    const site = new AdminSite().register('Author', AuthorWithPostsAdmin).register('Post', ScopedPostAdmin).register('Category', ModelAdmin).register('Tag', ModelAdmin)
      .register('Comment', CommentAdmin);
    custom = await startCustomSiteApp(site);
    staff = await custom.loginAs('scoped-staff', [
      'Author.view', 'Author.change', 'Post.view', 'Post.add', 'Post.change', 'Category.view', 'Tag.view', 'Comment.view', 'Comment.add', 'Comment.change',
    ]);
    foreignPost = (await custom.prisma.post.findFirstOrThrow({ where: { NOT: { authorId: OWN_AUTHOR } } })).id;
    ownPost = (await custom.prisma.post.findFirstOrThrow({ where: { authorId: OWN_AUTHOR } })).id;
  });
  after(() => custom?.close());

  test('the add form’s selects offer only the records the request may choose', async () => {
    const page = await staff.get('/admin/post/add');
    assert.equal(page.statusCode, 200, show(page));
    assert.deepEqual(options(page.body, 'author'), [String(OWN_AUTHOR)], 'the author select: the related admin’s getQueryset');
    assert.deepEqual(options(page.body, 'category').sort(), CATEGORIES, 'the category select: limitChoicesTo');
    assert.deepEqual(options(page.body, 'tags').sort(), TAGS, 'the tags select: getRelationChoicesWhere');
    const superuser = await custom.browser.get('/admin/post/add');
    assert.ok(options(superuser.body, 'author').length > 1, 'a superuser (no scope) still gets every author');
  });

  test('an autocomplete box does not show the label of a current value outside the scope', async () => {
    const comment = await custom.prisma.comment.findFirstOrThrow({ where: { postId: foreignPost }, include: { post: true } });
    const page = await staff.get(`/admin/comment/${comment.id}/change`);
    assert.equal(page.statusCode, 200, show(page));
    const row = formRow(page.body, 'post') ?? '';
    assert.match(row, /class="autocomplete"/);
    assert.doesNotMatch(row, /Currently:/, 'no label for a post the Post admin hides from this user');
    const own = await custom.prisma.comment.findFirstOrThrow({ where: { post: { authorId: OWN_AUTHOR } }, include: { post: true } });
    assert.match(formRow((await staff.get(`/admin/comment/${own.id}/change`)).body, 'post') ?? '', /Currently:/, 'one inside the scope is labelled');
  });

  test('a save naming a record outside the choices is an error beside the field, and writes nothing', async () => {
    const others: Record<string, string | string[]> = { author: '2', category: '3', tags: ['1', '9'] };
    for (const [field, value] of Object.entries(others)) {
      const before = await databaseSnapshot(custom.prisma);
      const response = await postForm(staff, '/admin/post/add', newPost({ [field]: value }));
      assert.equal(response.statusCode, 400, `${field}=${value}: ${show(response)}`);
      assert.equal(fieldError(response.body, field), UNAVAILABLE, `${field}=${value}`);
      await assertUnchanged(custom.prisma, before, `${field}=${value}`);
    }
    const allowed = await postForm(staff, '/admin/post/add', newPost());
    assert.equal(allowed.statusCode, 303, `choices inside the scope are saved: ${show(allowed)}`);
  });

  test('a change cannot move a post to another author, nor onto another author’s post through a comment', async () => {
    const page = await staff.get(`/admin/post/${ownPost}/change`);
    const before = await databaseSnapshot(custom.prisma);
    const moved = await postForm(staff, `/admin/post/${ownPost}/change`, { ...pageForm(page.body, '/change'), author: '3', _save: '1' });
    assert.equal(moved.statusCode, 400, show(moved));
    assert.equal(fieldError(moved.body, 'author'), UNAVAILABLE);
    const comment = await postForm(staff, '/admin/comment/add', { post: String(foreignPost), authorName: 'Mallory', body: 'Attached elsewhere', approved: 'on', _save: '1' });
    assert.equal(comment.statusCode, 400, show(comment));
    assert.equal(fieldError(comment.body, 'post'), UNAVAILABLE, 'the post of a comment: the Post admin’s getQueryset');
    await assertUnchanged(custom.prisma, before, 'refused saves');
  });

  test('list edits refuse a choice outside limitChoicesTo', async () => {
    const list = await staff.get('/admin/post/');
    assert.equal(list.statusCode, 200, show(list));
    const form = formFields(mainOf(list.body), '/action');
    delete form._csrf;
    const before = await databaseSnapshot(custom.prisma);
    const response = await postForm(staff, '/admin/post/action', { ...form, 'form-0-category': '4', _save_list: '1' });
    assert.equal(response.statusCode, 400, show(response));
    assert.match(response.body, new RegExp(UNAVAILABLE.replace(/\./g, '\\.')));
    await assertUnchanged(custom.prisma, before, 'a refused list edit');
  });

  test('inline rows refuse a choice outside the inline’s limitChoicesTo', async () => {
    const page = await staff.get(`/admin/author/${OWN_AUTHOR}/change`);
    assert.equal(page.statusCode, 200, show(page));
    const form = pageForm(page.body, '/change');
    const prefix = 'posts';
    const total = Number(form[`${prefix}-TOTAL_FORMS`]);
    const row = total - 1; // the blank row
    const before = await databaseSnapshot(custom.prisma);
    const response = await postForm(staff, `/admin/author/${OWN_AUTHOR}/change`, {
      ...form, [`${prefix}-${row}-title`]: 'Inline', [`${prefix}-${row}-slug`]: 'inline-scope', [`${prefix}-${row}-body`]: 'Body', [`${prefix}-${row}-category`]: '2', _save: '1',
    });
    assert.equal(response.statusCode, 400, show(response));
    assert.match(response.body, new RegExp(UNAVAILABLE.replace(/\./g, '\\.')));
    await assertUnchanged(custom.prisma, before, 'a refused inline row');
  });

  test('the autocomplete applies the scope, and the asking field’s limitChoicesTo and hook', async () => {
    const ids = async (url: string) => {
      const response = await staff.get(url);
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      return (JSON.parse(response.body).results as { value: string }[]).map((r) => r.value).sort();
    };
    assert.deepEqual(await ids('/admin/author/autocomplete?q='), [String(OWN_AUTHOR)]);
    assert.deepEqual(await ids('/admin/category/autocomplete?q=&source=post&field=category'), CATEGORIES);
    assert.deepEqual(await ids('/admin/tag/autocomplete?q=&source=post&field=tags'), TAGS);
    assert.deepEqual(await ids(`/admin/category/autocomplete?q=&source=author&inline=posts&field=category`), ['1']);
    const wrong = await staff.get('/admin/category/autocomplete?q=&source=post&field=title');
    assert.equal(wrong.statusCode, 400, 'a field that is no relation to the model is refused');
  });

  test('the list’s relation filters offer only what the scope allows, in the same one labels query', async () => {
    custom.queries.length = 0;
    const list = await staff.get('/admin/post/');
    assert.equal(list.statusCode, 200, show(list));
    const filterLinks = (param: string) => [...list.body.matchAll(new RegExp(`[?&]${param}__exact=(\\d+)`, 'g'))].map((m) => m[1]);
    assert.deepEqual([...new Set(filterLinks('author'))], [String(OWN_AUTHOR)], 'author filter: the Author admin’s getQueryset');
    assert.deepEqual([...new Set(filterLinks('category'))].sort(), CATEGORIES, 'category filter: limitChoicesTo');
    assert.match(list.body, new RegExp(`/admin/post/${ownPost}/change`), 'the staff user’s own posts are listed');
    const own = custom.queries.filter((sql) => !/Admin(Session|User)\b|AdminUserPermission/.test(sql));
    // The total, the rows, the batched labels (both scoped filters in it), and the category select of the list edits.
    assert.equal(own.length, 4, own.join('\n'));
    assert.equal(own.filter((sql) => /Author/.test(sql)).length, 1, `the scoped author filter adds no query of its own:\n${own.join('\n')}`);
    assert.match(own.find((sql) => /Author/.test(sql)) ?? '', /UNION ALL/);
  });

  test('limitChoicesTo names are checked at start-up', async () => {
    const schema = await readSchema(DEMO_SCHEMA);
    class Typo extends ModelAdmin {
      limitChoicesTo = { athor: { id: 1 } };
    }
    await assert.rejects(createAdminServer({ schema, prisma: custom.served, site: new AdminSite().register('Post', Typo) }), /limitChoicesTo[\s\S]*athor[\s\S]*author/);
  });
});

// The batched labels query writes the scope as SQL itself: Int, String and Boolean equalities and `in` lists, bound
// as each driver wants them, on both providers.
for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`scoped relation filters in the batched labels query (${provider})`, { skip: provider === 'postgresql' && !(await postgresAvailable()) ? 'no PostgreSQL test server' : false }, () => {
    let custom: CustomSiteApp;
    class ActiveUsersAdmin extends ModelAdmin {
      override getQueryset() {
        return { isActive: true, username: { in: ['route-tests', 'active-writer', 'inactive-writer'] } };
      }
    }
    class LogAdmin extends ModelAdmin {
      listFilter = ['user'];
      listDisplay = ['objectRepr', 'user'];
    }
    class LimitedPostAdmin extends ScopedPostAdmin {
      listFilter = ['author', 'category'];
    }
    class TitledCommentAdmin extends ModelAdmin {
      listFilter = ['post'];
      limitChoicesTo = { post: { title: { contains: 'e' }, id: { lte: 60 } } };
    }
    before(async () => {
      custom = await startCustomSiteApp(new AdminSite().register('AdminUser', ActiveUsersAdmin).register('AdminLogEntry', LogAdmin).register('Post', LimitedPostAdmin).register('Author', ScopedAuthorAdmin)
        .register('Comment', TitledCommentAdmin), { provider });
      for (const [username, isActive] of [['active-writer', true], ['inactive-writer', false], ['other-writer', true]] as const) {
        const user = await custom.prisma.adminUser.create({ data: { username, passwordHash: 'x', isActive } });
        await custom.prisma.adminLogEntry.create({ data: { userId: user.id, username, model: 'Post', objectId: '1', objectRepr: `by ${username}`, action: 'change', changeMessage: '{}' } });
      }
    });
    after(() => custom?.close());

    test('Boolean, String and `in` scopes', async () => {
      custom.queries.length = 0;
      const list = await custom.browser.get('/admin/adminlogentry/');
      assert.equal(list.statusCode, 200, show(list));
      const sidebar = list.body.slice(list.body.indexOf('id="filters"'));
      assert.match(sidebar, />active-writer</);
      assert.match(sidebar, />route-tests</);
      assert.doesNotMatch(sidebar, />inactive-writer</, 'an inactive user is outside the AdminUser admin’s scope');
      assert.doesNotMatch(sidebar, />other-writer</, 'nor is a user outside its `in` list');
      if (provider === 'sqlite') assert.equal(custom.queries.filter((sql) => /"AdminUser"/.test(sql) && /UNION ALL|"isActive" =/.test(sql)).length, 1, custom.queries.join('\n'));
    });

    test('a scope the batched query cannot write (`contains`) is applied through Prisma', async () => {
      const list = await custom.browser.get('/admin/comment/');
      assert.equal(list.statusCode, 200, show(list));
      const offered = [...new Set([...list.body.matchAll(/[?&]post__exact=(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
      const expected = (await custom.prisma.post.findMany({ where: { title: { contains: 'e' }, id: { lte: 60 } }, select: { id: true } })).map((p) => p.id).sort((a, b) => a - b);
      assert.ok(expected.length > 0 && expected.length < 60, `a narrowing that matters (${expected.length} posts)`);
      assert.deepEqual(offered, expected.slice(0, 100));
    });

    test('a staff user’s author filter (an Int scope) and category filter (`in`)', async () => {
      const staff = await custom.loginAs(`filter-staff-${provider}`, ['Post.view', 'Author.view']);
      const list = await staff.get('/admin/post/');
      assert.equal(list.statusCode, 200, show(list));
      assert.deepEqual([...new Set([...list.body.matchAll(/[?&]author__exact=(\d+)/g)].map((m) => m[1]))], [String(OWN_AUTHOR)]);
      assert.deepEqual([...new Set([...list.body.matchAll(/[?&]category__exact=(\d+)/g)].map((m) => m[1]))].sort(), CATEGORIES);
    });
  });
}
