// Sorting a list by several columns from its headers (Django's changelist): the header adds its column first, each
// sorted header shows its priority, a toggle and a remove link; `sortableBy` limits which headers sort.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite, createAdminServer, ModelAdmin, readSchema } from '../../src/index.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { listHeaders, listRows, mainOf, textOf } from '../support/html.ts';

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'status', 'publishedAt', 'viewCount'];
  sortableBy = ['title', 'author', 'status', 'publishedAt'];
}

let custom: CustomSiteApp;
before(async () => {
  custom = await startCustomSiteApp(new AdminSite().register('Post', PostAdmin).register('Author', ModelAdmin));
});
after(() => custom?.close());

async function page(url: string): Promise<string> {
  const response = await custom.browser.get(url);
  assert.equal(response.statusCode, 200, `${url} → ${response.statusCode}: ${textOf(mainOf(response.body)).slice(0, 300)}`);
  return response.body;
}

async function postIds(orderBy: object[]): Promise<string[]> {
  const posts = await custom.prisma.post.findMany({ orderBy, select: { id: true }, take: 100 } as never);
  return (posts as { id: number }[]).map((p) => String(p.id));
}

const header = (html: string, label: string) => listHeaders(html).find((h) => h.label === label)!;
const sortOf = (url: string | null) => (url === null ? null : new URLSearchParams(url.replace(/^[^?]*\?/, '')).get('sort'));

describe('sorting by several columns', () => {
  test('clicking a second header adds it before the first, and the rows follow both, the key breaking ties', async () => {
    const byStatus = await page('/admin/post/?sort=status');
    assert.equal(sortOf(header(byStatus, 'Published at').url), 'publishedAt,status');
    const both = await page(`/admin/post/${header(byStatus, 'Published at').url}`);
    assert.deepEqual(listRows(both).map((r) => r.id), await postIds([{ publishedAt: 'asc' }, { status: 'asc' }, { id: 'asc' }]));
    assert.equal(header(both, 'Published at').priority, 1);
    assert.equal(header(both, 'Status').priority, 2);
    assert.equal(header(both, 'Title').priority, null);
  });

  test('toggle flips one key in place, remove drops it, the first header click flips the first key', async () => {
    const html = await page('/admin/post/?sort=status,-publishedAt');
    assert.deepEqual(listRows(html).map((r) => r.id), await postIds([{ status: 'asc' }, { publishedAt: 'desc' }, { id: 'desc' }]));
    const published = header(html, 'Published at');
    assert.equal(published.ariaSort, 'descending');
    assert.equal(sortOf(published.toggleUrl), 'status,publishedAt');
    assert.equal(sortOf(published.removeUrl), 'status');
    assert.equal(sortOf(header(html, 'Status').url), '-status,-publishedAt');
    const toggled = await page(`/admin/post/${published.toggleUrl}`);
    assert.deepEqual(listRows(toggled).map((r) => r.id), await postIds([{ status: 'asc' }, { publishedAt: 'asc' }, { id: 'asc' }]));
  });

  test('a relation column sorts by its key beside a value column', async () => {
    const html = await page('/admin/post/?sort=-author,title');
    assert.deepEqual(listRows(html).map((r) => r.id), await postIds([{ authorId: 'desc' }, { title: 'asc' }, { id: 'asc' }]));
  });

  test('a column left out of sortableBy has a plain header, and its sort parameter is ignored', async () => {
    const html = await page('/admin/post/?sort=viewCount');
    assert.ok(!listHeaders(html).some((h) => h.label === 'View count'), 'no sort link on View count');
    assert.match(mainOf(html), /<th scope="col"[^>]*>View count<\/th>/);
    assert.deepEqual(listRows(html).map((r) => r.id), await postIds([{ id: 'desc' }]));
  });

  test('sortableBy naming a column that cannot sort stops the start with the valid names', async () => {
    class Typo extends ModelAdmin {
      listDisplay = ['title', 'status'];
      sortableBy = ['titel'];
    }
    const schema = await readSchema(DEMO_SCHEMA);
    await assert.rejects(createAdminServer({ schema, prisma: custom.served, site: new AdminSite().register('Post', Typo) }), /sortableBy[\s\S]*titel[\s\S]*title, status/);
  });
});
