// Names for the statements a PostgreSQL connection keeps prepared (@prisma/adapter-pg's `statementNameGenerator`).
// Unnamed, every statement is parsed and planned again on every execution, and a list page's statements are small:
// planning the unfiltered list's estimate takes ten times as long as running it. Named, pg parses a text once per
// connection and PostgreSQL can reuse its plan. The number of named texts is bounded, as Prisma's own engines bounded
// it (`statement_cache_size`, 100 by default), but without their eviction: pg keeps every statement it prepared for
// the life of the connection and cannot close one. So a text gets a name only once it came back (the admin writes some
// texts once: an IN list of a length no page repeats), and only while fewer than `max` texts have one; the first
// `max` to come back keep theirs, and every other text runs unnamed, as before. A name is the text's hash, so two
// generators (two adapters over one pg.Pool) never give one name to two texts.
import { createHash } from 'node:crypto';
import { ClientSetupError } from './client-error.ts';

/** What @prisma/adapter-pg passes the generator (its SqlQuery, of which only the text matters here). */
export interface StatementText {
  readonly sql: string;
}

export interface PgStatementNamesOptions {
  /** The most statement texts named (each connection prepares at most this many); Prisma's default, 100. */
  max?: number;
}

/** Prisma's default `statement_cache_size`. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 100;

/** Texts seen once are remembered up to this many times `max` (then forgotten at once, and seen anew). */
const SEEN_ONCE_PER_NAME = 10;

/**
 * A `statementNameGenerator` for @prisma/adapter-pg: a text seen for the second time gets a name of its own (the
 * same name for the same text, a different one for every other text), until `max` texts have one.
 *
 * @example
 * new PrismaPg(pool, { statementNameGenerator: pgStatementNames() })
 */
export function pgStatementNames(options: PgStatementNamesOptions = {}): (query: StatementText) => string {
  const max = options.max ?? DEFAULT_STATEMENT_CACHE_SIZE;
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`pgStatementNames: max must be a whole number of statements (0 or more), not ${String(max)}`);
  const names = new Map<string, string>();
  const seenOnce = new Set<string>();
  // pg takes an undefined name as "unnamed"; the adapter's type says string.
  const unnamed = undefined as unknown as string;
  return ({ sql }) => {
    const name = names.get(sql);
    if (name !== undefined) return name;
    if (names.size >= max) return unnamed;
    if (!seenOnce.has(sql)) {
      if (seenOnce.size >= max * SEEN_ONCE_PER_NAME) seenOnce.clear();
      seenOnce.add(sql);
      return unnamed;
    }
    seenOnce.delete(sql);
    const named = `pa_${createHash('sha1').update(sql).digest('hex')}`;
    names.set(sql, named);
    return named;
  };
}

/**
 * The cache size a Prisma PostgreSQL URL asks for: 0 with `pgbouncer=true` (a transaction-mode pooler hands each
 * transaction another server connection, which has not prepared it), else `statement_cache_size`, else 100.
 */
export function statementCacheSizeOfUrl(url: string): number {
  const params = new URL(url).searchParams;
  if (params.get('pgbouncer') === 'true') return 0;
  const given = params.get('statement_cache_size');
  if (given === null || given === '') return DEFAULT_STATEMENT_CACHE_SIZE;
  const size = Number(given);
  if (!Number.isInteger(size) || size < 0) throw new ClientSetupError(`The database URL's statement_cache_size=${given} is not a number of statements: use 0 (none prepared) or more, e.g. statement_cache_size=100 (the default).`);
  return size;
}
