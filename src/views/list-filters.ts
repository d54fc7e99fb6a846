// The choices of each sidebar filter, with which one is selected. Each choice carries the parameter changes that
// select it; the changelist turns them into links that keep the rest of the query.
import type { FastifyRequest } from 'fastify';
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { andWhere } from '../data/relation-scope.ts';
import { RELATION_FILTER_LIMIT, relationFilterKeyFields, relationFilterScope, relationSearchable } from '../data/filters/relation-search.ts';
import { filterParamNames, type ListParams } from '../data/list-params.ts';
import { relatedSelect } from '../data/list-query.ts';
import { decodeKey, encodeKey } from '../data/record-id.ts';
import { delegateName } from '../schema/lookup.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ModelDelegate } from '../data/delegates.ts';
import { labelOf } from './record-label.ts';
import type { RelationChoices } from './list-labels.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { distinctValues, fieldOwner, scalarFilterKind, VALUES_FILTER_CAP } from '../data/filters/scalar-kind.ts';
import { mayHaveNoValue } from '../data/filters/filter-where.ts';

export interface FilterChoice {
  label: string;
  selected: boolean;
  changes: Record<string, string | undefined>;
}

export { RELATION_FILTER_LIMIT };

export interface FilterChoices {
  choices: FilterChoice[];
  /** A relation filter with more related records than RELATION_FILTER_LIMIT: a search box, not a list of them. */
  overflow: boolean;
  /** Its selected related record's label (the chip of the search box), when one is selected. */
  activeLabel: string | null;
}

/**
 * `prefetched`, `prefetchedValues`: a relation or to-many filter's choices, a String filter's values, from the list's
 * batched labels query (no query here then). Choices set one parameter and clear the filter's others (a choice
 * replaces a typed search).
 */
export async function filterChoices(ctx: AdminContext, filter: ListFilter, params: ListParams, prefetched: RelationChoices | undefined, request: FastifyRequest, admin: ResolvedModelAdmin, prefetchedValues?: string[]): Promise<FilterChoices> {
  const names = filterParamNames(filter);
  const [exactParam, nullParam] = names;
  const mine = params.filters.filter((f) => f.filter === filter);
  const active = mine.find((f) => f.param === exactParam)?.value;
  const isNull = mine.some((f) => f.param === nullParam);
  // A choice replaces whatever the filter had (a preset replaces a typed range, and back).
  const clear = Object.fromEntries(names.map((n) => [n, undefined]));
  const choice = (label: string, value: string | undefined): FilterChoice => ({
    label,
    selected: value === undefined ? mine.length === 0 : active === value && mine.length === 1,
    changes: { ...clear, [exactParam]: value },
  });
  const choices: FilterChoice[] = [choice('All', undefined)];
  let overflow = false;
  let activeLabel: string | null = null;

  switch (filter.kind) {
    case 'enum': {
      const values = ctx.schema.enums.find((e) => e.name === filter.field.type)?.values ?? [];
      choices.push(...values.map((v) => choice(v.name, v.name)));
      break;
    }
    case 'boolean':
      choices.push(choice('Yes', 'true'), choice('No', 'false'));
      break;
    case 'date':
      choices.push(choice('Today', 'today'), choice('Past 7 days', 'past7'), choice('This month', 'month'), choice('This year', 'year'));
      break;
    case 'relation':
    case 'many': {
      const related = prefetched ?? (await relationChoices(ctx, filter, active, relationFilterScope(ctx, request, admin, filter)));
      // Without a label or search fields to match by text, the first records stay listed.
      overflow = related.overflow && relationSearchable(ctx, filter);
      activeLabel = related.choices.find((c) => c.value === active)?.label ?? null;
      // A search box's selected record is its chip, not a choice.
      if (!overflow) choices.push(...related.choices.map((c) => choice(c.label, c.value)));
      break;
    }
    case 'scalar':
      if ((await scalarFilterKind(ctx, admin.model, filter)) === 'values') {
        const owner = fieldOwner(ctx.schema, admin.model, filter.relations);
        const values = prefetchedValues ?? (await distinctValues(ctx, owner, filter.field.name, VALUES_FILTER_CAP + 1));
        choices.push(...values.filter((v) => v !== null).slice(0, VALUES_FILTER_CAP).map((v) => choice(String(v), String(v))));
        if (active !== undefined && !choices.some((c) => c.changes[exactParam] === active)) choices.push(choice(active, active));
      }
      break;
    case 'custom':
      choices.push(...filter.custom.choices.map((c) => choice(c.label, c.value)));
      break;
  }
  if (mayHaveNoValue(filter)) {
    choices.push({ label: filter.kind === 'date' ? 'No date' : 'None', selected: isNull && mine.length === 1, changes: { ...clear, [nullParam]: 'true' } });
  }
  return { choices, overflow, activeLabel };
}

async function relationChoices(ctx: AdminContext, filter: Extract<ListFilter, { kind: 'relation' | 'many' }>, active: string | undefined, where: Record<string, unknown>): Promise<RelationChoices> {
  const delegate = ctx.prisma[delegateName(filter.related)] as ModelDelegate;
  const select = relatedSelect(filter);
  const orderBy = filter.relatedLabelField
    ? [{ [filter.relatedLabelField]: 'asc' }, ...recordKeyFields(filter.related).map((f) => ({ [f]: 'asc' }))]
    : recordKeyFields(filter.related).map((f) => ({ [f]: 'asc' }));
  // One more than listed: whether there are more (a bounded count, read with the labels).
  const records = await delegate.findMany({ where, select, orderBy, take: RELATION_FILTER_LIMIT + 1 });
  const overflow = records.length > RELATION_FILTER_LIMIT;
  const keyFields = relationFilterKeyFields(filter);
  const choices = records.slice(0, RELATION_FILTER_LIMIT).map((r) => ({ label: labelOf(filter.related, filter.relatedLabelField, r), value: encodeKey(keyFields, r) }));
  if (active !== undefined && !choices.some((c) => c.value === active)) {
    const listed = records.find((r) => encodeKey(keyFields, r) === active);
    const key = listed ? null : decodeKey(ctx.schema, filter.related, keyFields, active);
    const record = listed ?? (key ? await delegate.findFirst({ where: andWhere(key, where), select }) : null);
    choices.push({ label: record ? labelOf(filter.related, filter.relatedLabelField, record) : active, value: active });
  }
  return { choices, overflow };
}
