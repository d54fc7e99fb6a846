// Editing comfort on the add/change forms: related records added or changed in a popup ("+" and pencil), "Save as
// new", save buttons on top, "Save and view", View on site, fields on one line, radioFields and widget overrides.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite, ModelAdmin, readSchema } from '../../src/index.ts';
import { buildModelRegistry } from '../../src/admin/model-registry.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { demoSite } from '../../prisma/demo-admin.ts';
import { decodeEntities, fieldError, formFields, formRow, mainOf } from '../support/html.ts';

class SitePostAdmin extends ModelAdmin {
  fields = ['title', ['slug', 'status'], 'body', 'author', 'category'];
  widgets = { body: 'markdown' as const };
  radioFields = { category: 'vertical' as const };
  viewOnSite = (post: { slug: string }) => (post.slug.startsWith('js-') ? `javascript:alert(1)//${post.slug}` : `/blog/${post.slug}`);
}

let demo: CustomSiteApp;
let custom: CustomSiteApp;
before(async () => {
  demo = await startCustomSiteApp(demoSite());
  custom = await startCustomSiteApp(new AdminSite().register('Post', SitePostAdmin).register('Category', { listDisplay: ['name'] }));
});
after(async () => {
  await demo?.close();
  await custom?.close();
});

const firstPost = async (app: CustomSiteApp) => (await app.prisma.post.findFirstOrThrow({ orderBy: { id: 'asc' }, include: { comments: true, tags: true } }));

describe('related records in a popup', () => {
  test('the post form has "+" and pencil links to the related forms with _popup=1, as permissions allow', async () => {
    const post = await firstPost(demo);
    const page = await demo.browser.get(`/admin/post/${post.id}/change`);
    const category = formRow(page.body, 'category')!;
    assert.match(category, /<a class="related-link related-add" href="\/admin\/category\/add\?_popup=1"/);
    const pencil = /<a class="related-link related-change" href="([^"]*)"[^>]*data-href-template="([^"]*)"/.exec(category);
    assert.ok(pencil, 'a pencil beside the category');
    if (post.categoryId) assert.equal(decodeEntities(pencil[1]), `/admin/category/${post.categoryId}/change?_popup=1`);
    assert.equal(decodeEntities(pencil[2]), '/admin/category/__id__/change?_popup=1');
    // To-many: "+" only (there is no single record to change).
    const tags = formRow(page.body, 'tags')!;
    assert.match(tags, /related-add" href="\/admin\/tag\/add\?_popup=1"/);
    assert.doesNotMatch(tags, /related-change/);
  });

  test('without the related model\'s add or change permission, its button is not shown', async () => {
    const post = await firstPost(demo);
    const viewer = await demo.loginAs('popup-viewer', ['Post.view', 'Post.change', 'Category.view', 'Author.view', 'Tag.view']);
    const none = await viewer.get(`/admin/post/${post.id}/change`);
    assert.equal(none.statusCode, 200);
    assert.doesNotMatch(formRow(none.body, 'category')!, /related-link/);
    const adder = await demo.loginAs('popup-adder', ['Post.view', 'Post.change', 'Category.view', 'Category.add']);
    const add = formRow((await adder.get(`/admin/post/${post.id}/change`)).body, 'category')!;
    assert.match(add, /related-add/);
    assert.doesNotMatch(add, /related-change/);
  });

  test('a popup form has no site header or navigation, keeps _popup in its action, and may be framed by the admin only', async () => {
    const popup = await demo.browser.get('/admin/category/add?_popup=1');
    assert.equal(popup.statusCode, 200);
    assert.doesNotMatch(popup.body, /class="site-header"|class="sidebar"/);
    assert.match(popup.body, /<form method="post" action="\/admin\/category\/add\?_popup=1"/);
    assert.doesNotMatch(popup.body, /name="_addanother"|name="_continue"/);
    assert.match(String(popup.headers['content-security-policy']), /frame-ancestors 'self'/);
    assert.equal(popup.headers['x-frame-options'], 'SAMEORIGIN');
    const normal = await demo.browser.get('/admin/category/add');
    assert.match(String(normal.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(normal.headers['x-frame-options'], 'DENY');
    assert.match(normal.body, /class="site-header"/);
  });

  test('saving the popup answers with the new record\'s id and label for the opener; errors stay in the popup', async () => {
    const form = formFields((await demo.browser.get('/admin/category/add?_popup=1')).body, '/admin/category/add');
    const bad = await demo.browser.post('/admin/category/add?_popup=1', { ...form, name: '', slug: '', _save: '1' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /action="\/admin\/category\/add\?_popup=1"/);
    const saved = await demo.browser.post('/admin/category/add?_popup=1', { ...form, name: 'Popped up', slug: 'popped-up', _save: '1' });
    assert.equal(saved.statusCode, 200);
    const created = await demo.prisma.category.findUniqueOrThrow({ where: { slug: 'popped-up' } });
    const data = /data-popup-response="([^"]*)"/.exec(saved.body);
    assert.ok(data, mainOf(saved.body));
    assert.deepEqual(JSON.parse(decodeEntities(data[1])), { action: 'add', model: 'Category', value: String(created.id), label: 'Popped up' });
    assert.match(String(saved.headers['content-security-policy']), /frame-ancestors 'self'/);

    const change = formFields((await demo.browser.get(`/admin/category/${created.id}/change?_popup=1`)).body, '/change');
    const changed = await demo.browser.post(`/admin/category/${created.id}/change?_popup=1`, { ...change, name: 'Popped up again', _save: '1' });
    assert.equal(changed.statusCode, 200);
    assert.deepEqual(JSON.parse(decodeEntities(/data-popup-response="([^"]*)"/.exec(changed.body)![1])), { action: 'change', model: 'Category', value: String(created.id), label: 'Popped up again' });
  });
});

describe('save as new, save buttons on top, save and view', () => {
  test('the demo post form has the save buttons above and below the form, and "Save as new" on change only', async () => {
    const post = await firstPost(demo);
    const change = (await demo.browser.get(`/admin/post/${post.id}/change`)).body;
    assert.equal(change.match(/name="_save"/g)?.length, 2);
    assert.equal(change.match(/name="_saveasnew"/g)?.length, 2);
    assert.match(change, /name="_saveandview"/);
    const add = (await demo.browser.get('/admin/post/add')).body;
    assert.doesNotMatch(add, /_saveasnew/);
  });

  test('"Save as new" with the same slug is refused beside the slug on an add form; a new slug makes a copy, comments too', async () => {
    const post = await firstPost(demo);
    const url = `/admin/post/${post.id}/change`;
    const form = formFields((await demo.browser.get(url)).body, '/change');
    const before = await demo.prisma.post.count();
    const same = await demo.browser.post(url, { ...form, title: 'A copy', _saveasnew: '1' });
    assert.equal(same.statusCode, 400);
    assert.ok(fieldError(same.body, 'slug'), 'the unique slug is named beside its field');
    assert.match(same.body, /<h1>Add post<\/h1>/);
    assert.match(same.body, /action="\/admin\/post\/add[?"]/); // a multipart form (the cover) carries its CSRF token in the action
    assert.equal(await demo.prisma.post.count(), before);

    const copied = await demo.browser.post(url, { ...form, title: 'A copy', slug: `${post.slug}-copy`, _saveasnew: '1' });
    assert.equal(copied.statusCode, 303);
    const copy = await demo.prisma.post.findUniqueOrThrow({ where: { slug: `${post.slug}-copy` }, include: { comments: true, tags: true } });
    assert.notEqual(copy.id, post.id);
    assert.equal(copy.title, 'A copy');
    assert.equal(copy.body, post.body);
    assert.deepEqual(copy.tags.map((t) => t.id).sort(), post.tags.map((t) => t.id).sort());
    assert.deepEqual(copy.comments.map((c) => c.body).sort(), post.comments.map((c) => c.body).sort());
    const original = await demo.prisma.post.findUniqueOrThrow({ where: { id: post.id }, include: { comments: true } });
    assert.equal(original.title, post.title);
    assert.equal(original.comments.length, post.comments.length);
  });

  test('"Save as new" takes the add permission', async () => {
    const post = await firstPost(demo);
    const editor = await demo.loginAs('no-add-editor', ['Post.view', 'Post.change']);
    const url = `/admin/post/${post.id}/change`;
    const page = await editor.get(url);
    assert.doesNotMatch(page.body, /_saveasnew/);
    const form = formFields(page.body, '/change');
    const before = await demo.prisma.post.count();
    const refused = await editor.post(url, { ...form, slug: 'not-allowed-copy', _saveasnew: '1' });
    assert.equal(refused.statusCode, 403);
    assert.equal(await demo.prisma.post.count(), before);
  });

  test('"Save and view" goes to the detail page', async () => {
    const post = await firstPost(demo);
    const url = `/admin/post/${post.id}/change`;
    const form = formFields((await demo.browser.get(url)).body, '/change');
    const saved = await demo.browser.post(url, { ...form, _saveandview: '1' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/admin/post/${post.id}/`);
  });
});

describe('fields on one line, radioFields, widgets', () => {
  test('a line of fields is drawn side by side; an enum in radioFields is a group of radio buttons', async () => {
    const post = await firstPost(demo);
    const page = (await demo.browser.get(`/admin/post/${post.id}/change`)).body;
    assert.match(page, /<div class="form-line">\s*<div class="form-row[^"]*" data-field="status">[\s\S]*?data-field="publishedAt"/);
    const status = formRow(page, 'status')!;
    assert.match(status, /role="radiogroup"/);
    assert.match(status, /radio-horizontal/);
    assert.match(status, new RegExp(`<input type="radio" id="id_status_\\d" name="status" value="${post.status}" checked>`));
    assert.doesNotMatch(status, /<select/);
  });

  test('fields lines, a markdown widget and a to-one relation as radios in an admin of its own', async () => {
    const post = await firstPost(custom);
    const page = (await custom.browser.get(`/admin/post/${post.id}/change`)).body;
    assert.match(page, /<div class="form-line">\s*<div class="form-row[^"]*" data-field="slug">[\s\S]*?data-field="status"/);
    assert.match(formRow(page, 'body')!, /<textarea id="id_body" name="body" data-widget="markdown"/);
    const category = formRow(page, 'category')!;
    assert.match(category, /role="radiogroup"/);
    assert.match(category, /radio-vertical/);
    assert.match(category, /<input type="radio" id="id_category_0" name="category" value=""/);
    const categories = await custom.prisma.category.count();
    assert.equal(category.match(/type="radio"/g)?.length, categories + 1, 'every category and "None"');
    // The radios post back like the select did.
    const form = formFields(page, '/change');
    const saved = await custom.browser.post(`/admin/post/${post.id}/change`, { ...form, _save: '1' });
    assert.equal(saved.statusCode, 303);
  });

  test('bad layout options stop the start with the option and the valid names', async () => {
    const schema = await readSchema(DEMO_SCHEMA);
    const start = (options: Record<string, unknown>) => () => buildModelRegistry(schema, new AdminSite().register('Post', options as never));
    assert.throws(start({ radioFields: { title: 'horizontal' } }), /PostAdmin\.radioFields: "title" is not a field of Post\. Valid names: .*status.*author.*category/);
    assert.throws(start({ radioFields: { status: 'sideways' } }), /PostAdmin\.radioFields\.status: give 'horizontal' or 'vertical'/);
    assert.throws(start({ widgets: { viewCount: 'textarea' } }), /PostAdmin\.widgets: "viewCount" cannot use it/);
    assert.throws(start({ widgets: { body: 'wysiwyg' } }), /PostAdmin\.widgets\.body: "wysiwyg" is not a widget/);
    assert.throws(start({ fields: ['title', ['slug', 'title']] }), /PostAdmin\.fields: "title" is listed more than once/);
    assert.throws(start({ fields: ['title', ['slug', 'nope']] }), /"nope" is not a field of Post/);
  });
});

describe('view on site', () => {
  test('the change and detail pages link viewOnSite(record) when it is a path or an http(s) URL, never javascript:', async () => {
    const post = await firstPost(custom);
    const change = (await custom.browser.get(`/admin/post/${post.id}/change`)).body;
    assert.match(change, new RegExp(`<a class="view-on-site" href="/blog/${post.slug}" rel="noopener noreferrer">View on site</a>`));
    const detail = (await custom.browser.get(`/admin/post/${post.id}/`)).body;
    assert.match(detail, new RegExp(`class="button-link view-on-site" href="/blog/${post.slug}"`));
    await custom.prisma.post.update({ where: { id: post.id }, data: { slug: `js-${post.slug}` } });
    try {
      for (const url of [`/admin/post/${post.id}/change`, `/admin/post/${post.id}/`]) {
        const body = (await custom.browser.get(url)).body;
        assert.doesNotMatch(body, /View on site|href="javascript:/, url);
      }
    } finally {
      await custom.prisma.post.update({ where: { id: post.id }, data: { slug: post.slug } });
    }
  });
});
