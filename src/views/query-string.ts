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

/**
 * The query string with some parameters changed (`undefined` removes one). Changing anything but the page resets it.
 * Written out by hand rather than through URLSearchParams: the list page builds a link per filter choice, sort header
 * and page (hundreds per page), and this is the same string at a fraction of the CPU (test/unit/views/query-string).
 */
export function queryWith(base: QueryValues, changes: Record<string, string | undefined>): string {
  let text = '';
  try {
    for (const key in base) {
      if (ARRAY_INDEX.test(key)) return slowQueryWith(base, changes);
      let value: string | undefined = base[key];
      if (Object.hasOwn(changes, key)) {
        value = changes[key];
        if (value === undefined || value === '') continue;
      } else if (key === 'page') continue;
      text += `${text ? '&' : ''}${formEncode(key)}=${formEncode(value)}`;
    }
    for (const key in changes) {
      if (Object.hasOwn(base, key)) continue;
      if (ARRAY_INDEX.test(key)) return slowQueryWith(base, changes);
      const value = changes[key];
      if (value === undefined || value === '') continue;
      text += `${text ? '&' : ''}${formEncode(key)}=${formEncode(value)}`;
    }
  } catch {
    // A lone surrogate (encodeURIComponent throws where URLSearchParams writes U+FFFD).
    return slowQueryWith(base, changes);
  }
  return text;
}

/** An object orders keys like "1" before the others: such a query takes the general path. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** application/x-www-form-urlencoded, as URLSearchParams writes it: encodeURIComponent leaves !'()~ and writes %20. */
function formEncode(text: string): string {
  const encoded = encodeURIComponent(text);
  return FORM_SPECIAL.test(encoded) ? encoded.replace(FORM_SPECIALS, (c) => FORM_ESCAPES[c]) : encoded;
}
const FORM_SPECIAL = /[!'()~]|%20/;
const FORM_SPECIALS = /[!'()~]|%20/g;
const FORM_ESCAPES: Record<string, string> = { '!': '%21', "'": '%27', '(': '%28', ')': '%29', '~': '%7E', '%20': '+' };

function slowQueryWith(base: QueryValues, changes: Record<string, string | undefined>): string {
  const next: QueryValues = { ...base };
  if (!('page' in changes)) delete next.page;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
  }
  return new URLSearchParams(next).toString();
}
