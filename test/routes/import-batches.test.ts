// The confirm writes an import a batch at a time (writeImportBatch): with the default saveModel the new rows of a
// batch go in one createManyAndReturn, yet each row still gets its own audit entry with its id, a failing row in a
// later batch rolls back the earlier ones, and a saveModel of the admin's own is still called once per row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { sqliteFileOfUrl } from '../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { IMPORT_BATCH_ROWS } from '../../src/views/import-batch-write.ts';
import { freshSqliteDatabase } from '../support/databases.ts';
import { startDemoAppOn, type DemoApp } from '../support/demo-app.ts';
import { chosenMapping, csvOf, importCounts, previewedOf, uploadImport } from '../support/import-files.ts';
import { mainOf, textOf } from '../support/html.ts';

const savedCategories: string[] = [];
// The admin's client logs its statements, to count them.
const statements: string[] = [];
let client: PrismaClient | undefined;
let demo: DemoApp;
before(async () => {
  const db = await freshSqliteDatabase(DEMO_SCHEMA);
  client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFileOfUrl(db.url) }), log: [{ emit: 'event', level: 'query' }] });
  (client as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }).$on('query', (e) => statements.push(e.query));
  const site = new AdminSite();
  // A saveModel of the admin's own, which also changes what is written: the import must call it for every row.
  // A label of the admin's own: the raw INSERT returns keys only, so these records are read back for it.
  site.register('Tag', class extends ModelAdmin {
    override recordLabel = (record: Record<string, unknown>) => `Tag #${String(record.id)} named ${String(record.name)}`;
  });
  site.register('Category', class extends ModelAdmin {
    override saveModel(client: unknown, args: Parameters<ModelAdmin['saveModel']>[1]) {
      savedCategories.push(String(args.data.name));
      return super.saveModel(client, { ...args, data: { ...args.data, description: `hooked ${String(args.data.name)}` } });
    }
  });
  demo = await startDemoAppOn(db, { server: { site, prisma: client, maxUploadBytes: 8 * 1024 * 1024 } });
});
after(async () => {
  await demo?.close();
  await client?.$disconnect();
});

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 800)}`;
// Three batches and a part of a fourth.
const ROWS = IMPORT_BATCH_ROWS * 3 + 17;

/** Uploads, previews and confirms; `inserts`: the confirm's INSERT statements per table. */
async function uploadAndConfirm(model: string, columns: string[], rows: Array<Record<string, unknown>>, name: string) {
  const { response, job } = await uploadImport(demo.browser, model, csvOf(columns, rows), name);
  assert.equal(response.statusCode, 200, show(response));
  assert.deepEqual(importCounts(response.body), { new: rows.length, changed: 0, unchanged: 0, error: 0 }, show(response));
  statements.length = 0;
  const done = await demo.browser.post(`/admin/${model}/import`, { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' });
  // (SQLite's INSERT of audit entries starts with the WITH clause of its groups: bulk-log.ts.)
  const inserts = (table: string) => statements.filter((sql) => new RegExp(`^(WITH .*\\) )?INSERT INTO (\\S+\\.)?[\`"]${table}[\`"]`).test(sql)).length;
  return { done, job: job!, inserts };
}

function posts(prefix: string, authorId: number) {
  return Array.from({ length: ROWS }, (_, i) => ({ title: `${prefix} title ${i}`, slug: `${prefix}-${i}`, body: `Body ${i}`, status: 'published', viewCount: i, author: authorId }));
}

describe('import in batches', () => {
  test('every imported row gets one add entry with its own id and label, in a few statements per batch', async () => {
    const author = await demo.prisma.author.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const { done, inserts } = await uploadAndConfirm('post', ['title', 'slug', 'body', 'status', 'viewCount', 'author'], posts('batched', author.id), 'batched.csv');
    assert.equal(done.statusCode, 303, show(done));
    // Per row, that was an INSERT of the post and one of its entry (~850 rows/s); now it is a few per batch.
    assert.ok(inserts('Post') > 0 && inserts('Post') <= ROWS / 20, `${inserts('Post')} INSERTs of posts for ${ROWS} rows`);
    assert.ok(inserts('AdminLogEntry') > 0 && inserts('AdminLogEntry') <= ROWS / 20, `${inserts('AdminLogEntry')} INSERTs of entries for ${ROWS} rows`);
    const created = await demo.prisma.post.findMany({ where: { slug: { startsWith: 'batched-' } }, select: { id: true, title: true, authorId: true, viewCount: true, slug: true } });
    assert.equal(created.length, ROWS);
    assert.ok(created.every((p) => p.authorId === author.id && p.slug === `batched-${p.viewCount}`));
    const entries = await demo.prisma.adminLogEntry.findMany({ where: { model: 'Post', action: 'add', objectId: { in: created.map((p) => String(p.id)) } } });
    assert.equal(entries.length, ROWS, 'one entry per row');
    const titleOf = new Map(created.map((p) => [String(p.id), p.title]));
    assert.equal(new Set(entries.map((e) => e.objectId)).size, ROWS, 'no id logged twice');
    assert.ok(entries.every((e) => e.objectRepr === titleOf.get(e.objectId)), 'each entry names its own row');
  });

  test('the new rows go in multi-row raw INSERTs of bound values: a statement per bound-value limit, not per row', async () => {
    const author = await demo.prisma.author.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const { done } = await uploadAndConfirm('post', ['title', 'slug', 'body', 'status', 'viewCount', 'author'], posts('raw', author.id), 'raw.csv');
    assert.equal(done.statusCode, 303, show(done));
    const postInserts = statements.filter((sql) => /^INSERT INTO (\S+\.)?[`"]Post[`"]/.test(sql));
    // Prisma's own INSERTs name the table `main`.`Post`; the raw ones "Post", their values all bound (no literal).
    assert.ok(postInserts.every((sql) => /^INSERT INTO "Post" \(([^)]*)\) VALUES (\((\?, )*\?\)(, )?)+ RETURNING CAST\("id" AS TEXT\)/.test(sql)), postInserts[0]?.slice(0, 300));
    const columns = /^INSERT INTO "Post" \(([^)]*)\)/.exec(postInserts[0])![1].split(', ');
    assert.ok(['"title"', '"authorId"', '"createdAt"', '"updatedAt"'].every((c) => columns.includes(c)), columns.join());
    const perStatement = Math.floor(999 / columns.length);
    const batches = Array.from({ length: Math.ceil(ROWS / IMPORT_BATCH_ROWS) }, (_, i) => Math.min(IMPORT_BATCH_ROWS, ROWS - i * IMPORT_BATCH_ROWS));
    assert.equal(postInserts.length, batches.reduce((sum, rows) => sum + Math.ceil(rows / perStatement), 0));
    const created = await demo.prisma.post.findMany({ where: { slug: { startsWith: 'raw-' } } });
    assert.equal(created.length, ROWS);
    assert.ok(created.every((p) => p.createdAt.getTime() === p.updatedAt.getTime() && p.createdAt.getTime() > Date.now() - 600_000), 'now() and @updatedAt filled as Prisma fills them');
  });

  test('an admin with a recordLabel of its own gets the records read back for its entries', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ({ name: `labelled tag ${i}` }));
    const { done, inserts } = await uploadAndConfirm('tag', ['name'], rows, 'tags.csv');
    assert.equal(done.statusCode, 303, show(done));
    assert.ok(inserts('Tag') <= 4, `${inserts('Tag')} INSERTs of tags for ${rows.length} rows`);
    const tags = await demo.prisma.tag.findMany({ where: { name: { startsWith: 'labelled tag ' } } });
    assert.equal(tags.length, rows.length);
    const entries = await demo.prisma.adminLogEntry.findMany({ where: { model: 'Tag', action: 'add', objectId: { in: tags.map((t) => String(t.id)) } } });
    const reprOf = new Map(entries.map((e) => [e.objectId, e.objectRepr]));
    assert.ok(tags.every((t) => reprOf.get(String(t.id)) === `Tag #${t.id} named ${t.name}`), entries[0]?.objectRepr);
  });

  test('a unique violation in the third batch rolls back the batches before it and names its line', async () => {
    const author = await demo.prisma.author.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const taken = await demo.prisma.post.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const rows = posts('rollback', author.id);
    const failing = IMPORT_BATCH_ROWS * 2 + 300;
    rows[failing].slug = taken.slug; // the preview does not look for other records' slugs: the database refuses it
    const postsBefore = await demo.prisma.post.count();
    const entriesBefore = await demo.prisma.adminLogEntry.count();
    const { done, job } = await uploadAndConfirm('post', ['title', 'slug', 'body', 'status', 'viewCount', 'author'], rows, 'rollback.csv');
    assert.equal(done.statusCode, 400, show(done));
    // Line 1 is the header.
    assert.match(textOf(mainOf(done.body)), new RegExp(`row on line ${failing + 2} could not be written \\(slug: `), show(done));
    assert.equal(await demo.prisma.post.count(), postsBefore, 'no row stayed');
    assert.equal(await demo.prisma.adminLogEntry.count(), entriesBefore, 'no entry stayed');
    assert.equal((await demo.prisma.adminImportJob.findUniqueOrThrow({ where: { id: job } })).status, 'preview', 'the job may be confirmed again');
  });

  test('changed rows that set the same values share an updateMany, each still logged with its own diff', async () => {
    const author = await demo.prisma.author.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const count = 1200;
    await demo.prisma.post.createMany({ data: Array.from({ length: count }, (_, i) => ({ title: `Grouped ${i}`, slug: `grouped-${i}`, body: 'b', status: 'draft' as const, authorId: author.id })) });
    // All become archived; the first ten also get a title of their own (their data is theirs alone: one update each).
    const rows = Array.from({ length: count }, (_, i) => ({ slug: `grouped-${i}`, status: 'archived', title: i < 10 ? `Retitled ${i}` : `Grouped ${i}` }));
    const { response, job } = await uploadImport(demo.browser, 'post', csvOf(['slug', 'status', 'title'], rows), 'grouped.csv');
    const preview = await demo.browser.post('/admin/post/import', { job: job!, map: chosenMapping(response.body), mode: 'update', key: 'slug', _preview: '1' });
    assert.deepEqual(importCounts(preview.body), { new: 0, changed: count, unchanged: 0, error: 0 }, show(preview));
    statements.length = 0;
    const done = await demo.browser.post('/admin/post/import', { job: job!, map: chosenMapping(preview.body), mode: 'update', key: 'slug', previewed: previewedOf(preview.body), _confirm: '1' });
    assert.equal(done.statusCode, 303, show(done));
    const updates = statements.filter((sql) => /^UPDATE (\S+\.)?[`"]Post[`"]/.test(sql)).length;
    assert.ok(updates >= 10 && updates <= 30, `${updates} UPDATEs of posts for ${count} changed rows`);
    const posts = await demo.prisma.post.findMany({ where: { slug: { startsWith: 'grouped-' } } });
    assert.ok(posts.every((p) => p.status === 'archived'));
    assert.deepEqual(posts.filter((p) => p.title.startsWith('Retitled')).length, 10);
    const ids = new Map(posts.map((p) => [String(p.id), p]));
    const entries = (await demo.prisma.adminLogEntry.findMany({ where: { model: 'Post', action: 'change' } })).filter((e) => ids.has(e.objectId));
    assert.equal(entries.length, count, 'one change entry per row');
    for (const entry of entries) {
      const post = ids.get(entry.objectId)!;
      const changes = JSON.parse(entry.changeMessage).changes as Array<{ field: string; old: string; new: string }>;
      const expected = post.title.startsWith('Retitled') ? ['status', 'title'] : ['status'];
      assert.deepEqual(changes.map((c) => c.field).sort(), expected, entry.changeMessage);
      assert.equal(entry.objectRepr, post.title);
    }
  });

  test('an admin that overrides saveModel has it called once per row, each row logged', async () => {
    const rows = Array.from({ length: IMPORT_BATCH_ROWS + 5 }, (_, i) => ({ name: `Hooked category ${i}`, slug: `hooked-category-${i}` }));
    savedCategories.length = 0;
    const { done, inserts } = await uploadAndConfirm('category', ['name', 'slug'], rows, 'categories.csv');
    assert.equal(done.statusCode, 303, show(done));
    assert.deepEqual(savedCategories, rows.map((r) => r.name));
    assert.equal(inserts('Category'), rows.length, 'one INSERT per row, by the hook');
    const created = await demo.prisma.category.findMany({ where: { slug: { startsWith: 'hooked-category-' } } });
    assert.equal(created.length, rows.length);
    assert.ok(created.every((c) => c.description === `hooked ${c.name}`), 'what the hook wrote is what was saved');
    const ids = new Set(created.map((c) => String(c.id)));
    const entries = await demo.prisma.adminLogEntry.findMany({ where: { model: 'Category', action: 'add' }, select: { objectId: true } });
    assert.equal(entries.filter((e) => ids.has(e.objectId)).length, rows.length);
  });
});
