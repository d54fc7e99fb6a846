// The database's own CPU time per request, beside each server's: PostgreSQL serves each connection in a backend
// process of its own, so the user + system CPU of the backends connected to the benchmark's database (/proc, as for
// the servers) over a run is what that run cost the database. The sides run one at a time on their own database
// (bench/measure.ts), so a run's backend CPU is its side's. SQLite runs inside the server, whose CPU counts it already.
import pg from 'pg';
import { postgresConnectionString } from '../scripts/db/apply-schema.ts';
import { cpuMsOf } from './servers.ts';

/** CPU ms so far of each backend process, by pid. */
export type BackendCpu = Map<number, number>;

export interface DatabaseCpu {
  snapshot(): Promise<BackendCpu>;
  /** CPU ms the backends used since `before` (a backend that connected meanwhile counts from zero). */
  since(before: BackendCpu): Promise<number | null>;
  close(): Promise<void>;
}

/** The sampler of a PostgreSQL benchmark database; null for SQLite or where /proc is not readable. */
export async function databaseCpu(url: string): Promise<DatabaseCpu | null> {
  if (url.startsWith('file:')) return null;
  const client = new pg.Client({ connectionString: postgresConnectionString(url) });
  await client.connect();
  const snapshot = async (): Promise<BackendCpu> => {
    // Its own backend (this sampler's queries) left out.
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const cpu: BackendCpu = new Map();
    for (const { pid } of rows) {
      const ms = cpuMsOf([pid]);
      if (ms !== null) cpu.set(pid, ms);
    }
    return cpu;
  };
  if (cpuMsOf([process.pid]) === null) {
    await client.end();
    return null;
  }
  return {
    snapshot,
    async since(before) {
      const now = await snapshot();
      let ms = 0;
      for (const [pid, cpu] of now) ms += cpu - (before.get(pid) ?? 0);
      return ms;
    },
    close: () => client.end(),
  };
}
