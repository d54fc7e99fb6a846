// On SQLite, Prisma's driver adapter has one connection, and a transaction waits for the one open before it (the
// adapter's mutex). A long run (a bulk action, an import) holds it for as long as it takes; another transaction that
// waits past its maxWait fails with P2028, and after that failure Prisma's client (7.10.1, better-sqlite3 adapter)
// answered no query again: the process was wedged (test/routes/sqlite-busy-during-job.test.ts). So while a long run's
// transaction is open in this process, the admin's saves on that client are refused at once, and another long run
// waits for it in the admin (no maxWait) rather than in the adapter.
import type { Provider } from '../schema/types.ts';

/** Long runs open or waiting per client (WeakMaps: the client is the user's, and may be replaced). */
const openRuns = new WeakMap<object, number>();
/** The end of the last long run started on the client: the next one waits for it here, not in Prisma's maxWait. */
const lastRun = new WeakMap<object, Promise<unknown>>();

export class DatabaseBusyError extends Error {
  constructor() {
    super('The database is busy with a long change (a bulk action or an import running as a job). Nothing was saved. Go back and try again when it has finished.');
    this.name = 'DatabaseBusyError';
  }
}

/** Throws DatabaseBusyError when a long run holds (or waits for) the client's one SQLite connection in this process. */
export function refuseDuringLongRun(provider: Provider, client: object): void {
  if (provider === 'sqlite' && (openRuns.get(client) ?? 0) > 0) throw new DatabaseBusyError();
}

/**
 * Runs `run` (which opens the long run's transaction) as one of the client's long runs: after the ones before it have
 * ended, however long they take (two simultaneous bulk runs both run, one after the other).
 */
export async function asLongRun<T>(provider: Provider, client: object, run: () => Promise<T>): Promise<T> {
  if (provider !== 'sqlite') return run();
  openRuns.set(client, (openRuns.get(client) ?? 0) + 1);
  const before = lastRun.get(client) ?? Promise.resolve();
  const mine = before.then(run);
  const settled = mine.catch(() => undefined);
  lastRun.set(client, settled);
  try {
    return await mine;
  } finally {
    openRuns.set(client, (openRuns.get(client) ?? 1) - 1);
    if (lastRun.get(client) === settled) lastRun.delete(client);
  }
}
