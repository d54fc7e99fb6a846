// A Prisma `where` made only of equalities and `in` lists on scalar columns (`{ authorId: 3 }`, `{ id: { in: [1, 2] } }`,
// `{ active: true, AND: [...] }`), as a
// SQL condition for the raw queries that must honour an admin's scope (related-labels.ts). Anything richer (relations,
// operators other than equals, OR/NOT) is not translated: the caller then uses Prisma. Column names come from the
// schema only; every value is a bound parameter.
import type { EnumMeta, ModelMeta, Provider, ValueFieldMeta } from '../schema/types.ts';

/** Writes the condition, given how to name a column and how to bind a value (returns its placeholder). */
export type SqlCondition = (column: (field: ValueFieldMeta) => string, bind: (value: unknown) => string) => string;

type Term = { field: ValueFieldMeta; value: unknown } | { field: ValueFieldMeta; values: unknown[] };

/**
 * The condition for `where`, or null when it is not a plain conjunction of scalar equalities. `enums`: the schema's,
 * whose values are stored under their @map names.
 */
export function simpleWhereSql(provider: Provider, model: ModelMeta, where: Record<string, unknown>, enums: EnumMeta[]): SqlCondition | null {
  const terms: Term[] = [];
  if (!collect(provider, model, enums, where, terms)) return null;
  return (column, bind) => terms.map((term) => {
    if ('values' in term) return term.values.length ? `${column(term.field)} IN (${term.values.map((v) => bind(v)).join(', ')})` : '1 = 0';
    return term.value === null ? `${column(term.field)} IS NULL` : `${column(term.field)} = ${bind(term.value)}`;
  }).join(' AND ') || '1 = 1';
}

function collect(provider: Provider, model: ModelMeta, enums: EnumMeta[], where: unknown, terms: Term[]): boolean {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) return false;
  for (const [key, raw] of Object.entries(where)) {
    if (raw === undefined) continue; // Prisma ignores undefined keys
    if (key === 'AND') {
      const parts = Array.isArray(raw) ? raw : [raw];
      if (!parts.every((part) => collect(provider, model, enums, part, terms))) return false;
      continue;
    }
    const field = model.fields.find((f) => f.name === key);
    if (!field || (field.kind !== 'scalar' && field.kind !== 'enum') || field.isList) return false;
    const list = onlyKey(raw, 'in');
    if (list !== undefined) {
      if (!Array.isArray(list)) return false;
      const values = list.map((v) => (v === null ? undefined : boundValue(provider, enums, field, v)));
      if (values.some((v) => v === undefined)) return false;
      terms.push({ field, values });
      continue;
    }
    const equals = onlyKey(raw, 'equals');
    const value = equals !== undefined ? equals : raw;
    const bound = boundValue(provider, enums, field, value);
    if (bound === undefined) return false;
    terms.push({ field, value: bound });
  }
  return true;
}

/** `{ in: [...] }` → the list, `{ equals: x }` → x: the value of an operator object with only that key. */
function onlyKey(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === key ? (value as Record<string, unknown>)[key] : undefined;
}

/** The value as the driver binds it for this column type, or undefined when it is not one we translate. */
function boundValue(provider: Provider, enums: EnumMeta[], field: ValueFieldMeta, value: unknown): unknown {
  if (value === null) return field.isRequired ? undefined : null;
  // A PostgreSQL enum column does not compare with a text parameter: Prisma handles those. Elsewhere the column holds
  // the value's @map name.
  if (field.kind === 'enum') return provider === 'postgresql' ? undefined : enums.find((e) => e.name === field.type)?.values.find((v) => v.name === value)?.dbName;
  switch (field.type) {
    case 'String':
      return typeof value === 'string' ? value : undefined;
    case 'Int':
      return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    case 'BigInt':
      return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)) ? value : undefined;
    case 'Boolean':
      // SQLite and MySQL store booleans as 0/1.
      if (typeof value !== 'boolean') return undefined;
      return provider === 'postgresql' ? value : value ? 1 : 0;
    default:
      return undefined;
  }
}
