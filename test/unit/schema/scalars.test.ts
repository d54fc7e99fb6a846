import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ModelMeta, SchemaMeta } from '../../../src/schema/types.ts';
import { loadFixture, model, scalar } from './fixture-helpers.ts';

describe('scalar fields (scalars.prisma)', () => {
  let schema: SchemaMeta;
  let sample: ModelMeta;
  before(async () => {
    schema = await loadFixture('scalars.prisma');
    sample = model(schema, 'Sample');
  });

  it('reads the provider', () => {
    assert.equal(schema.provider, 'postgresql');
  });

  it('gives every scalar type its kind and type', () => {
    const expected = {
      text: 'String', count: 'Int', big: 'BigInt', ratio: 'Float', price: 'Decimal',
      enabled: 'Boolean', happenedAt: 'DateTime', payload: 'Json', blob: 'Bytes',
    } as const;
    for (const [name, type] of Object.entries(expected)) {
      assert.equal(scalar(sample, name).type, type, name);
    }
  });

  it('tells required from optional', () => {
    assert.equal(scalar(sample, 'text').isRequired, true);
    for (const name of ['textOpt', 'blob', 'bigOpt', 'ratioOpt', 'priceOpt', 'enabledOpt', 'dateOpt', 'payloadOpt']) {
      const f = scalar(sample, name);
      assert.equal(f.isRequired, false, name);
      assert.equal(f.isList, false, name);
    }
  });

  it('marks scalar lists of every type (PostgreSQL)', () => {
    const lists = {
      names: 'String', scores: 'Int', flags: 'Boolean', amounts: 'Decimal', moments: 'DateTime',
      bigs: 'BigInt', ratios: 'Float', blobs: 'Bytes', documents: 'Json',
    } as const;
    for (const [name, type] of Object.entries(lists)) {
      const f = scalar(sample, name);
      assert.equal(f.isList, true, name);
      assert.equal(f.type, type, name);
      assert.equal(f.isRequired, true, `${name}: Prisma counts lists as required`);
    }
  });

  it('reads static defaults of every type', () => {
    assert.deepEqual(scalar(sample, 'count').default, { kind: 'static', value: 42 });
    assert.deepEqual(scalar(sample, 'big').default, { kind: 'static', value: '9007199254740993' }, 'BigInt as a string');
    assert.deepEqual(scalar(sample, 'ratio').default, { kind: 'static', value: 0.5 });
    assert.deepEqual(scalar(sample, 'price').default, { kind: 'static', value: '19.99' }, 'Decimal as an exact string');
    assert.deepEqual(scalar(sample, 'enabled').default, { kind: 'static', value: true });
    assert.deepEqual(scalar(sample, 'happenedAt').default, { kind: 'static', value: '2024-01-31T12:00:00+00:00' });
    assert.deepEqual(scalar(sample, 'payload').default, { kind: 'static', value: '{"theme":"dark"}' });
    assert.deepEqual(scalar(sample, 'greeting').default, { kind: 'static', value: 'hello' });
    assert.equal(scalar(sample, 'text').default, null);
  });

  it('reads list defaults, empty lists included', () => {
    assert.deepEqual(scalar(sample, 'scores').default, { kind: 'static', value: [1, 2, 3] });
    assert.deepEqual(scalar(sample, 'flags').default, { kind: 'static', value: [] });
    assert.equal(scalar(sample, 'names').default, null);
  });

  it('uses the field name as the column name without @map, and has no native type without @db', () => {
    const f = scalar(sample, 'textOpt');
    assert.equal(f.dbName, 'textOpt');
    assert.equal(f.nativeType, null);
    assert.equal(f.isForeignKey, false);
    assert.equal(f.isUpdatedAt, false);
  });

  it('keeps the fields in schema order', () => {
    assert.deepEqual(sample.fields.slice(0, 4).map((f) => f.name), ['id', 'text', 'textOpt', 'count']);
    assert.equal(sample.fields.at(-1)?.name, 'documents');
  });
});
