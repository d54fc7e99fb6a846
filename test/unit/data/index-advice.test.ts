// The index advice of `check` and of the "took too long" notice, on the demo blog's schema: a sort's index ends with
// the primary key (the list's ORDER BY does), a filter through a relation is indexed on the related model, and the
// SQL that creates each advised index (what the benchmark runs) names the advised columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSchemaFiles, withProvider } from '../../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../../scripts/demo-server.ts';
import { demoSite } from '../../../prisma/demo-admin.ts';
import { buildModelRegistry } from '../../../src/admin/model-registry.ts';
import { createIndexSql, filterIndexAdvice, searchIndexAdvice, sortIndexAdvice } from '../../../src/data/index-advice.ts';
import { parseSchemaFiles } from '../../../src/index.ts';

const schema = parseSchemaFiles(withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'));
const post = buildModelRegistry(schema, demoSite()).get('post')!;
const filter = (name: string) => post.filters.find((f) => f.name === name)!;

test('a sort index holds the sorted column, then the primary key', () => {
  const advice = sortIndexAdvice(post.model, ['title'])!;
  assert.equal(advice.line, '@@index([title, id])');
  assert.deepEqual(advice.columns, ['title', 'id']);
  assert.equal(createIndexSql('postgresql', advice), 'CREATE INDEX IF NOT EXISTS "Post_title_id_idx" ON "Post" ("title", "id")');
  assert.deepEqual(sortIndexAdvice(post.model, ['id'])!.columns, ['id']);
});

test('a filter through a to-one relation is indexed on the related model; a to-many one has no advice', () => {
  const country = filterIndexAdvice(schema, post, filter('author.country'))!;
  assert.deepEqual([country.model, country.table, country.line, country.columns], ['Author', 'Author', '@@index([country])', ['country']]);
  const author = filterIndexAdvice(schema, post, filter('author'))!;
  assert.deepEqual([author.model, author.line], ['Post', '@@index([authorId])']);
  assert.equal(filterIndexAdvice(schema, post, filter('tags')), null);
});

test('a trigram index for a PostgreSQL search, as SQL with its operator class; MySQL gets its own quoting', () => {
  const title = searchIndexAdvice(schema, post.model, post.search.find((s) => s.field === 'title')!)!;
  assert.equal(createIndexSql('postgresql', title), 'CREATE INDEX IF NOT EXISTS "Post_title_trgm_idx" ON "Post" USING GIN ("title" gin_trgm_ops)');
  const name = searchIndexAdvice(schema, post.model, post.search.find((s) => s.field === 'name')!)!;
  assert.equal(name.table, 'Author');
  assert.equal(createIndexSql('mysql', sortIndexAdvice(post.model, ['viewCount'])!), 'CREATE INDEX `Post_viewCount_id_idx` ON `Post` (`viewCount`, `id`)');
});

test('SQLite: an equality filter is advised with the list’s order, the key, then the other such filters’ columns', () => {
  const sqlite = parseSchemaFiles(readSchemaFiles(DEMO_SCHEMA));
  const posts = buildModelRegistry(sqlite, demoSite()).get('post')!;
  const on = (name: string) => filterIndexAdvice(sqlite, posts, posts.filters.find((f) => f.name === name)!)!;
  assert.equal(on('status').line, '@@index([status, createdAt, id, categoryId, authorId])');
  assert.deepEqual(on('category').columns, ['categoryId', 'createdAt', 'id', 'status', 'authorId']);
  assert.equal(createIndexSql('sqlite', on('author')), 'CREATE INDEX IF NOT EXISTS "Post_authorId_createdAt_id_status_categoryId_idx" ON "Post" ("authorId", "createdAt", "id", "status", "categoryId")');
  // A range or date filter, and a filter through a relation, keep the one column; PostgreSQL keeps one column each.
  assert.equal(on('publishedAt').line, '@@index([publishedAt])');
  assert.equal(on('author.country').line, '@@index([country])');
  assert.equal(filterIndexAdvice(schema, post, filter('status'))!.line, '@@index([status])');
});
