// A relation filter's text search (`author__search=ada`), the filter of a related table too large to list. It matches
// the related records as the autocomplete route does: by the related admin's searchFields with the list search's rules
// (every word in one of them; contains is case-insensitive), or, without any, by the label field containing the text.
// Only records the filter could list count (relationFilterScope). ChangeList resolves it before building the where:
// up to RELATION_FILTER_LIMIT matches filter by their keys (`in`), more by the match itself; none: the filter is not
// applied and the sidebar says so.
import type { AdminContext, AdminRequest } from '../../admin/context.ts';
import { adminOfModel } from '../../admin/model-registry.ts';
import type { ListFilter, ResolvedModelAdmin, SearchPath } from '../../admin/resolve-model-admin.ts';
import type { ModelMeta, SchemaMeta } from '../../schema/types.ts';
import { recordKeyFields } from '../../schema/record-key.ts';
import { delegateName } from '../../schema/lookup.ts';
import type { ModelDelegate } from '../delegates.ts';
import { MAX_SEARCH_LENGTH, type ActiveFilter, type ListParams } from '../list-params.ts';
import { buildSearch } from '../list-search.ts';
import { andWhere, relationChoicesWhere } from '../relation-scope.ts';

type Where = Record<string, unknown>;
export type RelationFilter = Extract<ListFilter, { kind: 'relation' | 'many' }>;

/** Relation filters list at most this many related records; above it they are a search box. */
export const RELATION_FILTER_LIMIT = 100;

export interface RelationSearch {
  text: string;
  /** The first matching records by label (their key fields and label field), at most RELATION_FILTER_LIMIT. */
  matches: Record<string, unknown>[];
  /** More than RELATION_FILTER_LIMIT records match. */
  more: boolean;
}

export function relatedAdminFor(ctx: AdminContext, modelName: string): ResolvedModelAdmin | undefined {
  return adminOfModel(ctx.models, modelName);
}

/**
 * The records a relation filter offers: those the related admin's getQueryset lets the request see, narrowed by the
 * list admin's limitChoicesTo for the field (not by getRelationChoicesWhere, which is about forms).
 */
export function relationFilterScope(ctx: AdminContext, request: AdminRequest, admin: ResolvedModelAdmin, filter: RelationFilter): Where {
  return relationChoicesWhere(request, admin.admin, filter.field.name, relatedAdminFor(ctx, filter.related.name), { hook: false });
}

/** The related records' fields a filter keys its choices by (what `author__exact` carries). */
export function relationFilterKeyFields(filter: RelationFilter): string[] {
  return filter.kind === 'many' ? recordKeyFields(filter.related) : filter.field.toFields;
}

/**
 * The where of records of `model` matching `text`, as the autocomplete route matches them: by `search` (a model
 * admin's search fields), else by `labelField` (contains, every word). Null when there is neither, or no word to match.
 */
export function relatedTextWhere(schema: SchemaMeta, model: ModelMeta, search: SearchPath[], labelField: string | null, text: string): Where | null {
  const paths = search.length ? search : labelField ? [{ relations: [], toMany: [], field: labelField, mode: 'contains' as const, model }] : [];
  // PostgreSQL refuses a NUL in text.
  return buildSearch(schema, { model, search: paths }, text.replaceAll('\0', '').trim().slice(0, MAX_SEARCH_LENGTH));
}

/** Whether a filter's related records can be searched by text (it has search fields or a label field). */
export function relationSearchable(ctx: AdminContext, filter: RelationFilter): boolean {
  const related = relatedAdminFor(ctx, filter.related.name);
  return Boolean(related?.search.length || (related ? related.labelField : filter.relatedLabelField));
}

/**
 * Finds the records each active `__search` of `params` matches and sets its `resolved` where; a search that matches
 * nothing (or cannot search) is taken out of `params.filters`. Returns what the sidebar shows, per filter.
 */
export async function resolveRelationSearches(ctx: AdminContext, admin: ResolvedModelAdmin, params: ListParams, request: AdminRequest): Promise<Map<ListFilter, RelationSearch>> {
  const found = new Map<ListFilter, RelationSearch>();
  const searches = params.filters.filter((f) => f.lookup === 'search');
  if (searches.length === 0) return found;
  const dropped = new Set<ActiveFilter>();
  await Promise.all(searches.map(async (active) => {
    const filter = active.filter as RelationFilter;
    const related = relatedAdminFor(ctx, filter.related.name);
    const labelField = related ? related.labelField : filter.relatedLabelField;
    const match = relatedTextWhere(ctx.schema, filter.related, related?.search ?? [], labelField, active.value);
    const keyFields = relationFilterKeyFields(filter);
    let records: Record<string, unknown>[] = [];
    if (match) {
      const where = andWhere(match, relationFilterScope(ctx, request, admin, filter));
      const select = Object.fromEntries([...new Set([...keyFields, ...recordKeyFields(filter.related), ...(labelField ? [labelField] : [])])].map((f) => [f, true]));
      const orderBy = [...(labelField ? [labelField] : []), ...recordKeyFields(filter.related)].map((f) => ({ [f]: 'asc' }));
      records = await (ctx.prisma[delegateName(filter.related)] as ModelDelegate).findMany({ where, select, orderBy, take: RELATION_FILTER_LIMIT + 1 });
      const more = records.length > RELATION_FILTER_LIMIT;
      active.resolved = more ? relationWhere(filter, where) : keysWhere(filter, keyFields, records);
      found.set(filter, { text: active.value, matches: records.slice(0, RELATION_FILTER_LIMIT), more });
    } else {
      found.set(filter, { text: active.value, matches: [], more: false });
    }
    if (records.length === 0) dropped.add(active);
  }));
  params.filters = params.filters.filter((f) => !dropped.has(f));
  return found;
}

/** Rows whose related record is one of `records`: the foreign key `in` their keys (one column), else an OR. */
function keysWhere(filter: RelationFilter, keyFields: string[], records: Record<string, unknown>[]): Where {
  if (filter.kind === 'many') {
    const key = keyFields.length === 1 ? { [keyFields[0]]: { in: records.map((r) => r[keyFields[0]]) } } : { OR: records.map((r) => pick(r, keyFields)) };
    return { [filter.name]: { some: key } };
  }
  const { fromFields, toFields } = filter.field;
  if (fromFields.length === 1) return { [fromFields[0]]: { in: records.map((r) => r[toFields[0]]) } };
  return { OR: records.map((r) => Object.fromEntries(fromFields.map((fk, i) => [fk, r[toFields[i]]]))) };
}

/** Rows whose related record matches `where` (more matches than keys worth listing). */
function relationWhere(filter: RelationFilter, where: Where): Where {
  return { [filter.name]: filter.kind === 'many' ? { some: where } : { is: where } };
}

function pick(record: Record<string, unknown>, fields: string[]): Where {
  return Object.fromEntries(fields.map((f) => [f, record[f]]));
}
