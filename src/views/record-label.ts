// The text that stands for one record (Django's __str__): the admin's recordLabel(), its label field, or "Post 42".
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { labelFieldOf } from '../admin/field-kinds.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { modelLabel } from '../schema/lookup.ts';
import type { ModelMeta } from '../schema/types.ts';

export function recordLabel(admin: ResolvedModelAdmin, record: Record<string, unknown>): string {
  if (admin.admin.recordLabel) return admin.admin.recordLabel(record);
  return labelOf(admin.model, admin.labelField, record);
}

/** The field whose value labels a record when the admin has no recordLabel() of its own; null when none. */
export function labelFieldName(admin: ResolvedModelAdmin): string | null {
  return admin.labelField === undefined ? labelFieldOf(admin.model) : admin.labelField;
}

export function labelOf(model: ModelMeta, labelField: string | null | undefined, record: Record<string, unknown>): string {
  const field = labelField === undefined ? labelFieldOf(model) : labelField;
  const value = field ? record[field] : undefined;
  if (value !== undefined && value !== null && value !== '') return String(value);
  return `${modelLabel(model)} ${encodeRecordId(model, record)}`;
}
