// The typed part of a sidebar filter: a from–to range (numbers, dates) or a "contains" box (Strings with many values).
// A plain GET form: it carries the rest of the list's query in hidden fields, so it works without JavaScript and the
// URL stays the whole state.
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { AdminContext } from '../admin/context.ts';
import { filterParamPrefix } from '../admin/resolve-list-filters.ts';
import { filterParamNames, type ListParams } from '../data/list-params.ts';
import { scalarFilterKind } from '../data/filters/scalar-kind.ts';
import type { QueryValues } from './query-string.ts';

export interface FilterInput {
  name: string;
  label: string;
  value: string;
  type: 'text' | 'date' | 'search';
  numeric: boolean;
}

export interface FilterForm {
  inputs: FilterInput[];
  /** The rest of the list's query (search, sort, other filters), without the page. */
  hidden: { name: string; value: string }[];
  clearUrl: string | null;
}

export async function filterForm(ctx: AdminContext, admin: ResolvedModelAdmin, filter: ListFilter, params: ListParams, base: QueryValues): Promise<FilterForm | null> {
  const inputs = await inputsOf(ctx, admin, filter);
  if (!inputs.length) return null;
  const mine = new Set(filterParamNames(filter));
  const current = new Map(params.filters.filter((f) => f.filter === filter).map((f) => [f.param, f.value]));
  const hidden = Object.entries(base).filter(([name]) => !mine.has(name) && name !== 'page').map(([name, value]) => ({ name, value }));
  const typed = inputs.some((i) => current.has(i.name));
  const rest = new URLSearchParams(hidden.map((h) => [h.name, h.value])).toString();
  return {
    inputs: inputs.map((i) => ({ ...i, value: current.get(i.name) ?? '' })),
    hidden,
    clearUrl: typed ? `?${rest}` : null,
  };
}

async function inputsOf(ctx: AdminContext, admin: ResolvedModelAdmin, filter: ListFilter): Promise<FilterInput[]> {
  if (filter.kind !== 'scalar' && filter.kind !== 'date') return [];
  const prefix = filterParamPrefix(filter);
  const input = (lookup: string, label: string, type: FilterInput['type'], numeric = false): FilterInput => ({ name: `${prefix}__${lookup}`, label, value: '', type, numeric });
  if (filter.kind === 'date') return [input('gte', 'From', 'date'), input('lte', 'To', 'date')];
  if (filter.kind !== 'scalar') return [];
  const kind = await scalarFilterKind(ctx, admin.model, filter);
  if (kind === 'text') return [input('contains', 'Contains', 'search')];
  if (kind === 'range') return [input('gte', 'At least', 'text', true), input('lte', 'At most', 'text', true)];
  return [];
}
