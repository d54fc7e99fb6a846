// Which list orders an index can serve for deep pages (src/data/deep-page.ts): the ORDER BY's fields leading the
// index, in its directions or all reversed, with the primary key somewhere in it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexServesOrder } from '../../../src/data/deep-page.ts';
import type { IndexMeta } from '../../../src/schema/types.ts';
import { model, scalar } from '../forms/schema-fixture.ts';

const post = (...indexes: IndexMeta['fields'][]) => ({
  ...model('Post', [scalar('id', 'Int', { isId: true }), scalar('createdAt', 'DateTime'), scalar('title', 'String')]),
  indexes: indexes.map((fields) => ({ fields })),
});
const asc = (name: string) => ({ name, sort: 'asc' as const });
const desc = (name: string) => ({ name, sort: 'desc' as const });

test('an index on (createdAt, id) serves createdAt then id, either way round', () => {
  const m = post([asc('createdAt'), asc('id')]);
  assert.equal(indexServesOrder(m, [{ createdAt: 'desc' }, { id: 'desc' }]), true);
  assert.equal(indexServesOrder(m, [{ createdAt: 'asc' }, { id: 'asc' }]), true);
  assert.equal(indexServesOrder(m, [{ createdAt: 'asc' }, { id: 'desc' }]), false, 'mixed directions need an index made that way');
  assert.equal(indexServesOrder(post([asc('createdAt'), desc('id')]), [{ createdAt: 'asc' }, { id: 'desc' }]), true);
});

test('an index without the primary key, on other fields, or ordering through a relation: not served', () => {
  assert.equal(indexServesOrder(post([asc('createdAt')]), [{ createdAt: 'desc' }, { id: 'desc' }]), false);
  assert.equal(indexServesOrder(post([asc('createdAt'), asc('id')]), [{ title: 'asc' }, { id: 'asc' }]), false);
  assert.equal(indexServesOrder(post([asc('id'), asc('createdAt')]), [{ createdAt: 'asc' }, { id: 'asc' }]), false);
  assert.equal(indexServesOrder(post([asc('createdAt'), asc('id')]), [{ author: { name: 'asc' } }, { id: 'asc' }]), false);
});

test('the primary key alone (its own index) serves an order by id', () => {
  assert.equal(indexServesOrder(post([asc('id')]), [{ id: 'desc' }]), true);
});
