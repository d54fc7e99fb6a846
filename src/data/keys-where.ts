// A where for many rows by their record key: `{ id: { in: [...] } }` (one bound list, quick to build and to plan),
// or an OR of compound keys.
import { recordKeyFields } from '../schema/record-key.ts';
import type { ModelMeta } from '../schema/types.ts';

type Row = Record<string, unknown>;

export function keysWhere(model: ModelMeta, rows: Row[]): Row {
  const fields = recordKeyFields(model);
  if (fields.length === 1) return { [fields[0]]: { in: rows.map((r) => r[fields[0]]) } };
  return { OR: rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]]))) };
}
