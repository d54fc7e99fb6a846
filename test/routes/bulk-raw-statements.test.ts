// The bulk edit's raw statements give what Prisma's own would (issue 19), on every type of the CLI fixture: the raw
// UPDATE (src/data/raw-update-many.ts) stores values that read back, through Prisma and as stored, exactly as those
// updateMany stores; PostgreSQL's lock-and-read (src/data/row-lock.ts lockAndRead) gives the rows findMany gives.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite } from '../../src/index.ts';
import { lockAndRead, readsWhileLocking } from '../../src/data/row-lock.ts';
import { rawUpdateMany, rawUpdateObstacle } from '../../src/data/raw-update-many.ts';
import { readSchema } from '../../src/schema/introspect.ts';
import type { ModelMeta, SchemaMeta } from '../../src/schema/types.ts';
import { postgresAvailable } from '../support/databases.ts';
import { startInProcessAdmin, type InProcessAdmin } from '../cli/support/in-process-fixture.ts';

const sample = (id: string) => ({ id, label: 'before', count: 1, big: 1n, ratio: 0.5, amount: '1.5', flag: false, at: new Date('2020-01-01T00:00:00Z'), data: { a: 1 }, blob: Buffer.from([1]), mood: 'happy' });
// Every type, required and optional, set and cleared.
const DATA = {
  label: 'after “quoted”', count: -7, big: 2n ** 60n + 1n, ratio: 1 / 3, amount: '12.345', flag: true, at: new Date('2024-02-29T23:59:58.765Z'),
  data: { list: [1, 'two', null], nested: { ok: true } }, blob: Buffer.from([0, 255, 10]), mood: 'meh',
  labelOpt: null, countOpt: 3, bigOpt: null, ratioOpt: 2.5, amountOpt: null, flagOpt: false, atOpt: new Date(0), dataOpt: 'just text', moodOpt: 'sad',
};

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`the bulk edit's raw statements on ${provider}`, { skip: provider === 'postgresql' && !(await postgresAvailable()) ? 'no PostgreSQL server' : false }, () => {
    let admin: InProcessAdmin;
    let schema: SchemaMeta;
    let model: ModelMeta;
    before(async () => {
      admin = await startInProcessAdmin(provider, new AdminSite());
      schema = await readSchema(admin.schemaPath);
      model = schema.models.find((m) => m.name === 'Sample')!;
      await admin.prisma.sample.createMany({ data: ['raw-1', 'raw-2', 'prisma-1', 'prisma-2', 'other'].map(sample) });
    });
    after(() => admin?.close());

    test('the raw UPDATE stores every value as updateMany stores it, on the rows of its keys only', async () => {
      const target = { provider, enums: schema.enums, postgresSchema: null, model };
      assert.equal(rawUpdateObstacle(target, DATA), null);
      assert.equal(await rawUpdateMany(admin.prisma, target, [{ id: 'raw-1' }, { id: 'raw-2' }], DATA), 2);
      await admin.prisma.sample.updateMany({ where: { id: { in: ['prisma-1', 'prisma-2'] } }, data: DATA });
      const rows = await admin.prisma.sample.findMany({ orderBy: { id: 'asc' } });
      const byId = new Map(rows.map(({ id, ...rest }: { id: string }) => [id, rest]));
      assert.deepEqual(byId.get('raw-1'), byId.get('prisma-1'));
      assert.deepEqual(byId.get('raw-2'), byId.get('prisma-2'));
      assert.equal((byId.get('other') as { label: string }).label, 'before');
      // As stored, too (SQLite keeps a date's text or number as the adapter wrote it).
      const q = (name: string) => `"${name}"`;
      const stored = await admin.prisma.$queryRawUnsafe(`SELECT ${Object.keys(DATA).map((c) => `CAST(${q(c)} AS TEXT) AS ${q(c)}`).join(', ')} FROM ${q('Sample')} WHERE ${q('id')} IN ('raw-1', 'prisma-1') ORDER BY ${q('id')} DESC`);
      assert.deepEqual(stored[0], stored[1]);
    });

    test('the lock-and-read gives each row as findMany gives it', { skip: provider !== 'postgresql' ? 'PostgreSQL only' : false }, async () => {
      const fields = model.fields.filter((f) => (f.kind === 'scalar' || f.kind === 'enum') && readsWhileLocking(schema, model, [f.name])).map((f) => f.name);
      assert.ok(['id', 'count', 'big', 'amount', 'flag', 'at', 'mood', 'atOpt'].every((f) => fields.includes(f)), fields.join());
      const keys = [{ id: 'raw-1' }, { id: 'other' }, { id: 'prisma-2' }];
      const [locked, found] = await admin.prisma.$transaction(async (tx: unknown) => [
        await lockAndRead(tx as never, schema, null, model, keys, fields),
        await (tx as typeof admin.prisma).sample.findMany({ where: { id: { in: keys.map((k) => k.id) } }, select: Object.fromEntries(fields.map((f) => [f, true])), orderBy: { id: 'asc' } }),
      ]);
      assert.deepEqual(locked, found);
    });
  });
}
