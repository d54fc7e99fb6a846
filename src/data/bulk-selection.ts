// What a bulk action runs over: the rows checked on one page, or every row of the list (Django's "select all N",
// `select_across`): the list's search, filters, drill-down and the admin's getQueryset, read through ChangeList in
// keyset batches, so that no run holds more than one batch of rows.
import type { AdminContext, AdminRequest } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import type { ModelMeta } from '../schema/types.ts';
import { keyListLimit } from './bound-values.ts';
import { ChangeList } from './change-list.ts';
import { delegateIn, type PrismaClientLike } from './delegates.ts';
import type { QueryString } from './list-params.ts';
import { keysWhere } from './keys-where.ts';
import { recordWhere } from './record-id.ts';
import { scopedWhere } from './scoped-where.ts';

type Row = Record<string, unknown>;

export type BulkSelection =
  /** The checked rows (encoded record ids). */
  | { kind: 'ids'; ids: string[] }
  /** Every row of the list of this query string. */
  | { kind: 'list'; query: QueryString };

/** Rows per query and per write of a bulk run, by default (AdminPluginOptions.bulkBatchSize). */
export const DEFAULT_BULK_BATCH_SIZE = 2_000;

/**
 * Rows per query and per write of a bulk run: by a one-column key `id IN (…)`, and Prisma's cost is per query as much
 * as per row, so large batches (but no more keys than the dialect binds next to the scope: keyListLimit); by a
 * compound key at most 500, whose OR of one term per row SQLite refuses past 1,000.
 */
export function bulkBatchSize(ctx: AdminContext, model: ModelMeta): number {
  const keyFields = Math.max(1, recordKeyFields(model).length);
  const size = Math.min(ctx.bulkBatchSize ?? DEFAULT_BULK_BATCH_SIZE, Math.floor(keyListLimit(ctx.schema.provider) / keyFields));
  return keyFields === 1 ? size : Math.min(size, 500);
}

/**
 * Rows per batch of a run whose work is the admin's own (Edit selected of columns; to-many fields' relation reads stay
 * at bulkBatchSize) over every row of the list: that selection is read by keyset, not by a key list, and the work
 * binds a batch's keys as one value (raw-update-many.ts) or in a lone `in` list, which Prisma splits; so the dialect's
 * bound values do not cap it, only a compound key does. Fewer, larger batches: 100,000 rows on SQLite in 50 batches,
 * not 125, 0.3 s of CPU less.
 */
export function ownWorkBatchSize(ctx: AdminContext, model: ModelMeta, selection: BulkSelection): number {
  if (selection.kind === 'ids' || recordKeyFields(model).length !== 1) return bulkBatchSize(ctx, model);
  return ctx.bulkBatchSize ?? DEFAULT_BULK_BATCH_SIZE;
}

/** Selects the record key only (a run locks and reads each batch again), or every stored field. */
export function bulkSelect(admin: ResolvedModelAdmin, what: 'key' | 'stored'): Row {
  const names = what === 'key' ? recordKeyFields(admin.model) : admin.model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => f.name);
  return Object.fromEntries(names.map((n) => [n, true]));
}

/**
 * The selection's rows, `batchSize` at a time, in primary-key order, read through `client` (a run's transaction):
 * a run that changes the rows it walks neither meets a row twice nor misses one.
 */
export async function* selectionBatches(ctx: AdminContext, admin: ResolvedModelAdmin, request: AdminRequest, selection: BulkSelection, options: { client?: PrismaClientLike; select?: Row | undefined; batchSize?: number } = {}): AsyncGenerator<Row[]> {
  const client = options.client ?? ctx.prisma;
  const select = options.select ?? bulkSelect(admin, 'stored');
  const batchSize = options.batchSize ?? bulkBatchSize(ctx, admin.model);
  if (selection.kind === 'ids') {
    const keys = [...new Set(selection.ids)].map((id) => recordWhere(ctx.schema, admin.model, id)).filter((w): w is Row => w !== null);
    const orderBy = recordKeyFields(admin.model).map((f) => ({ [f]: 'asc' }));
    for (let at = 0; at < keys.length; at += batchSize) {
      const batch = await delegateIn(client, admin.model.name).findMany({ where: scopedWhere(admin, request, keysWhere(admin.model, keys.slice(at, at + batchSize))), select, orderBy });
      if (batch.length) yield batch;
    }
    return;
  }
  const list = await ChangeList.of(ctx, admin, selection.query, { request });
  yield* list.batches(batchSize, select, { client, byPrimaryKey: true });
}
