// A field's value as the text of a read-only form field: related records by their labels, other values as on the
// detail page.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { AdminContext } from '../admin/context.ts';
import type { FieldMeta } from '../schema/types.ts';
import { displayValue } from './display.ts';
import { recordLabel } from './record-label.ts';
import { relatedAdminOf } from './relation-choices.ts';

export function readOnlyText(ctx: AdminContext, admin: ResolvedModelAdmin, meta: FieldMeta, value: unknown): string {
  if (meta.kind !== 'relation') return displayValue(meta, value, admin.emptyValueDisplay).text;
  const related = relatedAdminOf(ctx, meta.type);
  const records = (Array.isArray(value) ? value : value ? [value] : []) as Record<string, unknown>[];
  if (!related || records.length === 0) return admin.emptyValueDisplay;
  return records.map((r) => recordLabel(related, r)).join(', ');
}
