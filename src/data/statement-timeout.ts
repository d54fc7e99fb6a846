// A list query that ran longer than the site's statement timeout (AdminPluginOptions.listQueryTimeout). PostgreSQL
// runs the list's queries in a transaction with `SET LOCAL statement_timeout`, so the server cancels a slow one and
// the connection goes back to the pool, usable. The other databases are not timed yet (see README).
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
      await (tx as unknown as { $executeRawUnsafe(sql: string): Promise<number> }).$executeRawUnsafe(`SET LOCAL statement_timeout = ${ms}`);
      return job(tx);
    }, { timeout: ms + 10_000, maxWait: 10_000 });
  } catch (error) {
    if (isStatementTimeout(error)) throw new ListQueryTimeout(ms);
    throw error;
  }
}
