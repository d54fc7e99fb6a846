// The strings an add/change form's inputs show: from a record (change) or from the schema's static defaults (add).
import { encodeRecordId } from '../data/record-id.ts';
import { findModel } from '../schema/lookup.ts';
import type { FieldMeta, ModelMeta, NativeTypeMeta, RelationFieldMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import { formatForInput } from './datetime.ts';
import type { FormField } from './types.ts';

export type FormValues = Record<string, string | string[]>;

/**
 * What each input of a change form shows for `record` (fetched with its relations included: `author` as an object,
 * `tags` as an array). Date-times as `YYYY-MM-DDTHH:mm:ss` UTC, Decimal and BigInt as exact strings, Json
 * pretty-printed, lists one value per line, booleans `'true'`/`'false'`, relations as encoded record ids, and a file
 * field as a description of its current content (`'12 bytes'`, or `''` when empty).
 */
export function formValuesFromRecord(schema: SchemaMeta, model: ModelMeta, fields: FormField[], record: Record<string, unknown>, options: { jsonNulls?: ReadonlySet<string> } = {}): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const meta = model.fields.find((f) => f.name === field.name);
    if (!meta || meta.kind === 'unsupported') continue;
    values[field.name] = meta.kind === 'relation' ? relationValue(schema, model, meta, record) : valueText(meta, record[meta.name]);
    // Prisma reads a JSON null as null: a required Json column cannot be NULL, an optional one was checked (json-nulls.ts).
    if (isJsonNull(meta, record[meta.name], options.jsonNulls)) values[field.name] = 'null';
  }
  return values;
}

function isJsonNull(meta: FieldMeta, value: unknown, jsonNulls: ReadonlySet<string> | undefined): boolean {
  if (meta.kind !== 'scalar' || meta.type !== 'Json' || meta.isList || value !== null) return false;
  return meta.isRequired || jsonNulls?.has(meta.name) === true;
}

/** What each input of an add form starts with: static defaults (`@default(0)`, `@default(draft)`); others empty. */
export function initialFormValues(model: ModelMeta, fields: FormField[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const meta = model.fields.find((f) => f.name === field.name);
    if (!meta || (meta.kind !== 'scalar' && meta.kind !== 'enum') || meta.default?.kind !== 'static') continue;
    const value = meta.default.value;
    if (meta.kind === 'scalar' && meta.type === 'Json' && typeof value === 'string') values[field.name] = value;
    else if (meta.kind === 'scalar' && meta.type === 'DateTime' && typeof value === 'string') values[field.name] = valueText(meta, new Date(value));
    else if (meta.kind === 'enum' && meta.isList) values[field.name] = Array.isArray(value) ? value.map(String) : [];
    else values[field.name] = Array.isArray(value) ? value.map(String).join('\n') : value === null ? '' : String(value);
  }
  return values;
}

function valueText(meta: ValueFieldMeta, value: unknown): string | string[] {
  // An enum list is a group of checkboxes: the checked values.
  if (meta.kind === 'enum' && meta.isList) return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return '';
  if (meta.isList) return Array.isArray(value) ? value.map((v) => elementText(meta, v)).join('\n') : '';
  if (meta.kind === 'scalar' && meta.type === 'Json') return JSON.stringify(value, null, 2);
  if (meta.kind === 'scalar' && meta.type === 'Bytes') return value instanceof Uint8Array ? `${value.length} bytes` : '';
  return elementText(meta, value);
}

function elementText(meta: ValueFieldMeta, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatForInput(value, meta.nativeType);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (meta.kind === 'scalar' && meta.type === 'Json') return JSON.stringify(value);
  // Prisma's Decimal: toFixed() without digits gives every digit and never exponent notation (toString may: 1e-7).
  if (meta.kind === 'scalar' && meta.type === 'Decimal' && typeof value === 'object' && typeof (value as { toFixed?: unknown }).toFixed === 'function') {
    // A column with a scale shows it (`2.00` in a Decimal(10, 2)), as the database keeps it.
    const scale = decimalScale(meta.nativeType);
    return scale === null ? (value as { toFixed(): string }).toFixed() : (value as { toFixed(places?: number): string }).toFixed(scale);
  }
  return String(value);
}

function relationValue(schema: SchemaMeta, model: ModelMeta, meta: RelationFieldMeta, record: Record<string, unknown>): string | string[] {
  const related = findModel(schema, meta.type);
  if (!related) return meta.cardinality === 'one' ? '' : [];
  const value = record[meta.name];
  if (meta.cardinality === 'many') {
    return Array.isArray(value) ? value.map((item) => encodeRecordId(related, item as Record<string, unknown>)) : [];
  }
  if (value && typeof value === 'object') return encodeRecordId(related, value as Record<string, unknown>);
  if (value === null) return '';
  // Relation not included: rebuild the related key from the foreign key, when it references the primary key.
  const key: Record<string, unknown> = {};
  meta.toFields.forEach((to, i) => (key[to] = record[meta.fromFields[i]]));
  const referencesPrimaryKey = related.primaryKey.fields.length > 0 && related.primaryKey.fields.every((f) => meta.toFields.includes(f));
  const complete = Object.values(key).every((v) => v !== null && v !== undefined);
  return referencesPrimaryKey && complete && meta.fromFields.length > 0 ? encodeRecordId(related, key) : '';
}

/** The scale of a `@db.Decimal(p, s)` / `@db.Numeric(p, s)` / `@db.Money` column, or null when it has none. */
export function decimalScale(native: NativeTypeMeta | null): number | null {
  if (native?.name === 'Money') return 2;
  if ((native?.name !== 'Decimal' && native?.name !== 'Numeric') || native.args.length === 0) return null;
  const scale = Number(native.args[1] ?? 0);
  return Number.isInteger(scale) && scale >= 0 ? scale : null;
}
