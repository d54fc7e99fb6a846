// A list query that ran longer than the site's statement timeout (AdminPluginOptions.listQueryTimeout). PostgreSQL
// runs the list's queries in a transaction with `SET LOCAL statement_timeout`, so the server cancels a slow one and
// the connection goes back to the pool, usable. The other databases are not timed yet (see README). A failed statement
// aborts a PostgreSQL transaction, so a raw query that fails there (raw-or-prisma.ts falls back to Prisma for good)
// has the page's queries run again in a new transaction.
import type { AdminContext } from '../admin/context.ts';

/** The page's queries took too long; `advice` names the indexes that would serve them. */
export class ListQueryTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The list's query was cancelled after ${timeoutMs} ms (statement timeout)`);
    this.name = 'ListQueryTimeout';
  }
}

/** Whether `error` (or its cause) is PostgreSQL's "canceling statement due to statement timeout" (57014). */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e instanceof ListQueryTimeout || e.code === '57014') return true;
  if (typeof e.message === 'string' && /statement timeout|57014/.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error ? isStatementTimeout(e.cause) : false;
}

type TransactionClient = AdminContext['prisma'];
type Transactional = { $transaction<T>(job: (tx: TransactionClient) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> };

/** How many times a job runs again after a raw query failed in its transaction (each failure is one shortcut less). */
const RAW_FAILURE_RETRIES = 3;

/**
 * Runs `job` with a statement timeout of `timeoutMs` on PostgreSQL: inside a transaction whose client `job`
 * receives. Elsewhere, or with no timeout, `job` runs on the site's client. A timeout becomes ListQueryTimeout.
 */
export async function withStatementTimeout<T>(ctx: AdminContext, timeoutMs: number, job: (client: TransactionClient) => Promise<T>): Promise<T> {
  if (ctx.schema.provider !== 'postgresql' || !(timeoutMs > 0)) return job(ctx.prisma);
  const ms = Math.max(1, Math.floor(timeoutMs));
  for (let attempt = 0; ; attempt++) {
    let rawFailed = false;
    try {
      return await (ctx.prisma as unknown as Transactional).$transaction(async (tx) => {
        await (tx as unknown as RawTransaction).$executeRawUnsafe(`SET LOCAL statement_timeout = ${ms}`);
        return job(watchingRawFailures(tx as unknown as RawTransaction, () => (rawFailed = true)) as unknown as TransactionClient);
      }, { timeout: ms + 10_000, maxWait: 10_000 });
    } catch (error) {
      if (isStatementTimeout(error)) throw new ListQueryTimeout(ms);
      // The raw query's owner now uses Prisma (RawOrPrisma), whose fallback found the transaction aborted: run the
      // read-only job again in a new one. (A savepoint per raw query would cost two statements on every page.)
      if (rawFailed && attempt < RAW_FAILURE_RETRIES) continue;
      throw error;
    }
  }
}

interface RawTransaction {
  $executeRawUnsafe(sql: string): Promise<number>;
  $queryRawUnsafe(sql: string, ...params: unknown[]): Promise<unknown>;
}

/** The transaction's client, calling `failed` when one of its raw queries fails (it aborts the transaction). */
function watchingRawFailures(tx: RawTransaction, failed: () => void): RawTransaction {
  const watched = (sql: string, ...params: unknown[]) => tx.$queryRawUnsafe(sql, ...params).catch((error: unknown) => {
    failed();
    throw error;
  });
  return new Proxy(tx, {
    get(target, property) {
      if (property === '$queryRawUnsafe') return watched;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
