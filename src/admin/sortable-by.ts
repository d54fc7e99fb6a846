// `sortableBy` (Django's sortable_by): the columns whose headers sort; the others stay plain headers, and a `sort`
// parameter naming them is ignored like any unknown name. Default: every column that can sort.
import type { ComputedColumn } from './columns.ts';
import { AdminConfigError } from './config-error.ts';
import type { ListColumn } from './resolve-list-columns.ts';

export function restrictSorting(modelName: string, columns: ListColumn[], sortableBy: ReadonlyArray<string | ComputedColumn<any>> | undefined): ListColumn[] {
  if (sortableBy === undefined) return columns;
  const names = new Set(sortableBy.map((entry) => (typeof entry === 'string' ? entry : entry.name)));
  const sortable = columns.filter((c) => c.sortable).map((c) => c.name);
  for (const name of names) {
    if (!sortable.includes(name)) throw new AdminConfigError(modelName, 'sortableBy', name, sortable);
  }
  return columns.map((c) => (c.sortable && !names.has(c.name) ? { ...c, sortable: false } : c));
}
