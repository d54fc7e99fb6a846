import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enumField, loadFixture, model, relation, scalar } from './fixture-helpers.ts';

describe('enums (enums.prisma)', () => {
  it('lists the enums with their values, database names and docs', async () => {
    const schema = await loadFixture('enums.prisma');
    assert.deepEqual(schema.enums, [
      {
        name: 'Priority',
        dbName: 'Priority',
        documentation: 'How urgent a task is.',
        values: [
          { name: 'low', dbName: 'low' },
          { name: 'normal', dbName: 'normal' },
          { name: 'high', dbName: 'high' },
        ],
      },
      {
        name: 'TaskState',
        dbName: 'task_state',
        documentation: null,
        values: [
          { name: 'TODO', dbName: 'todo' },
          { name: 'IN_PROGRESS', dbName: 'in-progress' },
          { name: 'DONE', dbName: 'done' },
        ],
      },
    ]);
  });

  it('gives enum fields kind enum, the enum name as type, and their defaults', async () => {
    const task = model(await loadFixture('enums.prisma'), 'Task');
    const state = enumField(task, 'state');
    assert.equal(state.type, 'TaskState');
    assert.equal(state.isRequired, true);
    assert.equal(state.isUpdatedAt, false);
    assert.deepEqual(state.default, { kind: 'static', value: 'TODO' }, 'the schema name, not the @map value');
    assert.equal(enumField(task, 'priority').isRequired, false);
    assert.equal(enumField(task, 'priority').default, null);
  });

  it('reads enum lists and their list defaults', async () => {
    const task = model(await loadFixture('enums.prisma'), 'Task');
    assert.equal(enumField(task, 'history').isList, true);
    assert.deepEqual(enumField(task, 'history').default, { kind: 'static', value: ['TODO', 'IN_PROGRESS'] });
    assert.equal(enumField(task, 'labels').isList, true);
    assert.equal(enumField(task, 'labels').type, 'Priority');
  });
});

describe('@map and @@map (mapping.prisma)', () => {
  it('uses @@map as the table name, else the model name', async () => {
    const schema = await loadFixture('mapping.prisma');
    assert.equal(model(schema, 'BlogPost').dbName, 'blog_posts');
    assert.equal(model(schema, 'Writer').dbName, 'writers');
  });

  it('uses @map as the column name, foreign keys included; relation fields have none', async () => {
    const post = model(await loadFixture('mapping.prisma'), 'BlogPost');
    assert.equal(scalar(post, 'id').dbName, 'post_id');
    assert.equal(scalar(post, 'title').dbName, 'post_title');
    assert.equal(scalar(post, 'publishedAt').dbName, 'published_at');
    assert.equal(scalar(post, 'writerId').dbName, 'writer_id');
    assert.equal(scalar(post, 'writerId').isForeignKey, true);
    assert.equal(relation(post, 'writer').dbName, null);
    assert.deepEqual(relation(post, 'writer').fromFields, ['writerId'], 'relations name fields, not columns');
  });
});
