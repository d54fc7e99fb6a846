// Deep pages (OFFSET in the tens of thousands) make the database walk every skipped row. When an index holds the
// list's whole ORDER BY followed by the primary key, the skipped rows can be walked in that index alone (an
// index-only scan, reading no table rows): the page's keys come first from the index, then its 50 rows by key. On
// page 1 and shallow pages, and where no such index exists, the page is the one ordinary query.
import type { ModelMeta } from '../schema/types.ts';

/** Below this many skipped rows, one query is cheaper than two. */
export const DEEP_PAGE_OFFSET = 5_000;

type OrderBy = Record<string, unknown>[];
type Row = Record<string, unknown>;
interface FindMany {
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

/** One page of rows: keys first through the index on deep pages (see above), else the one query. */
export async function fetchListPage(delegate: FindMany, model: ModelMeta, query: PageQuery): Promise<Row[]> {
  const keys = model.primaryKey.fields;
  if (query.skip < DEEP_PAGE_OFFSET || keys.length === 0 || !indexServesOrder(model, query.orderBy)) return delegate.findMany(query);
  const keyRows = await delegate.findMany({ ...query, select: Object.fromEntries(keys.map((k) => [k, true])) });
  if (keyRows.length === 0) return [];
  const where = keys.length === 1
    ? { [keys[0]]: { in: keyRows.map((r) => r[keys[0]]) } }
    : { OR: keyRows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]]))) };
  const rows = await delegate.findMany({ where, select: { ...query.select, ...Object.fromEntries(keys.map((k) => [k, true])) } });
  const keyOf = (r: Row) => JSON.stringify(keys.map((k) => String(r[k])));
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  // In the index's order; a row deleted between the two queries is simply missing from the page.
  return keyRows.map((r) => byKey.get(keyOf(r))).filter((r): r is Row => r !== undefined);
}
