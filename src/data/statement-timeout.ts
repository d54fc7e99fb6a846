// A list query that ran longer than the site's statement timeout (AdminPluginOptions.listQueryTimeout). PostgreSQL
// runs the list's queries in a transaction with `SET LOCAL statement_timeout`, so the server cancels a slow one and
// the connection goes back to the pool, usable. The other databases are not timed yet (see README). A failed statement
// aborts a PostgreSQL transaction, so the raw queries that fall back to Prisma (raw-or-prisma.ts) each run under a
// savepoint there: the fallback then runs in the same transaction.
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

/**
 * Runs `job` with a statement timeout of `timeoutMs` on PostgreSQL: inside a transaction whose client `job`
 * receives. Elsewhere, or with no timeout, `job` runs on the site's client. A timeout becomes ListQueryTimeout.
 */
export async function withStatementTimeout<T>(ctx: AdminContext, timeoutMs: number, job: (client: TransactionClient) => Promise<T>): Promise<T> {
  if (ctx.schema.provider !== 'postgresql' || !(timeoutMs > 0)) return job(ctx.prisma);
  const ms = Math.max(1, Math.floor(timeoutMs));
  try {
    return await (ctx.prisma as unknown as Transactional).$transaction(async (tx) => {
      await (tx as unknown as RawTransaction).$executeRawUnsafe(`SET LOCAL statement_timeout = ${ms}`);
      return job(withRawSavepoints(tx as unknown as RawTransaction) as unknown as TransactionClient);
    }, { timeout: ms + 10_000, maxWait: 10_000 });
  } catch (error) {
    if (isStatementTimeout(error)) throw new ListQueryTimeout(ms);
    throw error;
  }
}

interface RawTransaction {
  $executeRawUnsafe(sql: string): Promise<number>;
  $queryRawUnsafe(sql: string, ...params: unknown[]): Promise<unknown>;
}

/**
 * The transaction's client with each `$queryRawUnsafe` between SAVEPOINT and RELEASE, rolled back to the savepoint
 * when it fails, so the transaction stays usable. One at a time: savepoints nest, and two raw queries in flight at
 * once would release each other's.
 */
function withRawSavepoints(tx: RawTransaction): RawTransaction {
  let queue: Promise<unknown> = Promise.resolve();
  let count = 0;
  const guarded = (sql: string, ...params: unknown[]): Promise<unknown> => {
    const run = async () => {
      const name = `prisma_admin_raw_${++count}`;
      await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
      let result: unknown;
      try {
        result = await tx.$queryRawUnsafe(sql, ...params);
      } catch (error) {
        await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
        throw error;
      }
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
      return result;
    };
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  };
  return new Proxy(tx, {
    get(target, property) {
      if (property === '$queryRawUnsafe') return guarded;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
