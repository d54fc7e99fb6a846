// `prisma-admin-site check` says which list orders an index serves, and which @@index to add where none does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoSite } from '../../../prisma/demo-admin.ts';
import { readSchemaFiles } from '../../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../../scripts/demo-server.ts';
import { orderIndexes } from '../../../src/cli/order-indexes.ts';
import { parseSchemaFiles } from '../../../src/index.ts';

const statuses = orderIndexes(parseSchemaFiles(readSchemaFiles(DEMO_SCHEMA)), demoSite());
const of = (model: string) => statuses.find((s) => s.model === model)!;

test("the demo's posts (-createdAt) have @@index([createdAt, id]); its comments (-createdAt) do not, and are told which", () => {
  assert.deepEqual(of('Post'), { model: 'Post', order: '-createdAt, -id', indexed: true, suggestion: '@@index([createdAt, id])' });
  assert.deepEqual(of('Comment'), { model: 'Comment', order: '-createdAt, -id', indexed: false, suggestion: '@@index([createdAt, id])' });
});

test('a model ordered by its primary key alone is served by the key itself', () => {
  const tag = of('Tag');
  assert.equal(tag.order, '-id');
  assert.equal(tag.indexed, true);
});
