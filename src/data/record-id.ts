// The `<id>` in admin URLs: a primary key (single or composite, of any type) as one string, and back again.
// Single keys are the value itself ("42", "a1b2-..."); composite keys join their parts with ",", each part escaping
// "%" and ",". URLs then carry it through encodeURIComponent, so any value round-trips.
import type { EnumMeta, ModelMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import { recordKeyFields, recordKeyOf } from '../schema/record-key.ts';

export type UniqueWhere = Record<string, unknown>;

export function encodeRecordId(model: ModelMeta, record: Record<string, unknown>): string {
  return encodeKey(recordKeyFields(model), record);
}

/** The Prisma `where` input for one record, or null when the string is not a valid id of this model. */
export function decodeRecordId(schema: SchemaMeta, model: ModelMeta, id: string): UniqueWhere | null {
  const key = recordKeyOf(model);
  const names = key.fields;
  const values = decodeKey(schema, model, names, id);
  if (!values) return null;
  if (names.length === 1) return values;
  return { [key.name]: values };
}

/** The record's primary key as a plain filter (`{ a, b }`), for findFirst/OR/AND; null when not a valid id. */
export function recordWhere(schema: SchemaMeta, model: ModelMeta, id: string): UniqueWhere | null {
  return decodeKey(schema, model, recordKeyFields(model), id);
}

/** The values of some fields of a record (a key: the primary key, or the fields a relation references) as one string. */
export function encodeKey(fieldNames: string[], record: Record<string, unknown>): string {
  const parts = fieldNames.map((name) => encodeValue(record[name]));
  return parts.length === 1 ? parts[0] : parts.map(escapePart).join(',');
}

/** The field values encoded by `encodeKey`, parsed by their types; null when the text is not a valid key. */
export function decodeKey(schema: SchemaMeta, model: ModelMeta, fieldNames: string[], text: string): Record<string, unknown> | null {
  if (fieldNames.length === 0) return null;
  const raw = fieldNames.length === 1 ? [text] : text.split(',').map(unescapePart);
  if (raw.length !== fieldNames.length) return null;
  const values: Record<string, unknown> = {};
  for (let i = 0; i < fieldNames.length; i++) {
    const field = model.fields.find((f) => f.name === fieldNames[i]);
    if (!field || (field.kind !== 'scalar' && field.kind !== 'enum')) return null;
    const value = parseKeyPart(field, raw[i], schema.enums);
    if (value === undefined) return null;
    values[fieldNames[i]] = value;
  }
  return values;
}

function encodeValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64url');
  return String(value);
}

const escapePart = (part: string) => part.replace(/%/g, '%25').replace(/,/g, '%2C');
const unescapePart = (part: string) => part.replace(/%2C/gi, ',').replace(/%25/g, '%');

/** Parses one key part by its field type; undefined when it is not a valid value of that type. */
export function parseKeyPart(field: ValueFieldMeta, text: string, enums: EnumMeta[]): unknown {
  if (field.kind === 'enum') {
    const known = enums.find((e) => e.name === field.type)?.values.some((v) => v.name === text);
    return known ? text : undefined;
  }
  switch (field.type) {
    case 'String':
      return text;
    case 'Int': // 32-bit, as Prisma's Int (PostgreSQL answers a wider value with an error, not "not found")
      return /^-?\d{1,10}$/.test(text) && Number(text) >= -(2 ** 31) && Number(text) < (field.nativeType?.name === 'UnsignedInt' ? 2 ** 32 : 2 ** 31) ? Number(text) : undefined;
    case 'BigInt':
      return /^-?\d{1,20}$/.test(text) && BigInt(text) >= -(2n ** 63n) && BigInt(text) < 2n ** 63n ? BigInt(text) : undefined;
    case 'Float': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'Decimal':
      return /^-?\d{1,65}(\.\d{1,65})?$/.test(text) ? text : undefined;
    case 'Boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'DateTime': {
      const d = new Date(text);
      return Number.isNaN(d.getTime()) ? undefined : d;
    }
    case 'Bytes':
      return /^[A-Za-z0-9_-]*$/.test(text) ? new Uint8Array(Buffer.from(text, 'base64url')) : undefined;
    case 'Json':
      return undefined;
  }
}
