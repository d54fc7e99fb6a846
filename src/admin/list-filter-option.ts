// The non-custom entries of `listFilter`: a field name or path, or `{ field, kind }` to force how it is filtered.

/** How a String or number field is filtered: its distinct values as links, a text box, or a min–max range. */
export type ScalarFilterKind = 'values' | 'text' | 'range';

export const SCALAR_FILTER_KINDS: readonly ScalarFilterKind[] = ['values', 'text', 'range'];

/** `{ field: 'views', kind: 'range' }`: a filter whose kind is not left to the count of distinct values. */
export interface FieldFilterOption<F extends string = string> {
  field: F;
  kind: ScalarFilterKind;
}

/**
 * `showFacets` (Django 5's show_facets): the count of rows beside each filter choice. `allow` (default): on the
 * "Show counts" link (`_facets=1`); `always`: shown unless the list has more than FACETS_ROW_LIMIT rows (then on the
 * link); `never`.
 */
export type ShowFacets = 'always' | 'allow' | 'never';

/** Above this many rows in the list, `always` facets wait for the link: each filter's counts read every row. */
export const FACETS_ROW_LIMIT = 10_000;
