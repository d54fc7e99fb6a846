// Reads the list page's query string against a whitelist built from the resolved admin: unknown or malformed
// parameters are dropped, never passed on. Nothing here throws on user input.
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { FullTextKeys } from './list-search.ts';
import { filterParamPrefix } from '../admin/resolve-list-filters.ts';
import { DATE_LOOKUPS, RELATION_LOOKUPS, SCALAR_LOOKUPS, validLookupValue, type Lookup } from './filters/filter-values.ts';

export const DATE_CHOICES = ['today', 'past7', 'month', 'year'] as const;
export type DateChoice = (typeof DATE_CHOICES)[number];

export const MAX_SEARCH_LENGTH = 200;
/** Sort keys a list takes at most (`sort=a,-b,c`); more are ignored. */
export const MAX_SORT_TERMS = 5;
const MAX_PAGE = 10_000_000;

export interface ActiveFilter {
  filter: ListFilter;
  /** The query parameter it came from (`status__exact`, `category__isnull`, `publishedAt__date`). */
  param: string;
  /** The parameter's lookup (`exact`, `isnull`, `gte`, ...); a custom filter's choice is `exact`. */
  lookup: Lookup;
  value: string;
  /** A relation filter's `__search`: the where of the related records it matched, set by ChangeList (relation-search.ts). */
  resolved?: Record<string, unknown>;
}

export interface ListParams {
  page: number;
  search: string;
  /** Sort on list columns, by column name; `dir` desc when the parameter had a leading `-`. */
  sort: { column: string; dir: 'asc' | 'desc' }[];
  filters: ActiveFilter[];
  /** `_facets=1` / `_facets=0`: show or hide the filters' counts (null: the admin's default). */
  facets: boolean | null;
  /** `exact=1`: count the rows even where an estimate would do. */
  exactCount: boolean;
  /** The date hierarchy's drill-down (`publishedAt__year=2024&publishedAt__month=5`), when the admin has one. */
  drill: DateDrill | null;
  /** A deep page's link from a nearby page (`from=999&after=<id>`): see PageAnchor. */
  anchor: PageAnchor | null;
  /** Full-text matches of the search, found by ChangeList before it builds the where (list-search.ts). */
  fullTextKeys?: FullTextKeys;
}

/**
 * Pagination links between nearby deep pages name a record of the page they were on: `after` its last row (links to
 * later pages), `before` its first (earlier pages). The page is then read from that row through the index, walking
 * only the pages in between instead of every row before it (keyset pagination; see data/page-keys.ts).
 */
export interface PageAnchor {
  /** The page the link was on. */
  from: number;
  side: 'after' | 'before';
  /** The encoded primary key of that page's last (after) or first (before) row. */
  id: string;
}

export interface DateDrill {
  field: string;
  year: number;
  month?: number;
  day?: number;
}

export type QueryString = Record<string, unknown>;

/** A filter's parameters, its choice's first and its "None" second, each with its lookup. */
export function filterParams(filter: ListFilter): { param: string; lookup: Lookup }[] {
  if (filter.kind === 'custom') return [{ param: filter.name, lookup: 'exact' }, { param: `${filter.name}__isnull`, lookup: 'isnull' }];
  const prefix = filterParamPrefix(filter);
  const lookups: readonly Lookup[] = filter.kind === 'date' ? DATE_LOOKUPS : filter.kind === 'scalar' ? SCALAR_LOOKUPS : filter.kind === 'relation' || filter.kind === 'many' ? RELATION_LOOKUPS : ['exact', 'isnull'];
  return lookups.map((lookup) => ({ param: `${prefix}__${lookup}`, lookup }));
}

export function filterParamNames(filter: ListFilter): string[] {
  return filterParams(filter).map((p) => p.param);
}

export function parseListParams(admin: ResolvedModelAdmin, query: QueryString): ListParams {
  const pageText = single(query.page);
  const page = pageText && /^\d{1,8}$/.test(pageText) ? Math.min(Math.max(1, Number(pageText)), MAX_PAGE) : 1;
  const search = (single(query.q) ?? '').trim().slice(0, MAX_SEARCH_LENGTH);

  const sortable = new Set(admin.columns.filter((c) => c.sortable).map((c) => c.name));
  const sort: ListParams['sort'] = [];
  for (const term of (single(query.sort) ?? '').split(',').slice(0, MAX_SORT_TERMS)) {
    const column = term.replace(/^-/, '');
    if (sortable.has(column) && !sort.some((s) => s.column === column)) {
      sort.push({ column, dir: term.startsWith('-') ? 'desc' : 'asc' });
    }
  }

  const filters: ActiveFilter[] = [];
  for (const filter of admin.filters) {
    for (const { param, lookup } of filterParams(filter)) {
      const value = single(query[param]);
      if (value === undefined || value.trim() === '' || value.length > 500) continue;
      if (lookup === 'date' && !(DATE_CHOICES as readonly string[]).includes(value)) continue;
      if (!validLookupValue(filter, lookup, value)) continue;
      filters.push({ filter, param, lookup, value });
    }
  }
  return { page, search, sort, filters, drill: parseDrill(admin, query), exactCount: single(query.exact) === '1', facets: single(query._facets) === '1' ? true : single(query._facets) === '0' ? false : null, anchor: parseAnchor(query, page) };
}

function parseAnchor(query: QueryString, page: number): PageAnchor | null {
  const from = single(query.from);
  if (!from || !/^\d{1,8}$/.test(from)) return null;
  for (const side of ['after', 'before'] as const) {
    const id = single(query[side]);
    if (id === undefined || id === '' || id.length > 500) continue;
    // An anchor only leads forward from its page (after) or back from it (before).
    if (side === 'after' ? page > Number(from) : page < Number(from)) return { from: Number(from), side, id };
  }
  return null;
}

function parseDrill(admin: ResolvedModelAdmin, query: QueryString): DateDrill | null {
  const field = admin.dateHierarchy;
  if (!field) return null;
  const number = (name: string, min: number, max: number) => {
    const text = single(query[`${field}__${name}`]);
    return text && /^\d{1,4}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined;
  };
  const year = number('year', 1, 9999);
  if (year === undefined) return null;
  const month = number('month', 1, 12);
  const day = month === undefined ? undefined : number('day', 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return { field, year, month, day };
}

/** The first value of a query parameter as a string, or undefined (arrays and objects from qs-style parsers too). */
function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' ? value : undefined;
}
