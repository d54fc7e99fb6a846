// The list page's filter sidebar: per filter its title, its choices as links (with their counts when facets are on)
// and, for ranges and text, a small form.
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { FACETS_ROW_LIMIT } from '../admin/list-filter-option.ts';
import type { ChangeList } from '../data/change-list.ts';
import { delegateOf } from '../data/delegates.ts';
import { facetCounts, facetKey } from '../data/filters/facet-counts.ts';
import { filterChoices, type FilterChoice } from './list-filters.ts';
import { filterForm } from './list-filter-forms.ts';
import { relationSearchBox } from './list-filter-search.ts';
import type { FetchedLabels } from './list-labels.ts';
import { queryWith, type QueryValues } from './query-string.ts';


/** Whether this page shows facet counts, and the link that turns them on or off (null: the admin never shows them). */
export function facetsOf(admin: ResolvedModelAdmin, list: ChangeList, total: number, base: QueryValues) {
  const mode = admin.admin.showFacets ?? 'allow';
  if (mode === 'never' || admin.filters.length === 0) return { shown: false, toggle: null };
  const shown = list.params.facets ?? (mode === 'always' && total <= FACETS_ROW_LIMIT);
  return { shown, toggle: { label: shown ? 'Hide counts' : 'Show counts', url: `?${queryWith(base, { _facets: shown ? '0' : '1', page: base.page })}` } };
}

export async function sidebarFilters(ctx: AdminContext, request: FastifyRequest, list: ChangeList, base: QueryValues, prefetched: FetchedLabels, facets: boolean) {
  const { admin, params } = list;
  return Promise.all(admin.filters.map(async (filter) => {
    const [{ choices, overflow, activeLabel }, form] = await Promise.all([
      filterChoices(ctx, filter, params, filter.kind === 'relation' || filter.kind === 'many' ? prefetched.filterChoices.get(filter) : undefined, request, admin, filter.kind === 'scalar' ? prefetched.filterValues.get(filter) : undefined),
      filterForm(ctx, admin, filter, params, base),
    ]);
    const counts = facets ? await countsOf(ctx, request, list, filter, choices) : null;
    const searched = list.relationSearches.get(filter);
    const exact = params.filters.find((f) => f.filter === filter && f.lookup === 'exact');
    const search = (filter.kind === 'relation' || filter.kind === 'many') && (overflow || searched)
      ? relationSearchBox(ctx, request, admin, filter, base, searched, exact ? { value: exact.value, label: activeLabel } : null)
      : null;
    return {
      title: filter.title,
      active: params.filters.some((f) => f.filter === filter),
      search,
      choices: choices.map((c) => {
        const set = counts ? setBy(c) : null;
        return { ...c, url: `?${queryWith(base, c.changes)}`, count: counts && set ? counts.get(facetKey(set.param, set.value)) ?? 0 : null };
      }),
      form,
    };
  }));
}

/** The parameter a choice sets ("All" sets none). */
function setBy(choice: FilterChoice): { param: string; value: string } | null {
  const entry = Object.entries(choice.changes).find(([, v]) => v !== undefined);
  return entry ? { param: entry[0], value: entry[1]! } : null;
}

function countsOf(ctx: AdminContext, request: FastifyRequest, list: ChangeList, filter: ListFilter, choices: FilterChoice[]) {
  const set = choices.map(setBy).filter((s) => s !== null);
  return facetCounts(ctx, list.admin.model, delegateOf(ctx, list.admin), filter, list.whereWithout(filter), set, request, request.log);
}
