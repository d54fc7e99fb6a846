// The Prisma where of one active field filter (every kind but custom): a value, a range, a text match, a date preset
// or range, a related record, or "has a related record" through a to-many relation (`some`: each row once).
import type { ListFilter } from '../../admin/resolve-list-filters.ts';
import type { Provider, SchemaMeta } from '../../schema/types.ts';
import { recordKeyFields } from '../../schema/record-key.ts';
import { decodeKey } from '../record-id.ts';
import type { ActiveFilter, DateChoice } from '../list-params.ts';
import { dayValue, scalarValue } from './filter-values.ts';

type Where = Record<string, unknown>;
type FieldFilter = Exclude<ListFilter, { kind: 'custom' }>;

const DAY = 86_400_000;

export function fieldFilterWhere(schema: SchemaMeta, active: ActiveFilter & { filter: FieldFilter }, now: Date): Where | null {
  const { filter, lookup, value } = active;
  switch (filter.kind) {
    case 'relation':
      if (lookup === 'search') return active.resolved ?? null;
      if (lookup === 'isnull') return filter.field.isRequired ? null : { [filter.field.fromFields[0]]: null };
      return relationFilterWhere(schema, filter, value);
    case 'many': {
      if (lookup === 'search') return active.resolved ?? null;
      if (lookup === 'isnull') return { [filter.name]: { none: {} } };
      const key = decodeKey(schema, filter.related, recordKeyFields(filter.related), value);
      return key ? { [filter.name]: { some: key } } : null;
    }
    default: {
      // A required field has no value only where an optional relation on its path has no record (Prisma rejects
      // `null` for the field itself).
      if (lookup === 'isnull' && filter.field.isRequired) return missingRelationWhere(filter);
      const clause = valueClause(schema, filter, lookup, value, now);
      if (clause === undefined) return null;
      let where: Where = { [filter.field.name]: clause };
      for (const rel of [...filter.relations].reverse()) where = { [rel]: { is: where } };
      return where;
    }
  }
}

/** Whether a row may have no value for the filter's field: a nullable field, or an optional relation on its path. */
export function mayHaveNoValue(filter: ListFilter): boolean {
  if (filter.kind === 'many') return true;
  if (!('relations' in filter)) return !filter.field.isRequired;
  return !filter.field.isRequired || filter.optional.some(Boolean);
}

/** The rows where one of the optional relations on the path has no record: `{ a: { is: { b: { is: null } } } }`. */
function missingRelationWhere(filter: Extract<FieldFilter, { relations: string[] }>): Where | null {
  const missing = filter.relations.flatMap((_, i) => {
    if (!filter.optional[i]) return [];
    let where: Where = { [filter.relations[i]]: { is: null } };
    for (const rel of filter.relations.slice(0, i).reverse()) where = { [rel]: { is: where } };
    return [where];
  });
  if (missing.length === 0) return null;
  return missing.length === 1 ? missing[0] : { OR: missing };
}

/** The condition on the field itself (`{ gte: 100 }`, `'draft'`, null), or undefined when the value does not fit. */
function valueClause(schema: SchemaMeta, filter: Extract<FieldFilter, { relations: string[] }>, lookup: ActiveFilter['lookup'], value: string, now: Date): unknown {
  if (lookup === 'isnull') return null;
  switch (filter.kind) {
    case 'enum':
      return schema.enums.find((e) => e.name === filter.field.type)?.values.some((v) => v.name === value) ? value : undefined;
    case 'boolean':
      return value === 'true' || value === 'false' ? value === 'true' : undefined;
    case 'date': {
      if (lookup === 'date') {
        const [gte, lt] = dateRange(value as DateChoice, now);
        return { gte, lt };
      }
      const day = dayValue(value);
      if (!day) return undefined;
      return lookup === 'gte' ? { gte: day } : { lt: new Date(day.getTime() + DAY) };
    }
    case 'scalar': {
      if (lookup === 'contains') return containsClause(schema.provider, value);
      const typed = scalarValue(filter.field, value);
      if (typed === undefined) return undefined;
      return lookup === 'gte' ? { gte: typed } : lookup === 'lte' ? { lte: typed } : typed;
    }
  }
}

/** Case-insensitive "contains" with `%` and `_` taken literally where the database lets Prisma escape them. */
function containsClause(provider: Provider, text: string): Where {
  if (provider === 'sqlite') return { contains: text };
  const escaped = text.replace(/[\\%_]/g, '\\$&');
  return provider === 'postgresql' || provider === 'cockroachdb' ? { contains: escaped, mode: 'insensitive' } : { contains: escaped };
}

/** The relation filter's value encodes the referenced fields of the related record; it narrows the foreign keys. */
function relationFilterWhere(schema: SchemaMeta, filter: Extract<ListFilter, { kind: 'relation' }>, value: string): Where | null {
  const referenced = decodeKey(schema, filter.related, filter.field.toFields, value);
  if (!referenced) return null;
  return Object.fromEntries(filter.field.fromFields.map((fk, i) => [fk, referenced[filter.field.toFields[i]]]));
}

function dateRange(choice: DateChoice, now: Date): [Date, Date] {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const tomorrow = new Date(Date.UTC(y, m, d + 1));
  switch (choice) {
    case 'today':
      return [new Date(Date.UTC(y, m, d)), tomorrow];
    case 'past7':
      return [new Date(Date.UTC(y, m, d - 7)), tomorrow];
    case 'month':
      return [new Date(Date.UTC(y, m, 1)), new Date(Date.UTC(y, m + 1, 1))];
    case 'year':
      return [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))];
  }
}
