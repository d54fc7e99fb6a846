// Permissions as Django's admin has them: a staff user with only view / only add / only change / only delete on Post
// (and one with view + delete) gets each page kind or a 403, and a refused write changes nothing. Change implies view.
// The index and the navigation offer only what the user may use; the admin's own models are superuser-only, sessions
// and permission rows are never shown. Then the ModelAdmin hooks: per-record permissions and getQueryset, on every
// page kind, in lists, autocomplete and bulk actions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import type { Browser } from '../support/cookie-jar.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { links, listRows, mainOf, resultCount } from '../support/html.ts';
import { checkPermissionMatrix, pageForm, postPageKinds, USERS, type Perm } from '../support/permission-matrix.ts';
import {
  concreteRoutes, createAdminUser, assertUnchanged, databaseSnapshot, demoSchema, firstIds, indexModels, loginAs, navModels, postForm, routeTemplates, show,
} from '../support/security.ts';
import { touchPostsAction } from '../support/touch-action.ts';

type Form = Record<string, string | string[]>;

// ---------------------------------------------------------------------------------------------------------------------
// Model permissions on the demo

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

describe('model permissions on Post, page kind by page kind', () => {
  USERS.forEach((user, u) => {
    test(`${user.name}: ${postPageKinds(demo).length} page kinds answer as Django's admin would`, async () => {
      await checkPermissionMatrix(demo, user, 20 + u * 15);
    });
  });

  test('only-view: the pages offer no add, change, delete or action', async () => {
    const creds = await createAdminUser(demo.prisma, 'ui-view', ['Post.view']);
    const browser = await loginAs(demo.app, creds);
    const list = await browser.get('/admin/post/');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(mainOf(list.body), /href="\/admin\/post\/add"/);
    assert.doesNotMatch(list.body, /<select name="action"/, 'no action menu');
    assert.doesNotMatch(list.body, /name="_selected"/, 'no row checkboxes');
    const detail = await browser.get('/admin/post/2/');
    assert.deepEqual(links(mainOf(detail.body)).filter((l) => /\/admin\/post\/2\/(change|delete)$/.test(l)), []);
    // Related records of models the user may not view are not listed (nor linked) on the detail page.
    assert.deepEqual(links(mainOf(detail.body)).filter((l) => /^\/admin\/(comment|author|category|tag)\//.test(l)), []);
    const history = await browser.get('/admin/post/2/history');
    assert.equal(history.statusCode, 200);
  });

  test('only-change: change implies view; the list offers the change action, not "delete selected", not add', async () => {
    const creds = await createAdminUser(demo.prisma, 'ui-change', ['Post.change']);
    const browser = await loginAs(demo.app, creds);
    const list = await browser.get('/admin/post/');
    assert.match(list.body, /<option value="publish">/);
    assert.doesNotMatch(list.body, /<option value="delete_selected">/);
    assert.doesNotMatch(mainOf(list.body), /href="\/admin\/post\/add"/);
    const detail = await browser.get('/admin/post/2/');
    const actions = links(mainOf(detail.body));
    assert.ok(actions.includes('/admin/post/2/change'));
    assert.ok(!actions.includes('/admin/post/2/delete'));
    const change = await browser.get('/admin/post/2/change');
    assert.doesNotMatch(mainOf(change.body), /href="\/admin\/post\/2\/delete"/, 'no delete link on the change form');
  });

  test("a post's inline comments follow the user's Comment permissions: with Post.change only, posted comment rows are ignored", async () => {
    const creds = await createAdminUser(demo.prisma, 'inline-change', ['Post.change']);
    const browser = await loginAs(demo.app, creds);
    const page = await browser.get('/admin/post/6/change');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /comments-TOTAL_FORMS/, 'no comment inline without a Comment permission');
    const comments = await demo.prisma.comment.findMany({ where: { postId: 6 }, orderBy: { id: 'asc' } });
    const form: Form = { ...pageForm((await demo.browser.get('/admin/post/6/change')).body, '/admin/post/6/change'), title: 'Inline probe' };
    form['comments-TOTAL_FORMS'] = String(comments.length + 1);
    form['comments-0-authorName'] = 'Changed by someone without Comment.change';
    form['comments-1-_delete'] = 'on';
    form[`comments-${comments.length}-authorName`] = 'New';
    form[`comments-${comments.length}-body`] = 'Added by someone without Comment.add';
    const response = await postForm(browser, '/admin/post/6/change', form);
    assert.equal(response.statusCode, 303, show(response));
    assert.deepEqual(await demo.prisma.comment.findMany({ where: { postId: 6 }, orderBy: { id: 'asc' } }), comments);
  });
});

describe('no mass assignment', () => {
  test('fields outside the form (the id, read-only and kept-by-the-database fields, relations not in the form) are ignored', async () => {
    const before = await demo.prisma.post.findUniqueOrThrow({ where: { id: 7 }, include: { tags: true } });
    const form = pageForm((await demo.browser.get('/admin/post/7/change')).body, '/admin/post/7/change');
    const response = await postForm(demo.browser, '/admin/post/7/change', {
      ...form, title: 'Mass assignment probe', id: '9999', createdAt: '2000-01-01T00:00', updatedAt: '2000-01-01T00:00', comments: '1', authorId: '3',
    });
    assert.equal(response.statusCode, 303, show(response));
    const after = await demo.prisma.post.findUniqueOrThrow({ where: { id: 7 }, include: { tags: true } });
    assert.equal(after.title, 'Mass assignment probe');
    assert.equal(after.createdAt.getTime(), before.createdAt.getTime());
    assert.equal(after.authorId, Number(form.author));
    assert.equal(await demo.prisma.post.count({ where: { id: 9999 } }), 0);
  });

  test("a staff user's own account cannot be raised through the admin: the permission grid only grants blog models", async () => {
    const target = await createAdminUser(demo.prisma, 'grid-target', []);
    await demo.browser.get('/admin/');
    const response = await postForm(demo.browser, `/admin/adminuser/${target.id}/permissions`, {
      perm: ['Post.view', 'AdminUser.change', 'AdminSession.delete', 'AdminUserPermission.add', 'AdminLogEntry.delete', 'Nope.view', 'Post.sudo'],
    });
    assert.equal(response.statusCode, 303, show(response));
    const rows = await demo.prisma.adminUserPermission.findMany({ where: { userId: target.id } });
    assert.deepEqual(rows.map((r) => `${r.model}.${r.action}`), ['Post.view']);
  });
});

describe('the index and the navigation show only permitted models', () => {
  const blog = ['post', 'comment', 'author', 'category', 'tag', 'adminuser', 'adminlogentry', 'adminsession', 'adminuserpermission'];

  for (const perm of ['view', 'change'] as Perm[]) {
    test(`only-${perm} on Post: Post alone, in the navigation and on the index`, async () => {
      const browser = await loginAs(demo.app, await createAdminUser(demo.prisma, `nav-${perm}`, [`Post.${perm}`]));
      const index = await browser.get('/admin/');
      assert.equal(index.statusCode, 200);
      assert.deepEqual(navModels(index.body), ['post']);
      assert.deepEqual(indexModels(index.body), { lists: ['post'], adds: [] });
      assert.doesNotMatch(index.body, /Admin users|Admin log entries|Admin sessions/);
      // Every page's navigation, not only the index's.
      assert.deepEqual(navModels((await browser.get('/admin/post/')).body), ['post']);
    });
  }

  test('only-delete on Post: no model is listed (nothing to view) and no other model appears', async () => {
    const browser = await loginAs(demo.app, await createAdminUser(demo.prisma, 'nav-delete', ['Post.delete']));
    const index = await browser.get('/admin/');
    assert.deepEqual(navModels(index.body), []);
    assert.deepEqual(indexModels(index.body).lists, []);
  });

  test('only-add on Post: the index offers no other model', async () => {
    const browser = await loginAs(demo.app, await createAdminUser(demo.prisma, 'nav-add', ['Post.add']));
    const index = await browser.get('/admin/');
    const shown = indexModels(index.body);
    assert.deepEqual(shown.lists, []);
    assert.ok(shown.adds.every((m) => m === 'post'));
    assert.deepEqual(navModels(index.body), []);
  });

  test('only-add on Post: the index offers the Post add page, as Django does (the model with an Add link only)', async () => {
    const browser = await loginAs(demo.app, await createAdminUser(demo.prisma, 'nav-add-django', ['Post.add']));
    const index = await browser.get('/admin/');
    assert.deepEqual(indexModels(index.body), { lists: [], adds: ['post'] });
  });

  test('a superuser sees every model but the sessions and permission rows', async () => {
    const index = await demo.browser.get('/admin/');
    assert.deepEqual(navModels(index.body).sort(), blog.filter((m) => m !== 'adminsession' && m !== 'adminuserpermission').sort());
  });
});

describe("the admin's own models", () => {
  let staffRoutes: { method: 'GET' | 'POST'; url: string; page: string; model?: string }[];
  before(async () => {
    // A log entry and a permission row, so that every admin model has a record route.
    await demo.prisma.adminLogEntry.create({ data: { userId: 1, username: 'x', model: 'Post', objectId: '2', objectRepr: 'x', action: 'change', changeMessage: '{}' } });
    await createAdminUser(demo.prisma, 'own-models-row', ['Post.view']);
    const schema = await demoSchema();
    staffRoutes = concreteRoutes(routeTemplates(demo.app), { schema, ids: await firstIds(demo.prisma, schema), sitePages: [], modelPages: [] })
      .filter((r) => ['adminuser', 'adminlogentry', 'adminsession', 'adminuserpermission', 'adminloginthrottle', 'adminimportjob'].includes(r.model ?? ''));
  });

  test('AdminUser and AdminLogEntry pages are superuser-only, even for a staff user given every permission row on them', async () => {
    const all = ['AdminUser', 'AdminLogEntry', 'AdminSession', 'AdminUserPermission', 'AdminLoginThrottle', 'AdminImportJob', 'AdminJob'].flatMap((m) => ['view', 'add', 'change', 'delete'].map((a) => `${m}.${a}`));
    const browser = await loginAs(demo.app, await createAdminUser(demo.prisma, 'own-models-staff', [...all, 'Post.view']));
    const before = await databaseSnapshot(demo.prisma);
    let refused = 0;
    for (const route of staffRoutes) {
      if (route.page === 'list-redirect') continue;
      const response = route.method === 'GET'
        ? await browser.get(route.url)
        : await postForm(browser, route.url, { _selected: '1', action: 'delete_selected', post: 'yes', username: 'hacked', isSuperuser: 'on', perm: 'Post.delete' });
      assert.equal(response.statusCode, 403, `${route.method} ${route.url}: ${show(response)}`);
      refused++;
    }
    await assertUnchanged(demo.prisma, before, 'nothing changed');
    assert.ok(refused >= 30, `${refused} routes refused`);
    assert.deepEqual(navModels((await browser.get('/admin/')).body), ['post']);
  });

  test('sessions and permission rows are never shown, not even to a superuser; the log is read-only', async () => {
    const before = await databaseSnapshot(demo.prisma);
    for (const route of staffRoutes) {
      if (route.page === 'list-redirect' || route.page === 'permissions') continue;
      const readOnlyLog = route.model === 'adminlogentry' && route.method === 'GET' && ['list', 'detail', 'history', 'autocomplete', 'download', 'export'].includes(route.page);
      const userAdmin = route.model === 'adminuser';
      if (readOnlyLog || userAdmin) continue;
      const response = route.method === 'GET' ? await demo.browser.get(route.url) : await postForm(demo.browser, route.url, { _selected: '1', action: 'delete_selected', post: 'yes' });
      if (route.model === 'adminlogentry' && route.method === 'GET' && route.page === 'change') {
        // Read-only: the change page of an entry is its detail page.
        assert.equal(response.statusCode, 303, show(response));
        assert.match(String(response.headers.location), /^\/admin\/adminlogentry\/\d+\/$/);
        continue;
      }
      assert.equal(response.statusCode, 403, `superuser ${route.method} ${route.url}: ${show(response)}`);
    }
    await assertUnchanged(demo.prisma, before, 'nothing changed');
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Per-record hooks and getQueryset, on a site of the test's own

const touch = touchPostsAction();

const isStaff = (request: FastifyRequest) => !request.adminUser?.isSuperuser;

/**
 * For staff (superusers see everything): archived posts do not exist (getQueryset); posts titled "Locked…" may be
 * viewed but not changed or deleted; posts titled "Secret…" may not even be viewed.
 */
class GuardedPostAdmin extends ModelAdmin {
  listDisplay = ['title', 'status'];
  searchFields = ['title'];
  ordering = ['id'];
  listPerPage = 500;
  actions = [touch];
  override getQueryset(request: FastifyRequest) {
    return request.adminUser?.isSuperuser ? undefined : { NOT: { status: 'archived' } };
  }
  override hasViewPermission(request: FastifyRequest, record?: Record<string, unknown>) {
    return super.hasViewPermission(request, record) && !(isStaff(request) && String(record?.title ?? '').startsWith('Secret'));
  }
  override hasChangePermission(request: FastifyRequest, record?: Record<string, unknown>) {
    return super.hasChangePermission(request, record) && !(isStaff(request) && /^(Locked|Secret)/.test(String(record?.title ?? '')));
  }
  override hasDeletePermission(request: FastifyRequest, record?: Record<string, unknown>) {
    return super.hasDeletePermission(request, record) && !(isStaff(request) && /^(Locked|Secret)/.test(String(record?.title ?? '')));
  }
  // The label field must be loaded wherever the hooks look at a record.
  recordLabel(record: Record<string, unknown>) {
    return String(record.title ?? `Post ${record.id}`);
  }
}

describe('per-record permission hooks and getQueryset', () => {
  let custom: CustomSiteApp;
  let staff: Browser;
  const HIDDEN = 30; // archived
  const LOCKED = 31;
  const SECRET = 32;
  const FREE = 33;
  before(async () => {
    custom = await startCustomSiteApp(new AdminSite().register('Post', GuardedPostAdmin));
    await custom.prisma.post.update({ where: { id: HIDDEN }, data: { status: 'archived', title: 'Zyxw archived post' } });
    await custom.prisma.post.update({ where: { id: LOCKED }, data: { status: 'published', title: 'Locked post' } });
    await custom.prisma.post.update({ where: { id: SECRET }, data: { status: 'published', title: 'Secret post' } });
    await custom.prisma.post.update({ where: { id: FREE }, data: { status: 'published', title: 'Free post' } });
    staff = await loginAs(custom.app, await createAdminUser(custom.prisma, 'guarded-staff', ['Post.view', 'Post.change', 'Post.delete']));
  });
  after(() => custom?.close());
  const superForm = async (id: number) => pageForm((await custom.browser.get(`/admin/post/${id}/change`)).body, `/admin/post/${id}/change`);

  test('records outside getQueryset answer 404 on every record page, and cannot be written', async () => {
    const form = await superForm(HIDDEN);
    const before = await databaseSnapshot(custom.prisma);
    for (const [method, url, body] of [
      ['GET', `/admin/post/${HIDDEN}/`], ['GET', `/admin/post/${HIDDEN}/change`], ['GET', `/admin/post/${HIDDEN}/delete`], ['GET', `/admin/post/${HIDDEN}/history`],
      ['GET', `/admin/post/${HIDDEN}/download/body`],
      ['POST', `/admin/post/${HIDDEN}/change`, { ...form, title: 'Changed' }], ['POST', `/admin/post/${HIDDEN}/delete`, { post: 'yes' }],
    ] as [string, string, Form?][]) {
      const response = method === 'GET' ? await staff.get(url) : await postForm(staff, url, body!);
      assert.equal(response.statusCode, 404, `${method} ${url}: ${show(response)}`);
      assert.doesNotMatch(response.body, /Zyxw archived post/, `${url} does not show the hidden record`);
    }
    await assertUnchanged(custom.prisma, before, 'nothing changed');
    // The superuser, outside the scope, still reaches it.
    assert.equal((await custom.browser.get(`/admin/post/${HIDDEN}/`)).statusCode, 200);
  });

  test('records outside getQueryset are not in the list, its count, the index count, the search or the autocomplete', async () => {
    const all = await custom.prisma.post.count();
    const archived = await custom.prisma.post.count({ where: { status: 'archived' } });
    const list = await staff.get('/admin/post/');
    assert.equal(resultCount(list.body), all - archived);
    assert.ok(!listRows(list.body).some((r) => r.id === String(HIDDEN)));
    const search = await staff.get('/admin/post/?q=Zyxw');
    assert.equal(resultCount(search.body), 0);
    const auto = await staff.get('/admin/post/autocomplete?q=Zyxw');
    assert.deepEqual(auto.json(), { results: [] });
    const autoAll = (await staff.get('/admin/post/autocomplete?q=post')).json() as { results: { value: string }[] };
    assert.ok(!autoAll.results.some((r) => r.value === String(HIDDEN)));
    const index = await staff.get('/admin/');
    assert.match(mainOf(index.body), new RegExp(`<td class="num">${all - archived}</td>`));
  });

  test('bulk actions and "delete selected" cannot reach records outside getQueryset', async () => {
    const before = await databaseSnapshot(custom.prisma);
    const touched = await postForm(staff, '/admin/post/action', { action: 'touch', _selected: String(HIDDEN), post: 'yes' });
    assert.equal(touched.statusCode, 303, show(touched));
    const confirm = await postForm(staff, '/admin/post/action', { action: 'delete_selected', _selected: String(HIDDEN) });
    assert.equal(confirm.statusCode, 303, show(confirm));
    const deleted = await postForm(staff, '/admin/post/delete-selected', { _selected: String(HIDDEN), post: 'yes' });
    assert.equal(deleted.statusCode, 303, show(deleted));
    await assertUnchanged(custom.prisma, before, 'nothing changed');
    // Mixed with a visible record: only the visible one is touched.
    const mixed = await postForm(staff, '/admin/post/action', { action: 'touch', _selected: [String(HIDDEN), String(FREE)], post: 'yes' });
    assert.equal(mixed.statusCode, 303, show(mixed));
    assert.equal((await custom.prisma.post.findUnique({ where: { id: FREE } }))?.viewCount, 4242);
    assert.notEqual((await custom.prisma.post.findUnique({ where: { id: HIDDEN } }))?.viewCount, 4242);
  });

  test('a record the change hook refuses: its change page sends to the detail page, its change and delete are 403', async () => {
    const form = await superForm(LOCKED);
    const before = await databaseSnapshot(custom.prisma);
    const page = await staff.get(`/admin/post/${LOCKED}/change`);
    assert.equal(page.statusCode, 303, show(page));
    assert.equal(page.headers.location, `/admin/post/${LOCKED}/`);
    const detail = await staff.get(`/admin/post/${LOCKED}/`);
    assert.equal(detail.statusCode, 200);
    assert.ok(!links(mainOf(detail.body)).some((l) => l.endsWith(`/${LOCKED}/change`) || l.endsWith(`/${LOCKED}/delete`)), 'no change or delete link');
    for (const [method, url, body] of [
      ['POST', `/admin/post/${LOCKED}/change`, { ...form, title: 'Locked but changed' }],
      ['GET', `/admin/post/${LOCKED}/delete`],
      ['POST', `/admin/post/${LOCKED}/delete`, { post: 'yes' }],
      ['POST', '/admin/post/delete-selected', { _selected: [String(LOCKED)], post: 'yes' }],
    ] as [string, string, Form?][]) {
      const response = method === 'GET' ? await staff.get(url) : await postForm(staff, url, body!);
      assert.equal(response.statusCode, 403, `${method} ${url}: ${show(response)}`);
    }
    await assertUnchanged(custom.prisma, before, 'nothing changed');
  });

  test('a record the view hook refuses: 403 on its detail, change and history pages', async () => {
    for (const url of [`/admin/post/${SECRET}/`, `/admin/post/${SECRET}/change`, `/admin/post/${SECRET}/history`, `/admin/post/${SECRET}/delete`]) {
      const response = await staff.get(url);
      assert.equal(response.statusCode, 403, `${url}: ${show(response)}`);
    }
  });

  test("records outside getQueryset are not listed on a related record's detail page", async () => {
    const author = (await custom.prisma.author.create({ data: { name: 'Solo author', email: 'solo@example.com' } })).id;
    await custom.prisma.post.update({ where: { id: HIDDEN }, data: { authorId: author } });
    const viewer = await loginAs(custom.app, await createAdminUser(custom.prisma, 'guarded-author-viewer', ['Post.view', 'Author.view']));
    const page = await viewer.get(`/admin/author/${author}/`);
    assert.equal(page.statusCode, 200, show(page));
    assert.doesNotMatch(page.body, /Zyxw archived post/);
    assert.ok(!links(mainOf(page.body)).includes(`/admin/post/${HIDDEN}/`));
  });

  test('a bulk action that needs the change permission does not touch a record the change hook refuses', async () => {
    const before = (await custom.prisma.post.findUnique({ where: { id: LOCKED } }))!.viewCount;
    const response = await postForm(staff, '/admin/post/action', { action: 'touch', _selected: String(LOCKED), post: 'yes' });
    assert.ok(response.statusCode === 403 || response.statusCode === 303, show(response));
    assert.equal((await custom.prisma.post.findUnique({ where: { id: LOCKED } }))!.viewCount, before, 'the locked post is untouched');
  });
});
