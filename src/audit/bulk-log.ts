// The audit entries of a bulk run, a batch at a time: one INSERT … SELECT per 1,000 entries (SQLite: 2,000) where the
// dialect fits (SQLite, PostgreSQL, MySQL/MariaDB), their varying columns in ONE bound JSON document that the
// database unpacks (jsonb_each, jsonb_array_elements, JSON_TABLE); Prisma's createMany elsewhere. Same columns and
// values as writeLogEntries. Why: Prisma's createMany ran at about 1,000 rows/s on SQLite, and a multi-row VALUES list
// of 100 rows (800 bound values) at about 6,000 rows/s, slower than the bulk edit itself: Prisma's cost is per bound
// value.
// The document groups consecutive entries that share model, action and message (a bulk edit's rows mostly say the same
// "Changed Status from draft to archived"): each message is in it once, not once per row. Prisma serializes a raw
// query's values (bytes as base64, then all as JSON, parsed again in the adapter), so its size is CPU time.
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { PrismaClientLike } from '../data/delegates.ts';
import { qualifiedTable, quoteName, supportsRawSql } from '../data/raw-sql-names.ts';
import type { Provider } from '../schema/types.ts';
import { findModel } from '../schema/lookup.ts';
import { logEntryRows, writeLogEntries, type LogDetails } from './audit-log.ts';

/**
 * Entries per INSERT: 1,000 where the document crosses a network (a server's packet limit), the bulk batch's 2,000 on
 * SQLite (in the process; fewer of Prisma's raw calls, each of which serializes its values twice).
 */
export function rowsPerInsert(provider: Provider): number {
  return provider === 'sqlite' ? 2_000 : 1_000;
}

/** The columns bound once per statement (the same for every entry of a request), then those read from the JSON. */
const BOUND = ['actionTime', 'userId', 'username'] as const;
const FROM_GROUP = ['model', 'action', 'changeMessage'] as const;
const FROM_ENTRY = ['objectId', 'objectRepr'] as const;

type LogRow = ReturnType<typeof logEntryRows>[number];
/** `[model, action, changeMessage, [[objectId, objectRepr], …]]`: a run of consecutive entries that share the first three. */
type Group = [string, string, string, [string, string][]];

export async function writeBulkLogEntries(ctx: AdminContext, tx: PrismaClientLike, request: FastifyRequest, admin: ResolvedModelAdmin, entries: LogDetails[]): Promise<void> {
  const { provider } = ctx.schema;
  const model = findModel(ctx.schema, 'AdminLogEntry');
  if (!supportsRawSql(provider) || !model || entries.length === 0) return writeLogEntries(tx, request, admin, entries);
  const rows = logEntryRows(request, admin, entries);
  const column = (name: string) => quoteName(provider, model.fields.find((f) => f.name === name)?.dbName ?? name);
  const sql = `${provider === 'sqlite' ? SQLITE_GROUPS : ''}INSERT INTO ${qualifiedTable(provider, ctx.postgresSchema, model.dbName)} (${[...BOUND, ...FROM_GROUP, ...FROM_ENTRY].map(column).join(', ')}) ${selectFromJson(provider)}`;
  const raw = tx as unknown as { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> };
  const actionTime = new Date();
  const perInsert = rowsPerInsert(provider);
  for (let at = 0; at < rows.length; at += perInsert) {
    const json = JSON.stringify(groupsOf(rows, at, Math.min(rows.length, at + perInsert)));
    // SQLite takes it as UTF-8 bytes (cast back to text there): a long string cost ~1.3 µs more per entry.
    if (provider === 'sqlite') await raw.$executeRawUnsafe(sql, Buffer.from(json), actionTime, rows[0].userId, rows[0].username);
    else await raw.$executeRawUnsafe(sql, actionTime, rows[0].userId, rows[0].username, json);
  }
}

/** SQLite's groups, each read once (its parameter is the statement's first: the document as UTF-8 bytes). */
const SQLITE_GROUPS = `WITH g AS MATERIALIZED (SELECT ${FROM_GROUP.map((name, i) => `value ->> ${i} AS ${name}`).join(', ')}, jsonb_extract(value, '$[${FROM_GROUP.length}]') AS entries FROM jsonb_each(jsonb(CAST(? AS TEXT)))) `;

/** Rows `from` to `to` (excluded) as groups of consecutive rows that share model, action and message, in their order. */
function groupsOf(rows: LogRow[], from: number, to: number): Group[] {
  const groups: Group[] = [];
  let group: Group | null = null;
  for (let i = from; i < to; i++) {
    const row = rows[i];
    if (!group || group[0] !== row.model || group[1] !== row.action || group[2] !== row.changeMessage) groups.push((group = [row.model, row.action, row.changeMessage, []]));
    group[3].push([row.objectId, row.objectRepr]);
  }
  return groups;
}

/**
 * `SELECT <3 bound values>, <the group's 3 texts>, <the entry's 2 texts> FROM <each group of the JSON bound 4th>, <each
 * entry of that group>`, entries in the document's order.
 */
function selectFromJson(provider: Provider): string {
  const group = FROM_GROUP.map((_, i) => i);
  const entry = FROM_ENTRY.map((_, i) => i);
  switch (provider) {
    case 'postgresql':
      return `SELECT $1, $2, $3, ${group.map((i) => `g.v->>${i}`).join(', ')}, ${entry.map((i) => `e.v->>${i}`).join(', ')} FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS g(v, n) CROSS JOIN LATERAL jsonb_array_elements(g.v->${FROM_GROUP.length}) WITH ORDINALITY AS e(v, n) ORDER BY g.n, e.n`;
    case 'mysql':
      return `SELECT ?, ?, ?, ${group.map((i) => `j.g${i}`).join(', ')}, ${entry.map((i) => `j.e${i}`).join(', ')} FROM JSON_TABLE(?, '$[*]' COLUMNS (${group.map((i) => `g${i} LONGTEXT PATH '$[${i}]'`).join(', ')}, NESTED PATH '$[${FROM_GROUP.length}][*]' COLUMNS (${entry.map((i) => `e${i} LONGTEXT PATH '$[${i}]'`).join(', ')}))) AS j`;
    default:
      // The document parsed once into SQLite's binary JSON (3.45+; better-sqlite3 12 has 3.49 and later): json_extract
      // on each element's text parsed the element again per column. The groups are materialized: a group's entries
      // read through jsonb_each's value column per row copied the whole group for every row. jsonb_each walks an
      // array in its order.
      return `SELECT ?, ?, ?, ${FROM_GROUP.map((name) => `g.${name}`).join(', ')}, ${entry.map((i) => `e.value ->> ${i}`).join(', ')} FROM g, jsonb_each(g.entries) AS e`;
  }
}
