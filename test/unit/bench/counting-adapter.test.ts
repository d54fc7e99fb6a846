// The benchmark server's statement count (bench/counting-adapter.ts): counted in the driver adapter, with Prisma's
// query events off (they cost the measured server CPU no deployment pays), and the same statements as those events
// showed: a query, a raw query, and an interactive transaction's statements and COMMIT (not its BEGIN).
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { PrismaPg } from '@prisma/adapter-pg';
import { openCountingClient, type QueryCounter } from '../../../bench/client.ts';
import type { PrismaClient } from '../../../prisma/generated/client.ts';
import { postgresConnectionString, postgresSchemaOfUrl } from '../../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../../scripts/demo-server.ts';
import { ensurePostgresClient } from '../../../scripts/generate-pg-client.ts';
import { freshPostgresDatabase, postgresAvailable } from '../../support/databases.ts';

type Events = { $on(event: 'query', listener: (event: { query: string }) => void): void };
const skip = !(await postgresAvailable()) && 'no PostgreSQL test server';
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let counting: PrismaClient & Events;
let reference: PrismaClient & Events;
const counter: QueryCounter = { total: 0, recorded: null };
const events: string[] = [];
const countingEvents: string[] = [];

before(async () => {
  if (skip) return;
  db = await freshPostgresDatabase(DEMO_SCHEMA);
  counting = (await openCountingClient(db.url, counter)) as PrismaClient & Events;
  counting.$on('query', (event) => countingEvents.push(event.query));
  const module = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: new (options: unknown) => PrismaClient & Events };
  const adapter = new PrismaPg({ connectionString: postgresConnectionString(db.url) }, { schema: postgresSchemaOfUrl(db.url) });
  reference = new module.PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  reference.$on('query', (event) => events.push(event.query));
});

after(async () => {
  await counting?.$disconnect();
  await reference?.$disconnect();
  await db?.cleanup();
});

async function work(prisma: PrismaClient): Promise<void> {
  await prisma.post.findMany({ take: 5, orderBy: { id: 'desc' } });
  await prisma.$queryRawUnsafe('SELECT 1 AS one');
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL statement_timeout = 1000');
    await tx.post.count();
  });
}

test("the counting client counts the statements Prisma's query events showed, with the events off", { skip }, async () => {
  await work(reference);
  counter.recorded = [];
  const before = counter.total;
  await work(counting);
  assert.deepEqual(counter.recorded, events);
  assert.equal(counter.total - before, events.length);
  assert.ok(events.includes('COMMIT') && !events.includes('BEGIN'), events.join('\n'));
  assert.deepEqual(countingEvents, [], "no query events: Prisma's logging is off");
});
