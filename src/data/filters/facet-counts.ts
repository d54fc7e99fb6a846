// Facet counts (Django 5's show_facets): how many rows of the list each choice of a filter would leave, counted with
// the list's other filters, search and scope but without the filter itself. A field of the model or a to-one
// relation's key is counted in one grouped query (GROUP BY the column); the other kinds (paths, to-many relations,
// date presets, custom filters) count their choices one by one, side by side: there are at most a few dozen.
import type { ListFilter } from '../../admin/resolve-list-filters.ts';
import type { AdminRequest } from '../../admin/context.ts';
import type { SchemaMeta } from '../../schema/types.ts';
import { encodeKey } from '../record-id.ts';
import type { ModelDelegate } from '../delegates.ts';
import { filterParams, type ActiveFilter } from '../list-params.ts';
import { fieldFilterWhere } from './filter-where.ts';

type Where = Record<string, unknown>;
type GroupingDelegate = ModelDelegate & { groupBy(args: object): Promise<Record<string, unknown>[]> };

/** A choice as the parameter it sets (`status__exact=draft`), the key of its count. */
export const facetKey = (param: string, value: string) => `${param}=${value}`;

/** Per choice (by facetKey), its count; `choices` are the parameter and value each choice sets. */
export async function facetCounts(schema: SchemaMeta, delegate: ModelDelegate, filter: ListFilter, without: Where, choices: { param: string; value: string }[], request: AdminRequest): Promise<Map<string, number>> {
  const grouped = groupColumn(filter);
  if (grouped) return groupedCounts(delegate as GroupingDelegate, filter, grouped, without);
  const params = filterParams(filter);
  const counts = await Promise.all(choices.map(async ({ param, value }) => {
    const lookup = params.find((p) => p.param === param)?.lookup;
    if (!lookup) return null;
    const where = choiceWhere(schema, { filter, param, lookup, value }, request);
    return where ? [facetKey(param, value), await delegate.count({ where: { AND: [without, where] } })] as const : null;
  }));
  return new Map(counts.filter((c) => c !== null));
}

/** The column a filter's choices are values of, when one GROUP BY counts them all. */
function groupColumn(filter: ListFilter): string | null {
  if (filter.kind === 'relation') return filter.field.fromFields.length === 1 ? filter.field.fromFields[0] : null;
  if (filter.kind === 'enum' || filter.kind === 'boolean' || filter.kind === 'scalar') return filter.relations.length === 0 ? filter.field.name : null;
  return null;
}

async function groupedCounts(delegate: GroupingDelegate, filter: ListFilter, column: string, without: Where): Promise<Map<string, number>> {
  const [exact, isNull] = filterParams(filter).map((p) => p.param);
  const groups = await delegate.groupBy({ by: [column], where: without, _count: { _all: true } });
  const counts = new Map<string, number>();
  for (const group of groups) {
    const value = group[column];
    const n = (group._count as { _all: number })._all;
    if (value === null) counts.set(facetKey(isNull, 'true'), n);
    else if (filter.kind === 'relation') counts.set(facetKey(exact, encodeKey(filter.field.toFields, { [filter.field.toFields[0]]: value })), n);
    else counts.set(facetKey(exact, String(value)), n);
  }
  return counts;
}

function choiceWhere(schema: SchemaMeta, active: ActiveFilter, request: AdminRequest): Where | null {
  const { filter } = active;
  if (filter.kind === 'custom') {
    if (active.lookup === 'isnull' || !filter.custom.choices.some((c) => c.value === active.value)) return null;
    return filter.custom.where(active.value, request as never) ?? null;
  }
  return fieldFilterWhere(schema, { ...active, filter }, new Date());
}
