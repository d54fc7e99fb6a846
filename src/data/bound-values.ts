// How many values one query may bind. Prisma refuses a query past its count for the dialect (its query compiler's
// maxBindValues: SQLite 999, PostgreSQL 32,766, MySQL 65,535; "The query parameter limit supported by your database
// is exceeded") unless one `in` list is the whole filter of an unordered findMany (that one it splits). A key list the
// admin builds next to other filters, an order or a take stays within keyListLimit, or is read in chunks of it, or
// falls back to the query without it.
import type { Provider } from '../schema/types.ts';

/** The bound values Prisma takes in one query on this dialect. */
export function maxBoundValues(provider: Provider): number {
  switch (provider) {
    case 'sqlite':
      return 999;
    case 'mysql':
      return 65_535;
    case 'sqlserver':
      return 2_098;
    default:
      return 32_766;
  }
}

/** Left for a query's other values next to its key lists: search terms, filters, getQueryset, cursor, LIMIT. */
export const OTHER_BOUND_VALUES = 199;

/** The most values all key lists of one query may hold together (SQLite: 800). */
export function keyListLimit(provider: Provider): number {
  return maxBoundValues(provider) - OTHER_BOUND_VALUES;
}

/** A page's own values (LIMIT, OFFSET, a keyset cursor), beside its where. */
const PAGE_BOUND_VALUES = 50;

/** How many keys a list may add to a query whose where is `beside`. */
export function keysRoomBeside(provider: Provider, beside: unknown): number {
  return maxBoundValues(provider) - PAGE_BOUND_VALUES - boundValuesOf(beside);
}

/** About how many values a Prisma where binds: one per scalar leaf, one per element of a list. */
export function boundValuesOf(where: unknown): number {
  if (Array.isArray(where)) return where.reduce((sum: number, item) => sum + boundValuesOf(item), 0);
  if (where && typeof where === 'object' && !(where instanceof Date) && !ArrayBuffer.isView(where) && Object.getPrototypeOf(where) === Object.prototype) {
    return Object.values(where).reduce((sum: number, value) => sum + boundValuesOf(value), 0);
  }
  return where === undefined ? 0 : 1;
}

/** `items` in chunks that each fit a key list. */
export function keyChunks<T>(provider: Provider, items: T[], valuesPerItem = 1): T[][] {
  const size = Math.max(1, Math.floor(keyListLimit(provider) / valuesPerItem));
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
  return chunks;
}
