// The write of one batch of an import's planned rows, inside the confirm's transaction, with an audit entry per row.
// When the ModelAdmin keeps the default saveModel, the batch's new rows go in one createManyAndReturn (Prisma's
// per-query cost, not the rows, was the import's time: ~850 rows/s through per-row creates) and its entries in one
// multi-row INSERT (writeBulkLogEntries). A saveModel of the admin's own is called per row, so its hooks hold.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { ModelAdmin } from '../admin/model-admin.ts';
import { writeBulkLogEntries } from '../audit/bulk-log.ts';
import type { LogDetails } from '../audit/audit-log.ts';
import { diffRecords } from '../audit/diff.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import { supportsRawSql } from '../data/raw-sql-names.ts';
import type { ModelMeta, Provider } from '../schema/types.ts';
import { readOnlyText } from './readonly-text.ts';
import { recordLabel } from './record-label.ts';
import { storedWhere, type PlannedRow, type PlanInput } from './import-plan.ts';

/** Planned rows per batch: one createManyAndReturn and one audit INSERT each on the fast path. */
export const IMPORT_BATCH_ROWS = 1000;

/** A row's write failed: nothing was written. `line` is the row's line in the file. */
export class ImportWriteFailed extends Error {
  constructor(readonly line: number, readonly cause: unknown) {
    super(`The row on line ${line} could not be written: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

type Row = Record<string, unknown>;
type BulkDelegate = { createManyAndReturn(args: object): Promise<Row[]>; createMany(args: object): Promise<{ count: number }>; findMany(args: object): Promise<Row[]> };
type RawClient = { $executeRawUnsafe(sql: string): Promise<number> };

/** True when the admin's saveModel is ModelAdmin's own (create / update), so a batch may be written without it. */
export function usesDefaultSaveModel(admin: ResolvedModelAdmin): boolean {
  return admin.admin.saveModel === ModelAdmin.prototype.saveModel;
}

/** Writes the new and changed rows of `rows` through `tx` and logs each; returns how many it wrote. */
export async function writeImportBatch(input: PlanInput, tx: PrismaClientLike, rows: PlannedRow[]): Promise<number> {
  const { ctx, admin } = input;
  const writing = rows.filter((row) => row.status === 'new' || row.status === 'changed');
  if (writing.length === 0) return 0;
  const bulk = usesDefaultSaveModel(admin) ? bulkCreate(ctx.schema.provider, admin.model) : null;
  const flat = bulk ? writing.map((row) => (row.status === 'new' ? uncheckedData(admin.model, row.data) : null)) : [];
  const inBulk = writing.filter((_, i) => flat[i]);
  const log: LogDetails[] = [];
  const bulkRows = new Set<PlannedRow>();
  if (inBulk.length > 1 && bulk) {
    const oneByOne = async () => {
      const entries: LogDetails[] = [];
      for (const row of inBulk) entries.push(await writeRow(input, tx, row));
      return entries;
    };
    const entries = await withSavepoint(ctx.schema.provider, tx, async () => {
      const records = await bulk(tx, flat.filter((data): data is Row => data !== null));
      return records ? records.map((record): LogDetails => ({ action: 'add', record, label: recordLabel(admin, record) })) : oneByOne();
    }, oneByOne, inBulk[0].line);
    log.push(...entries);
    for (const row of inBulk) bulkRows.add(row);
  }
  for (const row of writing) if (!bulkRows.has(row)) log.push(await writeRow(input, tx, row));
  if (ctx.auditLog && input.request.adminUser) await writeBulkLogEntries(ctx, tx, input.request, admin, log);
  return writing.length;
}

/** One row through the admin's saveModel, as the add and change forms write it. */
async function writeRow(input: PlanInput, tx: PrismaClientLike, row: PlannedRow): Promise<LogDetails> {
  const { ctx, admin, request } = input;
  try {
    if (row.status === 'new') {
      const record = await admin.admin.saveModel(tx, { data: row.data, mode: 'add', request });
      return { action: 'add', record, label: recordLabel(admin, record) };
    }
    const before = row.record!;
    const data = Object.fromEntries(row.diff.filter((d) => d.field in row.data).map((d) => [d.field, row.data[d.field]]));
    const after = await admin.admin.saveModel(tx, { data, mode: 'change', where: storedWhere(ctx, admin, before), request, record: before });
    const label = (fieldName: string, value: unknown) => {
      const meta = admin.model.fields.find((f) => f.name === fieldName);
      return meta ? readOnlyText(ctx, admin, meta, value) : '';
    };
    return { action: 'change', record: after, label: recordLabel(admin, after), changes: diffRecords(admin.model, input.fields, before, after, label) };
  } catch (error) {
    throw new ImportWriteFailed(row.line, error);
  }
}

/**
 * How this provider creates many rows and gets them back with the ids the database gave them (for the audit entries):
 * createManyAndReturn (PostgreSQL, CockroachDB, SQLite); elsewhere (MySQL has no RETURNING) createMany, then the rows
 * read back by a single-field unique key every row fills; null when neither fits (the rows go one at a time).
 */
function bulkCreate(provider: Provider, model: ModelMeta): ((tx: PrismaClientLike, rows: Row[]) => Promise<Row[] | null>) | null {
  if (provider === 'postgresql' || provider === 'cockroachdb' || provider === 'sqlite') {
    return (tx, rows) => (delegateIn(tx, model.name) as unknown as BulkDelegate).createManyAndReturn({ data: rows });
  }
  if (provider !== 'mysql') return null;
  const uniques = model.fields.filter((f) => f.kind === 'scalar' && (f.isId || f.isUnique)).map((f) => f.name);
  return async (tx, rows) => {
    const delegate = delegateIn(tx, model.name) as unknown as BulkDelegate;
    const key = uniques.find((name) => rows.every((row) => row[name] !== undefined && row[name] !== null));
    if (!key) return null;
    await delegate.createMany({ data: rows });
    return delegate.findMany({ where: { [key]: { in: rows.map((row) => row[key]) } } });
  };
}

/**
 * A new row's form data as createMany takes it: to-one relations (`author: { connect: { id: 1 } }`) as their
 * foreign-key columns (`authorId: 1`). Null when it has a to-many relation or a connect by another key (then the row
 * is created on its own).
 */
export function uncheckedData(model: ModelMeta, data: Row): Row | null {
  const result: Row = {};
  for (const [name, value] of Object.entries(data)) {
    const field = model.fields.find((f) => f.name === name);
    if (field?.kind !== 'relation') {
      result[name] = value;
      continue;
    }
    const connect = field.cardinality === 'one' && value && typeof value === 'object' ? (value as { connect?: Row }).connect : undefined;
    if (!connect || Object.keys(value as Row).length !== 1) return null;
    const where = flatWhere(connect);
    for (const [i, column] of field.fromFields.entries()) {
      const target = field.toFields[i];
      if (!(target in where)) return null;
      result[column] = where[target];
    }
  }
  return result;
}

// A compound unique where (`{ a_b: { a: 1, b: 2 } }`) as its fields.
function flatWhere(where: Row): Row {
  const flat: Row = {};
  for (const [key, value] of Object.entries(where)) {
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) Object.assign(flat, value);
    else flat[key] = value;
  }
  return flat;
}

/**
 * Runs `work` inside a savepoint of the transaction. When it fails, the savepoint undoes it and `oneByOne` writes the
 * same rows a row at a time: the failing row throws ImportWriteFailed with its line (the page names it), and a batch
 * whose rows all go in one by one is written after all. Without raw SQL there is no savepoint: the batch's error is
 * the failure of its first row's line.
 */
async function withSavepoint<T>(provider: Provider, tx: PrismaClientLike, work: () => Promise<T>, oneByOne: () => Promise<T>, firstLine: number): Promise<T> {
  const raw = tx as unknown as RawClient;
  if (!supportsRawSql(provider)) return work().catch((error) => Promise.reject(new ImportWriteFailed(firstLine, error)));
  await raw.$executeRawUnsafe('SAVEPOINT prisma_admin_import_batch');
  try {
    const result = await work();
    await raw.$executeRawUnsafe('RELEASE SAVEPOINT prisma_admin_import_batch');
    return result;
  } catch {
    await raw.$executeRawUnsafe('ROLLBACK TO SAVEPOINT prisma_admin_import_batch');
    return oneByOne();
  }
}
