// The choices of each sidebar filter, with which one is selected. Each choice carries the parameter changes that
// select it; the changelist turns them into links that keep the rest of the query.
import type { FastifyRequest } from 'fastify';
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { relationChoicesWhere } from '../data/relation-scope.ts';
import { filterParamNames, type ListParams } from '../data/list-params.ts';
import { relatedSelect } from '../data/list-query.ts';
import { encodeKey } from '../data/record-id.ts';
import { delegateName } from '../schema/lookup.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ModelDelegate } from '../data/delegates.ts';
import { labelOf } from './record-label.ts';
import { relatedAdminOf } from './relation-choices.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { distinctValues, fieldOwner, scalarFilterKind, VALUES_FILTER_CAP } from '../data/filters/scalar-kind.ts';

export interface FilterChoice {
  label: string;
  selected: boolean;
  changes: Record<string, string | undefined>;
}

/** Relation filters list at most this many related records (the selected one is always listed). */
export const RELATION_FILTER_LIMIT = 100;

/**
 * The records a relation filter offers: those the related admin's getQueryset lets the request see, narrowed by the
 * list admin's limitChoicesTo for the field (not by getRelationChoicesWhere, which is about forms).
 */
export function relationFilterScope(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, filter: Extract<ListFilter, { kind: 'relation' | 'many' }>): Record<string, unknown> {
  return relationChoicesWhere(request, admin.admin, filter.field.name, relatedAdminOf(ctx, filter.related.name), { hook: false });
}

/** `prefetched`: a relation or to-many filter's choices from the list's batched labels query (no query here then). */
export async function filterChoices(ctx: AdminContext, filter: ListFilter, params: ListParams, prefetched: { label: string; value: string }[] | undefined, request: FastifyRequest, admin: ResolvedModelAdmin): Promise<FilterChoice[]> {
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
      choices.push(...(prefetched ?? (await relationChoices(ctx, filter, active, relationFilterScope(ctx, request, admin, filter)))).map((c) => choice(c.label, c.value)));
      break;
    case 'many': {
      const records = prefetched ?? (await relationChoices(ctx, filter, active, relationFilterScope(ctx, request, admin, filter)));
      choices.push(...records.map((c) => choice(c.label, c.value)));
      // As relationChoices lists it: the selected key, when it is not among the records listed.
      if (prefetched && active !== undefined && !records.some((c) => c.value === active)) choices.push(choice(active, active));
      break;
    }
    case 'scalar':
      if ((await scalarFilterKind(ctx, admin.model, filter)) === 'values') {
        const owner = fieldOwner(ctx.schema, admin.model, filter.relations);
        const values = await distinctValues(ctx, owner, filter.field.name, VALUES_FILTER_CAP + 1);
        choices.push(...values.filter((v) => v !== null).slice(0, VALUES_FILTER_CAP).map((v) => choice(String(v), String(v))));
        if (active !== undefined && !choices.some((c) => c.changes[exactParam] === active)) choices.push(choice(active, active));
      }
      break;
    case 'custom':
      choices.push(...filter.custom.choices.map((c) => choice(c.label, c.value)));
      break;
  }
  if (!filter.field.isRequired || filter.kind === 'many' || ('relations' in filter && filter.relations.length > 0)) {
    choices.push({ label: filter.kind === 'date' ? 'No date' : 'None', selected: isNull && mine.length === 1, changes: { ...clear, [nullParam]: 'true' } });
  }
  return choices;
}

async function relationChoices(ctx: AdminContext, filter: Extract<ListFilter, { kind: 'relation' | 'many' }>, active: string | undefined, where: Record<string, unknown>) {
  const delegate = ctx.prisma[delegateName(filter.related)] as ModelDelegate;
  const select = relatedSelect(filter);
  const orderBy = filter.relatedLabelField
    ? [{ [filter.relatedLabelField]: 'asc' }, ...recordKeyFields(filter.related).map((f) => ({ [f]: 'asc' }))]
    : recordKeyFields(filter.related).map((f) => ({ [f]: 'asc' }));
  const records = await delegate.findMany({ where, select, orderBy, take: RELATION_FILTER_LIMIT });
  const keyFields = filter.kind === 'many' ? recordKeyFields(filter.related) : filter.field.toFields;
  const choices = records.map((r) => ({ label: labelOf(filter.related, filter.relatedLabelField, r), value: encodeKey(keyFields, r) }));
  if (active !== undefined && !choices.some((c) => c.value === active)) choices.push({ label: active, value: active });
  return choices;
}
