// The values a filter's URL parameters may carry, read from text by the field's type: a malformed one is undefined
// (the parameter is then ignored), never an error. Numbers accept thousands separators ("1,000").
import type { ListFilter } from '../../admin/resolve-list-filters.ts';
import type { ScalarFieldMeta } from '../../schema/types.ts';

/** The lookups of each kind of field filter, as the suffix of its parameters (`views__gte`). */
export const SCALAR_LOOKUPS = ['exact', 'isnull', 'contains', 'gte', 'lte'] as const;
export const DATE_LOOKUPS = ['date', 'isnull', 'gte', 'lte'] as const;
/** A relation filter: a related record's key, none, or a text its related records are searched by (relation-search.ts). */
export const RELATION_LOOKUPS = ['exact', 'isnull', 'search'] as const;
export type Lookup = (typeof SCALAR_LOOKUPS)[number] | (typeof DATE_LOOKUPS)[number] | (typeof RELATION_LOOKUPS)[number];

const INT_LIMIT = 2 ** 31;
const BIGINT_LIMIT = 2n ** 63n;

/** `text` read as a value of the scalar field, or undefined when it is not one. */
export function scalarValue(field: ScalarFieldMeta, text: string): string | number | bigint | undefined {
  if (field.type === 'String') return text;
  const plain = text.trim().replace(/(?<=\d)[,_ ](?=\d{3})/g, '');
  switch (field.type) {
    case 'Int': {
      if (!/^-?\d{1,10}$/.test(plain)) return undefined;
      const n = Number(plain);
      return n >= -INT_LIMIT && n < INT_LIMIT ? n : undefined;
    }
    case 'BigInt': {
      if (!/^-?\d{1,19}$/.test(plain)) return undefined;
      const n = BigInt(plain);
      return n >= -BIGINT_LIMIT && n < BIGINT_LIMIT ? n : undefined;
    }
    case 'Float':
      return /^-?\d{1,15}(\.\d{1,15})?$/.test(plain) ? Number(plain) : undefined;
    case 'Decimal':
      return /^-?\d{1,30}(\.\d{1,30})?$/.test(plain) ? plain : undefined;
    default:
      return undefined;
  }
}

/** A calendar day `YYYY-MM-DD` as the UTC midnight it starts at, or undefined. */
export function dayValue(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const day = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text) && day.getUTCFullYear() >= 1 ? day : undefined;
}

/** Whether `value` is a valid value of the filter's `lookup` (`isnull` takes only `true`). */
export function validLookupValue(filter: ListFilter, lookup: Lookup, value: string): boolean {
  if (lookup === 'isnull') return value === 'true';
  // PostgreSQL refuses a NUL in text: such a search is ignored.
  if (lookup === 'search') return (filter.kind === 'relation' || filter.kind === 'many') && value.trim().length > 0 && value.length <= 200 && !value.includes('\0');
  if (filter.kind === 'scalar') {
    if (lookup === 'contains') return filter.field.type === 'String';
    if ((lookup === 'gte' || lookup === 'lte') && filter.field.type === 'String') return false;
    return scalarValue(filter.field, value) !== undefined;
  }
  if (filter.kind === 'date' && (lookup === 'gte' || lookup === 'lte')) return dayValue(value) !== undefined;
  return true;
}
