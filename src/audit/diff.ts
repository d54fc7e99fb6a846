// What a change did, field by field, in the words of the list and detail pages.
import type { FormField } from '../forms/types.ts';
import { fieldLabel } from '../schema/lookup.ts';
import type { ModelMeta } from '../schema/types.ts';
import { displayValue, truncate } from '../views/display.ts';

export interface FieldChange {
  field: string;
  label: string;
  old: string;
  new: string;
  /** A password field: neither value is kept, the entry says only that it changed. */
  secret?: true;
}

/**
 * Compares the form's fields between the stored record before and after a save. Relations compare their keys; password
 * fields say only that they changed.
 */
export function diffRecords(model: ModelMeta, fields: FormField[], before: Record<string, unknown>, after: Record<string, unknown>, labelOf: (field: string, value: unknown) => string): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const form of fields) {
    if (form.readOnly) continue;
    const field = model.fields.find((f) => f.name === form.name);
    if (!field) continue;
    // Password fields (any model's passwordFields): a hash is a secret too; the log keeps only the fact of the change.
    if (form.widget === 'password') {
      if (before[field.name] !== after[field.name]) changes.push({ field: field.name, label: form.label || fieldLabel(field), old: '', new: '', secret: true });
      continue;
    }
    const old = field.kind === 'relation' ? labelOf(field.name, before[field.name]) : displayValue(field, before[field.name], '(empty)').text;
    const now = field.kind === 'relation' ? labelOf(field.name, after[field.name]) : displayValue(field, after[field.name], '(empty)').text;
    if (field.kind === 'scalar' && field.type === 'Bytes') {
      if (!sameBytes(before[field.name], after[field.name])) changes.push({ field: field.name, label: fieldLabel(field), old, new: now });
      continue;
    }
    if (old !== now) changes.push({ field: field.name, label: fieldLabel(field), old: truncate(old, 120), new: truncate(now, 120) });
  }
  return changes;
}

function sameBytes(a: unknown, b: unknown): boolean {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
