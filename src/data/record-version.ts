// A fingerprint of a record's stored values, carried by the change form: if it differs when the form is saved, someone
// else changed the record in between, and saving must not silently overwrite their work.
import { createHash } from 'node:crypto';
import type { ModelMeta } from '../schema/types.ts';

export function recordVersion(model: ModelMeta, record: Record<string, unknown>): string {
  const values = model.fields
    .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
    .map((f) => [f.name, canonical(record[f.name])]);
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 32);
}

function canonical(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return createHash('sha256').update(value).digest('hex');
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value.constructor?.name === 'Decimal') return String(value);
  return value;
}
