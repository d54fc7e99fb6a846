// Counts the SQL statements the benchmarked server sends, below Prisma: its driver adapter wrapped, so that Prisma's
// query events (`log: [{ emit: 'event', level: 'query' }]`), which cost the admin 6–11% of a list page's CPU in an A/B
// and which no deployment turns on, stay off during the measured runs. The statements counted are the ones Prisma's
// query events showed: every statement Prisma sends, the transaction's COMMIT included, not the BEGIN an adapter sends
// itself when it opens a transaction; on an adapter that ends transactions without SQL (a "phantom" COMMIT), the
// COMMIT or ROLLBACK Prisma logged without sending it.

export interface QueryCounter {
  /** Statements since the process started. */
  total: number;
  /** Statements while recording (bench/control.ts), with their SQL. */
  recorded: string[] | null;
}

interface Query { sql: string }
interface Queryable {
  queryRaw(query: Query): Promise<unknown>;
  executeRaw(query: Query): Promise<unknown>;
}
interface Adapter extends Queryable {
  startTransaction(...args: unknown[]): Promise<Queryable & { options: { usePhantomQuery: boolean }; commit(): Promise<void>; rollback(): Promise<void> }>;
}
interface AdapterFactory {
  connect(): Promise<Adapter>;
}

/** `factory`, whose adapters count what they run in `counter`. */
export function countingAdapter<T extends object>(factory: T, counter: QueryCounter): T {
  const seen = (sql: string) => {
    counter.total++;
    counter.recorded?.push(sql);
  };
  const counting = <Q extends Queryable>(target: Q, extra: (property: string | symbol) => unknown = () => undefined): Q => new Proxy(target, {
    get(object, property) {
      const own = extra(property);
      if (own !== undefined) return own;
      const value: unknown = Reflect.get(object, property, object);
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (query: Query) => {
          seen(query.sql);
          return (value as (q: Query) => Promise<unknown>).call(object, query);
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
  const transactions = (adapter: Adapter) => counting(adapter, (property) => property !== 'startTransaction' ? undefined : async (...args: unknown[]) => {
    const tx = await adapter.startTransaction(...args);
    // Prisma logs a COMMIT or ROLLBACK it does not send on such adapters: so did its query events.
    const phantom = (name: 'commit' | 'rollback', sql: string) => async () => {
      if (tx.options.usePhantomQuery) seen(sql);
      return tx[name]();
    };
    return counting(tx, (p) => (p === 'commit' ? phantom('commit', 'COMMIT') : p === 'rollback' ? phantom('rollback', 'ROLLBACK') : undefined));
  });
  return new Proxy(factory, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (property === 'connect') return async () => transactions(await (object as unknown as AdapterFactory).connect());
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}
