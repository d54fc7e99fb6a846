// Full-text search of `@field` search fields, where the database has it: PostgreSQL matches
// `to_tsvector('simple', column) @@ websearch_to_tsquery('simple', term)` (any table; a GIN index on that expression
// makes it fast), SQLite an FTS5 table named `<table>_fts` with the column (its rowid the model's Int key), MySQL and
// MariaDB `MATCH (column) AGAINST (term IN BOOLEAN MODE)` over a FULLTEXT index of the column. Prisma has no such
// filter without a preview feature, so one raw query per field and term reads the matching keys, and the search
// filters by them. Where the query cannot run (no FTS table, no FULLTEXT index, a key it cannot read, another
// database), or more than FULL_TEXT_LIMIT rows match, the field is searched with contains instead; a failure is
// logged once and remembered for the site.
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { ModelMeta } from '../schema/types.ts';
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { fullTextKey, type FullTextKeys } from './list-search.ts';
import type { WarningLog } from './raw-or-prisma.ts';
import { isTextKey, keyFromText } from './raw-keys.ts';
import { qualifiedTable, quoteName, type RawClient } from './raw-sql-names.ts';
import { parseSearchTerms, type SearchTerm } from './search-terms.ts';

export const FULL_TEXT_LIMIT = 10_000;
/** PostgreSQL's text search configuration: no stemming or stop words, the same for every language. */
export const POSTGRES_TEXT_SEARCH_CONFIG = 'simple';

/** Per site, the `Model.field`s whose full-text query failed: searched with contains from then on. */
const unavailable = new WeakMap<object, Set<string>>();

export async function fullTextKeysOf(ctx: AdminContext, admin: Pick<ResolvedModelAdmin, 'search'>, search: string, log?: WarningLog): Promise<FullTextKeys | undefined> {
  const paths = admin.search.flatMap((path, i) => (path.mode === 'fullText' ? [{ path, i }] : []));
  if (paths.length === 0) return undefined;
  const terms = parseSearchTerms(search);
  const keys: FullTextKeys = new Map();
  for (const { path, i } of paths) {
    for (const term of terms) {
      const found = await matchingKeys(ctx, path.model, path.field, term, log);
      if (found) keys.set(fullTextKey(i, term), found);
    }
  }
  return keys;
}

/** The raw query of `@field` of `model` for one term on this site, or null where it has none (or it failed). */
export function fullTextQueryOf(ctx: AdminContext, model: ModelMeta, field: string, term: SearchTerm): { sql: string; param: string; keyField: string } | null {
  const provider = ctx.schema.provider;
  const [keyName, ...more] = model.primaryKey.fields;
  const key = model.fields.find((f) => f.name === keyName);
  const column = model.fields.find((f) => f.name === field)?.dbName;
  if (more.length > 0 || !isTextKey(key) || !key.dbName || !column || unavailable.get(ctx)?.has(`${model.name}.${field}`)) return null;
  const quote = (name: string) => quoteName(provider, name);
  const words = term.text.replace(/"/g, ' ').trim();
  if (!words) return null;
  const limit = ` LIMIT ${FULL_TEXT_LIMIT + 1}`;
  if (provider === 'postgresql') {
    const config = `'${POSTGRES_TEXT_SEARCH_CONFIG}'`;
    return {
      sql: `SELECT CAST(${quote(key.dbName)} AS TEXT) AS k FROM ${qualifiedTable(provider, ctx.postgresSchema, model.dbName)} WHERE to_tsvector(${config}, ${quote(column)}) @@ websearch_to_tsquery(${config}, $1)${limit}`,
      param: `"${words}"`,
      keyField: key.name,
    };
  }
  if (provider === 'mysql') {
    return {
      sql: `SELECT CAST(${quote(key.dbName)} AS CHAR) AS k FROM ${quote(model.dbName)} WHERE MATCH (${quote(column)}) AGAINST (? IN BOOLEAN MODE)${limit}`,
      param: `"${words}"`,
      keyField: key.name,
    };
  }
  // FTS5's rowid is the content table's rowid, which is its key only when that key is an INTEGER PRIMARY KEY.
  if (provider === 'sqlite' && key.type === 'Int') {
    return { sql: `SELECT CAST(rowid AS TEXT) AS k FROM ${quote(`${model.dbName}_fts`)} WHERE ${quote(column)} MATCH ?${limit}`, param: `"${words}"`, keyField: key.name };
  }
  return null;
}

async function matchingKeys(ctx: AdminContext, model: ModelMeta, field: string, term: SearchTerm, log?: WarningLog): Promise<{ keyField: string; keys: unknown[] } | null> {
  const query = fullTextQueryOf(ctx, model, field, term);
  if (!query) return null;
  let rows: { k: string }[];
  try {
    rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<{ k: string }[]>(query.sql, query.param);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    const failed = unavailable.get(ctx) ?? new Set<string>();
    unavailable.set(ctx, failed.add(`${model.name}.${field}`));
    (log ?? { warn: (details: object, message: string) => console.warn(message, details) }).warn({ err: error }, `full-text search of ${model.name}.${field} unavailable (see README, Search); searching it with contains from now on`);
    return null;
  }
  if (rows.length > FULL_TEXT_LIMIT) return null;
  const keyField = model.fields.find((f) => f.name === query.keyField)!;
  return { keyField: query.keyField, keys: rows.map((r) => keyFromText(keyField, String(r.k))).filter((k) => k !== undefined) };
}
