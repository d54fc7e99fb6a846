// The list page's filter sidebar: per filter its title, its choices as links and, for ranges and text, a small form.
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { ListParams } from '../data/list-params.ts';
import { filterChoices } from './list-filters.ts';
import { filterForm } from './list-filter-forms.ts';
import { queryWith, type QueryValues } from './query-string.ts';

type RelationFilter = Extract<ListFilter, { kind: 'relation' }>;

export async function sidebarFilters(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, params: ListParams, base: QueryValues, prefetched: Map<RelationFilter, { label: string; value: string }[]>) {
  return Promise.all(admin.filters.map(async (filter) => {
    const [choices, form] = await Promise.all([
      filterChoices(ctx, filter, params, filter.kind === 'relation' ? prefetched.get(filter) : undefined, request, admin),
      filterForm(ctx, admin, filter, params, base),
    ]);
    return {
      title: filter.title,
      active: params.filters.some((f) => f.filter === filter),
      choices: choices.map((c) => ({ ...c, url: `?${queryWith(base, c.changes)}` })),
      form,
    };
  }));
}
