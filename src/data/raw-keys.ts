// Key values in the admin's raw queries: keys of these types are read back as text (CAST … AS TEXT, the same on every
// driver) and turned into the value Prisma expects for the field.
import type { FieldMeta, ScalarFieldMeta } from '../schema/types.ts';

const TEXT_KEY_TYPES = new Set(['Int', 'BigInt', 'String']);

/** Whether a raw query can read this key column as text and give it back to Prisma. */
export function isTextKey(field: FieldMeta | undefined): field is ScalarFieldMeta {
  return field !== undefined && field.kind === 'scalar' && TEXT_KEY_TYPES.has(field.type) && !field.isList;
}

/** A key read as text, as the field's type (so an IN list compares like with like); undefined when invalid. */
export function keyFromText(field: FieldMeta, text: string): unknown {
  if (field.kind === 'scalar' && field.type === 'Int') return /^-?\d{1,10}$/.test(text) ? Number(text) : undefined;
  if (field.kind === 'scalar' && field.type === 'BigInt') return /^-?\d{1,20}$/.test(text) ? BigInt(text) : undefined;
  return text;
}
