// What the corpus tests ask of a page and of the rows behind it: a page that is no error page, the links of a list,
// and a table's rows as stored, read with raw SQL in a form that compares across drivers.
import assert from 'node:assert/strict';
import type { ModelMeta } from '../../src/schema/types.ts';
import type { SqlConnection } from '../../src/cli/sql-connection.ts';
import { links, mainOf, textOf } from './html.ts';

type Response = { statusCode: number; body: string; headers: Record<string, unknown> };

/** A 200 page that is not the admin's error page. */
export function assertPage(response: Response, what: string): void {
  const text = textOf(mainOf(response.body)).slice(0, 600);
  assert.ok(response.statusCode < 500, `${what}: ${response.statusCode} ${text}`);
  assert.equal(response.statusCode, 200, `${what}: ${response.statusCode} ${text}`);
  assert.doesNotMatch(response.body, /class="error-box"/, `${what}: an error page: ${text}`);
}

/** The list page's own variants (sort, filters, pages: `?...` links) and its record pages' URLs. */
export function listLinks(html: string, listUrl: string): { variants: string[]; records: string[] } {
  const all = links(mainOf(html));
  const variants = [...new Set(all.filter((href) => href.startsWith('?')))];
  const records = [...new Set(all.filter((href) => href.startsWith(listUrl) && /^[^/?]+\/(change)?$/.test(href.slice(listUrl.length)) && !href.endsWith('/add')))];
  return { variants, records };
}

/** A stored value as comparable text: dates as ISO instants, bytes as hex, numbers and decimals as their digits. */
function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** Every row of the model's table as stored (columns by name), sorted, without the columns in `skip`. */
export async function tableRows(sql: SqlConnection, model: ModelMeta, skip: Set<string> = new Set()): Promise<Record<string, unknown>[]> {
  const rows = await sql.run(`SELECT * FROM ${sql.quote(model.dbName)}`, []);
  return rows
    .map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !skip.has(column)).map(([column, value]) => [column, normalize(value)])))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
