// pg 8 warns ("Calling client.query() when the client is already executing a query is deprecated", on stderr, once
// per process) and pg 9 will fail when a query is sent on a connection still running another. Prisma 7's query
// interpreter does that inside a transaction: a query that loads three or more relations loads them concurrently, on
// the transaction's one connection (prisma/orm#29407). One connection runs its queries one after another anyway, so
// the pool's clients queue them themselves, which is the "external flow control" pg asks for; the pool keeps running
// queries of different connections in parallel.
import type pg from 'pg';

type Query = (...args: unknown[]) => unknown;

/** pg.Client whose promise-returning queries wait for the one before; for `new pg.Pool({ Client })`. */
export function serialPgClient(driver: typeof pg): typeof pg.Client {
  class SerialClient extends driver.Client {
    #last: Promise<unknown> = Promise.resolve();

    // @ts-expect-error pg's overloads: every form is passed on unchanged, only its start may wait.
    override query(...args: unknown[]): unknown {
      const query = super.query as unknown as Query;
      // A callback or a submittable (cursor, stream) runs as pg runs it: those forms are not Prisma's.
      if (typeof args.at(-1) === 'function' || typeof (args[0] as { submit?: unknown } | null)?.submit === 'function') return query.apply(this, args);
      const run = this.#last.then(() => query.apply(this, args));
      this.#last = run.then(() => undefined, () => undefined);
      return run;
    }
  }
  return SerialClient as unknown as typeof pg.Client;
}
