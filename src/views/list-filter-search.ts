// The search box of a relation filter over more related records than it lists (relation-search.ts): a GET form whose
// text matches related records by label without JavaScript, and, with it, the change form's autocomplete widget
// (admin.js) on the same route, scoped as the filter's choices; picking a record sets the filter to its key. What is
// chosen shows as a chip whose remove link is the list without that parameter.
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { filterParamPrefix } from '../admin/resolve-list-filters.ts';
import { relatedAdminFor, relationSearchable, type RelationFilter, type RelationSearch } from '../data/filters/relation-search.ts';
import { filterParamNames } from '../data/list-params.ts';
import { urlsOf } from '../http/page.ts';
import { modelLabel, modelLabelPlural, modelUrlName } from '../schema/lookup.ts';
import { queryWith, type QueryValues } from './query-string.ts';
import { labelOf, recordLabel } from './record-label.ts';

export interface RelationSearchBox {
  /** The text parameter (`author__search`) and the key one the autocomplete sets (`author__exact`). */
  name: string;
  exactName: string;
  inputId: string;
  value: string;
  autocompleteUrl: string | null;
  /** The rest of the list's query (search, sort, other filters), without the page. */
  hidden: { name: string; value: string }[];
  chip: { label: string; note: string | null; removeUrl: string } | null;
  /** The typed text matched no record: the filter is not applied. */
  message: string | null;
}

/** `search`: the filter's resolved text search, if any; `active`: its selected key and that record's label. */
export function relationSearchBox(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, filter: RelationFilter, base: QueryValues, search: RelationSearch | undefined, active: { value: string; label: string | null } | null): RelationSearchBox | null {
  if (!relationSearchable(ctx, filter)) return null;
  const prefix = filterParamPrefix(filter);
  const [exactName, , name] = filterParamNames(filter);
  const mine = new Set(filterParamNames(filter));
  const hidden = Object.entries(base).filter(([n]) => !mine.has(n) && n !== 'page').map(([n, value]) => ({ name: n, value }));
  const related = relatedAdminFor(ctx, filter.related.name);
  const autocompleteUrl = related && related.admin.hasViewPermission(request)
    ? `${urlsOf(ctx).autocomplete(related)}?${new URLSearchParams({ source: modelUrlName(admin.model), filter: filter.name })}`
    : null;
  const one = modelLabel(filter.related).toLowerCase();
  const many = modelLabelPlural(filter.related).toLowerCase();
  let chip: RelationSearchBox['chip'] = null;
  let message: string | null = null;
  if (active) {
    chip = { label: active.label ?? active.value, note: null, removeUrl: `?${queryWith(base, { [exactName]: undefined })}` };
  } else if (search && search.matches.length) {
    const removeUrl = `?${queryWith(base, { [name]: undefined })}`;
    const n = search.matches.length;
    const only = n === 1 && !search.more ? `: ${related ? recordLabel(related, search.matches[0]) : labelOf(filter.related, filter.relatedLabelField, search.matches[0])}` : '';
    const note = search.more ? `matches more than ${n.toLocaleString('en-US')} ${many}` : `matches ${n.toLocaleString('en-US')} ${n === 1 ? one : many}${only}`;
    chip = { label: `“${search.text}”`, note, removeUrl };
  } else if (search) {
    message = `No ${one} matches “${search.text}”: the filter is not applied.`;
  }
  return { name, exactName, inputId: `filter-${prefix}-search`, value: search?.text ?? '', autocompleteUrl, hidden, chip, message };
}
