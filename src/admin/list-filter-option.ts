// The non-custom entries of `listFilter`: a field name or path, or `{ field, kind }` to force how it is filtered.

/** How a String or number field is filtered: its distinct values as links, a text box, or a min–max range. */
export type ScalarFilterKind = 'values' | 'text' | 'range';

export const SCALAR_FILTER_KINDS: readonly ScalarFilterKind[] = ['values', 'text', 'range'];

/** `{ field: 'views', kind: 'range' }`: a filter whose kind is not left to the count of distinct values. */
export interface FieldFilterOption<F extends string = string> {
  field: F;
  kind: ScalarFilterKind;
}
