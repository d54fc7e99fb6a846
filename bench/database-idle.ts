// After a load run, the statements its requests started in the database: autocannon stops with requests in flight, and
// the server finishing them (waitIdle, waitCpuIdle) is not the database finishing them. A count over a million rows
// the baseline sent runs on for many seconds, and the server's SQL counter does not move while it does; it would
// run on during the next side's run and slow that side's queries (the admin's search at 1,000,000 posts measured
// 416 ms p50 so, its page's own statements taking under 5 ms). So the next run waits for the database to be idle.
import pg from 'pg';
import { postgresConnectionString, providerOfUrl } from '../scripts/db/apply-schema.ts';

/** How long a run's leftover statements may take before they are cancelled. */
const CANCEL_AFTER_MS = 60_000;

const ACTIVE = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
  AND state = 'active' AND backend_type = 'client backend'`;

/**
 * Waits until no statement runs on the PostgreSQL database of `url` (none to wait for on SQLite: the server's process
 * runs its statements). What still runs after `cancelAfterMs` is cancelled, and said.
 */
export async function waitDatabaseIdle(url: string, cancelAfterMs = CANCEL_AFTER_MS): Promise<void> {
  if (providerOfUrl(url) === 'sqlite') return;
  const db = new pg.Client({ connectionString: postgresConnectionString(url) });
  await db.connect();
  try {
    const deadline = Date.now() + cancelAfterMs;
    while ((await db.query(ACTIVE)).rows.length > 0) {
      if (Date.now() > deadline) {
        const { rows } = await db.query(`SELECT pg_cancel_backend(pid) FROM (${ACTIVE}) AS a`);
        console.log(`  ${rows.length} statement(s) of the last run still ran in the database after ${cancelAfterMs / 1000} s: cancelled`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await db.end();
  }
}
