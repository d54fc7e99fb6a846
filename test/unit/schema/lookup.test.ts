import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  delegateName,
  fieldLabel,
  findField,
  findModel,
  findModelByUrlName,
  humanize,
  modelLabel,
  modelLabelPlural,
  modelUrlName,
  relationFields,
  supportsCreate,
  valueFields,
} from '../../../src/schema/lookup.ts';
import { loadFixture, model } from './fixture-helpers.ts';

describe('finding models and fields', () => {
  it('finds a model by its name, exactly', async () => {
    const schema = await loadFixture('multi-file');
    assert.equal(findModel(schema, 'OrderLine')?.name, 'OrderLine');
    assert.equal(findModel(schema, 'orderline'), undefined);
    assert.equal(findModel(schema, 'Nope'), undefined);
  });

  it('finds a model by its URL name (lower-cased), and gives that URL name', async () => {
    const schema = await loadFixture('multi-file');
    assert.equal(findModelByUrlName(schema, 'orderline')?.name, 'OrderLine');
    assert.equal(findModelByUrlName(schema, 'product')?.name, 'Product');
    assert.equal(findModelByUrlName(schema, 'order-line'), undefined);
    assert.equal(modelUrlName(model(schema, 'OrderLine')), 'orderline');
  });

  it('splits value fields (scalar and enum) from relation fields, in order', async () => {
    const order = model(await loadFixture('multi-file'), 'Order');
    assert.deepEqual(valueFields(order).map((f) => f.name), ['id', 'customerId', 'status']);
    assert.deepEqual(relationFields(order).map((f) => f.name), ['customer', 'lines']);
    assert.equal(findField(order, 'status')?.kind, 'enum');
    assert.equal(findField(order, 'missing'), undefined);
  });

  it('tells which models the client can create', async () => {
    const schema = await loadFixture('multi-file');
    assert.equal(supportsCreate(model(schema, 'Order')), true);
  });
});

describe('names for people and for the Prisma client', () => {
  it('labels fields like Django: words split, first capitalised', () => {
    assert.equal(fieldLabel({ name: 'publishedAt' }), 'Published at');
    assert.equal(fieldLabel({ name: 'authorId' }), 'Author id');
    assert.equal(fieldLabel({ name: 'id' }), 'Id');
    assert.equal(fieldLabel({ name: 'created_at' }), 'Created at');
    assert.equal(fieldLabel({ name: 'title' }), 'Title');
    assert.equal(fieldLabel({ name: 'HTMLBody' }), 'HTML body', 'acronyms keep their capitals');
    assert.equal(fieldLabel({ name: 'line2' }), 'Line2');
  });

  it('labels models, singular and plural', () => {
    assert.equal(modelLabel({ name: 'Post' }), 'Post');
    assert.equal(modelLabelPlural({ name: 'Post' }), 'Posts');
    assert.equal(modelLabelPlural({ name: 'Category' }), 'Categories');
    assert.equal(modelLabel({ name: 'OrderItem' }), 'Order item');
    assert.equal(modelLabelPlural({ name: 'OrderItem' }), 'Order items');
    assert.equal(modelLabelPlural({ name: 'Address' }), 'Addresses');
    assert.equal(modelLabelPlural({ name: 'Day' }), 'Days');
    assert.equal(humanize('CustomerRevenue'), 'Customer revenue');
  });

  it('gives the Prisma client property of a model', () => {
    assert.equal(delegateName({ name: 'OrderItem' }), 'orderItem');
    assert.equal(delegateName({ name: 'Post' }), 'post');
    assert.equal(delegateName({ name: 'URLRecord' }), 'uRLRecord', 'only the first letter, as Prisma does');
  });
});
