// For `check`: the indexes the database already has on a table, read from its catalog (pg_indexes, sqlite_master,
// information_schema.STATISTICS), and whether one of them serves an IndexAdvice — so `check` prints advice only where
// the index is missing, and names the index where it is there.
import type { IndexAdvice, IndexKind } from '../data/index-advice.ts';
import type { SqlConnection } from './sql-connection.ts';
import { isTrigramTableSql, trigramTableName } from '../data/trigram-table.ts';

export interface CatalogIndex {
  name: string;
  kind: IndexKind | 'other';
  /** Its columns in order (database names; for an expression index, the columns the expression reads). */
  columns: string[];
}

export async function tableIndexes(db: SqlConnection, table: string): Promise<CatalogIndex[]> {
  if (db.provider === 'postgresql') {
    const rows = await db.run('SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?', [db.target.pgSchema ?? 'public', table]);
    return rows.map((r) => postgresIndex(String(r.indexname), String(r.indexdef)));
  }
  if (db.provider === 'sqlite') {
    const found: CatalogIndex[] = [];
    // The `@` fields' `<table>_fts`, and the contains search's trigram tables (trigram-table.ts) of this table's rows.
    const fts = await db.run("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND (name = ? OR (name LIKE ? ESCAPE '\\' AND sql LIKE ?))",
      [`${table}_fts`, `${table.replace(/[\\%_]/g, '\\$&')}\\_%\\_trigram`, `%content='${table.replace(/'/g, "''")}'%`]);
    for (const row of fts) {
      const columns = await db.run('SELECT name FROM pragma_table_info(?)', [String(row.name)]);
      const sql = String(row.sql);
      const kind = isTrigramTableSql(sql) && String(row.name) !== `${table}_fts` ? 'fts5trigram' : 'fts5';
      if (/USING\s+fts5/i.test(sql)) found.push({ name: String(row.name), kind, columns: columns.map((c) => String(c.name)) });
    }
    const indexes = await db.run("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", [table]);
    for (const index of indexes) {
      const columns = await db.run('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [String(index.name)]);
      found.push({ name: String(index.name), kind: 'btree', columns: columns.map((c) => String(c.name)) });
    }
    return found;
  }
  const rows = await db.run(
    'SELECT INDEX_NAME AS name, INDEX_TYPE AS type, COLUMN_NAME AS col FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX',
    [table],
  );
  const byName = new Map<string, CatalogIndex>();
  for (const r of rows) {
    const name = String(r.name);
    const index = byName.get(name) ?? { name, kind: String(r.type).toUpperCase() === 'FULLTEXT' ? 'fulltext' : 'btree', columns: [] };
    index.columns.push(String(r.col));
    byName.set(name, index);
  }
  return [...byName.values()];
}

/** `CREATE INDEX name ON public."Note" USING gin (title gin_trgm_ops)` → its kind and columns. */
function postgresIndex(name: string, definition: string): CatalogIndex {
  const method = /USING (\w+)/.exec(definition)?.[1]?.toLowerCase();
  const body = definition.slice(definition.indexOf('(', definition.indexOf(' USING ')) + 1, definition.lastIndexOf(')'));
  if (method === 'gin' && /to_tsvector\(/.test(body)) {
    return { name, kind: 'tsvector', columns: [...body.matchAll(/,\s*"?([^"()\s,]+)"?\s*\)/g)].map((m) => m[1]!) };
  }
  const columns = body.split(',').map((part) => part.trim().split(/\s+/)[0]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
  return { name, kind: method === 'btree' ? 'btree' : method === 'gin' && /gin_trgm_ops/.test(body) ? 'trigram' : 'other', columns };
}

/** The existing index that serves `advice`: the same kind, holding its column (a btree leading with its columns). */
export function servingIndex(advice: IndexAdvice, indexes: CatalogIndex[]): CatalogIndex | undefined {
  return indexes.find((index) => {
    if (index.kind !== advice.kind) return false;
    if (index.kind === 'btree') return advice.columns.every((column, i) => index.columns[i] === column);
    // The search reads the trigram table of its column by name (trigram-search.ts).
    if (index.kind === 'fts5trigram') return index.name === trigramTableName(advice.table, advice.columns[0]!);
    return advice.columns.every((column) => index.columns.includes(column));
  });
}
