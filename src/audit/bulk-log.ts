// The audit entries of a bulk run, a batch at a time: one multi-row INSERT per 100 entries where the dialect fits
// (SQLite, PostgreSQL, MySQL/MariaDB), because Prisma's createMany of the log entries ran at about 1,000 rows/s on
// SQLite, slower than the bulk edit itself; Prisma's createMany elsewhere. Same columns and values as writeLogEntries.
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { PrismaClientLike } from '../data/delegates.ts';
import { qualifiedTable, quoteName, supportsRawSql } from '../data/raw-sql-names.ts';
import { findModel } from '../schema/lookup.ts';
import { logEntryRows, writeLogEntries, type LogDetails } from './audit-log.ts';

const ROWS_PER_INSERT = 100;

export async function writeBulkLogEntries(ctx: AdminContext, tx: PrismaClientLike, request: FastifyRequest, admin: ResolvedModelAdmin, entries: LogDetails[]): Promise<void> {
  const { provider } = ctx.schema;
  const model = findModel(ctx.schema, 'AdminLogEntry');
  if (!supportsRawSql(provider) || !model || entries.length === 0) return writeLogEntries(tx, request, admin, entries);
  const rows = logEntryRows(request, admin, entries).map((row) => ({ actionTime: new Date(), ...row }));
  const names = Object.keys(rows[0]);
  const columns = names.map((name) => quoteName(provider, model.fields.find((f) => f.name === name)?.dbName ?? name)).join(', ');
  const table = qualifiedTable(provider, ctx.postgresSchema, model.dbName);
  const raw = tx as unknown as { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> };
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    const chunk = rows.slice(at, at + ROWS_PER_INSERT);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => `(${names.map((name) => {
      values.push((row as Record<string, unknown>)[name]);
      return provider === 'postgresql' ? `$${values.length}` : '?';
    }).join(', ')})`);
    await raw.$executeRawUnsafe(`INSERT INTO ${table} (${columns}) VALUES ${tuples.join(', ')}`, ...values);
  }
}
