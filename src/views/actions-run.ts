// A bulk run: every batch of the selection locked and read again (SQLite, which has no row locks, reads it once),
// checked against the per-record permission, handed to the work and logged, all in ONE transaction (SQLite,
// PostgreSQL, MySQL/MariaDB), so that a failing row leaves the table as it was. MySQL/MariaDB run it READ COMMITTED:
// under their default REPEATABLE READ a batch read after the first would see the transaction's first snapshot, not the
// rows as locked.
import type { FastifyRequest } from 'fastify';
import { BulkRowError } from '../admin/actions.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { LogDetails } from '../audit/audit-log.ts';
import { writeBulkLogEntries } from '../audit/bulk-log.ts';
import { bulkSelect, selectionBatches, type BulkSelection } from '../data/bulk-selection.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import { keysWhere } from '../data/keys-where.ts';
import type { RawClient } from '../data/raw-sql-names.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { lockAndRead, lockRows, readsWhileLocking } from '../data/row-lock.ts';
import { asLongRun } from '../data/sqlite-long-runs.ts';
import { recordLabel } from './record-label.ts';
import { ConcurrentChangeError } from './version-check.ts';

type Row = Record<string, unknown>;

/** The longest a bulk run's transaction may take (100,000 rows fit in it on SQLite and PostgreSQL). */
export const BULK_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

/** The work of one batch: writes through `client`, returns the audit entries of the rows it changed. */
export type BatchWork = (client: PrismaClientLike, records: Row[]) => Promise<LogDetails[]>;

export interface BulkRunResult {
  /** Rows handed to the work. */
  done: number;
  /** Rows left as they were: the user may not change them (they were listed on the confirmation page). */
  denied: number;
  /** Rows the work logged as changed. */
  changed: number;
}

/** A run that stopped: nothing of it was written. `row` names the failing record (or the first of its batch). */
export class BulkRunFailed extends Error {
  constructor(readonly row: string, readonly exact: boolean, readonly reason: string) {
    super(`The run stopped at ${row}: ${reason}`);
    this.name = 'BulkRunFailed';
  }
}

/**
 * `onBatch` hears of the rows done so far (handed to the work or left as denied) after every batch. `select`: the
 * stored fields the permission check and the work read of each row (default: every stored field). `batchSize`: rows
 * per batch (default: bulkBatchSize, which fits any work's key list into what the dialect binds).
 */
export async function runBulk(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, selection: BulkSelection, mayChange: (record: Row) => boolean, work: BatchWork, onBatch?: (done: number) => Promise<void>, select: Row = bulkSelect(admin, 'stored'), batchSize?: number): Promise<BulkRunResult> {
  const logs = ctx.auditLog && !!request.adminUser;
  // SQLite has no row locks: the transaction holds the database, so the batch as read is the batch as written.
  const locksRows = ctx.schema.provider !== 'sqlite';
  const run = ctx.prisma.$transaction as unknown as (fn: (tx: PrismaClientLike) => Promise<BulkRunResult>, options: object) => Promise<BulkRunResult>;
  return asLongRun(ctx.schema.provider, ctx.prisma, () => run.call(ctx.prisma, async (tx: PrismaClientLike) => {
    const result: BulkRunResult = { done: 0, denied: 0, changed: 0 };
    for await (const batch of selectionBatches(ctx, admin, request, selection, { client: tx, select: locksRows ? bulkSelect(admin, 'key') : select, batchSize })) {
      const records = locksRows ? await lockedRecords(ctx, tx, admin, batch, Object.keys(select)) : batch;
      const permitted = records.filter(mayChange);
      result.denied += records.length - permitted.length;
      if (permitted.length === 0) {
        await onBatch?.(result.done + result.denied);
        continue;
      }
      let entries: LogDetails[];
      try {
        entries = await work(tx, permitted);
      } catch (error) {
        if (error instanceof BulkRowError) throw new BulkRunFailed(`“${recordLabel(admin, error.record)}”`, true, error.message);
        throw new BulkRunFailed(`the batch starting at “${recordLabel(admin, permitted[0])}”`, false, error instanceof Error ? error.message.split('\n').filter(Boolean).pop() ?? String(error) : String(error));
      }
      result.done += permitted.length;
      result.changed += entries.length;
      if (logs) await writeBulkLogEntries(ctx, tx, request, admin, entries);
      await onBatch?.(result.done + result.denied);
    }
    return result;
  }, {
    timeout: BULK_TRANSACTION_TIMEOUT_MS,
    maxWait: 30_000,
    ...(ctx.schema.provider === 'mysql' ? { isolationLevel: 'ReadCommitted' } : {}),
  }));
}

/**
 * The batch's rows locked (`SELECT … FOR UPDATE`) and read again, in the batch's order: in that one statement on
 * PostgreSQL where its columns allow (data/row-lock.ts readsWhileLocking), else locked, then read by findMany.
 */
async function lockedRecords(ctx: AdminContext, tx: PrismaClientLike, admin: ResolvedModelAdmin, keys: Row[], fields: string[]): Promise<Row[]> {
  const { model } = admin;
  const raw = tx as unknown as RawClient;
  let rows: Row[];
  if (readsWhileLocking(ctx.schema, model, fields)) rows = await lockAndRead(raw, ctx.schema, ctx.postgresSchema, model, keys, fields);
  else {
    await lockRows(raw, ctx.schema, ctx.postgresSchema, model, keys);
    rows = await delegateIn(tx, model.name).findMany({ where: keysWhere(model, keys), select: Object.fromEntries(fields.map((f) => [f, true])) });
  }
  const byId = new Map(rows.map((row) => [encodeRecordId(model, row), row]));
  return keys.map((key) => {
    const row = byId.get(encodeRecordId(model, key));
    if (!row) throw new ConcurrentChangeError(model, encodeRecordId(model, key), null);
    return row;
  });
}
