// The write of one batch of an import's planned rows, inside the confirm's transaction, with an audit entry per row.
// When the ModelAdmin keeps the default saveModel, the batch's new rows go in a few multi-row raw INSERTs
// (rawCreateMany: Prisma's createManyAndReturn cost ~150 µs of CPU per row, most of the confirm) where they can be
// written exactly as Prisma writes them, else in one createManyAndReturn (Prisma's per-query cost, not the rows, was
// the import's time: ~850 rows/s through per-row creates); its entries go in one multi-row INSERT
// (writeBulkLogEntries); changed rows that set the same values share an updateMany. A saveModel of the admin's own is
// called per row, so its hooks hold.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { ModelAdmin } from '../admin/model-admin.ts';
import { writeBulkLogEntries } from '../audit/bulk-log.ts';
import type { LogDetails } from '../audit/audit-log.ts';
import { diffRecords } from '../audit/diff.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import { keysWhere } from '../data/keys-where.ts';
import { rawCreateMany, rawCreateObstacle, type RawCreateTarget } from '../data/raw-create-many.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { supportsRawSql, type RawClient as RawQueryClient } from '../data/raw-sql-names.ts';
import type { FieldMeta, ModelMeta, Provider } from '../schema/types.ts';
import { relationLabeller } from './form-relations.ts';
import { labelFieldName, recordLabel } from './record-label.ts';
import { canonicalText, storedWhere, type PlannedRow, type PlanInput } from './import-plan.ts';

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
  const log: LogDetails[] = [];
  const written = new Set<PlannedRow>();
  if (usesDefaultSaveModel(admin)) {
    log.push(...(await createInBulk(input, tx, writing.filter((row) => row.status === 'new'), written)));
    log.push(...(await updateInGroups(input, tx, writing.filter((row) => row.status === 'changed'), written)));
  }
  for (const row of writing) if (!written.has(row)) log.push(await writeRow(input, tx, row));
  if (ctx.auditLog && input.request.adminUser) await writeBulkLogEntries(ctx, tx, input.request, admin, log);
  return writing.length;
}

/** The new rows that createMany takes, in one call (`written` gets them); the others are left to writeRow. */
async function createInBulk(input: PlanInput, tx: PrismaClientLike, rows: PlannedRow[], written: Set<PlannedRow>): Promise<LogDetails[]> {
  const { ctx, admin } = input;
  const flat = rows.map((row) => ({ row, data: uncheckedData(admin.model, row.data) })).filter((r): r is { row: PlannedRow; data: Row } => r.data !== null);
  if (flat.length < 2) return [];
  const bulk = rawBulkCreate(input, flat.map((r) => r.data)) ?? bulkCreate(ctx.schema.provider, admin.model);
  if (!bulk) return [];
  const oneByOne = () => writeRows(input, tx, flat.map((r) => r.row));
  const entries = await withSavepoint(ctx.schema.provider, tx, async () => {
    const records = await bulk(tx, flat.map((r) => r.data));
    return records ? records.map((record): LogDetails => ({ action: 'add', record, label: recordLabel(admin, record) })) : oneByOne();
  }, oneByOne, flat[0].row.line);
  for (const { row } of flat) written.add(row);
  return entries;
}

/**
 * Changed rows that set the same values (`status` → archived on many rows) in one updateMany per group, read back for
 * their entries' diffs; a row whose values are its own is left to writeRow.
 */
async function updateInGroups(input: PlanInput, tx: PrismaClientLike, rows: PlannedRow[], written: Set<PlannedRow>): Promise<LogDetails[]> {
  const { ctx, admin } = input;
  const model = admin.model;
  const groups = new Map<string, { data: Row; rows: PlannedRow[] }>();
  for (const row of rows) {
    const data = uncheckedData(model, changedData(row));
    if (!data || !row.record) continue;
    const key = canonicalText(data);
    const group = groups.get(key) ?? { data, rows: [] };
    groups.set(key, group);
    group.rows.push(row);
  }
  const delegate = delegateIn(tx, model.name);
  const entries: LogDetails[] = [];
  for (const { data, rows: all } of groups.values()) {
    if (all.length < 2) continue;
    for (let at = 0; at < all.length; at += UPDATE_CHUNK) {
      const group = all.slice(at, at + UPDATE_CHUNK);
      const oneByOne = () => writeRows(input, tx, group);
      entries.push(...(await withSavepoint(ctx.schema.provider, tx, async () => {
        const where = keysWhere(model, group.map((row) => row.record!));
        const { count } = await delegate.updateMany({ where, data });
        // A record gone since the plan: the rows one by one name it.
        if (count !== group.length) return Promise.reject(new Error(`updateMany changed ${count} of ${group.length} records`));
        const after = new Map((await delegate.findMany({ where })).map((record) => [encodeRecordId(model, record), record]));
        return group.map((row) => changeEntry(input, row.record!, after.get(encodeRecordId(model, row.record!)) ?? row.record!));
      }, oneByOne, group[0].line)));
      for (const row of group) written.add(row);
    }
  }
  return entries;
}

// Records per updateMany: its `in` list stays within every provider's bound-parameter limit.
const UPDATE_CHUNK = 500;

async function writeRows(input: PlanInput, tx: PrismaClientLike, rows: PlannedRow[]): Promise<LogDetails[]> {
  const entries: LogDetails[] = [];
  for (const row of rows) entries.push(await writeRow(input, tx, row));
  return entries;
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
    const after = await admin.admin.saveModel(tx, { data: changedData(row), mode: 'change', where: storedWhere(ctx, admin, before), request, record: before });
    return changeEntry(input, before, after);
  } catch (error) {
    throw new ImportWriteFailed(row.line, error);
  }
}

/** A changed row's data: the fields that differ from the stored record. */
function changedData(row: PlannedRow): Row {
  return Object.fromEntries(row.diff.filter((d) => d.field in row.data).map((d) => [d.field, row.data[d.field]]));
}

function changeEntry(input: PlanInput, before: Row, after: Row): LogDetails {
  const { ctx, admin } = input;
  return { action: 'change', record: after, label: recordLabel(admin, after), changes: diffRecords(admin.model, input.fields, before, after, relationLabeller(ctx, admin)) };
}

/**
 * The raw INSERTs of rawCreateMany for these rows (as createMany takes them: uncheckedData), when they write them as
 * Prisma would (else null): they return each row's key and label field; an admin's own recordLabel gets the records
 * Prisma reads back by those keys.
 */
export function rawBulkCreate(input: PlanInput, data: Row[]): ((tx: PrismaClientLike, rows: Row[]) => Promise<Row[]>) | null {
  const { ctx, admin } = input;
  const target: RawCreateTarget = { provider: ctx.schema.provider, enums: ctx.schema.enums, postgresSchema: ctx.postgresSchema, model: admin.model };
  const ownLabel = admin.admin.recordLabel !== undefined;
  const label = ownLabel ? null : labelFieldName(admin);
  const returning = label ? [label] : [];
  if (rawCreateObstacle(target, data, returning) !== null) return null;
  return async (tx, rows) => {
    const keys = await rawCreateMany(tx as unknown as RawQueryClient, target, rows, returning);
    return ownLabel ? delegateIn(tx, admin.model.name).findMany({ where: keysWhere(admin.model, keys) }) : keys;
  };
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
 * foreign-key columns (`authorId: 1`; a change's disconnect as null). Null when it has a to-many relation or a connect
 * by another key (then the row is written on its own).
 */
export function uncheckedData(model: ModelMeta, data: Row): Row | null {
  const result: Row = {};
  for (const [name, value] of Object.entries(data)) {
    const field = fieldsByName(model).get(name);
    if (field?.kind !== 'relation') {
      result[name] = value;
      continue;
    }
    const write = field.cardinality === 'one' && value && typeof value === 'object' ? (value as { connect?: Row; disconnect?: boolean }) : undefined;
    if (!write || Object.keys(write).length !== 1) return null;
    if (write.disconnect === true) {
      for (const column of field.fromFields) result[column] = null;
      continue;
    }
    const connect = write.connect;
    if (!connect) return null;
    const where = flatWhere(connect);
    for (const [i, column] of field.fromFields.entries()) {
      const target = field.toFields[i];
      if (!(target in where)) return null;
      result[column] = where[target];
    }
  }
  return result;
}

const fieldMaps = new WeakMap<ModelMeta, Map<string, FieldMeta>>();
function fieldsByName(model: ModelMeta): Map<string, FieldMeta> {
  let map = fieldMaps.get(model);
  if (!map) fieldMaps.set(model, (map = new Map(model.fields.map((f) => [f.name, f]))));
  return map;
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
