// A list's Prisma where as SQL on one table, for the planner's row estimate of a filtered list (filtered-count.ts) and
// the grouped facet counts (filters/grouped-facets.ts):
// AND / OR of equalities, `in` lists, nulls, ranges (gt, gte, lt, lte) and `contains` (the admin's search) on scalar
// and enum columns, and `{ relation: { is: ... } }` through a one-column foreign key (a search of `author.name`).
// Anything else (to-many relations, NOT, JSON paths, other operators) is not translated: the caller then
// counts through Prisma. Column names come from the schema only; every value is a bound parameter, on PostgreSQL cast
// to the column's kind so that the planner compares it as the query would. On SQLite, dates are not translated (Prisma
// stores them as text in a format of its own, or as numbers in older files).
import { findModel } from '../schema/lookup.ts';
import type { FieldMeta, ModelMeta, RelationFieldMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import { qualifiedTable, quoteName } from './raw-sql-names.ts';

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

type Where = Record<string, unknown>;

const RANGES: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** The condition for `where` on `model`'s table, or null when some part of it is not translated. */
export function listWhereSql(provider: SqlProvider, schema: SchemaMeta, model: ModelMeta, where: Where, postgresSchema?: string | null): SqlWhere | null {
  const params: unknown[] = [];
  const bind = (value: unknown, cast: string) => {
    params.push(value);
    return provider === 'postgresql' ? `$${params.length}${cast}` : '?';
  };
  const ctx: Translation = { provider, schema, model, bind, postgresSchema: postgresSchema ?? null };
  const sql = translate(ctx, where);
  return sql === null ? null : { sql, params };
}

export type SqlProvider = 'postgresql' | 'mysql' | 'sqlite';

interface Translation {
  provider: SqlProvider;
  schema: SchemaMeta;
  model: ModelMeta;
  bind(value: unknown, cast: string): string;
  postgresSchema: string | null;
}

function translate(t: Translation, where: unknown): string | null {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) return null;
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(where as Where)) {
    if (raw === undefined) continue;
    let part: string | null;
    if (key === 'AND' || key === 'OR') {
      const list = Array.isArray(raw) ? raw : [raw];
      const inner = list.map((w) => translate(t, w));
      if (inner.some((p) => p === null)) return null;
      if (key === 'OR' && inner.length === 0) part = '1 = 0';
      else part = inner.length ? `(${inner.join(key === 'AND' ? ' AND ' : ' OR ')})` : '1 = 1';
    } else {
      const field = t.model.fields.find((f) => f.name === key);
      if (field?.kind === 'relation') part = relationCondition(t, field, raw);
      else if (!field || (field.kind !== 'scalar' && field.kind !== 'enum') || field.isList) return null;
      else part = fieldCondition(t, field, raw);
    }
    if (part === null) return null;
    parts.push(part);
  }
  return parts.length ? parts.join(' AND ') : '1 = 1';
}

/** `{ is: where }` on a to-one relation: its foreign key among the keys of the related rows that match. */
function relationCondition(t: Translation, field: RelationFieldMeta, raw: unknown): string | null {
  if (field.cardinality !== 'one' || field.fromFields.length !== 1 || !isOperatorObject(raw) || Object.keys(raw).join() !== 'is') return null;
  const related = findModel(t.schema, field.type);
  const from = columnOf(t.model, field.fromFields[0]);
  const to = related && columnOf(related, field.toFields[0]);
  if (!related || !from || !to) return null;
  const inner = translate({ ...t, model: related }, raw.is);
  if (inner === null) return null;
  const table = qualifiedTable(t.provider, t.postgresSchema, related.dbName);
  const keys = `SELECT ${quoteName(t.provider, to)} FROM ${table} WHERE ${inner}`;
  // PostgreSQL: `IN (subquery)` inside an OR is a filter every row runs (a hashed SubPlan), so the OR's other arms
  // cannot use their indexes either (the search of title, body and author.name read the whole table); the keys read
  // once into an array (an InitPlan) make it an index condition of the foreign key, and the OR a BitmapOr.
  if (t.provider === 'postgresql') return `${quoteName(t.provider, from)} = ANY(ARRAY(${keys}))`;
  return `${quoteName(t.provider, from)} IN (${keys})`;
}

function columnOf(model: ModelMeta, name: string): string | null {
  const field: FieldMeta | undefined = model.fields.find((f) => f.name === name);
  return field && field.kind !== 'relation' ? (field.dbName ?? field.name) : null;
}

function fieldCondition(t: Translation, field: ValueFieldMeta, raw: unknown): string | null {
  const column = quoteName(t.provider, field.dbName ?? field.name);
  if (raw === null) return `${column} IS NULL`;
  if (!isOperatorObject(raw)) return equality(t, field, column, raw);
  const { mode, ...ops } = raw;
  if (mode !== undefined && mode !== 'insensitive' && mode !== 'default') return null;
  const parts: string[] = [];
  for (const [op, value] of Object.entries(ops)) {
    let part: string | null = null;
    if (op === 'equals') part = value === null ? `${column} IS NULL` : equality(t, field, column, value);
    else if (op === 'in' && Array.isArray(value)) {
      const bound = value.map((v) => boundValue(t, field, v));
      part = bound.some((b) => b === null) ? null : bound.length ? `${column} IN (${bound.join(', ')})` : '1 = 0';
    } else if (op in RANGES) {
      const bound = boundValue(t, field, value);
      part = bound === null ? null : `${column} ${RANGES[op]} ${bound}`;
    } else if (op === 'contains' && typeof value === 'string' && field.type === 'String' && textColumn(t, field)) {
      const like = t.provider === 'postgresql' && mode === 'insensitive' ? 'ILIKE' : 'LIKE';
      part = `${column} ${like} ${t.bind(`%${value}%`, '::text')}`;
    }
    if (part === null) return null;
    parts.push(part);
  }
  return parts.length ? parts.join(' AND ') : null;
}

function equality(t: Translation, field: ValueFieldMeta, column: string, value: unknown): string | null {
  const bound = boundValue(t, field, value);
  return bound === null ? null : `${column} = ${bound}`;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The placeholder of a value of this column, or null when the value is not one we translate. */
function boundValue(t: Translation, field: ValueFieldMeta, value: unknown): string | null {
  const pg = t.provider === 'postgresql';
  if (field.kind === 'enum') {
    const meta = t.schema.enums.find((e) => e.name === field.type);
    const stored = meta?.values.find((v) => v.name === value)?.dbName;
    if (!meta || stored === undefined) return null;
    const type = quoteName('postgresql', meta.dbName);
    return t.bind(stored, pg ? `::${t.postgresSchema ? `${quoteName('postgresql', t.postgresSchema)}.` : ''}${type}` : '');
  }
  switch (field.type) {
    case 'String':
      return typeof value === 'string' ? stringBind(t, field, value) : null;
    case 'Int':
    case 'BigInt':
      if (!((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint')) return null;
      // SQLite compares a number with text by type first: bound as the number it is.
      return t.bind(t.provider === 'sqlite' ? value : String(value), pg ? '::bigint' : '');
    case 'Boolean':
      if (typeof value !== 'boolean') return null;
      return pg ? t.bind(String(value), '::boolean') : t.bind(value ? 1 : 0, '');
    case 'DateTime': {
      if (!(value instanceof Date) || Number.isNaN(value.getTime()) || t.provider === 'sqlite') return null;
      // A time of day has no comparison with a timestamp: left to Prisma, which binds it as a time.
      if (pg && (field.nativeType?.name === 'Time' || field.nativeType?.name === 'Timetz')) return null;
      const iso = value.toISOString();
      return pg ? t.bind(iso, field.nativeType?.name === 'Timestamptz' ? '::timestamptz' : '::timestamp') : t.bind(iso.slice(0, 23).replace('T', ' '), '');
    }
    default:
      return null;
  }
}

/** PostgreSQL native types of String fields that compare with a `text` value as text does. */
const POSTGRES_TEXT_TYPES = new Set(['Text', 'VarChar', 'Char']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function textColumn(t: Translation, field: ValueFieldMeta): boolean {
  return t.provider !== 'postgresql' || !field.nativeType || POSTGRES_TEXT_TYPES.has(field.nativeType.name);
}

/** A String value bound as its column's type: `uuid = text` has no operator in PostgreSQL (inet, bit, xml... neither). */
function stringBind(t: Translation, field: ValueFieldMeta, value: string): string | null {
  if (textColumn(t, field)) return t.bind(value, '::text');
  return field.nativeType?.name === 'Uuid' && UUID.test(value) ? t.bind(value, '::uuid') : null;
}
