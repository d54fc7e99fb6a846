// The sort links of the list's column headers, as Django's changelist has them: a header click makes its column the
// first sort key and keeps the others after it (flipping its direction when it already sorted first), and a sorted
// column also offers "toggle" (flip it where it stands) and "remove from sorting". With two or more sort keys each
// sorted header shows its priority. The whole sort stays in the `sort` parameter (`sort=status,-publishedAt`).
import type { ListParams } from '../data/list-params.ts';
import { MAX_SORT_TERMS } from '../data/list-params.ts';
import { queryWith, type QueryValues } from './query-string.ts';

type Sort = ListParams['sort'];

export interface SortHeader {
  sorted: 'asc' | 'desc' | null;
  ariaSort: 'ascending' | 'descending' | 'none';
  /** The header's link: this column first. */
  url: string;
  /** 1 for the first sort key; null when unsorted or when the list sorts by this column alone. */
  priority: number | null;
  toggleUrl: string | null;
  removeUrl: string | null;
}

export function sortParam(sort: Sort): string | undefined {
  return sort.length ? sort.map((s) => (s.dir === 'desc' ? '-' : '') + s.column).join(',') : undefined;
}

/** The sort after a click on `column`'s header. */
export function sortWithPrimary(sort: Sort, column: string): Sort {
  const current = sort.find((s) => s.column === column);
  const dir = current && sort[0].column === column ? (current.dir === 'asc' ? 'desc' : 'asc') : current?.dir ?? 'asc';
  return [{ column, dir }, ...sort.filter((s) => s.column !== column)].slice(0, MAX_SORT_TERMS);
}

export function sortToggled(sort: Sort, column: string): Sort {
  return sort.map((s) => (s.column === column ? { column, dir: s.dir === 'asc' ? 'desc' : 'asc' } : s));
}

export function sortWithout(sort: Sort, column: string): Sort {
  return sort.filter((s) => s.column !== column);
}

export function sortHeaderFor(column: string, sort: Sort, base: QueryValues): SortHeader {
  const index = sort.findIndex((s) => s.column === column);
  const current = index >= 0 ? sort[index] : null;
  const link = (next: Sort) => `?${queryWith(base, { sort: sortParam(next) })}`;
  return {
    sorted: current ? current.dir : null,
    ariaSort: current ? (current.dir === 'asc' ? 'ascending' : 'descending') : 'none',
    url: link(sortWithPrimary(sort, column)),
    priority: current && sort.length > 1 ? index + 1 : null,
    toggleUrl: current && sort.length > 1 ? link(sortToggled(sort, column)) : null,
    removeUrl: current ? link(sortWithout(sort, column)) : null,
  };
}
