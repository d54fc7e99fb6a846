// The audit entries of a bulk run, a batch at a time: one INSERT … SELECT per 1,000 entries where the dialect fits
// (SQLite, PostgreSQL, MySQL/MariaDB), their varying columns in ONE bound JSON array that the database unpacks
// (jsonb_each, jsonb_array_elements, JSON_TABLE); Prisma's createMany elsewhere. Same columns and values as
// writeLogEntries. Why: Prisma's createMany ran at about 1,000 rows/s on SQLite, and a multi-row VALUES list of 100
// rows (800 bound values) at about 6,000 rows/s, slower than the bulk edit itself: Prisma's cost is per bound value.
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { PrismaClientLike } from '../data/delegates.ts';
import { qualifiedTable, quoteName, supportsRawSql } from '../data/raw-sql-names.ts';
import type { Provider } from '../schema/types.ts';
import { findModel } from '../schema/lookup.ts';
import { logEntryRows, writeLogEntries, type LogDetails } from './audit-log.ts';

const ROWS_PER_INSERT = 1_000;

/** The columns bound once per statement (the same for every entry of a request), then those read from the JSON. */
const BOUND = ['actionTime', 'userId', 'username'] as const;
const FROM_JSON = ['model', 'objectId', 'objectRepr', 'action', 'changeMessage'] as const;

export async function writeBulkLogEntries(ctx: AdminContext, tx: PrismaClientLike, request: FastifyRequest, admin: ResolvedModelAdmin, entries: LogDetails[]): Promise<void> {
  const { provider } = ctx.schema;
  const model = findModel(ctx.schema, 'AdminLogEntry');
  if (!supportsRawSql(provider) || !model || entries.length === 0) return writeLogEntries(tx, request, admin, entries);
  const rows = logEntryRows(request, admin, entries);
  const column = (name: string) => quoteName(provider, model.fields.find((f) => f.name === name)?.dbName ?? name);
  const sql = `INSERT INTO ${qualifiedTable(provider, ctx.postgresSchema, model.dbName)} (${[...BOUND, ...FROM_JSON].map(column).join(', ')}) ${selectFromJson(provider)}`;
  const raw = tx as unknown as { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> };
  const actionTime = new Date();
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    const chunk = rows.slice(at, at + ROWS_PER_INSERT);
    const json = JSON.stringify(chunk.map((row) => FROM_JSON.map((name) => row[name])));
    // SQLite takes it as UTF-8 bytes (cast back to text there): a string this long cost ~1.3 µs more per entry.
    await raw.$executeRawUnsafe(sql, actionTime, rows[0].userId, rows[0].username, provider === 'sqlite' ? Buffer.from(json) : json);
  }
}

/** `SELECT <3 bound values>, <the 5 text values of each element> FROM <the JSON array bound 4th>`. */
function selectFromJson(provider: Provider): string {
  const indexes = FROM_JSON.map((_, i) => i);
  switch (provider) {
    case 'postgresql':
      return `SELECT $1, $2, $3, ${indexes.map((i) => `e->>${i}`).join(', ')} FROM jsonb_array_elements($4::jsonb) AS e`;
    case 'mysql':
      return `SELECT ?, ?, ?, ${indexes.map((i) => `j.c${i}`).join(', ')} FROM JSON_TABLE(?, '$[*]' COLUMNS (${indexes.map((i) => `c${i} LONGTEXT PATH '$[${i}]'`).join(', ')})) AS j`;
    default:
      // The array parsed once into SQLite's binary JSON (3.45+; better-sqlite3 12 has 3.49 and later): json_extract
      // on each element's text parsed the element again per column (~1 µs per entry of 3.5).
      return `SELECT ?, ?, ?, ${indexes.map((i) => `value ->> ${i}`).join(', ')} FROM jsonb_each(jsonb(CAST(? AS TEXT)))`;
  }
}
