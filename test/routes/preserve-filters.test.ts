// Django's preserve_filters: the list's search, filters, sort and page travel in `_changelist_filters` to the change,
// add and delete pages and the action form, and every way back to the list keeps them. The value is read like the
// list's own query: unknown parameters are dropped, and it never leads anywhere but this model's list.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { decodeEntities, formFields, listRows, mainOf, messagesOf, textOf } from '../support/html.ts';

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'status'];
  searchFields = ['title'];
  listPerPage = 10;
}
class CommentAdmin extends ModelAdmin {
  preserveFilters = false;
}

let custom: CustomSiteApp;
before(async () => {
  custom = await startCustomSiteApp(new AdminSite().register('Post', PostAdmin).register('Comment', CommentAdmin).register('Author', ModelAdmin).register('Tag', ModelAdmin));
});
after(() => custom?.close());

const LIST_QUERY = 'q=the&sort=-title&status__exact=published&page=2';
const preserved = (url: string) => new URLSearchParams(url.replace(/^[^?]*\?/, '')).get('_changelist_filters');
const paramsOf = (query: string | null) => Object.fromEntries(new URLSearchParams(query ?? ''));
const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 300)}`;

async function changePage(url: string) {
  const response = await custom.browser.get(url);
  assert.equal(response.statusCode, 200, show(response));
  const action = decodeEntities(/<form[^>]*action="([^"]*\/change[^"]*)"/.exec(response.body)![1]);
  return { html: response.body, action, form: formFields(response.body, '/change') };
}

describe('preserve filters', () => {
  test('the list links its rows and Add to pages that carry the list query', async () => {
    const html = (await custom.browser.get(`/admin/post/?${LIST_QUERY}`)).body;
    const row = listRows(html)[0];
    assert.deepEqual(paramsOf(preserved(row.changeUrl!)), paramsOf(LIST_QUERY));
    assert.match(html, /href="\/admin\/post\/add\?_changelist_filters=[^"]+"/);
    assert.match(html, /<form method="post" action="\/admin\/post\/action\?_changelist_filters=[^"]+" class="actions-form">/);
  });

  test('save, save and continue, save and add another all keep the list query', async () => {
    const row = listRows((await custom.browser.get(`/admin/post/?${LIST_QUERY}`)).body)[0];
    const page = await changePage(row.changeUrl!);
    assert.deepEqual(paramsOf(preserved(page.action)), paramsOf(LIST_QUERY));
    assert.match(page.html, new RegExp(`href="/admin/post/\\?${LIST_QUERY.replace(/[?&]/g, (c) => (c === '&' ? '&amp;' : c))}"`), 'the breadcrumb goes back to the list as it was');
    const saved = await custom.browser.post(page.action, { ...page.form, _save: '1' });
    assert.equal(saved.statusCode, 303, show(saved));
    assert.deepEqual(paramsOf(saved.headers.location!.split('?')[1]), paramsOf(LIST_QUERY));
    assert.ok(saved.headers.location!.startsWith('/admin/post/?'));
    const list = await custom.browser.follow(saved);
    assert.ok(messagesOf(list.body).some((m) => /changed successfully/.test(m)));

    const continued = await custom.browser.post(page.action, { ...(await changePage(page.action)).form, _continue: '1' });
    assert.equal(preserved(continued.headers.location!), preserved(page.action));
    const another = await custom.browser.post(page.action, { ...(await changePage(page.action)).form, _addanother: '1' });
    assert.ok(another.headers.location!.startsWith('/admin/post/add?'));
    assert.deepEqual(paramsOf(preserved(another.headers.location!)), paramsOf(LIST_QUERY));
  });

  test('a delete from the change page returns to the list as it was', async () => {
    const post = await custom.prisma.post.create({ data: { title: 'To delete', slug: 'to-delete-preserved', body: 'x', authorId: 1 } });
    const page = await changePage(`/admin/post/${post.id}/change?_changelist_filters=${encodeURIComponent(LIST_QUERY)}`);
    const deleteUrl = decodeEntities(/href="([^"]*\/delete\?[^"]*)"/.exec(page.html)![1]);
    const confirm = await custom.browser.get(deleteUrl);
    const action = decodeEntities(/<form[^>]*action="([^"]*\/delete\?[^"]*)"/.exec(confirm.body)![1]);
    const deleted = await custom.browser.post(action, { ...formFields(confirm.body, '/delete'), post: 'yes' });
    assert.equal(deleted.statusCode, 303, show(deleted));
    assert.deepEqual(paramsOf(deleted.headers.location!.split('?')[1]), paramsOf(LIST_QUERY));
    assert.equal(await custom.prisma.post.count({ where: { id: post.id } }), 0);
  });

  test('an action returns to the list as it was', async () => {
    const response = await custom.browser.post(`/admin/post/action?_changelist_filters=${encodeURIComponent(LIST_QUERY)}`, { action: 'delete_selected' });
    assert.equal(response.statusCode, 303, show(response));
    assert.deepEqual(paramsOf(response.headers.location!.split('?')[1]), paramsOf(LIST_QUERY));
  });

  test('only the list parameters survive, and the way back is always this list', async () => {
    const page = await changePage(`/admin/post/1/change?_changelist_filters=${encodeURIComponent('q=x&next=//evil.example&password__exact=1&sort=nope&_changelist_filters=q%3Dy')}`);
    assert.equal(preserved(page.action), 'q=x');
    for (const hostile of ['https://evil.example/', '//evil.example', 'javascript:alert(1)', 'x'.repeat(10_000), '%ZZ', '__proto__[x]=1']) {
      const { form } = await changePage('/admin/post/1/change');
      const response = await custom.browser.post(`/admin/post/1/change?_changelist_filters=${encodeURIComponent(hostile)}`, { ...form, _save: '1' });
      assert.equal(response.statusCode, 303, show(response));
      assert.equal(response.headers.location, '/admin/post/', hostile.slice(0, 30));
    }
    const arrays = await custom.browser.get('/admin/post/1/change?_changelist_filters[]=q%3Dx&_changelist_filters[a]=1');
    assert.ok(arrays.statusCode < 500);
  });

  test('the preserved query is echoed escaped', async () => {
    const page = await changePage(`/admin/post/1/change?_changelist_filters=${encodeURIComponent('q="><script>alert(1)</script>')}`);
    assert.doesNotMatch(page.html, /<script>alert\(1\)<\/script>/);
    assert.equal(paramsOf(preserved(page.action)).q, '"><script>alert(1)</script>');
  });

  test('preserveFilters: false carries nothing', async () => {
    const html = (await custom.browser.get('/admin/comment/?q=the&page=2')).body;
    assert.equal(preserved(listRows(html)[0].changeUrl!), null);
    const page = await changePage(`${listRows(html)[0].changeUrl}?_changelist_filters=q%3Dthe`);
    assert.equal(preserved(page.action), null);
  });
});
