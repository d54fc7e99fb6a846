// Django's preserve_filters: links from the list to a record's pages (change, add, delete) and the list's action
// form carry the list's query in `_changelist_filters`, so that after a save, "save and add another", a delete or an
// action the user is back on the list with its search, filters, sort and page. The value is read like the list's own
// query string: only the parameters the list knows survive, and it is only ever appended to this model's list URL
// (never a URL of its own: no open redirect). `preserveFilters: false` turns it off.
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { parseListParams } from '../data/list-params.ts';
import { urlsOf } from '../http/page.ts';
import { currentQuery, type QueryValues } from './query-string.ts';

export const PRESERVED_FILTERS = '_changelist_filters';
const MAX_PRESERVED_LENGTH = 4_000;

/** The list query of `base` (the list's current parameters) as a `_changelist_filters` value; '' for the plain list. */
export function preservedFromList(admin: ResolvedModelAdmin, base: QueryValues): string {
  return admin.admin.preserveFilters === false ? '' : new URLSearchParams(base).toString();
}

/** The request's `_changelist_filters`, cleaned to the list parameters this admin knows ('' when none or off). */
export function preservedFilters(admin: ResolvedModelAdmin, request: FastifyRequest): string {
  if (admin.admin.preserveFilters === false) return '';
  const raw = (request.query as Record<string, unknown> | undefined)?.[PRESERVED_FILTERS];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value === '' || value.length > MAX_PRESERVED_LENGTH) return '';
  const query: Record<string, string> = {};
  for (const [key, v] of new URLSearchParams(value)) if (!(key in query)) query[key] = v;
  return new URLSearchParams(currentQuery(parseListParams(admin, query))).toString();
}

/** `url` with the preserved list query appended (unchanged when there is none). */
export function withPreserved(url: string, preserved: string): string {
  if (!preserved) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${PRESERVED_FILTERS}=${encodeURIComponent(preserved)}`;
}

/** The list to go back to: with the query the user came from. */
export function listUrlBack(ctx: AdminContext, admin: ResolvedModelAdmin, request: FastifyRequest): string {
  return urlsOf(ctx).list(admin, preservedFilters(admin, request));
}
