// For `check`: per model admin, the index each searched field, each column of the default order and each list filter
// needs (data/index-advice.ts), and whether the database has it (index-catalog.ts).
import { buildModelRegistry } from '../admin/model-registry.ts';
import type { AdminSite } from '../admin/admin-site.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { filterIndexAdvice, searchIndexAdvice, searchNotIndexable, sortIndexAdvice, type IndexAdvice } from '../data/index-advice.ts';
import type { SchemaMeta } from '../schema/types.ts';
import { servingIndex, tableIndexes, type CatalogIndex } from './index-catalog.ts';
import type { SqlConnection } from './sql-connection.ts';

export interface ListIndexStatus {
  model: string;
  serves: string;
  /** Why no index can serve it, where `advice` is null and it is a search. */
  reason?: string;
  /** The advice, or null where no index can serve it (SQLite's contains search, a sort through a relation). */
  advice: IndexAdvice | null;
  /** The existing index that serves it, if any. */
  servedBy: string | null;
}

export async function listIndexes(db: SqlConnection, schema: SchemaMeta, site: AdminSite): Promise<ListIndexStatus[]> {
  const statuses: ListIndexStatus[] = [];
  const catalog = new Map<string, CatalogIndex[]>();
  const indexesOf = async (table: string) => catalog.get(table) ?? catalog.set(table, await tableIndexes(db, table)).get(table)!;
  for (const admin of buildModelRegistry(schema, site).values()) {
    if (admin.model.isView) continue;
    const model = admin.model.name;
    // SQLite's INTEGER PRIMARY KEY is the rowid, in no index of the catalog; elsewhere the key's index leads with it.
    const key = admin.model.fields.find((f) => f.name === admin.model.primaryKey.fields[0])?.dbName;
    const wanted: { serves: string; advice: IndexAdvice | null; reason?: string }[] = [
      ...admin.search.map((path) => ({ serves: `search on ${[...path.relations, path.field].join('.')}`, advice: searchIndexAdvice(schema, admin.model, path), reason: searchNotIndexable(schema, admin.model, path) })),
      ...admin.ordering.map((term) => ({ serves: `sort on ${term.field}`, advice: sortIndexAdvice(admin.model, [term.field]) })),
      ...sortableColumns(admin),
      ...admin.filters.map((filter) => ({ serves: `filter on ${filter.name}`, advice: filterIndexAdvice(schema, admin, filter) })),
    ];
    const seen = new Set<string>();
    for (const { serves, advice, reason } of wanted) {
      if (!advice && serves.startsWith('filter')) continue; // a custom filter: its where is the admin's own
      const line = advice ? `${advice.model} ${advice.line}` : serves;
      if (seen.has(line)) continue; // the default order's column is also a sortable column
      seen.add(line);
      const servedBy = !advice ? null
        : advice.kind === 'btree' && advice.table === admin.model.dbName && advice.columns[0] === key ? 'the primary key'
        : ((name) => (name ? `index ${name}` : null))(servingIndex(advice, await indexesOf(advice.table))?.name);
      statuses.push({ model, serves: advice?.serves ?? serves, advice, servedBy, ...(advice ? {} : { reason }) });
    }
  }
  return statuses;
}

/**
 * Each sortable list column's sort (a header click): its field, a relation column's foreign key, a computed column's
 * sort field. A column through a relation is sorted by a join no index of this table serves.
 */
function sortableColumns(admin: ResolvedModelAdmin): { serves: string; advice: IndexAdvice | null }[] {
  return admin.columns.filter((c) => c.sortable).map((column) => {
    const fields = column.kind === 'value' ? [column.name] : column.kind === 'relation' ? column.field.fromFields
      : column.kind === 'computed' && column.computed.sortField ? [column.computed.sortField] : [];
    return { serves: `sort on ${column.name}`, advice: sortIndexAdvice(admin.model, fields) };
  });
}

export function printListIndexes(statuses: ListIndexStatus[]): void {
  if (!statuses.length) return;
  console.log("Indexes for search, sort and filters (what lets the admin's queries use an index)");
  const width = Math.max(...statuses.map((s) => s.model.length));
  for (const s of statuses) {
    const status = s.servedBy ? `served by ${s.servedBy}`
      : !s.advice && s.serves.startsWith('sort') ? 'sorted through a relation (a join): no index of this table serves it'
      : !s.advice ? s.reason ?? 'not indexable on this database'
      : s.advice.sql ? `missing: run ${s.advice.line}` : `missing: add ${s.advice.line} to model ${s.advice.model}`;
    console.log(`  ${s.model.padEnd(width)}  ${s.serves}: ${status}`);
  }
  const needs = new Set(statuses.filter((s) => !s.servedBy && s.advice?.needs).map((s) => s.advice!.needs!));
  for (const sql of needs) console.log(`  first run once: ${sql}`);
}
