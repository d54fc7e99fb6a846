// The import page of the demo: upload, map, preview (a dry run that writes nothing), confirm (all or nothing, once).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { chosenMapping, csvOf, importCounts, jsonLinesOf, previewedOf, uploadImport, xlsxOf } from '../support/import-files.ts';
import { mainOf, messagesOf, textOf } from '../support/html.ts';
import { createAdminUser, loginAs } from '../support/security.ts';

let demo: DemoApp;
before(async () => {
  // A Tag admin whose saveModel refuses one name: a hook that throws in the middle of a confirm.
  const site = new AdminSite();
  site.register('Tag', class extends ModelAdmin {
    override saveModel(client: unknown, args: Parameters<ModelAdmin['saveModel']>[1]) {
      if (args.data.name === 'boom') throw new Error('The tag hook refuses “boom”.');
      return super.saveModel(client, args);
    }
  });
  // Comments may only be attached to published posts, as the comment form's choices are.
  site.register('Comment', class extends ModelAdmin {
    override limitChoicesTo = { post: { status: 'published' } };
  });
  demo = await startDemoApp({ server: { site, maxUploadBytes: 2 * 1024 * 1024 } });
});
after(() => demo?.close());

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 800)}`;
const POST_FIELDS = ['id', 'title', 'slug', 'body', 'status', 'publishedAt', 'createdAt', 'updatedAt', 'viewCount', 'rating', 'authorId', 'categoryId'];

async function confirm(model: string, job: string, html: string, extra: Record<string, string | string[]> = {}) {
  const mode = /name="mode" value="(\w+)" checked/.exec(html)?.[1] ?? 'create';
  const key = /<select id="id_key" name="key">[\s\S]*?<option value="(\w+)" selected>/.exec(html)?.[1] ?? '';
  return demo.browser.post(`/admin/${model}/import`, { job, map: chosenMapping(html), mode, key, previewed: previewedOf(html), _confirm: '1', ...extra });
}

describe('import', () => {
  test('the list links to the import page, which asks for a file', async () => {
    const list = await demo.browser.get('/admin/tag/');
    assert.match(list.body, /href="\/admin\/tag\/import">Import</);
    const page = await demo.browser.get('/admin/tag/import');
    assert.equal(page.statusCode, 200, show(page));
    assert.match(page.body, /<input type="file" id="id_file" name="file"/);
  });

  test('a file of valid rows previews as new, writes nothing until confirmed, then creates them with audit entries', async () => {
    const authors = await demo.prisma.author.findMany({ take: 2, orderBy: { id: 'asc' } });
    const rows = [1, 2, 3].map((n) => ({ title: `Imported ${n}`, slug: `imported-${n}`, body: `Body, "quoted"\nline two ${n}`, status: 'published', 'author.email': authors[n % 2].email, viewCount: n * 10, rating: '4.50' }));
    const { response, job } = await uploadImport(demo.browser, 'post', csvOf(Object.keys(rows[0]), rows, { bom: true }), 'posts.csv');
    assert.equal(response.statusCode, 200, show(response));
    assert.deepEqual(chosenMapping(response.body), ['title', 'slug', 'body', 'status', 'author.email', 'viewCount', 'rating']);
    assert.deepEqual(importCounts(response.body), { new: 3, changed: 0, unchanged: 0, error: 0 });
    assert.equal(await demo.prisma.post.count({ where: { slug: { startsWith: 'imported-' } } }), 0, 'the preview wrote nothing');
    const logBefore = await demo.prisma.adminLogEntry.count({ where: { model: 'Post', action: 'add' } });
    const done = await confirm('post', job!, response.body);
    assert.equal(done.statusCode, 303, show(done));
    const list = await demo.browser.follow(done);
    assert.match(messagesOf(list.body).join(' '), /Imported 3 posts from “posts\.csv”: 3 new/);
    const created = await demo.prisma.post.findMany({ where: { slug: { startsWith: 'imported-' } }, orderBy: { slug: 'asc' } });
    assert.deepEqual(created.map((p) => [p.title, p.body, p.authorId, p.viewCount, p.rating?.toFixed(2)]), rows.map((r, i) => [r.title, r.body, authors[(i + 1) % 2].id, r.viewCount, '4.50']));
    assert.equal(await demo.prisma.adminLogEntry.count({ where: { model: 'Post', action: 'add' } }), logBefore + 3);
  });

  for (const format of ['csv', 'jsonl', 'xlsx'] as const) {
    test(`an all-fields ${format} export of the demo's posts imports back unchanged, every row`, async () => {
      const posts = await demo.prisma.post.findMany({ orderBy: { id: 'asc' } });
      const data = format === 'csv' ? csvOf(POST_FIELDS, posts) : format === 'jsonl' ? jsonLinesOf(POST_FIELDS, posts) : await xlsxOf(POST_FIELDS, posts);
      const { response, job } = await uploadImport(demo.browser, 'post', data, `posts.${format}`);
      assert.equal(response.statusCode, 200, show(response));
      const preview = await demo.browser.post('/admin/post/import', { job: job!, map: chosenMapping(response.body), mode: 'upsert', key: 'id', _preview: '1' });
      assert.equal(preview.statusCode, 200, show(preview));
      assert.deepEqual(importCounts(preview.body), { new: 0, changed: 0, unchanged: posts.length, error: 0 }, show(preview));
    });
  }

  test('a changed cell previews as changed with the field diff, and update by slug writes only that', async () => {
    const post = await demo.prisma.post.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const { response, job } = await uploadImport(demo.browser, 'post', csvOf(['slug', 'title'], [{ slug: post.slug, title: 'A new title' }]), 'one.csv');
    const preview = await demo.browser.post('/admin/post/import', { job: job!, map: chosenMapping(response.body), mode: 'update', key: 'slug', _preview: '1' });
    assert.deepEqual(importCounts(preview.body), { new: 0, changed: 1, unchanged: 0, error: 0 }, show(preview));
    assert.match(textOf(preview.body), new RegExp(`Title: “${post.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” → “A new title”`));
    const done = await confirm('post', job!, preview.body);
    assert.equal(done.statusCode, 303, show(done));
    const after = await demo.prisma.post.findUniqueOrThrow({ where: { id: post.id } });
    assert.equal(after.title, 'A new title');
    assert.equal(after.body, post.body);
  });

  test('a confirm with other columns or mode than the preview shows their preview first and writes nothing', async () => {
    const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name', 'other'], [{ name: 'previewed-once', other: 'x' }]), 'switch.csv');
    const switched = await confirm('tag', job!, response.body, { map: ['', ''] });
    assert.equal(switched.statusCode, 409, show(switched));
    assert.match(textOf(mainOf(switched.body)), /changed since the preview/);
    assert.equal(await demo.prisma.tag.count({ where: { name: 'previewed-once' } }), 0);
    const done = await confirm('tag', job!, response.body);
    assert.equal(done.statusCode, 303, show(done));
    assert.equal(await demo.prisma.tag.count({ where: { name: 'previewed-once' } }), 1);
  });

  test('a file with errors shows each error in its cell, offers no confirm, and a forced confirm writes nothing', async () => {
    const author = await demo.prisma.author.findFirstOrThrow();
    const rows = [
      { title: 'Fine', slug: 'fine-row', body: 'x', status: 'draft', 'author.email': author.email, viewCount: '1' },
      { title: 'Bad count', slug: 'bad-count', body: 'x', status: 'draft', 'author.email': author.email, viewCount: 'many' },
      { title: 'Bad status', slug: 'bad-status', body: 'x', status: 'lost', 'author.email': 'nobody@example.invalid', viewCount: '2' },
      { title: '', slug: 'no-title', body: 'x', status: 'draft', 'author.email': author.email, viewCount: '3' },
    ];
    const before = await demo.prisma.post.count();
    const { response, job } = await uploadImport(demo.browser, 'post', csvOf(Object.keys(rows[0]), rows), 'errors.csv');
    assert.equal(response.statusCode, 200, show(response));
    assert.deepEqual(importCounts(response.body), { new: 1, changed: 0, unchanged: 0, error: 3 });
    assert.doesNotMatch(response.body, /name="_confirm"/);
    const cell = (line: number, text: string) => new RegExp(`data-line="${line}"[\\s\\S]*?<td class="import-cell-error">${text}<ul class="errorlist"><li>([^<]+)`).exec(response.body)?.[1];
    assert.ok(cell(3, 'many'), 'the count error beside “many”');
    assert.ok(cell(4, 'lost'), 'the status error beside “lost”');
    assert.match(cell(4, 'nobody@example.invalid') ?? '', /No author has email “nobody@example\.invalid”/);
    assert.match(cell(5, '') ?? '', /required/i);
    const forced = await confirm('post', job!, response.body);
    assert.equal(forced.statusCode, 400, show(forced));
    assert.equal(await demo.prisma.post.count(), before);
  });

  test('a relation to a record the form would not offer (limitChoicesTo) is an error in its cell', async () => {
    const draft = await demo.prisma.post.findFirstOrThrow({ where: { status: 'draft' } });
    const published = await demo.prisma.post.findFirstOrThrow({ where: { status: 'published' } });
    const before = await demo.prisma.comment.count();
    const rows = [{ postId: published.id, authorName: 'Ok', body: 'fine' }, { postId: draft.id, authorName: 'Sneaky', body: 'on a draft' }];
    const { response, job } = await uploadImport(demo.browser, 'comment', csvOf(['postId', 'authorName', 'body'], rows), 'comments.csv');
    assert.equal(response.statusCode, 200, show(response));
    assert.deepEqual(chosenMapping(response.body), ['post', 'authorName', 'body']);
    assert.deepEqual(importCounts(response.body), { new: 1, changed: 0, unchanged: 0, error: 1 });
    assert.match(response.body, new RegExp(`data-line="3"[\\s\\S]*?<td class="import-cell-error">${draft.id}<ul class="errorlist"><li>`));
    const forced = await confirm('comment', job!, response.body);
    assert.equal(forced.statusCode, 400, show(forced));
    assert.equal(await demo.prisma.comment.count(), before);
  });

  test('a saveModel hook that throws on a middle row rolls back every row', async () => {
    const before = await demo.prisma.tag.count();
    const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], [{ name: 'first-new' }, { name: 'boom' }, { name: 'third-new' }]), 'tags.csv');
    assert.deepEqual(importCounts(response.body), { new: 3, changed: 0, unchanged: 0, error: 0 });
    const failed = await confirm('tag', job!, response.body);
    assert.equal(failed.statusCode, 400, show(failed));
    assert.match(textOf(failed.body), /line 3 could not be written.*Nothing was imported/);
    assert.equal(await demo.prisma.tag.count(), before);
    assert.equal(await demo.prisma.tag.count({ where: { name: 'first-new' } }), 0);
  });

  test('a unique violation on a middle row leaves the table as it was', async () => {
    const existing = await demo.prisma.tag.findFirstOrThrow();
    const before = await demo.prisma.tag.findMany({ orderBy: { id: 'asc' } });
    const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], [{ name: 'unique-a' }, { name: existing.name }, { name: 'unique-c' }]), 'dupe.csv');
    const failed = await confirm('tag', job!, response.body);
    assert.equal(failed.statusCode, 400, show(failed));
    assert.deepEqual(await demo.prisma.tag.findMany({ orderBy: { id: 'asc' } }), before);
  });

  test('the same confirm sent twice (double click, back button) imports once', async () => {
    const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], [{ name: 'once-only' }]), 'once.csv');
    const [a, b] = await Promise.all([confirm('tag', job!, response.body), confirm('tag', job!, response.body)]);
    assert.equal(a.statusCode, 303, show(a));
    assert.equal(b.statusCode, 303, show(b));
    const again = await confirm('tag', job!, response.body);
    assert.equal(again.statusCode, 303);
    assert.match(messagesOf((await demo.browser.follow(again)).body).join(' '), /already confirmed.*not imported again/);
    assert.equal(await demo.prisma.tag.count({ where: { name: 'once-only' } }), 1);
  });

  test('a malformed file names its line and column; a file of another format says so; never a 500', async () => {
    const cases: Array<[Buffer, string, string, RegExp]> = [
      [Buffer.from('name\r\nok\r\n"unclosed\r\n'), 'bad.csv', '', /quote that opens on line 3, column 1 is never closed/],
      [Buffer.from('name,extra\r\na,b\r\nc,d,e\r\n'), 'ragged.csv', '', /line 3/],
      [Buffer.from('{"name":"a"}\n{"name": oops}\n'), 'bad.jsonl', '', /line 2, column 10/],
      [Buffer.from('{"name":"a"}\n[1,2]\n'), 'array.jsonl', '', /line 2 is not a JSON object/],
      [Buffer.from('name\nok\n'), 'tags.xlsx', '', /not an XLSX workbook/],
      [await xlsxOf(['name'], [{ name: 'x' }]), 'tags.csv', 'csv', /looks like an XLSX workbook/],
      [Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x61, 0xff, 0x0a]), 'latin.csv', '', /not UTF-8.*line 2, column 2/],
      [Buffer.from('name\nok\n'), 'tags.pdf', '', /not known from its name/],
    ];
    for (const [data, filename, format, message] of cases) {
      const { response } = await uploadImport(demo.browser, 'tag', data, filename, format);
      assert.equal(response.statusCode, 400, `${filename}: ${show(response)}`);
      assert.match(textOf(mainOf(response.body)), message, filename);
    }
  });

  test('a file over the upload limit gets a 413 page that says the limit', async () => {
    const { response } = await uploadImport(demo.browser, 'tag', Buffer.alloc(3 * 1024 * 1024, 'a\n'), 'big.csv');
    assert.equal(response.statusCode, 413, show(response));
    assert.match(textOf(mainOf(response.body)), /larger than this admin accepts \(2 MiB\)/);
  });

  test('another user cannot use a job token, and an unknown token is refused', async () => {
    const page = await demo.browser.get('/admin/tag/import?job=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(page.statusCode, 400);
    assert.match(textOf(mainOf(page.body)), /no such import/);
    const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], [{ name: 'not-yours' }]), 'mine.csv');
    assert.equal(response.statusCode, 200);
    const other = await loginAs(demo.app, await createAdminUser(demo.prisma, 'import-other', ['Tag.view', 'Tag.add', 'Tag.change']));
    const stolen = await other.get(`/admin/tag/import?job=${job}`);
    assert.equal(stolen.statusCode, 400, show(stolen));
    const forced = await other.post('/admin/tag/import', { job: job!, map: ['name'], mode: 'create', key: 'id', _confirm: '1' });
    assert.equal(forced.statusCode, 400, show(forced));
    assert.equal(await demo.prisma.tag.count({ where: { name: 'not-yours' } }), 0);
  });

  test('import needs add permission; updating needs change permission too', async () => {
    const viewer = await loginAs(demo.app, await createAdminUser(demo.prisma, 'import-viewer', ['Tag.view']));
    assert.equal((await viewer.get('/admin/tag/import')).statusCode, 403);
    assert.doesNotMatch((await viewer.get('/admin/tag/')).body, /href="\/admin\/tag\/import"/);
    const adder = await loginAs(demo.app, await createAdminUser(demo.prisma, 'import-adder', ['Tag.view', 'Tag.add']));
    const tag = await demo.prisma.tag.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const { response, job } = await uploadImport(adder, 'tag', csvOf(['id', 'name'], [{ id: tag.id, name: 'renamed-by-adder' }]), 'rename.csv');
    assert.equal(response.statusCode, 200, show(response));
    const refused = await adder.post('/admin/tag/import', { job: job!, map: ['id', 'name'], mode: 'update', key: 'id', _confirm: '1' });
    assert.equal(refused.statusCode, 400, show(refused));
    assert.match(textOf(mainOf(refused.body)), /may add records but not change them/);
    assert.equal((await demo.prisma.tag.findUniqueOrThrow({ where: { id: tag.id } })).name, tag.name);
  });
});
