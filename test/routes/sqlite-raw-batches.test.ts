// A bulk run's walk on SQLite reads its batches by raw SELECTs where that is exact (data/sqlite-raw-batches.ts): the
// rows, their order and every value's type must be those of Prisma's findMany for the same where, order and select,
// for every column type the raw read takes (String and Int keys, Int, Float, String, Boolean, enum, NULLs), every
// where it takes (equalities, `in` lists, NULL, AND), batch sizes that end inside and at the end of the rows; and
// whatever it cannot read exactly (other types, OR, NOT, operators, compound keys, enum values under @map) stays
// with Prisma.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite } from '../../src/admin/admin-site.ts';
import type { AdminContext, AdminRequest } from '../../src/admin/context.ts';
import { buildModelRegistry } from '../../src/admin/model-registry.ts';
import { authBackendFor } from '../../src/auth/backend-for-schema.ts';
import { ChangeList } from '../../src/data/change-list.ts';
import type { PrismaClientLike } from '../../src/data/delegates.ts';
import { sqliteRawBatchReader } from '../../src/data/sqlite-raw-batches.ts';
import { TemplateLookup } from '../../src/http/templates.ts';
import { findModel } from '../../src/schema/lookup.ts';
import { parseSchemaFiles } from '../../src/schema/introspect.ts';
import type { SchemaMeta } from '../../src/schema/types.ts';
import { readSchemaFiles } from '../../scripts/db/apply-schema.ts';
import { CRUD_SCHEMA, startCrudApp, type CrudApp } from '../support/crud-app.ts';

type Row = Record<string, unknown>;
type Delegate = { findMany(args: object): Promise<Row[]> };

describe('SQLite bulk walks by raw SELECT', () => {
  let crud: CrudApp;
  let schema: SchemaMeta;
  const delegate = (model: string) => (crud.prisma as unknown as Record<string, Delegate>)[model[0].toLowerCase() + model.slice(1)];

  before(async () => {
    crud = await startCrudApp();
    schema = parseSchemaFiles(readSchemaFiles(CRUD_SCHEMA));
    const labels = ['b', null, 'a', 'b', 'it\'s "x"', 'c'];
    for (let i = 0; i < 23; i++) {
      await crud.prisma.sample.create({
        data: {
          label: `s${i % 4}`, count: i % 6, big: BigInt(i), ratio: i % 3 === 0 ? 2 : i / 4, amount: '1.5', flag: i % 2 === 0,
          at: new Date('2024-01-01T00:00:00Z'), data: {}, blob: Buffer.from('x'), mood: (['happy', 'sad', 'meh'] as const)[i % 3],
          labelOpt: labels[i % labels.length], countOpt: i % 4 === 0 ? null : i, ratioOpt: i % 5 === 0 ? null : -i / 8,
          flagOpt: i % 3 === 0 ? null : i % 2 === 1, moodOpt: i % 4 === 0 ? null : 'meh',
        },
      });
    }
    for (let i = 0; i < 9; i++) await crud.prisma.profile.create({ data: { bio: `bio ${i % 3}`, person: { create: { name: `p${i}` } } } });
  });
  after(() => crud?.close());

  function contextFor(model: string): AdminContext {
    const site = new AdminSite().register(model);
    return {
      schema, prisma: crud.prisma, site, prefix: '/admin', models: buildModelRegistry(schema, site), templates: new TemplateLookup(undefined, false),
      auth: authBackendFor(schema, crud.prisma), auditLog: false, countEstimateAbove: 1_000_000, listQueryTimeout: 10_000, exactCountTimeout: 60_000, postgresSchema: null, runAsJobAbove: 5_000,
    };
  }

  /** Every batch of the reader, and Prisma's rows for the same where, order and select. */
  async function both(model: string, where: Row, select: Row, take: number) {
    const meta = findModel(schema, model)!;
    const read = sqliteRawBatchReader(schema, meta, where, select);
    assert.ok(read, `${model} ${JSON.stringify(where)} ${JSON.stringify(select)}: read raw`);
    const key = meta.primaryKey.fields[0];
    const batches: Row[][] = [];
    for (let after: unknown; ;) {
      const batch = await read(crud.prisma as unknown as PrismaClientLike, after, take);
      assert.ok(batch, 'every value read is the one Prisma gives');
      batches.push(batch);
      if (batch.length < take) break;
      after = batch[batch.length - 1][key];
    }
    const expected = await delegate(model).findMany({ where, select, orderBy: { [key]: 'asc' } });
    return { rows: batches.flat(), batches, expected };
  }

  const sampleColumns = { id: true, label: true, count: true, ratio: true, flag: true, mood: true, labelOpt: true, countOpt: true, ratioOpt: true, flagOpt: true, moodOpt: true };
  const wheres: Row[] = [
    {},
    { mood: 'sad' },
    { flag: true },
    { flagOpt: false },
    { labelOpt: null },
    { labelOpt: 'it\'s "x"' },
    { count: { in: [1, 3, 5] } },
    { mood: { equals: 'meh' }, AND: [{ countOpt: null }, { label: { in: ['s0', 's2'] } }] },
    { AND: { flag: false, moodOpt: 'meh' } },
  ];
  for (const where of wheres) {
    for (const take of [4, 23, 50]) {
      test(`Sample where ${JSON.stringify(where)}, batches of ${take}: Prisma's rows and values`, async () => {
        const { rows, batches, expected } = await both('Sample', where, sampleColumns, take);
        assert.deepEqual(rows, expected);
        for (const batch of batches.slice(0, -1)) assert.equal(batch.length, take, 'every batch but the last is full');
      });
    }
  }

  test('an Int key and a subset of the columns', async () => {
    const { rows, expected } = await both('Profile', { bio: { in: ['bio 0', 'bio 2'] } }, { id: true, bio: true }, 2);
    assert.ok(expected.length > 2);
    assert.deepEqual(rows, expected);
  });

  test('whatever it cannot read exactly stays with Prisma', () => {
    const sample = findModel(schema, 'Sample')!;
    for (const column of ['big', 'amount', 'at', 'data', 'blob', 'atOpt']) assert.equal(sqliteRawBatchReader(schema, sample, {}, { id: true, [column]: true }), null, column);
    for (const where of [{ OR: [{ flag: true }, { count: 1 }] }, { NOT: { flag: true } }, { count: { gt: 2 } }, { label: { contains: 's' } }, { at: new Date(0) }]) {
      assert.equal(sqliteRawBatchReader(schema, sample, where, { id: true }), null, JSON.stringify(where));
    }
    assert.equal(sqliteRawBatchReader(schema, findModel(schema, 'Pair')!, {}, { group: true, rank: true }), null, 'a compound key');
    const mapped = { ...schema, enums: schema.enums.map((e) => (e.name === 'Mood' ? { ...e, values: e.values.map((v) => ({ ...v, dbName: v.name.toUpperCase() })) } : e)) };
    assert.equal(sqliteRawBatchReader(mapped, sample, {}, { id: true, label: true }), null, 'an enum of the model has values under @map');
    assert.equal(sqliteRawBatchReader({ ...schema, provider: 'postgresql' }, sample, {}, { id: true }), null, 'SQLite only');
  });

  test("ChangeList.batches inside a run's transaction gives Prisma's rows through the raw reads", async () => {
    const ctx = contextFor('Sample');
    const list = await ChangeList.of(ctx, ctx.models.get('sample')!, { mood__exact: 'sad' }, { request: {} as AdminRequest });
    const select = { id: true, label: true, flag: true };
    const walked: Row[][] = [];
    for await (const batch of list.batches(3, select, { client: crud.prisma as unknown as PrismaClientLike, byPrimaryKey: true })) walked.push(batch);
    const expected = await delegate('Sample').findMany({ where: list.where, select, orderBy: { id: 'asc' } });
    assert.ok(sqliteRawBatchReader(schema, findModel(schema, 'Sample')!, list.where, select), `the filter's where is read raw: ${JSON.stringify(list.where)}`);
    assert.deepEqual(walked.flat(), expected);
    assert.ok(walked.slice(0, -1).every((b) => b.length === 3));
  });

  test('a value the raw read cannot vouch for (an enum text of no value) hands the rest of the walk to Prisma, which refuses it', async () => {
    const select = { id: true, moodOpt: true };
    const before = await delegate('Sample').findMany({ select, orderBy: { id: 'asc' } });
    await crud.prisma.$executeRawUnsafe('UPDATE "Sample" SET "moodOpt" = \'unknown\' WHERE "id" = ?', before[17].id);
    try {
      await assert.rejects(delegate('Sample').findMany({ select, orderBy: { id: 'asc' } }), /not found in enum/, 'Prisma refuses the row');
      const meta = findModel(schema, 'Sample')!;
      assert.equal(await sqliteRawBatchReader(schema, meta, {}, select)!(crud.prisma as unknown as PrismaClientLike, before[15].id, 4), null, 'the raw read gives up on its batch');
      const ctx = contextFor('Sample');
      const list = await ChangeList.of(ctx, ctx.models.get('sample')!, {}, { request: {} as AdminRequest });
      const walked: Row[][] = [];
      await assert.rejects(async () => {
        for await (const batch of list.batches(4, select, { client: crud.prisma as unknown as PrismaClientLike, byPrimaryKey: true })) walked.push(batch);
      }, /not found in enum/, 'as Prisma refuses it: the walk does not pass the raw text on');
      assert.deepEqual(walked.flat(), before.slice(0, 16), 'the batches before it, read raw');
    } finally {
      await crud.prisma.$executeRawUnsafe('UPDATE "Sample" SET "moodOpt" = ? WHERE "id" = ?', before[17].moodOpt, before[17].id);
    }
  });

  test('a column declared otherwise than Prisma declares it (an Int id in a BIGINT column) is read by Prisma from there', async () => {
    const [{ sql }] = (await crud.prisma.$queryRawUnsafe(`SELECT sql FROM sqlite_master WHERE name = 'Profile'`)) as { sql: string }[];
    const bigint = sql.replace(/"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT/, '"id" BIGINT NOT NULL PRIMARY KEY').replace('"Profile"', '"Profile_bigint"');
    assert.notEqual(bigint, sql.replace('"Profile"', '"Profile_bigint"'), sql);
    await crud.prisma.$executeRawUnsafe(bigint);
    await crud.prisma.$executeRawUnsafe('INSERT INTO "Profile_bigint" SELECT * FROM "Profile"');
    await crud.prisma.$executeRawUnsafe('DROP TABLE "Profile"');
    await crud.prisma.$executeRawUnsafe('ALTER TABLE "Profile_bigint" RENAME TO "Profile"');
    const meta = findModel(schema, 'Profile')!;
    const read = sqliteRawBatchReader(schema, meta, {}, { id: true, bio: true })!;
    assert.equal(await read(crud.prisma as unknown as PrismaClientLike, undefined, 4), null, 'the raw read gives up');

    const ctx = contextFor('Profile');
    const list = await ChangeList.of(ctx, ctx.models.get('profile')!, {}, { request: {} as AdminRequest });
    const walked: Row[] = [];
    for await (const batch of list.batches(4, { id: true, bio: true }, { client: crud.prisma as unknown as PrismaClientLike, byPrimaryKey: true })) walked.push(...batch);
    assert.deepEqual(walked, await delegate('Profile').findMany({ select: { id: true, bio: true }, orderBy: { id: 'asc' } }));
    assert.equal(walked.length, 9);
  });
});
