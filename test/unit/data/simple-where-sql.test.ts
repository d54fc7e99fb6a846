// The raw condition of a plain where (simple-where-sql.ts, for scoped relation filters' choices and SQLite bulk walks)
// binds what the column stores: an enum value under its @map name, a boolean as 0/1 on SQLite; a value it cannot bind
// exactly (not a value of the enum, a PostgreSQL enum column) leaves the where to Prisma.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simpleWhereSql } from '../../../src/data/simple-where-sql.ts';
import type { EnumMeta, FieldMeta, ModelMeta } from '../../../src/schema/types.ts';

const field = (name: string, kind: 'scalar' | 'enum', type: string, isRequired = true) => ({ kind, name, type, isRequired, isList: false, isId: name === 'id', isUnique: false, default: null, isUpdatedAt: false, isForeignKey: false, nativeType: null, dbName: name === 'state' ? 'task_state' : null, documentation: null }) as unknown as FieldMeta;
const task = { name: 'Task', dbName: 'Task', documentation: null, isView: false, fields: [field('id', 'scalar', 'Int'), field('state', 'enum', 'TaskState'), field('priority', 'enum', 'Priority', false), field('done', 'scalar', 'Boolean')], primaryKey: { name: null, fields: ['id'] }, uniques: [], indexes: [] } as unknown as ModelMeta;
const enums: EnumMeta[] = [
  { name: 'TaskState', dbName: 'task_state', documentation: null, values: [{ name: 'TODO', dbName: 'todo' }, { name: 'IN_PROGRESS', dbName: 'in-progress' }, { name: 'DONE', dbName: 'done' }] },
  { name: 'Priority', dbName: 'Priority', documentation: null, values: [{ name: 'low', dbName: 'low' }, { name: 'high', dbName: 'high' }] },
];

/** The SQL and the values it binds. */
function written(provider: 'sqlite' | 'mysql' | 'postgresql', where: Record<string, unknown>) {
  const condition = simpleWhereSql(provider, task, where, enums);
  if (!condition) return null;
  const params: unknown[] = [];
  return { sql: condition((f) => `"${f.dbName ?? f.name}"`, (v) => (params.push(v), '?')), params };
}

test('enum values are bound by the names the column stores (@map)', () => {
  for (const provider of ['sqlite', 'mysql'] as const) {
    assert.deepEqual(written(provider, { state: 'IN_PROGRESS' }), { sql: '"task_state" = ?', params: ['in-progress'] });
    assert.deepEqual(written(provider, { state: { in: ['TODO', 'DONE'] }, priority: 'high' }), { sql: '"task_state" IN (?, ?) AND "priority" = ?', params: ['todo', 'done', 'high'] });
    assert.deepEqual(written(provider, { AND: [{ state: { equals: 'DONE' } }, { priority: null }] }), { sql: '"task_state" = ? AND "priority" IS NULL', params: ['done'] });
  }
});

test('what it cannot bind exactly is left to Prisma', () => {
  assert.equal(written('sqlite', { state: 'todo' }), null, 'a stored name is not a value of the enum');
  assert.equal(written('sqlite', { state: { in: ['TODO', 'LATER'] } }), null);
  assert.equal(written('postgresql', { state: 'TODO' }), null, 'a PostgreSQL enum column');
  assert.equal(written('sqlite', { state: null }), null, 'a required column is never NULL');
  assert.equal(written('sqlite', { OR: [{ state: 'TODO' }] }), null);
});

test('booleans as the column stores them', () => {
  assert.deepEqual(written('sqlite', { done: true }), { sql: '"done" = ?', params: [1] });
  assert.deepEqual(written('postgresql', { done: false }), { sql: '"done" = ?', params: [false] });
});
