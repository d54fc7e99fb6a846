// SQLite's contains search through the trigram tables the database has (trigram-table.ts; read from sqlite_master once
// per site, so a table added later is used after a restart). Per search path and term, one query reads the table's
// candidates: a MATCH of every spelling the search tries (list-search.ts: each LIKE variant's trigrams, case folded,
// so every row LIKE finds is among them). Up to TRIGRAM_KEY_LIMIT of them (for all paths and terms together: the keys
// are bound parameters, and Prisma binds at most 999 on SQLite), the search keeps its LIKE and is narrowed to those keys (`id in keys AND title LIKE …`):
// the same rows, read by key. A term with more candidates is common: the page finds its rows soon in the list's
// order, and the bounded count is driven by the trigram table instead (search-count-driver.ts). A term the table
// cannot serve (a piece shorter than 3 characters, which has no trigram) is searched as without it.
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin, SearchPath } from '../admin/resolve-model-admin.ts';
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { caseVariants, fullTextKey, likePieces, searchTermsOf, type FullTextKeys } from './list-search.ts';
import type { WarningLog } from './raw-or-prisma.ts';
import { keyFromText } from './raw-keys.ts';
import { quoteName, type RawClient } from './raw-sql-names.ts';
import { isTrigramTableSql, rowidKeyColumn, trigramTableName } from './trigram-table.ts';

export const TRIGRAM_KEY_LIMIT = 500;

/** Per search path of the list's own model and term (fullTextKey): its trigram table and MATCH. */
export type TrigramStreams = Map<string, { table: string; match: string; common: boolean }>;

export interface TrigramMatches {
  keys: FullTextKeys;
  streams: TrigramStreams;
}

/** Per site, the trigram tables of the database. */
const tablesOfSite = new WeakMap<object, Promise<Set<string>>>();

/** The candidates of each search path a trigram table serves, or undefined where none does (or not SQLite). */
export async function trigramMatchesOf(ctx: AdminContext, admin: Pick<ResolvedModelAdmin, 'model' | 'search'>, search: string, log?: WarningLog): Promise<TrigramMatches | undefined> {
  if (ctx.schema.provider !== 'sqlite') return undefined;
  const paths = admin.search.flatMap((path, i) => (path.mode === 'contains' || path.mode === 'startsWith' ? [{ path, i }] : []));
  if (paths.length === 0) return undefined;
  const tables = await trigramTables(ctx, log);
  const served = paths.flatMap(({ path, i }) => {
    const table = servingTable(path, tables);
    return table ? [{ path, i, table }] : [];
  });
  if (served.length === 0) return undefined;
  const found: TrigramMatches = { keys: new Map(), streams: new Map() };
  let budget = TRIGRAM_KEY_LIMIT;
  for (const term of searchTermsOf(ctx.schema, admin, search)) {
    const match = trigramMatch(term.text);
    if (!match) continue;
    for (const { path, i, table } of served) {
      const keyField = path.model.fields.find((f) => f.name === path.model.primaryKey.fields[0])!;
      const rows = await candidates(ctx, table, match, budget + 1, log);
      if (!rows) continue;
      const common = rows.length > budget;
      if (!common) {
        budget -= rows.length;
        found.keys.set(fullTextKey(i, term), { keyField: keyField.name, keys: rows.map((r) => keyFromText(keyField, String(r.k))), candidates: true });
      }
      if (path.relations.length === 0) found.streams.set(fullTextKey(i, term), { table, match, common });
    }
  }
  return found;
}

/** Up to `limit` rowids the table's MATCH finds, or null when the query failed (the search then runs without it). */
async function candidates(ctx: AdminContext, table: string, match: string, limit: number, log?: WarningLog): Promise<{ k: string }[] | null> {
  const q = quoteName('sqlite', table);
  try {
    return await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<{ k: string }[]>(`SELECT CAST(rowid AS TEXT) AS k FROM ${q} WHERE ${q} MATCH ? LIMIT ${limit}`, match);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    warner(log).warn({ err: error }, `the trigram table ${table} could not be read; searching without it`);
    return null;
  }
}

const warner = (log?: WarningLog): WarningLog => log ?? { warn: (details: object, message: string) => console.warn(message, details) };

/**
 * The MATCH of a term: per piece between LIKE's wildcards, its spellings (any of them), every piece's; null where a
 * spelling is shorter than 3 characters (no trigram: the table cannot find it).
 */
export function trigramMatch(text: string): string | null {
  const pieces = likePieces(text).map(caseVariants);
  if (pieces.length === 0 || pieces.some((spellings) => spellings.some((s) => [...s].length < 3))) return null;
  return pieces.map((spellings) => `(${spellings.map((s) => `"${s.replace(/"/g, '""')}"`).join(' OR ')})`).join(' AND ');
}

/** The trigram table of the path's field, when the database has one and its rowid is the model's key. */
function servingTable(path: SearchPath, tables: Set<string>): string | null {
  const field = path.model.fields.find((f) => f.name === path.field);
  if (field?.kind !== 'scalar' || field.type !== 'String' || field.isList || !rowidKeyColumn(path.model)) return null;
  const name = trigramTableName(path.model.dbName, field.dbName ?? field.name);
  return tables.has(name) ? name : null;
}

function trigramTables(ctx: AdminContext, log?: WarningLog): Promise<Set<string>> {
  const known = tablesOfSite.get(ctx);
  if (known) return known;
  const read = (async () => {
    const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<{ name: string; sql: string | null }[]>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_trigram' ESCAPE '\\'");
    return new Set(rows.filter((r) => r.sql && isTrigramTableSql(r.sql)).map((r) => r.name));
  })().catch((error: unknown) => {
    // A database that is down is asked again at the next search; any other failure is remembered.
    if (isDatabaseUnavailable(error)) {
      tablesOfSite.delete(ctx);
      throw error;
    }
    warner(log).warn({ err: error }, 'reading the trigram tables of the contains search failed; searching without them');
    return new Set<string>();
  });
  tablesOfSite.set(ctx, read);
  return read;
}
