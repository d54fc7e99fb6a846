import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { supportsCreate, valueFields } from '../../../src/schema/lookup.ts';
import { fieldNames, fixturePath, loadFixture, model, scalar, unsupported } from './fixture-helpers.ts';

/** Prisma's own client operations per model (DMMF mappings), to check our metadata against Prisma's view of it. */
async function prismaOperations(fixture: string): Promise<Map<string, string[]>> {
  const content = await readFile(fixturePath(fixture), 'utf8');
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [[fixture, content]] }))) as {
    mappings: { modelOperations: Array<Record<string, string>> };
  };
  return new Map(dmmf.mappings.modelOperations.map(({ model, ...ops }) => [model, Object.keys(ops)]));
}

describe('@ignore and @@ignore (ignore.prisma)', () => {
  it('leaves @@ignore models out entirely', async () => {
    const schema = await loadFixture('ignore.prisma');
    assert.deepEqual(schema.models.map((m) => m.name), ['Visible']);
  });

  it('leaves @ignore fields out, relation fields included', async () => {
    const visible = model(await loadFixture('ignore.prisma'), 'Visible');
    assert.deepEqual(fieldNames(visible), ['id', 'name', 'archiveId']);
  });

  it('does not count the key of an ignored relation as a foreign key', async () => {
    const visible = model(await loadFixture('ignore.prisma'), 'Visible');
    assert.equal(scalar(visible, 'archiveId').isForeignKey, false);
  });
});

describe('Unsupported("...") fields (unsupported.prisma)', () => {
  it('knows them, with their database type, in schema order', async () => {
    const place = model(await loadFixture('unsupported.prisma'), 'Place');
    assert.deepEqual(fieldNames(place), ['id', 'name', 'location', 'area', 'tags', 'code', 'note']);
    assert.deepEqual(unsupported(place, 'location'), {
      kind: 'unsupported',
      name: 'location',
      dbName: 'geo_location',
      documentation: 'The position, as PostGIS stores it.',
      isRequired: false,
      isList: false,
      type: 'geometry(Point, 4326)',
      hasDefault: false,
    });
    assert.equal(unsupported(place, 'area').isRequired, true);
    assert.equal(unsupported(place, 'area').dbName, 'area');
    assert.equal(unsupported(place, 'tags').isList, true);
    assert.equal(unsupported(place, 'tags').type, 'ltree');
    assert.equal(unsupported(place, 'code').hasDefault, true);
  });

  it('keeps them out of the value fields and of the uniques the client can use', async () => {
    const place = model(await loadFixture('unsupported.prisma'), 'Place');
    assert.deepEqual(valueFields(place).map((f) => f.name), ['id', 'name', 'note']);
    assert.deepEqual(place.uniques, [], '@unique on an Unsupported field gives the client no input');
  });

  it('agrees with Prisma on creating: a required Unsupported field without default blocks create', async () => {
    const place = model(await loadFixture('unsupported.prisma'), 'Place');
    const operations = await prismaOperations('unsupported.prisma');
    assert.equal(supportsCreate(place), false);
    assert.equal(operations.get('Place')?.includes('createOne'), false);
    assert.equal(operations.get('Place')?.includes('updateOne'), true);
  });
});

describe('views (views.prisma)', () => {
  it('marks view blocks, and only them', async () => {
    const schema = await loadFixture('views.prisma');
    const kinds = Object.fromEntries(schema.models.map((m) => [m.name, m.isView]));
    assert.deepEqual(kinds, { Customer: false, Order: false, CustomerRevenue: true, RecentOrder: true });
  });

  it('reads a view like a model: @@map, @map, @unique, docs; no primary key', async () => {
    const revenue = model(await loadFixture('views.prisma'), 'CustomerRevenue');
    assert.equal(revenue.dbName, 'customer_revenue');
    assert.equal(revenue.documentation, 'Revenue per customer, computed by the database.');
    assert.deepEqual(revenue.primaryKey, { name: null, fields: [] });
    assert.deepEqual(revenue.uniques, [{ name: 'customerId', fields: ['customerId'] }]);
    assert.equal(scalar(revenue, 'orderCount').dbName, 'order_count');
    assert.equal(scalar(revenue, 'revenue').type, 'Decimal');
  });

  it('agrees with Prisma: the client has no write operation for views', async () => {
    const schema = await loadFixture('views.prisma');
    const operations = await prismaOperations('views.prisma');
    for (const m of schema.models) {
      const writes = (operations.get(m.name) ?? []).filter((op) => /^(create|update|upsert|delete)/.test(op));
      assert.equal(writes.length === 0, m.isView, `${m.name}: ${writes.join(', ')}`);
      assert.equal(supportsCreate(m), !m.isView, m.name);
    }
  });
});
