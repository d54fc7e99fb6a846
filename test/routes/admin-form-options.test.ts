// The form-side options of ModelAdmin (fieldsets, exclude, prepopulatedFields, autocompleteFields) and its hooks
// (getReadonlyFields, saveModel, deleteModel), through the add/change/delete pages. Inlines: admin-inlines.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { AdminSite, ModelAdmin, type DeleteModelArgs, type SaveModelArgs } from '../../src/index.ts';
import type { PrismaClientLike } from '../../src/data/delegates.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { fieldError, formFields, formRow, inputValue, mainOf, messagesOf, textOf } from '../support/html.ts';

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

/** Calls of the hooks under test, for assertions. */
const saveCalls: { mode: string; where: unknown; hadRecord: boolean; client: 'transaction' | 'root' }[] = [];
let rootClient: unknown;

class HookedPostAdmin extends ModelAdmin {
  readonlyFields = ['createdAt', 'updatedAt'];
  exclude = ['viewCount', 'rating'];
  autocompleteFields = ['author'];

  // The slug is the post's address: editable while adding, fixed afterwards.
  override getReadonlyFields(request: FastifyRequest, record?: Record<string, unknown>): string[] {
    return record ? [...super.getReadonlyFields(request, record), 'slug'] : super.getReadonlyFields(request);
  }

  override saveModel(client: PrismaClientLike, args: SaveModelArgs) {
    saveCalls.push({ mode: args.mode, where: args.where, hadRecord: args.record !== undefined, client: client === rootClient ? 'root' : 'transaction' });
    return super.saveModel(client, { ...args, data: { ...args.data, title: `${String(args.data.title)} (checked)` } });
  }

  // Posts are archived, never erased.
  override deleteModel(client: PrismaClientLike, args: DeleteModelArgs) {
    return (client.post as { update(a: object): Promise<unknown> }).update({ where: args.where, data: { status: 'archived' } });
  }
}

class FoldedCategoryAdmin extends ModelAdmin {
  fieldsets = [
    { title: 'Name', fields: ['name'] },
    { title: 'Address', fields: ['slug', 'description'], collapsed: true },
  ];
}

let demo: DemoApp;
let custom: CustomSiteApp;
before(async () => {
  demo = await startDemoApp();
  custom = await startCustomSiteApp(new AdminSite().register('Post', HookedPostAdmin).register('Category', FoldedCategoryAdmin));
  rootClient = custom.served;
});
after(async () => {
  await demo?.close();
  await custom?.close();
});

function validPost(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { title: 'Hooks at work', slug: 'hooks-at-work', body: 'Body.', status: 'draft', author: '1', category: '', _save: '1', ...overrides };
}

/** The titles of the form's groups in order, with the names of their fields and whether they start folded. */
function groupsOf(html: string): { title: string; fields: string[]; collapsed: boolean; open: boolean }[] {
  const form = /<form[^>]*class="change-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fieldsets = form.split('<section class="inline-group')[0];
  const group = /(<details class="fieldset-collapse"([^>]*)>\s*<summary>([\s\S]*?)<\/summary>\s*)?<fieldset class="module[^"]*">([\s\S]*?)<\/fieldset>/g;
  return [...fieldsets.matchAll(group)].map((m) => ({
    title: m[1] ? textOf(m[3]) : textOf(/<legend class="fieldset-title">([\s\S]*?)<\/legend>/.exec(m[4])?.[1] ?? ''),
    fields: [...m[4].matchAll(/data-field="([^"]+)"/g)].map((f) => f[1]),
    collapsed: Boolean(m[1]),
    open: /\sopen\b/.test(m[2] ?? ''),
  }));
}

describe('fieldsets', () => {
  test('the form shows the fieldsets in order under their titles; "Metadata" is a closed <details>', async () => {
    const response = await demo.browser.get('/admin/post/1/change');
    assert.equal(response.statusCode, 200, show(response));
    assert.deepEqual(groupsOf(response.body), [
      { title: 'Content', fields: ['title', 'slug', 'cover', 'body'], collapsed: false, open: false },
      { title: 'Publication', fields: ['status', 'publishedAt', 'author', 'category', 'tags'], collapsed: false, open: false },
      { title: 'Reception', fields: ['viewCount', 'rating'], collapsed: false, open: false },
      { title: 'Metadata', fields: ['createdAt', 'updatedAt'], collapsed: true, open: false },
    ]);
    assert.match(response.body, /<p class="description">Kept by the database\.<\/p>/);
  });

  test('a fieldset without fields on this page (updatedAt is left out on add) is kept with the ones it has', async () => {
    const groups = groupsOf((await demo.browser.get('/admin/post/add')).body);
    assert.deepEqual(groups.at(-1), { title: 'Metadata', fields: ['createdAt'], collapsed: true, open: false });
  });

  test('a collapsed fieldset that holds an error opens, so the error is seen', async () => {
    const response = await custom.browser.post('/admin/category/add', { name: 'Folded', slug: '', description: '', _save: '1' });
    assert.equal(response.statusCode, 400, show(response));
    assert.match(fieldError(response.body, 'slug') ?? '', /required/);
    const address = groupsOf(response.body).find((g) => g.title === 'Address')!;
    assert.deepEqual(address, { title: 'Address', fields: ['slug', 'description'], collapsed: true, open: true });
    const fine = groupsOf((await custom.browser.get('/admin/category/add')).body).find((g) => g.title === 'Address')!;
    assert.equal(fine.open, false);
  });
});

describe('exclude', () => {
  test('excluded fields have no input, and a value posted for them is ignored', async () => {
    const html = (await custom.browser.get('/admin/post/add')).body;
    assert.equal(inputValue(html, 'viewCount'), undefined);
    assert.equal(inputValue(html, 'rating'), undefined);
    assert.notEqual(inputValue(html, 'title'), undefined, 'the other fields stay');
    const response = await custom.browser.post('/admin/post/add', validPost({ slug: 'excluded-values', viewCount: '99', rating: '5' }));
    assert.equal(response.statusCode, 303, show(response));
    const post = await custom.prisma.post.findUniqueOrThrow({ where: { slug: 'excluded-values' } });
    assert.equal(post.viewCount, 0);
    assert.equal(post.rating, null);
  });
});

describe('prepopulatedFields', () => {
  test('on add, the slug input is filled from the title input (data-prepopulate-from); on change it is not', async () => {
    const add = (await demo.browser.get('/admin/post/add')).body;
    assert.match(formRow(add, 'slug') ?? '', /<input[^>]*name="slug"[^>]*data-prepopulate-from="id_title"/);
    const change = (await demo.browser.get('/admin/post/1/change')).body;
    assert.doesNotMatch(change, /data-prepopulate-from/);
  });

  test("the demo's categories fill their slug from the name", async () => {
    const add = (await demo.browser.get('/admin/category/add')).body;
    assert.match(formRow(add, 'slug') ?? '', /data-prepopulate-from="id_name"/);
  });
});

describe('autocompleteFields', () => {
  test('a relation listed there gets the search-as-you-type box even with ten related records; others keep the select', async () => {
    const add = (await custom.browser.get('/admin/post/add')).body;
    assert.match(formRow(add, 'author') ?? '', /class="autocomplete" data-autocomplete-url="\/admin\/author\/autocomplete\?source=post&amp;field=author"/);
    assert.match(formRow(add, 'category') ?? '', /<select id="id_category"/);
    const demoAdd = (await demo.browser.get('/admin/post/add')).body;
    assert.match(formRow(demoAdd, 'author') ?? '', /<select id="id_author"/, 'without the option: a select');

    const post = await custom.prisma.post.findFirstOrThrow({ where: { id: 2 }, include: { author: true } });
    const change = (await custom.browser.get(`/admin/post/${post.id}/change`)).body;
    assert.equal(inputValue(change, 'author'), String(post.authorId));
    assert.match(textOf(formRow(change, 'author') ?? ''), new RegExp(`Currently: ${post.author.name}`));
  });
});

describe('getReadonlyFields', () => {
  test('the hook decides per record: the slug is an input on add, text on change, and a posted slug is ignored', async () => {
    assert.notEqual(inputValue((await custom.browser.get('/admin/post/add')).body, 'slug'), undefined);
    const post = await custom.prisma.post.findUniqueOrThrow({ where: { id: 3 } });
    const page = (await custom.browser.get('/admin/post/3/change')).body;
    assert.equal(inputValue(page, 'slug'), undefined);
    assert.match(textOf(formRow(page, 'slug') ?? ''), new RegExp(post.slug));
    const form = { ...formFields(page, '/change'), slug: 'hijacked-slug', _save: '1' };
    const response = await custom.browser.post('/admin/post/3/change', form);
    assert.equal(response.statusCode, 303, show(response));
    assert.equal((await custom.prisma.post.findUniqueOrThrow({ where: { id: 3 } })).slug, post.slug);
  });
});

describe('saveModel', () => {
  test('add and change save through the hook, with the transaction of the audit log entry', async () => {
    saveCalls.length = 0;
    const added = await custom.browser.post('/admin/post/add', validPost({ slug: 'saved-by-hook' }));
    assert.equal(added.statusCode, 303, show(added));
    const post = await custom.prisma.post.findUniqueOrThrow({ where: { slug: 'saved-by-hook' } });
    assert.equal(post.title, 'Hooks at work (checked)');

    const page = (await custom.browser.get(`/admin/post/${post.id}/change`)).body;
    const changed = await custom.browser.post(`/admin/post/${post.id}/change`, { ...formFields(page, '/change'), title: 'Renamed', _save: '1' });
    assert.equal(changed.statusCode, 303, show(changed));
    assert.equal((await custom.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).title, 'Renamed (checked)');

    assert.deepEqual(saveCalls.map((c) => [c.mode, c.where, c.hadRecord, c.client]), [
      ['add', undefined, false, 'transaction'],
      ['change', { id: post.id }, true, 'transaction'],
    ]);
    const log = await custom.prisma.adminLogEntry.findMany({ where: { model: 'Post', objectId: String(post.id) }, orderBy: { id: 'asc' } });
    assert.deepEqual(log.map((e) => [e.action, e.objectRepr]), [['add', 'Hooks at work (checked)'], ['change', 'Renamed (checked)']]);
    assert.match(log[1].changeMessage, /Renamed \(checked\)/);
  });
});

describe('deleteModel', () => {
  test('the delete page and "delete selected" both delete through the hook (here: archive)', async () => {
    const one = await custom.browser.post('/admin/post/10/delete', { post: 'yes' });
    assert.equal(one.statusCode, 303, show(one));
    assert.ok(messagesOf((await custom.browser.follow(one)).body).some((m) => /deleted successfully/.test(m)));
    assert.equal((await custom.prisma.post.findUniqueOrThrow({ where: { id: 10 } })).status, 'archived');

    const bulk = await custom.browser.post('/admin/post/delete-selected', { _selected: ['11', '12'], post: 'yes' });
    assert.equal(bulk.statusCode, 303, show(bulk));
    const rows = await custom.prisma.post.findMany({ where: { id: { in: [11, 12] } } });
    assert.deepEqual(rows.map((p) => p.status), ['archived', 'archived']);
    const log = await custom.prisma.adminLogEntry.findMany({ where: { model: 'Post', action: 'delete', objectId: { in: ['10', '11', '12'] } } });
    assert.equal(log.length, 3, 'each deletion is logged');
  });
});
