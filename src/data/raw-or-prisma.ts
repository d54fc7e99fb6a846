// The admin's raw queries (batched labels, the session JOIN, raw totals) are shortcuts for queries Prisma can also
// run. Each is tried where its dialect fits; a database it does not fit (a PostgreSQL schema set only on the driver
// adapter, a view, an old server) fails it once, which is logged once, and its owner (the site, or the auth backend)
// uses Prisma from then on. An outage is no such failure: it goes through, to the 503 page; nor is a statement timeout.
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { isStatementTimeout } from './statement-timeout.ts';

/** Where the one warning goes: fastify's request logger, or the console. */
export interface WarningLog {
  warn(details: object, message: string): void;
}

const consoleLog: WarningLog = { warn: (details, message) => console.warn(message, details) };

export class RawOrPrisma {
  /** Owners (a site's context, an auth backend) on whose database the raw query failed. */
  private readonly failed = new WeakSet<object>();

  /** `what` names the raw query in the warning ("batched related labels"). */
  constructor(private readonly what: string) {}

  /** Whether the raw query is to be tried for this owner: its dialect fits, and it has not failed there. */
  usable(owner: object, dialectFits = true): boolean {
    return dialectFits && !this.failed.has(owner);
  }

  /**
   * `raw()` where usable, else `prisma()`. A failure of `raw()` that is not an outage is logged, remembered for
   * `owner`, and answered by `prisma()`.
   */
  async run<T>(owner: object, log: WarningLog | undefined, raw: () => Promise<T>, prisma: () => Promise<T>, dialectFits = true): Promise<T> {
    if (!this.usable(owner, dialectFits)) return prisma();
    try {
      return await raw();
    } catch (error) {
      // A slow query is no fault of the raw SQL: the caller answers it (the list's "took too long").
      if (isDatabaseUnavailable(error) || isStatementTimeout(error)) throw error;
      if (!this.failed.has(owner)) (log ?? consoleLog).warn({ err: error }, `${this.what} unavailable; using Prisma from now on`);
      this.failed.add(owner);
      return prisma();
    }
  }
}
