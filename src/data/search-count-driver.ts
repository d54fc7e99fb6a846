// The rows a search's bounded count (sqlite-bounded-count.ts) reads first, on SQLite with trigram tables: one term's
// rows come from the trigram tables of its fields (an FTS5 MATCH, read lazily in rowid order) and, for its other
// fields, from their own condition (`authorId IN (…)`, by index), so the count stops after threshold + 1 matching rows
// instead of reading every row to find them (a common word is in a tenth of the posts, and `x IN (SELECT … MATCH)`
// would first read all of its matches). The list's full where still decides each row: the driver only has to hold
// every row the term matches, and it does: each arm is a superset of that field's match (trigram-search.ts).
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { SchemaMeta } from '../schema/types.ts';
import { fullTextKey, searchTermsOf, termClauses, type FullTextKeys, type RelationKeys } from './list-search.ts';
import { listWhereSql, type SqlWhere } from './list-where-sql.ts';
import { quoteName } from './raw-sql-names.ts';
import { rowidKeyColumn } from './trigram-table.ts';
import type { TrigramStreams } from './trigram-search.ts';

/** The driver's column: a name no model's column takes (the count's where names them unqualified). */
export const DRIVER_COLUMN = 'pa_driver_rowid';

/** A UNION ALL of rowids (column DRIVER_COLUMN) holding every row of the search, or null where no term has one. */
export function searchCountDriver(schema: SchemaMeta, admin: Pick<ResolvedModelAdmin, 'model' | 'search'>, search: string,
  streams: TrigramStreams | undefined, fullText?: FullTextKeys, relationKeys?: RelationKeys): SqlWhere | null {
  const key = rowidKeyColumn(admin.model);
  // Only a common word needs it: a rarer one's candidate keys already lead the count to its rows.
  if (schema.provider !== 'sqlite' || !key || ![...(streams?.values() ?? [])].some((s) => s.common)) return null;
  const q = (name: string) => quoteName('sqlite', name);
  const drivers: (SqlWhere & { common: boolean })[] = [];
  for (const term of searchTermsOf(schema, admin, search)) {
    const clauses = termClauses(schema, admin, term, fullText, relationKeys);
    const arms: string[] = [];
    const params: unknown[] = [];
    let complete = true;
    let common = false;
    admin.search.forEach((_path, i) => {
      const stream = streams!.get(fullTextKey(i, term));
      common ||= stream?.common === true;
      const clause = clauses[i];
      const sql = stream || clause === null ? null : listWhereSql('sqlite', schema, admin.model, clause);
      if (stream) {
        arms.push(`SELECT rowid AS ${DRIVER_COLUMN} FROM ${q(stream.table)} WHERE ${q(stream.table)} MATCH ?`);
        params.push(stream.match);
      } else if (sql) {
        arms.push(`SELECT ${q(key)} AS ${DRIVER_COLUMN} FROM ${q(admin.model.dbName)} WHERE ${sql.sql}`);
        params.push(...sql.params);
      } else if (clause !== null) complete = false;
    });
    if (complete && arms.length > 0) drivers.push({ sql: arms.join(' UNION ALL '), params, common });
  }
  // The rarest term reads the fewest rows: one with no common word's table, if any.
  const driver = drivers.find((d) => !d.common) ?? drivers[0];
  return driver ? { sql: driver.sql, params: driver.params } : null;
}
