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
  const locked = await client.$queryRawUnsafe<unknown[]>(...lockStatement(schema, postgresSchema, model, keys, recordKeyFields(model)));
  return locked.length;
}

// Types whose values PostgreSQL's driver adapter reads back from a raw query as Prisma's findMany gives them (checked
// by test/routes/bulk-edit-reads.test.ts against findMany); a DateTime of @db.Date/Time/Timetz is left to Prisma.
const RAW_READ_TYPES = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime']);
const TYPED_DATES = new Set(['Date', 'Time', 'Timetz']);

/** Whether lockAndRead can read these fields in its one statement (PostgreSQL, plain columns of those types). */
export function readsWhileLocking(schema: SchemaMeta, model: ModelMeta, fields: string[]): boolean {
  if (schema.provider !== 'postgresql') return false;
  return fields.every((name) => {
    const field = model.fields.find((f) => f.name === name);
    if (!field || field.isList) return false;
    if (field.kind === 'enum') return true;
    return field.kind === 'scalar' && RAW_READ_TYPES.has(field.type) && !(field.type === 'DateTime' && field.nativeType && TYPED_DATES.has(field.nativeType.name));
  });
}

/**
 * Locks the rows of `keys` and reads their `fields` in ONE statement (`SELECT <fields> … FOR UPDATE`), as findMany
 * would give them (enum values by their Prisma names). Only where readsWhileLocking says so; the rows in key order.
 */
export async function lockAndRead(client: RawClient, schema: SchemaMeta, postgresSchema: string | null, model: ModelMeta, keys: Record<string, unknown>[], fields: string[]): Promise<Record<string, unknown>[]> {
  if (keys.length === 0) return [];
  const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(...lockStatement(schema, postgresSchema, model, keys, fields));
  for (const field of model.fields) {
    if (field.kind !== 'enum' || !fields.includes(field.name)) continue;
    const names = new Map((schema.enums.find((e) => e.name === field.type)?.values ?? []).filter((v) => v.dbName !== v.name).map((v) => [v.dbName, v.name]));
    if (names.size) for (const row of rows) row[field.name] = names.get(row[field.name] as string) ?? row[field.name];
  }
  return rows;
}

/** `SELECT <fields, as their Prisma names> FROM <table> WHERE <keys> ORDER BY <key> FOR UPDATE` and its values. */
function lockStatement(schema: SchemaMeta, postgresSchema: string | null, model: ModelMeta, keys: Record<string, unknown>[], fields: string[]): [string, ...unknown[]] {
  const { provider } = schema;
  const column = (name: string) => quoteName(provider, model.fields.find((f) => f.name === name)?.dbName ?? name);
  const names = recordKeyFields(model);
  const columns = names.map(column);
  const values: unknown[] = [];
  const placeholder = (value: unknown) => {
    values.push(value);
    return provider === 'postgresql' ? `$${values.length}` : '?';
  };
  // One key column: one bound array on PostgreSQL, an IN list on MySQL (a bulk run locks 2,000 rows at a time; an OR
  // of as many terms plans slower).
  const where = names.length === 1
    ? provider === 'postgresql' ? `${columns[0]} = ANY(${placeholder(keys.map((key) => key[names[0]]))})` : `${columns[0]} IN (${keys.map((key) => placeholder(key[names[0]])).join(', ')})`
    : keys.map((key) => `(${names.map((name, i) => `${columns[i]} = ${placeholder(key[name])}`).join(' AND ')})`).join(' OR ');
  const selected = fields.map((name) => `${column(name)} AS ${quoteName(provider, name)}`).join(', ');
  const table = qualifiedTable(provider, postgresSchema, model.dbName);
  return [`SELECT ${selected} FROM ${table} WHERE ${where} ORDER BY ${columns.join(', ')} FOR UPDATE`, ...values];
}
