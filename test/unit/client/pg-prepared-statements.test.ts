// The PostgreSQL adapter `serve` builds keeps the statements it runs again prepared on the connection (as Prisma's
// engines did), not with pgbouncer=true or statement_cache_size=0; and a statement whose first preparation was in a
// transaction that rolled back, or that failed in an aborted one, still runs afterwards.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { PrismaClient } from '../../../prisma/generated/client.ts';
import { parseDatabaseUrl } from '../../../src/client/database-url.ts';
import { driverAdapterFor } from '../../../src/client/driver-adapter.ts';
import { DEMO_SCHEMA } from '../../../scripts/demo-server.ts';
import { ensurePostgresClient } from '../../../scripts/generate-pg-client.ts';
import { freshPostgresDatabase, postgresAvailable } from '../../support/databases.ts';

const skip = !(await postgresAvailable()) && 'no PostgreSQL test server';
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
const clients: PrismaClient[] = [];

before(async () => {
  if (skip) return;
  db = await freshPostgresDatabase(DEMO_SCHEMA);
  const prisma = await clientFor('');
  await prisma.category.createMany({ data: [{ name: 'News', slug: 'news' }, { name: 'Guides', slug: 'guides' }] });
});

after(async () => {
  for (const client of clients) await client.$disconnect();
  await db?.cleanup();
});

/** A client of one connection (so its prepared statements are the ones pg_prepared_statements shows it). */
async function clientFor(params: string): Promise<PrismaClient> {
  const url = new URL(db.url);
  url.searchParams.set('connection_limit', '1');
  for (const [k, v] of new URLSearchParams(params)) url.searchParams.set(k, v);
  const module = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: new (options: unknown) => PrismaClient };
  const client = new module.PrismaClient({ adapter: await driverAdapterFor(parseDatabaseUrl(url.toString())) });
  clients.push(client);
  return client;
}

async function preparedCategoryReads(prisma: PrismaClient): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%FROM "public"."Category"%'`);
  return Number(rows[0]!.n);
}

const readCategories = (prisma: Pick<PrismaClient, 'category'>) => prisma.category.findMany({ where: { slug: { not: 'none' } }, orderBy: { name: 'asc' } });

describe('prepared statements on PostgreSQL', { skip }, () => {
  test('a statement run again is prepared once on its connection and reused', async () => {
    const prisma = await clientFor('');
    for (let i = 0; i < 4; i++) assert.deepEqual((await readCategories(prisma)).map((c) => c.name), ['Guides', 'News']);
    assert.equal(await preparedCategoryReads(prisma), 1);
  });

  test('none with pgbouncer=true or statement_cache_size=0', async () => {
    for (const params of ['pgbouncer=true', 'statement_cache_size=0']) {
      const prisma = await clientFor(params);
      for (let i = 0; i < 4; i++) await readCategories(prisma);
      assert.equal(await preparedCategoryReads(prisma), 0, params);
    }
  });

  test('first prepared in a transaction that rolled back, or refused in an aborted one: still runs after', async () => {
    const prisma = await clientFor('');
    await readCategories(prisma);
    // The text's second run names it: its preparation happens inside a transaction that then rolls back.
    await assert.rejects(prisma.$transaction(async (tx) => {
      await readCategories(tx);
      throw new Error('roll back');
    }), /roll back/);
    assert.equal((await readCategories(prisma)).length, 2);

    const other = (tx: Pick<PrismaClient, 'tag'>) => tx.tag.findMany({ where: { name: { not: 'none' } } });
    await other(prisma);
    // Its named preparation is refused: the transaction is already aborted by a failed statement.
    await assert.rejects(prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe('SELECT 1 / 0').catch(() => undefined);
      await other(tx);
    }));
    assert.deepEqual(await other(prisma), []);
    assert.deepEqual(await other(prisma), []);
  });
});
