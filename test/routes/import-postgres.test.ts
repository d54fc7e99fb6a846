// The import on PostgreSQL: an all-fields export imports back unchanged, two confirms of one job at once import once
// (the second waits for the first's row lock on the job, then finds it done), a unique violation rolls every row back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { postgresAvailable } from '../support/databases.ts';
import type { DemoApp } from '../support/demo-app.ts';
import { startDemoAppOnPostgres } from '../support/security.ts';
import { chosenMapping, csvOf, importCounts, jsonLinesOf, previewedOf, uploadImport } from '../support/import-files.ts';
import { mainOf, textOf } from '../support/html.ts';

const pgUp = await postgresAvailable();
const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 800)}`;
const POST_FIELDS = ['id', 'title', 'slug', 'body', 'status', 'publishedAt', 'createdAt', 'updatedAt', 'viewCount', 'rating', 'authorId', 'categoryId'];

describe('import on PostgreSQL', { skip: pgUp ? false : 'no PostgreSQL test server' }, () => {
  let demo: DemoApp;
  before(async () => {
    demo = await startDemoAppOnPostgres();
  });
  after(() => demo?.close());

  test('an all-fields export of the posts imports back unchanged (CSV and JSON Lines)', async () => {
    const posts = await demo.prisma.post.findMany({ orderBy: { id: 'asc' } });
    for (const [data, name] of [[csvOf(POST_FIELDS, posts), 'posts.csv'], [jsonLinesOf(POST_FIELDS, posts), 'posts.jsonl']] as const) {
      const { response, job } = await uploadImport(demo.browser, 'post', data, name);
      assert.equal(response.statusCode, 200, show(response));
      const preview = await demo.browser.post('/admin/post/import', { job: job!, map: chosenMapping(response.body), mode: 'upsert', key: 'id', _preview: '1' });
      assert.deepEqual(importCounts(preview.body), { new: 0, changed: 0, unchanged: posts.length, error: 0 }, show(preview));
    }
  });

  test('two confirms of one import at once write it once', async () => {
    const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], [{ name: 'pg-once-a' }, { name: 'pg-once-b' }]), 'once.csv');
    const form = { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' };
    const answers = await Promise.all([demo.browser.post('/admin/tag/import', form), demo.newBrowser().post('/admin/tag/import', form)]);
    assert.deepEqual(answers.map((a) => a.statusCode), [303, 303]);
    assert.equal(await demo.prisma.tag.count({ where: { name: { startsWith: 'pg-once-' } } }), 2);
  });

  test('a unique violation on a middle row leaves the table as it was', async () => {
    const existing = await demo.prisma.tag.findFirstOrThrow();
    const before = await demo.prisma.tag.findMany({ orderBy: { id: 'asc' } });
    const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], [{ name: 'pg-unique-a' }, { name: existing.name }, { name: 'pg-unique-c' }]), 'dupe.csv');
    const failed = await demo.browser.post('/admin/tag/import', { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' });
    assert.equal(failed.statusCode, 400, show(failed));
    assert.match(textOf(mainOf(failed.body)), /line 3 could not be written/);
    assert.deepEqual(await demo.prisma.tag.findMany({ orderBy: { id: 'asc' } }), before);
  });
});
