// Optimistic locking, checked inside the write: a save locks the rows it is about to write in its own transaction
// (data/row-lock.ts), reads them again and compares their version (data/record-version.ts) with the one the form was
// opened with. Two saves of one version cannot both pass: the second waits for the first's commit, then sees its
// values. The check runs before the saveModel hook, in the transaction the hook is given, so a saveModel of the user's
// own (with or without calling super) is covered as long as it writes through its `client`.
import { lockRows } from '../data/row-lock.ts';
import { keysWhere } from '../data/keys-where.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { recordVersion } from '../data/record-version.ts';
import type { ModelMeta } from '../schema/types.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import type { RawClient } from '../data/raw-sql-names.ts';

type Row = Record<string, unknown>;

export const CONFLICT_MESSAGE = 'This record was changed by someone else after you opened this form. Its current values are shown beside your changes; save again to overwrite them with yours.';

/** A record changed (or was deleted: `current` null) since the form that saves it was opened. */
export class ConcurrentChangeError extends Error {
  constructor(readonly model: ModelMeta, readonly id: string, readonly current: Row | null) {
    super(`The ${model.name} ${id} was changed by someone else meanwhile.`);
    this.name = 'ConcurrentChangeError';
  }
}

export interface ExpectedVersion {
  /** The record's primary-key values (recordWhere). */
  key: Row;
  /** The version the form carried; undefined skips the comparison (the row is still locked). */
  version: string | undefined;
}

/**
 * In the save's transaction (`client`): locks the records, reads them again and returns them by id; throws a
 * ConcurrentChangeError for the first whose version is not the expected one (or that is gone).
 */
export async function lockAndCheckVersions(ctx: AdminContext, client: PrismaClientLike, model: ModelMeta, expected: ExpectedVersion[], include?: Row): Promise<Map<string, Row>> {
  const current = new Map<string, Row>();
  if (expected.length === 0) return current;
  await lockRows(client as unknown as RawClient, ctx.schema, ctx.postgresSchema, model, expected.map((e) => e.key));
  const rows = await delegateIn(client, model.name).findMany({ where: keysWhere(model, expected.map((e) => e.key)), ...(include ? { include } : {}) });
  for (const row of rows) current.set(encodeRecordId(model, row), row);
  for (const { key, version } of expected) {
    const id = encodeRecordId(model, key);
    const row = current.get(id);
    if (!row || (version !== undefined && recordVersion(model, row) !== version)) throw new ConcurrentChangeError(model, id, row ?? null);
  }
  return current;
}
