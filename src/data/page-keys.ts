// An unfiltered deep page (deep-page.ts) reads its keys through the index in the same raw query that reads the list's
// total, so it costs three queries like every other page (total and keys, rows by key, related labels) instead of
// four. A page reached by a link from a nearby page starts from that page's first or last row (its anchor, see
// PageAnchor in list-params.ts) and walks only the pages in between. Built from metadata only: table, column and key
// names from the schema, numbers for LIMIT and OFFSET, the anchor's key values as bound parameters.
import type { AdminContext } from '../admin/context.ts';
import type { ModelMeta, Provider } from '../schema/types.ts';
import { totalQuery, type Total } from './estimated-count.ts';
import type { OrderBy, Row } from './deep-page.ts';
import { isTextKey, keyFromText } from './raw-keys.ts';
import { qualifiedTable, quoteName, supportsRawSql, type RawClient } from './raw-sql-names.ts';

export interface PageWindow {
  orderBy: OrderBy;
  /** Rows skipped: from the start of the list, or from the anchor row. */
  skip: number;
  take: number;
  /** Keyset pagination: the window starts after (or ends before) this row, given by its primary key values. */
  anchor?: { key: Row; side: 'after' | 'before' };
}

/** Whether the page's keys can come from raw SQL: a dialect it is written for, keys read back as text, plain columns. */
export function canReadPageKeys(provider: Provider, model: ModelMeta, orderBy: OrderBy): boolean {
  const field = (name: string) => model.fields.find((f) => f.name === name);
  return supportsRawSql(provider)
    && model.primaryKey.fields.length > 0
    && model.primaryKey.fields.every((name) => isTextKey(field(name)))
    && orderBy.every((term) => Object.entries(term).every(([name, dir]) => (dir === 'asc' || dir === 'desc') && field(name)?.dbName));
}

/**
 * Whether pages can also be read from an anchor row (keyset pagination): one direction for the whole order, so one
 * row comparison `(a, b) < (x, y)` states "after", and no column that may be NULL (NULL compares as unknown).
 */
export function canAnchorPageKeys(provider: Provider, model: ModelMeta, orderBy: OrderBy): boolean {
  const terms = orderBy.map((term) => Object.entries(term)[0]);
  return canReadPageKeys(provider, model, orderBy)
    && terms.every(([, dir]) => dir === terms[0][1])
    && terms.every(([name]) => model.fields.find((f) => f.name === name)?.isRequired);
}

/**
 * The total (see estimated-count.ts; null when only COUNT(*) will do) and the page's primary keys in list order, as
 * `{ key field: value }` rows for rowsByKey. One query.
 */
export async function totalWithPageKeys(ctx: AdminContext, model: ModelMeta, page: PageWindow, estimateAbove: number | null): Promise<{ total: Total | null; keys: Row[] }> {
  const provider = ctx.schema.provider;
  const quote = (name: string) => quoteName(provider, name);
  const column = (name: string) => quote(model.fields.find((f) => f.name === name)!.dbName!);
  const text = provider === 'mysql' ? 'CHAR' : 'TEXT';
  const keys = model.primaryKey.fields;
  const terms = page.orderBy.map((term) => Object.entries(term)[0] as [string, 'asc' | 'desc']);
  const total = totalQuery(ctx, model, estimateAbove);
  // The window reads plain columns (an index-only scan of the ORDER BY and key columns); the keys are cast to text
  // above it, for its rows only, not for every row the OFFSET skips.
  const table = qualifiedTable(provider, ctx.postgresSchema, model.dbName);
  const columns = [...new Set([...keys, ...terms.map(([name]) => name)])];
  const params = [...total.params];
  const mark = (value: unknown) => {
    params.push(value);
    return provider === 'postgresql' ? `$${params.length}` : '?';
  };
  // Before an anchor, the window walks the list backwards from it, and its keys are turned round below.
  const backwards = page.anchor?.side === 'before';
  const way = (dir: 'asc' | 'desc') => ((dir === 'desc') !== backwards ? 'DESC' : 'ASC');
  let where = '';
  if (page.anchor) {
    const anchor = page.anchor.key;
    const orderColumns = terms.map(([name]) => column(name)).join(', ');
    where = ` WHERE (${orderColumns}) ${way(terms[0][1]) === 'DESC' ? '<' : '>'} (SELECT ${orderColumns} FROM ${table} WHERE ${keys.map((k) => `${column(k)} = ${mark(anchor[k])}`).join(' AND ')})`;
  }
  const window = `SELECT ${columns.map(column).join(', ')} FROM ${table}${where}`
    + ` ORDER BY ${terms.map(([name, dir]) => `${column(name)} ${way(dir)}`).join(', ')}`
    + ` LIMIT ${Math.max(0, Math.floor(page.take))} OFFSET ${Math.max(0, Math.floor(page.skip))}`;
  const w = quote('w');
  // The LEFT JOIN keeps the total's row when the page is past the end; the outer ORDER BY keeps the window's order.
  const sql = `SELECT ${quote('c')}.*, ${keys.map((name, i) => `CAST(${w}.${column(name)} AS ${text}) AS ${quote(`k${i}`)}`).join(', ')}`
    + ` FROM (${total.sql}) AS ${quote('c')} LEFT JOIN (${window}) AS ${w} ON 1 = 1`
    + ` ORDER BY ${terms.map(([name, dir]) => `${w}.${column(name)} ${way(dir)}`).join(', ')}`;
  const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<Row[]>(sql, ...params);
  const keyFields = keys.map((name) => model.fields.find((f) => f.name === name)!);
  const found = rows.filter((row) => row.k0 !== null && row.k0 !== undefined)
    .map((row) => Object.fromEntries(keyFields.map((f, i) => [f.name, keyFromText(f, String(row[`k${i}`]))])));
  return { total: total.read(rows[0]), keys: backwards ? found.reverse() : found };
}
