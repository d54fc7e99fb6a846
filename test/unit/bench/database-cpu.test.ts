// The benchmark's database CPU per request (bench/database-cpu.ts): the CPU time PostgreSQL's backends connected to
// the benchmark's database used between two snapshots, a backend that connected meanwhile counted from zero, and
// none of another database's backends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { databaseCpu, type DatabaseCpu } from '../../../bench/database-cpu.ts';
import { postgresConnectionString } from '../../../scripts/db/apply-schema.ts';
import { freshPostgresDatabase, postgresAvailable } from '../../support/databases.ts';

const available = await postgresAvailable();
let measured: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let elsewhere: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let sampler: DatabaseCpu | null;
const clients: pg.Client[] = [];

before(async () => {
  if (!available) return;
  measured = await freshPostgresDatabase();
  elsewhere = await freshPostgresDatabase();
  sampler = await databaseCpu(measured.url);
});

after(async () => {
  for (const client of clients) await client.end();
  await sampler?.close();
  await measured?.cleanup();
  await elsewhere?.cleanup();
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresConnectionString(url) });
  await client.connect();
  clients.push(client);
  return client;
}

/** A statement that keeps its backend on the CPU for a while (a few hundred ms). */
const BUSY = 'SELECT count(*) FROM generate_series(1, 4000000)';

test('the CPU of the database\'s backends between two snapshots, a new one\'s from zero', { skip: !available && 'no PostgreSQL test server' }, async () => {
  assert.ok(sampler, 'PostgreSQL backends on this machine, /proc readable');
  const connected = await connect(measured.url);
  const before = await sampler.snapshot();
  await connected.query(BUSY);
  const fresh = await connect(measured.url);
  await fresh.query(BUSY);
  const ms = await sampler.since(before);
  assert.ok(ms !== null && ms >= 100, `the two busy statements took ${ms} ms of CPU`);
});

test('another database\'s backends are not counted', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const other = await connect(elsewhere.url);
  const before = await sampler!.snapshot();
  await other.query(BUSY);
  const ms = await sampler!.since(before);
  assert.ok(ms !== null && ms < 50, `${ms} ms counted of another database's statement`);
});
