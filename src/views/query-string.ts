// Links on the list page keep every other parameter (search, filters, sort) so a view can be bookmarked.

export type QueryValues = Record<string, string>;

/** The recognised parameters of the current request, as strings. */
export function currentQuery(params: {
  page: number;
  search: string;
  sort: { column: string; dir: string }[];
  filters: { param: string; value: string }[];
  drill?: { field: string; year: number; month?: number; day?: number } | null;
  facets?: boolean | null;
}): QueryValues {
  const values: QueryValues = {};
  if (params.drill) {
    values[`${params.drill.field}__year`] = String(params.drill.year);
    if (params.drill.month) values[`${params.drill.field}__month`] = String(params.drill.month);
    if (params.drill.day) values[`${params.drill.field}__day`] = String(params.drill.day);
  }
  if (params.search) values.q = params.search;
  if (params.sort.length) values.sort = params.sort.map((s) => (s.dir === 'desc' ? '-' : '') + s.column).join(',');
  for (const f of params.filters) values[f.param] = f.value;
  if (params.facets !== undefined && params.facets !== null) values._facets = params.facets ? '1' : '0';
  if (params.page > 1) values.page = String(params.page);
  return values;
}

/** The query string with some parameters changed (`undefined` removes one). Changing anything but the page resets it. */
export function queryWith(base: QueryValues, changes: Record<string, string | undefined>): string {
  const next: QueryValues = { ...base };
  if (!('page' in changes)) delete next.page;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
  }
  return new URLSearchParams(next).toString();
}
