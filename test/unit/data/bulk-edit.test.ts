// The plan of a bulk edit: the change form's data turned into columns (to-one relations as their foreign keys) and
// to-many writes; and when a stored value already is the new one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bulkEditPlan, same } from '../../../src/data/bulk-edit.ts';
import { keysWhere } from '../../../src/data/keys-where.ts';
import { readSchema } from '../../../src/schema/introspect.ts';

const schema = await readSchema('prisma/schema');
const post = schema.models.find((m) => m.name === 'Post')!;

test('scalars stay, a to-one relation becomes its foreign key (null when cleared), a to-many keeps its mode', () => {
  const plan = bulkEditPlan(post, { status: 'archived', category: { connect: { id: 3 } }, tags: { set: [{ id: 1 }, { id: 2 }] } }, { tags: 'remove' });
  assert.deepEqual(plan.columns, { status: 'archived', categoryId: 3 });
  assert.deepEqual(plan.toOne.map((t) => [t.relation.name, t.columns]), [['category', ['categoryId']]]);
  assert.deepEqual(plan.toMany.map((t) => [t.relation.name, t.mode, t.keys]), [['tags', 'remove', [{ id: 1 }, { id: 2 }]]]);
  assert.deepEqual(bulkEditPlan(post, { category: { disconnect: true } }, {}).columns, { categoryId: null });
});

test('same: dates by their time, decimals and big integers by their text, null and undefined alike', () => {
  assert.ok(same(new Date(5), new Date(5)));
  assert.ok(!same(new Date(5), new Date(6)));
  assert.ok(same(10n, 10n) && !same(10n, 11n));
  assert.ok(same({ toFixed: () => '', toString: () => '1.5' }, { toFixed: () => '', toString: () => '1.5' }));
  assert.ok(same(null, undefined));
  assert.ok(!same('draft', 'archived') && !same(null, 0));
});

test('keysWhere: one IN list for a single-field key', () => {
  assert.deepEqual(keysWhere(post, [{ id: 1 }, { id: 2 }]), { id: { in: [1, 2] } });
});
