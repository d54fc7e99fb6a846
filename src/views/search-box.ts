// The list's search box: shown where the admin searches (searchFields, or its own getSearchResults), with the
// admin's help text, and the list's sort kept as a hidden field so a search does not lose it.
import { ModelAdmin } from '../admin/model-admin.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { ListParams } from '../data/list-params.ts';
import { sortParam } from './sort-headers.ts';

export function searchBoxOf(admin: ResolvedModelAdmin, params: ListParams) {
  const hooked = admin.admin.getSearchResults !== ModelAdmin.prototype.getSearchResults;
  return {
    enabled: admin.search.length > 0 || hooked,
    value: params.search,
    fields: admin.search.map((s) => [...s.relations, s.field].join('.')),
    helpText: admin.admin.searchHelpText ?? null,
    sort: sortParam(params.sort) ?? null,
  };
}
