// ChangeList.rows(): every matching row of a list, in the list's order, read in batches by keyset (never OFFSET),
// on SQLite and PostgreSQL, with NULLs and duplicates in the order's columns, composite and String primary keys, the
// admin's scope and a filter. The expected order is the database's own: the same where and order in one findMany.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AdminSite } from '../../src/admin/admin-site.ts';
import { ModelAdmin } from '../../src/admin/model-admin.ts';
import type { AdminContext, AdminRequest } from '../../src/admin/context.ts';
import { buildModelRegistry } from '../../src/admin/model-registry.ts';
import { authBackendFor } from '../../src/auth/backend-for-schema.ts';
import { ChangeList } from '../../src/data/change-list.ts';
import { encodeRecordId } from '../../src/data/record-id.ts';
import { TemplateLookup } from '../../src/http/templates.ts';
import { parseSchemaFiles } from '../../src/schema/introspect.ts';
import { readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { CRUD_SCHEMA, startCrudApp, type CrudApp, type CrudProvider } from '../support/crud-app.ts';
import { postgresAvailable } from '../support/databases.ts';

const pgUp = await postgresAvailable();
const request = {} as AdminRequest;

class SampleAdmin extends ModelAdmin {
  listDisplay = ['label', 'countOpt', 'labelOpt', 'atOpt', 'amountOpt', 'moodOpt', 'flagOpt'];
  listFilter = ['mood'];
}
class PairAdmin extends ModelAdmin {
  listDisplay = ['group', 'rank', 'note'];
  ordering = ['-note'];
  // The admin's scope: group "hidden" does not exist for the list.
  getQueryset() {
    return { NOT: { group: 'hidden' } };
  }
}
class NodeAdmin extends ModelAdmin {
  listDisplay = ['name', 'parent', 'parent.name'];
}

for (const provider of ['sqlite', 'postgresql'] as CrudProvider[]) {
  describe(`ChangeList.rows() on ${provider}`, { skip: provider === 'postgresql' && !pgUp ? 'no PostgreSQL test server' : false }, () => {
    let crud: CrudApp;
    let ctx: AdminContext;
    const queries: { query: string; params: string }[] = [];

    before(async () => {
      crud = await startCrudApp({ provider, onQuery: (e) => queries.push({ query: e.query, params: e.params }) });
      const files = readSchemaFiles(CRUD_SCHEMA);
      const schema = parseSchemaFiles(provider === 'sqlite' ? files : withProvider(files, 'postgresql'));
      const site = new AdminSite().register('Sample', SampleAdmin).register('Pair', PairAdmin).register('Node', NodeAdmin);
      ctx = {
        schema, prisma: crud.prisma, site, prefix: '/admin', models: buildModelRegistry(schema, site), templates: new TemplateLookup(undefined, false),
        auth: authBackendFor(schema, crud.prisma), auditLog: false, countEstimateAbove: 1_000_000, listQueryTimeout: 10_000, exactCountTimeout: 60_000, postgresSchema: null, runAsJobAbove: 5_000,
      };
      // Few distinct values, NULL among them, so every batch boundary falls inside a run of equal values somewhere.
      const counts = [null, 1, 1, 2, null, 3, 2, null];
      const labels = ['b', null, 'a', 'b', null, 'c'];
      const moods = ['happy', 'sad', 'meh', null];
      const days = [null, '2024-01-01', '2024-01-01', '2023-05-05'];
      for (let i = 0; i < 37; i++) {
        await crud.prisma.sample.create({
          data: {
            label: `s${i % 5}`, count: i, big: BigInt(i), ratio: i / 2, amount: '1.5', flag: i % 2 === 0, at: new Date('2024-01-01T00:00:00Z'),
            data: {}, blob: Buffer.from('x'), mood: i % 3 === 0 ? 'happy' : 'sad',
            countOpt: counts[i % counts.length], labelOpt: labels[i % labels.length], moodOpt: moods[i % moods.length] as never,
            atOpt: days[i % days.length] ? new Date(`${days[i % days.length]}T00:00:00Z`) : null,
            amountOpt: i % 4 === 0 ? null : String((i % 3) + 0.25), flagOpt: i % 5 === 0 ? null : i % 2 === 1,
          },
        });
      }
      const notes = [null, 'x', 'x', 'y', null, 'z'];
      for (let i = 0; i < 31; i++) {
        await crud.prisma.pair.create({ data: { group: ['a', 'b', 'hidden'][i % 3], rank: Math.floor(i / 3), note: notes[i % notes.length] } });
      }
      const root = await crud.prisma.node.create({ data: { name: 'root' } });
      const mid = await crud.prisma.node.create({ data: { name: 'mid', parentId: root.id } });
      for (let i = 0; i < 12; i++) await crud.prisma.node.create({ data: { name: `n${i % 4}`, parentId: i % 3 === 0 ? null : i % 3 === 1 ? root.id : mid.id } });
    });
    after(() => crud?.close());

    const listOf = (model: string, query: Record<string, string> = {}) => ChangeList.of(ctx, ctx.models.get(model.toLowerCase())!, query, { request });

    /** Every row rows() yields, with the queries it ran. */
    async function walk(list: ChangeList, batchSize: number) {
      const start = queries.length;
      const rows: Record<string, unknown>[] = [];
      for await (const row of list.rows(batchSize)) rows.push(row);
      return { rows, sql: queries.slice(start) };
    }

    /**
     * Prisma writes `LIMIT ? OFFSET ?` for every take: each batch is bounded, and its offset 0 (keyset). (The queries
     * without ORDER BY are Prisma's loads of related records, by key.)
     */
    function assertNoSkip(sql: { query: string; params: string }[]) {
      for (const { query, params } of sql.filter((q) => /ORDER BY/i.test(q.query))) {
        assert.match(query, /\bLIMIT\b/i, query);
        if (/\bOFFSET\b/i.test(query)) assert.equal(String((JSON.parse(params) as unknown[]).at(-1)), '0', `${query} ${params}: keyset, never OFFSET`);
      }
    }

    async function assertWalk(model: string, query: Record<string, string>, batchSize = 4) {
      const list = await listOf(model, query);
      const admin = ctx.models.get(model.toLowerCase())!;
      const expected = await (crud.prisma as Record<string, { findMany(a: object): Promise<Record<string, unknown>[]> }>)[model.toLowerCase()]
        .findMany({ where: list.where, orderBy: list.orderBy, select: list.select });
      const { rows, sql } = await walk(list, batchSize);
      const ids = (r: Record<string, unknown>[]) => r.map((row) => encodeRecordId(admin.model, row));
      assert.deepEqual(ids(rows), ids(expected), `${model} ${JSON.stringify(query)}: in the list's order`);
      assert.equal(new Set(ids(rows)).size, rows.length, 'no row twice');
      assert.equal(rows.length, (await list.total()).total, 'as many rows as the total');
      assert.ok(sql.length >= Math.ceil(rows.length / batchSize), `${sql.length} queries for ${rows.length} rows in batches of ${batchSize}`);
      assertNoSkip(sql);
      const batches: Record<string, unknown>[][] = [];
      for await (const batch of list.batches(batchSize)) batches.push(batch);
      assert.deepEqual(ids(batches.flat()), ids(rows), 'batches() holds the rows of rows(), in order');
      assert.deepEqual(batches.map((b) => b.length), batches.map((_, i) => (i < batches.length - 1 ? batchSize : rows.length - batchSize * i)), 'every batch full but the last, none empty');
      return rows;
    }

    for (const sort of ['countOpt', '-countOpt', 'labelOpt', '-labelOpt', 'atOpt', '-atOpt', 'amountOpt', '-moodOpt', 'flagOpt', 'countOpt,-labelOpt', '-atOpt,moodOpt,label']) {
      test(`nullable, repeated order columns: sort=${sort}`, async () => {
        const rows = await assertWalk('Sample', { sort });
        assert.equal(rows.length, 37);
      });
    }

    test('a batch as large as the list, and batches of one', async () => {
      await assertWalk('Sample', { sort: 'countOpt' }, 37);
      await assertWalk('Sample', { sort: '-labelOpt' }, 1);
    });

    test('a batch size that could not end the walk is refused', async () => {
      const list = await listOf('Sample');
      for (const size of [0, -1, 1.5, Number.NaN]) await assert.rejects(list.rows(size).next(), RangeError);
    });

    test('a filter narrows the walk', async () => {
      const rows = await assertWalk('Sample', { sort: '-countOpt', mood__exact: 'happy' }, 3);
      assert.equal(rows.length, 13);
    });

    test('a composite primary key, the admin ordering by a nullable column, and its scope', async () => {
      const rows = await assertWalk('Pair', {}, 4);
      assert.ok(rows.length > 0 && rows.every((r) => r.group !== 'hidden'), 'the scope holds in every batch');
      assert.equal(rows.length, await crud.prisma.pair.count({ where: { NOT: { group: 'hidden' } } }));
      await assertWalk('Pair', { sort: 'note,-rank' }, 2);
    });

    test('ordered by a relation column: its nullable foreign key', async () => {
      await assertWalk('Node', { sort: 'parent' }, 3);
      await assertWalk('Node', { sort: '-parent,name' }, 5);
    });

    test('ordered through a relation (parent.name): every row once, in primary-key order', async () => {
      const list = await listOf('Node', { sort: 'parent.name' });
      const { rows, sql } = await walk(list, 4);
      const all = await crud.prisma.node.findMany({ orderBy: { id: 'asc' } });
      assert.deepEqual(rows.map((r) => r.id), all.map((r: { id: number }) => r.id));
      assertNoSkip(sql);
    });

    test('each batch after the first is read as index ranges that start at the last row', async () => {
      // Without that, SQLite scanned the order's index from its start and PostgreSQL filtered every row before the
      // batch (an OR of "after" branches), or, with a bound on the first column alone, every row of a run of equal
      // values again for each batch. Now: "equal label, id after" (label=? AND id<?), then "label after" (label<?).
      const sqlite = provider === 'sqlite';
      await crud.prisma.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS "Sample_label_id_walk" ON "Sample" ("label", "id")`);
      const list = await listOf('Sample', { sort: '-label' });
      const { sql } = await walk(list, 4);
      const whereOf = (query: string) => query.split(/ORDER BY/i)[0].split(/WHERE/i)[1] ?? '';
      const next = sql.filter((q) => /\blabel\b/.test(whereOf(q.query)));
      assert.ok(next.length >= 5, `${next.length} queries after the first batch`);
      assert.ok(next.some((q) => /\bid\b/.test(whereOf(q.query))), 'a run of equal labels is continued by id');
      for (const { query, params } of next) {
        const values = JSON.parse(params) as unknown[];
        const byId = /\bid\b/.test(whereOf(query));
        if (sqlite) {
          const plan = (await crud.prisma.$queryRawUnsafe(`EXPLAIN QUERY PLAN ${query}`, ...values) as { detail: string }[]).map((r) => r.detail).join('; ');
          assert.match(plan, byId ? /SEARCH .*Sample_label_id_walk \(label=\? AND id<\?\)/ : /SEARCH .*Sample_label_id_walk \(label<\?\)/, `${query}: ${plan}`);
          assert.doesNotMatch(plan, /TEMP B-TREE/, `${query}: ${plan}`);
        } else {
          const plan = JSON.stringify(await crud.prisma.$transaction(async (tx: typeof crud.prisma) => {
            await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
            await tx.$executeRawUnsafe('SET LOCAL enable_bitmapscan = off');
            return tx.$queryRawUnsafe(`EXPLAIN (FORMAT JSON) ${query}`, ...values);
          }));
          const condition = /"Index Cond":"([^"]*)"/.exec(plan)?.[1] ?? '';
          assert.match(condition, /label/, `${query}: ${plan}`);
          if (byId) assert.match(condition, /\bid\b/, `${query}: ${plan}`);
          assert.doesNotMatch(plan, /"Filter"/, `${query}: no row read only to be filtered out: ${plan}`);
        }
      }
      await crud.prisma.$executeRawUnsafe(`DROP INDEX "Sample_label_id_walk"`);
    });

    test('page(n) and total() agree with the walk', async () => {
      const list = await listOf('Sample', { sort: 'labelOpt' });
      const { rows } = await walk(list, 10);
      const perPage = list.perPage;
      const page = await list.page(1);
      assert.equal(page.total, 37);
      assert.deepEqual(page.rows.map((r) => r.id), rows.slice(0, perPage).map((r) => r.id));
      const past = await list.page(99);
      assert.equal(past.number, past.pageCount, 'past the end: the last page');
    });
  });
}
