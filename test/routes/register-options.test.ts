// site.register('Tag', { listDisplay: [...] }): a plain object of options becomes a ModelAdmin subclass, as Django's
// register(model, **options) does; a name that is no option stops the start with the valid names.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { listHeaders, listRows } from '../support/html.ts';

let demo: CustomSiteApp;
const site = new AdminSite()
  .register('Tag', { listDisplay: ['id', 'name'], searchFields: ['name'], ordering: ['-name'], listPerPage: 5 })
  .register('Category', { listDisplay: ['name'], hidden: false });

before(async () => {
  demo = await startCustomSiteApp(site);
});
after(() => demo?.close());

test('the options object is the admin: columns, order, page size and search', async () => {
  assert.ok(site.adminFor('Tag') instanceof ModelAdmin);
  const page = await demo.browser.get('/admin/tag/');
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  assert.deepEqual(listHeaders(page.body).map((h) => h.label), ['Id', 'Name']);
  const names = listRows(page.body).map((r) => r.cells[1]);
  assert.equal(names.length, 5);
  const expected = (await demo.prisma.tag.findMany({ orderBy: [{ name: 'desc' }, { id: 'desc' }], take: 5 })).map((t) => t.name);
  assert.deepEqual(names, expected);
  const target = expected[2];
  const found = await demo.browser.get(`/admin/tag/?q=${encodeURIComponent(target)}`);
  assert.ok(listRows(found.body).some((r) => r.cells[1] === target));
});

test('each registration gets its own subclass', () => {
  const a = new AdminSite().register('Tag', { listPerPage: 3 }).register('Category', { listPerPage: 7 });
  assert.equal(a.adminFor('Tag').listPerPage, 3);
  assert.equal(a.adminFor('Category').listPerPage, 7);
  assert.notEqual(a.adminFor('Tag').constructor, a.adminFor('Category').constructor);
});

test('a name that is no option (a typo, or a hook) is refused, naming the valid options', () => {
  assert.throws(() => new AdminSite().register('Tag', { listDisplays: ['name'] } as never), /listDisplays.*no such option.*listDisplay, /s);
  assert.throws(() => new AdminSite().register('Tag', { getQueryset: () => ({}) } as never), /getQueryset.*need a class/s);
  assert.throws(() => new AdminSite().register('Tag', 'name' as never), /takes a ModelAdmin class or an object/);
});
