// What "Edit selected" reads of each selected row (the preview's count and the run): with the admin's own
// hasChangePermission(request, record) or recordLabel(record), every stored field, since those may read any; with the
// defaults, only the record key, the columns the edit sets (its diff compares them with the stored values) and the
// label field (audit entries and messages name rows by it). Why: a post's body and its other columns, read and
// converted for 100,000 rows, were a large share of the run's CPU time.
import { ModelAdmin } from '../admin/model-admin.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { bulkSelect } from '../data/bulk-selection.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { labelFieldName } from './record-label.ts';

/** The fields to read of each row for an edit that sets `columns` (none: for the selection's summary). */
export function bulkEditSelect(admin: ResolvedModelAdmin, columns: string[]): Record<string, true> {
  const stored = bulkSelect(admin, 'stored') as Record<string, true>;
  if (admin.admin.hasChangePermission !== ModelAdmin.prototype.hasChangePermission || admin.admin.recordLabel) return stored;
  const label = labelFieldName(admin);
  const names = [...recordKeyFields(admin.model), ...columns, ...(label ? [label] : [])];
  return Object.fromEntries(names.filter((name) => stored[name]).map((name) => [name, true]));
}
