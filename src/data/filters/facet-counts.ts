// Facet counts (Django 5's show_facets): how many rows of the list each choice of a filter would leave, counted with
// the list's other filters, search and scope but without the filter itself. One grouped query per filter: a field of
// the model or a to-one relation's key with Prisma's groupBy (GROUP BY the column); a path (`author.country`) or an
// implicit many-to-many relation (`tags`) in raw SQL (grouped-facets.ts). The rest (date presets, custom filters, and
// the former where the list's where has no SQL form) count their choices one by one, side by side: at most a few dozen.
import type { ListFilter } from '../../admin/resolve-list-filters.ts';
import type { AdminRequest } from '../../admin/context.ts';
import type { ModelMeta, SchemaMeta } from '../../schema/types.ts';
import { encodeKey } from '../record-id.ts';
import type { ModelDelegate } from '../delegates.ts';
import { filterParams, type ActiveFilter } from '../list-params.ts';
import { fieldFilterWhere } from './filter-where.ts';
import { RawOrPrisma, type WarningLog } from '../raw-or-prisma.ts';
import { groupedFacetCounts, type GroupingDatabase } from './grouped-facets.ts';

type Where = Record<string, unknown>;
type GroupingDelegate = ModelDelegate & { groupBy(args: object): Promise<Record<string, unknown>[]> };

/** A choice as the parameter it sets (`status__exact=draft`), the key of its count. */
export const facetKey = (param: string, value: string) => `${param}=${value}`;

/** The raw grouped query of paths and to-many relations: per site, counts choice by choice once it fails. */
export const rawFacets = new RawOrPrisma('grouped facet counts of relation paths and to-many filters');

/**
 * Per choice (by facetKey), its count; `choices` are the parameter and value each choice sets. `db` is the site's
 * context (its client runs the raw query, and owns the raw query's fallback).
 */
export async function facetCounts(db: GroupingDatabase, model: ModelMeta, delegate: ModelDelegate, filter: ListFilter, without: Where, choices: { param: string; value: string }[], request: AdminRequest, log?: WarningLog): Promise<Map<string, number>> {
  const grouped = groupColumn(filter);
  if (grouped) return groupedCounts(delegate as GroupingDelegate, filter, grouped, without);
  const perChoice = () => choiceCounts(db.schema, delegate, filter, without, choices, request);
  if (filter.kind === 'many' || ('relations' in filter && filter.relations.length > 0)) {
    return rawFacets.run(db, log, async () => (await groupedFacetCounts(db, model, filter, without)) ?? perChoice(), perChoice);
  }
  return perChoice();
}

async function choiceCounts(schema: SchemaMeta, delegate: ModelDelegate, filter: ListFilter, without: Where, choices: { param: string; value: string }[], request: AdminRequest): Promise<Map<string, number>> {
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
