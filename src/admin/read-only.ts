// Models the admin lists but never writes: views, and models with no record key (no @id, @@id or required @unique),
// whose rows cannot be addressed one by one. Said once here, for the list, the index page and `check`.
import type { ModelMeta } from '../schema/types.ts';
import { recordKeyOf } from '../schema/record-key.ts';

/** Why the model is read-only in the admin, or null when its records can be added, changed and deleted. */
export function readOnlyReason(model: ModelMeta): string | null {
  const keyless = recordKeyOf(model).kind === 'none';
  if (model.isView) return keyless ? 'a database view with no @unique on required fields, so its rows have no pages' : 'a database view';
  if (keyless) return 'no @id, @@id or @unique on required fields, so no row can be addressed alone';
  return null;
}

/** Whether rows of the model have their own pages (detail, and change/delete unless it is a view). */
export function hasRecordPages(model: ModelMeta): boolean {
  return recordKeyOf(model).kind !== 'none';
}

/** `12 models` or `12 models (2 read-only: CustomerRevenue, AuditTrail)`, for start-up messages. */
export function servedModelsSummary(models: ModelMeta[]): string {
  const readOnly = models.filter((m) => readOnlyReason(m) !== null).map((m) => m.name);
  const count = `${models.length} model${models.length === 1 ? '' : 's'}`;
  return readOnly.length ? `${count} (${readOnly.length} read-only: ${readOnly.join(', ')})` : count;
}
