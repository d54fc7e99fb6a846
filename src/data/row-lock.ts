// The row locks that make a save's version check hold until it commits: `SELECT … FOR UPDATE` of the records about to
// be written, in the save's own transaction, so that a second save of the same record waits for the first to commit
// and then compares its version with what the first one wrote (see views/version-check.ts).
import { recordKeyFields } from '../schema/record-key.ts';
import type { ModelMeta, SchemaMeta } from '../schema/types.ts';
import { qualifiedTable, quoteName, type RawClient } from './raw-sql-names.ts';

/**
 * Locks the rows of `keys` (flat primary-key values, as recordWhere gives them) until the transaction of `client` ends.
 * PostgreSQL and MySQL/MariaDB: `SELECT … FOR UPDATE`, in primary-key order so that two savers of the same rows cannot
 * deadlock. SQLite has no row locks and needs none: a write transaction holds the whole database, and one process's
 * transactions run one after another (the driver adapter serialises them); across processes, SQLite refuses a write
 * from a transaction that read a snapshot older than another's commit (SQLITE_BUSY), so nothing is overwritten silently.
 * Returns how many rows were locked (null on SQLite).
 */
export async function lockRows(client: RawClient, schema: SchemaMeta, postgresSchema: string | null, model: ModelMeta, keys: Record<string, unknown>[]): Promise<number | null> {
  const { provider } = schema;
  if (provider !== 'postgresql' && provider !== 'mysql') return null;
  if (keys.length === 0) return 0;
  const columns = recordKeyFields(model).map((name) => {
    const field = model.fields.find((f) => f.name === name);
    return quoteName(provider, field?.dbName ?? name);
  });
  const values: unknown[] = [];
  const placeholder = (value: unknown) => {
    values.push(value);
    return provider === 'postgresql' ? `$${values.length}` : '?';
  };
  const names = recordKeyFields(model);
  // One key column: an IN list (a bulk run locks 2,000 rows at a time; an OR of as many terms plans slower).
  const where = names.length === 1
    ? `${columns[0]} IN (${keys.map((key) => placeholder(key[names[0]])).join(', ')})`
    : keys.map((key) => `(${names.map((name, i) => `${columns[i]} = ${placeholder(key[name])}`).join(' AND ')})`).join(' OR ');
  const table = qualifiedTable(provider, postgresSchema, model.dbName);
  const sql = `SELECT ${columns.join(', ')} FROM ${table} WHERE ${where} ORDER BY ${columns.join(', ')} FOR UPDATE`;
  const locked = await client.$queryRawUnsafe<unknown[]>(sql, ...values);
  return locked.length;
}
