// Export of the list (issue 17): every row of the filtered list of the demo's posts in CSV, JSON Lines and XLSX,
// checked against the database; the columns (list columns with relation keys, all fields, exportFields), exact
// values, "Export selected", the admin's scope, permissions, the hasExportPermission hook and the audit entry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyRequest, LightMyRequestResponse } from 'fastify';
import { AdminSite, column, ModelAdmin } from '../../src/index.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { createAdminUser, loginAs } from '../support/security.ts';

type Post = Awaited<ReturnType<DemoApp['prisma']['post']['findMany']>>[number];

/** The list's order: newest first, the id breaking ties as the list does. */
const LIST_ORDER = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

function csvRows(response: LightMyRequestResponse): string[][] {
  return parse(response.rawPayload, { bom: true, relax_column_count: false }) as string[][];
}

async function xlsxRows(response: LightMyRequestResponse): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as unknown[];
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => values[i + 1] ?? null));
  });
  return rows;
}

function jsonLines(response: LightMyRequestResponse): Record<string, unknown>[] {
  return response.body.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** A post as the list's columns export it: title, author (label, key), category (label, key), status, publishedAt, reading time, cover (its key). */
function listCells(p: Post & { author: { name: string }; category: { name: string } | null }): (string | number | null)[] {
  return [p.title, p.author.name, p.authorId, p.category?.name ?? null, p.categoryId, p.status, p.publishedAt?.toISOString() ?? null, readingTime(p.body), p.cover];
}
/** The demo's computed "Reading time" column, a rich (html) cell, as the text a person reads in it. */
const readingTime = (body: string) => `${Math.max(1, Math.round(body.split(/\s+/).filter(Boolean).length / 200))} min`;
const LIST_HEADER = ['title', 'author', 'authorId', 'category', 'categoryId', 'status', 'publishedAt', 'reading', 'cover'];
const text = (cells: (string | number | null)[]) => cells.map((c) => (c === null ? '' : String(c)));

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

describe('Export of the demo’s filtered post list', () => {
  const where = { status: 'published' as const };
  const query = 'status__exact=published&q=a';
  let expected: Awaited<ReturnType<typeof publishedPosts>>;
  const publishedPosts = () => demo.prisma.post.findMany({
    where: { AND: [where, { OR: [{ title: { contains: 'a' } }, { body: { contains: 'a' } }, { author: { name: { contains: 'a' } } }] }] },
    orderBy: LIST_ORDER, include: { author: true, category: true },
  });
  before(async () => {
    expected = await publishedPosts();
    assert.ok(expected.length > 5, 'the filter leaves some posts');
    assert.ok(expected.length < (await demo.prisma.post.count()), 'the filter leaves some posts out');
  });

  test('CSV: every row of the filtered list (not one page), list columns, relation label and key, in order', async () => {
    const response = await demo.browser.get(`/admin/post/export?${query}&_format=csv`);
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="posts-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.notEqual(response.rawPayload[0], 0xef, 'no BOM unless asked');
    assert.match(response.body, /\r\n/, 'RFC 4180 line ends');
    const [header, ...rows] = csvRows(response);
    assert.deepEqual(header, LIST_HEADER);
    assert.deepEqual(rows, expected.map((p) => text(listCells(p))));
  });

  test('CSV with the Excel-friendly option starts with a UTF-8 BOM', async () => {
    const response = await demo.browser.get(`/admin/post/export?${query}&_format=csv&_bom=1`);
    assert.deepEqual([...response.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(csvRows(response).length, expected.length + 1);
  });

  test('JSON Lines: one object per row keyed by the header, numbers as numbers', async () => {
    const response = await demo.browser.get(`/admin/post/export?${query}&_format=jsonl`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-disposition']), /posts-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    assert.deepEqual(jsonLines(response), expected.map((p) => Object.fromEntries(LIST_HEADER.map((h, i) => [h, listCells(p)[i]]))));
  });

  test('XLSX (read back with exceljs): the header and every row', async () => {
    const response = await demo.browser.get(`/admin/post/export?${query}&_format=xlsx`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /spreadsheetml/);
    const [header, ...rows] = await xlsxRows(response);
    assert.deepEqual(header, LIST_HEADER);
    assert.deepEqual(rows, expected.map(listCells));
  });

  test('all fields: the header is each scalar field’s name, values exact (Decimal digits, ISO 8601 UTC)', async () => {
    const response = await demo.browser.get(`/admin/post/export?${query}&_columns=all`);
    const [header, ...rows] = csvRows(response);
    const fields = ['id', 'title', 'slug', 'body', 'status', 'publishedAt', 'createdAt', 'updatedAt', 'viewCount', 'rating', 'cover', 'authorId', 'categoryId'];
    assert.deepEqual(header, fields);
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    assert.deepEqual(rows, expected.map((p) => text([p.id, p.title, p.slug, p.body, p.status, iso(p.publishedAt), iso(p.createdAt), iso(p.updatedAt), p.viewCount, p.rating?.toFixed() ?? null, p.cover, p.authorId, p.categoryId])));
    assert.ok(rows.some((r) => r[9] !== '' && r[9].includes('.')), 'some rating has decimals');
  });

  test('the list’s sort is the export’s order', async () => {
    const response = await demo.browser.get(`/admin/post/export?${query}&sort=title`);
    const titles = csvRows(response).slice(1).map((r) => r[0]);
    const sorted = await demo.prisma.post.findMany({ where: { id: { in: expected.map((p) => p.id) } }, orderBy: [{ title: 'asc' }, { id: 'desc' }], select: { title: true } });
    assert.deepEqual(titles, sorted.map((p) => p.title));
  });

  test('an unknown format is a 400 page that names the choices', async () => {
    const response = await demo.browser.get('/admin/post/export?_format=pdf');
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Unknown export format “pdf”: choose csv, jsonl, xlsx/);
  });

  test('each export writes an audit entry: who, which model, which filters, how many rows', async () => {
    await demo.browser.get(`/admin/post/export?${query}&_format=jsonl`);
    const entry = await demo.prisma.adminLogEntry.findFirst({ where: { action: 'export' }, orderBy: { id: 'desc' } });
    assert.ok(entry);
    assert.equal(entry.model, 'Post');
    assert.equal(entry.objectId, '');
    const details = JSON.parse(entry.changeMessage).export;
    assert.equal(details.rows, expected.length);
    assert.equal(details.format, 'JSON Lines');
    assert.equal(details.complete, true);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(details.query)), { q: 'a', status__exact: 'published' });
    const index = await demo.browser.get('/admin/');
    assert.match(index.body, new RegExp(`Exported</span>\\s*${expected.length} posts as JSON Lines`));
  });

  test('the list page offers Export with the list’s query, and "Export selected" among the actions', async () => {
    const page = await demo.browser.get(`/admin/post/?${query}`);
    assert.match(page.body, /<form method="get" action="\/admin\/post\/export"/);
    assert.match(page.body, /<input type="hidden" name="status__exact" value="published">/);
    assert.match(page.body, /<input type="hidden" name="q" value="a">/);
    assert.match(page.body, /<option value="export_selected">Export selected posts \(CSV\)<\/option>/);
  });

  test('"Export selected" writes the checked rows only, as CSV', async () => {
    const ids = expected.slice(0, 3).map((p) => String(p.id));
    const response = await demo.browser.post('/admin/post/action', { action: 'export_selected', _selected: ids });
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    assert.match(String(response.headers['content-disposition']), /posts-.*\.csv"/);
    const [header, ...rows] = csvRows(response);
    assert.deepEqual(header, LIST_HEADER);
    assert.deepEqual(rows, expected.slice(0, 3).map((p) => text(listCells(p))));
    const entry = await demo.prisma.adminLogEntry.findFirst({ where: { action: 'export' }, orderBy: { id: 'desc' } });
    assert.equal(JSON.parse(entry!.changeMessage).export.selected, 3);
  });
});

describe('exportFields, scope, permissions and the hasExportPermission hook', () => {
  let app: DemoApp;
  let author: { id: number; email: string };
  class ScopedPostAdmin extends ModelAdmin {
    listDisplay = ['title', 'status'];
    exportFields = ['id', 'title', 'author.email', 'category', column<{ title: string }>({ name: 'titleLength', header: 'Title length', value: (p) => p.title.length })];
    getQueryset(request: FastifyRequest) {
      return request.adminUser?.username === 'scoped' ? { authorId: author.id } : undefined;
    }
    hasExportPermission(request: FastifyRequest) {
      return request.adminUser?.username !== 'no-export' && super.hasExportPermission(request);
    }
  }
  before(async () => {
    app = await startDemoApp({ server: { site: new AdminSite().register('Post', ScopedPostAdmin).register('Author', ModelAdmin).register('Category', ModelAdmin) } });
    author = (await app.prisma.author.findFirst({ where: { posts: { some: {} } }, orderBy: { id: 'asc' } }))!;
  });
  after(() => app?.close());

  test('exportFields: fields, a relation path, a relation (label and key) and a computed column', async () => {
    const response = await app.browser.get('/admin/post/export?_format=jsonl');
    const rows = jsonLines(response);
    const posts = await app.prisma.post.findMany({ orderBy: LIST_ORDER, include: { author: true, category: true } });
    assert.deepEqual(rows, posts.map((p) => ({ id: p.id, title: p.title, 'author.email': p.author.email, category: p.category?.name ?? null, categoryId: p.categoryId, titleLength: p.title.length })));
  });

  test('the admin’s scope holds: a scoped user exports only what the list shows them', async () => {
    const creds = await createAdminUser(app.prisma, 'scoped', ['Post.view']);
    const browser = await loginAs(app.app, creds);
    const rows = jsonLines(await browser.get('/admin/post/export?_format=jsonl'));
    const own = await app.prisma.post.findMany({ where: { authorId: author.id }, orderBy: LIST_ORDER, select: { id: true } });
    assert.ok(own.length > 0 && own.length < (await app.prisma.post.count()));
    assert.deepEqual(rows.map((r) => r.id), own.map((p) => p.id));
    // Selected rows outside the scope are not exported either.
    const other = await app.prisma.post.findFirst({ where: { NOT: { authorId: author.id } } });
    await browser.get('/admin/post/');
    const selected = csvRows(await browser.post('/admin/post/action', { action: 'export_selected', _selected: [String(other!.id), String(own[0].id)] }));
    assert.deepEqual(selected.slice(1).map((r) => r[0]), [String(own[0].id)]);
  });

  test('view permission is needed; the hook can refuse it, and then the list offers no Export', async () => {
    const none = await loginAs(app.app, await createAdminUser(app.prisma, 'no-view', ['Author.view']));
    assert.equal((await none.get('/admin/post/export')).statusCode, 403);
    const refused = await loginAs(app.app, await createAdminUser(app.prisma, 'no-export', ['Post.view']));
    assert.equal((await refused.get('/admin/post/export')).statusCode, 403);
    const list = await refused.get('/admin/post/');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /\/admin\/post\/export|export_selected|<summary>Export/);
    assert.equal((await refused.post('/admin/post/action', { action: 'export_selected', _selected: ['1'] })).statusCode, 403);
    const viewer = await loginAs(app.app, await createAdminUser(app.prisma, 'viewer', ['Post.view']));
    assert.equal((await viewer.get('/admin/post/export')).statusCode, 200);
  });

  test('a mistake in exportFields stops the start with the option’s name', async () => {
    class Bad extends ModelAdmin {
      exportFields = ['title', 'nope'];
    }
    await assert.rejects(startDemoApp({ server: { site: new AdminSite().register('Post', Bad) } }), /exportFields.*nope/s);
  });
});

describe('"Export selected" over "Select all N" of more than 1,000 rows', () => {
  let app: DemoApp;
  before(async () => {
    app = await startDemoApp();
    const author = await app.prisma.author.findFirstOrThrow();
    await app.prisma.post.createMany({ data: Array.from({ length: 1_300 }, (_, i) => ({ title: `Across ${i}`, slug: `across-${i}`, body: 'x', status: 'draft' as const, authorId: author.id })) });
  });
  after(() => app?.close());

  test('writes every row of the list of the query (its search and filter), in the list’s order', async () => {
    const query = 'status__exact=draft&q=Across';
    const expected = await app.prisma.post.findMany({ where: { status: 'draft', OR: [{ title: { contains: 'Across' } }, { body: { contains: 'Across' } }, { author: { name: { contains: 'Across' } } }] }, orderBy: LIST_ORDER, select: { id: true } });
    assert.ok(expected.length >= 1_300);
    await app.browser.get('/admin/post/');
    const response = await app.browser.post('/admin/post/action', { action: 'export_selected', select_across: '1', _across_query: query, _format: 'jsonl', _columns: 'all' });
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    assert.deepEqual(jsonLines(response).map((r) => r.id), expected.map((p) => p.id));
    const entry = await app.prisma.adminLogEntry.findFirstOrThrow({ where: { action: 'export' }, orderBy: { id: 'desc' } });
    const details = JSON.parse(entry.changeMessage).export;
    assert.equal(details.rows, expected.length);
    assert.match(details.query, /status__exact=draft/);
  });
});
