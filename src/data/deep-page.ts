// Deep pages (OFFSET in the tens of thousands) make the database walk every skipped row. When an index holds the
// list's whole ORDER BY followed by the primary key, the skipped rows can be walked in that index alone (an
// index-only scan, reading no table rows): the page's keys come first from the index, then its rows by key. On page
// 1 and shallow pages, where no such index exists, and on filtered lists (the filter's columns are seldom in the
// index, so the walk reads the table rows either way), the page is the one ordinary query.
// An unfiltered deep page reads its keys in the same raw query as the list's total (page-keys.ts), so it costs no
// more queries than any other page; fetchListPage's two Prisma queries are the fallback where that query cannot run.
import type { ModelMeta } from '../schema/types.ts';

/** Below this many skipped rows, one query is cheaper than two. */
export const DEEP_PAGE_OFFSET = 5_000;

export type OrderBy = Record<string, unknown>[];
export type Row = Record<string, unknown>;
export interface FindMany {
  findMany(args: object): Promise<Row[]>;
}

/**
 * Whether an index starts with the ORDER BY's fields and holds the primary key, in the order's directions (or all
 * of them reversed: an index is read both ways). Ordering through a relation never qualifies.
 */
export function indexServesOrder(model: ModelMeta, orderBy: OrderBy): boolean {
  const terms = orderBy.map((term) => Object.entries(term)[0]);
  if (terms.some(([, dir]) => dir !== 'asc' && dir !== 'desc')) return false;
  return model.indexes.some((index) => {
    if (index.fields.length < terms.length) return false;
    const sameWay = terms.every(([name, dir], i) => index.fields[i].name === name && index.fields[i].sort === dir);
    const reversed = terms.every(([name, dir], i) => index.fields[i].name === name && index.fields[i].sort !== dir);
    const names = new Set(index.fields.map((f) => f.name));
    return (sameWay || reversed) && model.primaryKey.fields.every((pk) => names.has(pk));
  });
}

export interface PageQuery {
  where: Record<string, unknown>;
  orderBy: OrderBy;
  select: Record<string, unknown>;
  skip: number;
  take: number;
}

/** Whether this page reads its keys through the index first (see above). */
export function readsKeysFirst(model: ModelMeta, query: Pick<PageQuery, 'where' | 'orderBy' | 'skip'>): boolean {
  return query.skip >= DEEP_PAGE_OFFSET && Object.keys(query.where).length === 0 && model.primaryKey.fields.length > 0 && indexServesOrder(model, query.orderBy);
}

/** One page of rows: keys first through the index on deep pages (see above), else the one query. */
export async function fetchListPage(delegate: FindMany, model: ModelMeta, query: PageQuery): Promise<Row[]> {
  if (!readsKeysFirst(model, query)) return delegate.findMany(query);
  const keyRows = await delegate.findMany({ ...query, select: Object.fromEntries(model.primaryKey.fields.map((k) => [k, true])) });
  return rowsByKey(delegate, model, query.select, keyRows);
}

/** The rows of these primary keys, in the keys' order; a row deleted since its key was read is simply missing. */
export async function rowsByKey(delegate: FindMany, model: ModelMeta, select: Record<string, unknown>, keyRows: Row[]): Promise<Row[]> {
  if (keyRows.length === 0) return [];
  const keys = model.primaryKey.fields;
  const where = keys.length === 1
    ? { [keys[0]]: { in: keyRows.map((r) => r[keys[0]]) } }
    : { OR: keyRows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]]))) };
  const rows = await delegate.findMany({ where, select: { ...select, ...Object.fromEntries(keys.map((k) => [k, true])) } });
  const keyOf = (r: Row) => JSON.stringify(keys.map((k) => String(r[k])));
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keyRows.map((r) => byKey.get(keyOf(r))).filter((r): r is Row => r !== undefined);
}
