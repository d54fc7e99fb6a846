// Prisma refuses a query with more bound values than the database takes (SQLite through Prisma: 999) unless its one
// big `in` list is the query's only filter (that one Prisma splits). Every key list the admin builds next to another
// filter stays below the dialect's count (data/bound-values.ts), or falls back to the plain query: a search term
// matching 1,500 authors, a literal `%` search of 2,000 posts, 1,000 checked rows of an admin with a getQueryset
// (an action, Edit selected, Export selected, Delete selected with the comments its cascade reaches), Edit selected of
// every row setting a relation (its entries' labels of 1,000 related records), a page of 1,000 rows' related labels, and an import
// preview of 2,000 rows updating by key.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { postgresAvailable } from '../support/databases.ts';
import { mainOf, resultCount, textOf } from '../support/html.ts';
import { chosenMapping, csvOf, importCounts, uploadImport } from '../support/import-files.ts';
import { touchPostsAction } from '../support/touch-action.ts';

const AUTHORS = 1_000;
const POSTS = 2_000;
const CHECKED = 1_000;
const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

function site() {
  const touch = touchPostsAction();
  return new AdminSite().register('Author', ModelAdmin).register('Category', ModelAdmin).register('Post', class extends ModelAdmin {
    override listDisplay = ['title', 'author', 'category'];
    override searchFields = ['title', 'author.name'];
    override actions = [touch];
    override bulkEdit = ['status', 'author'];
    override listPerPage = 1_000;
    // A scope of one bound value, next to every key list of the selection.
    override getQueryset() {
      return { viewCount: { gte: 0 } };
    }
  });
}

const pgUp = await postgresAvailable();

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`key lists of more rows than SQLite binds, ${provider}`, { skip: provider === 'postgresql' && !pgUp && 'no PostgreSQL test server' }, () => {
    let custom: CustomSiteApp;
    let ids: string[];
    before(async () => {
      custom = await startCustomSiteApp(site(), { provider });
      const p = custom.prisma;
      await p.author.createMany({ data: Array.from({ length: AUTHORS }, (_, i) => ({ name: `Crowdname ${i}`, email: `crowd${i}@bound.test` })) });
      const authors = await p.author.findMany({ where: { name: { startsWith: 'Crowdname' } }, select: { id: true }, orderBy: { id: 'asc' } });
      await p.post.createMany({ data: Array.from({ length: POSTS }, (_, i) => ({ title: `Bound 50% post ${i}`, slug: `bound-${i}`, body: 'x', authorId: authors[i % AUTHORS].id })) });
      const posts = await p.post.findMany({ where: { slug: { startsWith: 'bound-' } }, select: { id: true }, orderBy: { id: 'asc' } });
      ids = posts.slice(0, CHECKED).map((r) => String(r.id));
      await custom.browser.get('/admin/post/');
    });
    after(() => custom?.close());

    test('a search term that matches 1,000 authors (the lookup limit)', async () => {
      const response = await custom.browser.get('/admin/post/?q=crowdname');
      assert.equal(response.statusCode, 200, show(response));
      assert.equal(resultCount(response.body), POSTS);
    });

    test('a literal % search with 2,000 candidates', async () => {
      const response = await custom.browser.get('/admin/post/?q=50%25');
      assert.equal(response.statusCode, 200, show(response));
      assert.equal(resultCount(response.body), POSTS);
    });

    test('the labels of a page of 1,000 rows by 1,000 authors', async () => {
      const response = await custom.browser.get('/admin/post/?q=bound&sort=id');
      assert.equal(response.statusCode, 200, show(response));
      assert.match(response.body, /Crowdname 999\b/, show(response));
    });

    test('an action on 1,000 checked rows', async () => {
      const done = await custom.browser.post('/admin/post/action', { action: 'touch', _selected: ids, post: 'yes' });
      assert.equal(done.statusCode, 303, show(done));
      assert.equal(await custom.prisma.post.count({ where: { viewCount: 4242 } }), CHECKED);
    });

    test('Edit selected on 1,000 checked rows', async () => {
      const form = { action: 'bulk_edit', _selected: ids, be_on_status: '1', in_status: 'archived' };
      const preview = await custom.browser.post('/admin/post/action', { ...form, _preview: '1' });
      assert.equal(preview.statusCode, 200, show(preview));
      const done = await custom.browser.post('/admin/post/action', { ...form, post: 'yes' });
      assert.equal(done.statusCode, 303, show(done));
      assert.equal(await custom.prisma.post.count({ where: { slug: { startsWith: 'bound-' }, status: 'archived' } }), CHECKED);
    });

    test('Edit selected over the whole list, setting the author: one batch names 1,000 authors and the new one', async () => {
      const chosen = await custom.prisma.author.create({ data: { name: 'Chosen author', email: 'chosen@bound.test' } });
      const form = { action: 'bulk_edit', select_across: '1', _across_query: 'q=bound', be_on_author: '1', in_author: String(chosen.id) };
      const done = await custom.browser.post('/admin/post/action', { ...form, post: 'yes' });
      assert.equal(done.statusCode, 303, show(done));
      const flash = await custom.browser.get(done.headers.location as string);
      assert.doesNotMatch(textOf(mainOf(flash.body)), /stopped/, show(flash));
      assert.equal(await custom.prisma.post.count({ where: { slug: { startsWith: 'bound-' }, authorId: chosen.id } }), POSTS);
      const entry = await custom.prisma.adminLogEntry.findFirst({ where: { model: 'Post', changeMessage: { contains: 'Crowdname 999' } } });
      assert.ok(entry && entry.changeMessage.includes('Chosen author'), 'the entry names the old and the new author by label');
    });

    test('Export selected of 1,000 checked rows', async () => {
      const response = await custom.browser.post('/admin/post/action', { action: 'export_selected', _selected: ids, post: 'yes' });
      assert.equal(response.statusCode, 200, show(response));
      assert.equal(response.body.trim().split(/\r?\n/).length, CHECKED + 1);
    });

    test('an import preview of 2,000 rows updating by key', async () => {
      const rows = Array.from({ length: POSTS }, (_, i) => ({ slug: `bound-${i}`, title: `Bound renamed ${i}` }));
      const { response, job } = await uploadImport(custom.browser, 'post', csvOf(['slug', 'title'], rows), 'bound.csv');
      assert.ok(job, show(response));
      const preview = await custom.browser.post('/admin/post/import', { job: job!, map: chosenMapping(response.body), mode: 'update', key: 'slug', _preview: '1' });
      assert.equal(preview.statusCode, 200, show(preview));
      assert.deepEqual(importCounts(preview.body), { new: 0, changed: POSTS, unchanged: 0, error: 0 });
    });

    test('Delete selected of 1,000 checked rows, with the 1,000 comments their cascade reaches', async () => {
      await custom.prisma.comment.createMany({ data: ids.map((id) => ({ postId: Number(id), authorName: 'c', body: 'bound comment' })) });
      const confirm = await custom.browser.post('/admin/post/action', { action: 'delete_selected', _selected: ids });
      assert.equal(confirm.statusCode, 200, show(confirm));
      assert.match(textOf(mainOf(confirm.body)), /Comments: 1,000\b|1,000 comments/i);
      const done = await custom.browser.post('/admin/post/delete-selected', { _selected: ids });
      assert.equal(done.statusCode, 303, show(done));
      assert.equal(await custom.prisma.post.count({ where: { slug: { startsWith: 'bound-' } } }), POSTS - CHECKED);
      assert.equal(await custom.prisma.comment.count({ where: { body: 'bound comment' } }), 0);
      assert.equal(await custom.prisma.adminLogEntry.count({ where: { action: 'delete', model: 'Comment' } }), CHECKED, 'one entry per cascaded comment');
    });
  });
}
