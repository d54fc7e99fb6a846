// The benchmark waits, after each load run, for the statements the run left in the database (bench/database-idle.ts),
// so that a side's leftover counts do not run on during the next side's run; what outlasts the limit is cancelled.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { waitDatabaseIdle } from '../../../bench/database-idle.ts';
import { postgresConnectionString } from '../../../scripts/db/apply-schema.ts';
import { freshPostgresDatabase, postgresAvailable } from '../../support/databases.ts';

const available = await postgresAvailable();
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let other: pg.Client;

before(async () => {
  if (!available) return;
  db = await freshPostgresDatabase();
  other = new pg.Client({ connectionString: postgresConnectionString(db.url) });
  await other.connect();
});

after(async () => {
  await other?.end();
  await db?.cleanup();
});

/** A statement that runs for `seconds` on another connection, and whether it has ended (and how). */
function leftover(seconds: number) {
  const state: { ended: boolean; error: Error | null } = { ended: false, error: null };
  const done = other.query(`SELECT pg_sleep(${seconds})`).then(
    () => void (state.ended = true),
    (error: Error) => void Object.assign(state, { ended: true, error }));
  return { state, done };
}

async function untilRunning(): Promise<void> {
  const probe = new pg.Client({ connectionString: postgresConnectionString(db.url) });
  await probe.connect();
  try {
    while ((await probe.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`)).rows.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await probe.end();
  }
}

test('returns once the statements running in the database have ended', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const { state, done } = leftover(1.5);
  await untilRunning();
  await waitDatabaseIdle(db.url);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(state.ended, true, 'the statement still ran when the wait returned');
  assert.equal(state.error, null);
  await done;
});

test('cancels what still runs after the limit', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const { state, done } = leftover(60);
  await untilRunning();
  await waitDatabaseIdle(db.url, 300);
  await done;
  assert.match(String(state.error?.message), /canceling statement/);
});

test('a SQLite database has nothing to wait for', async () => {
  await waitDatabaseIdle('file:/nonexistent/never-opened.db');
});
