// The search-as-you-type endpoint behind large relation widgets: JSON options matching `q`, by the model's search
// fields (or its label field), at most 20. Only records the related admin's getQueryset lets the request see; with
// `source` (a model's URL name), `field` and, for an inline's rows, `inline` (its prefix), also narrowed by that
// field's limitChoicesTo and getRelationChoicesWhere, as its select and its save validation are. With `source` and
// `filter` (a relation filter of that model's list), narrowed as that filter's choices are, and each option's value
// is what the filter's parameter takes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { andWhere, relationChoicesWhere, type RelationChoicesOwner } from '../data/relation-scope.ts';
import { relatedTextWhere, relationFilterKeyFields, relationFilterScope, type RelationFilter } from '../data/filters/relation-search.ts';
import { encodeKey } from '../data/record-id.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { labelSelect, optionOf } from './relation-choices.ts';
import { recordKeyFields } from '../schema/record-key.ts';

export const AUTOCOMPLETE_LIMIT = 20;

type Where = Record<string, unknown>;

export async function autocompleteView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const query = request.query as Record<string, unknown>;
  const asker = askingFilter(ctx, request, admin, query) ?? askingField(ctx, admin, query);
  if (asker === 'invalid') return reply.code(400).header('cache-control', 'no-store').send({ error: 'source, field, filter and inline do not name a relation field or filter to this model.' });
  const text = typeof query.q === 'string' ? query.q : '';
  const where = relatedTextWhere(ctx.schema, admin.model, admin.search, admin.labelField, text) ?? {};
  const scope = asker && 'scope' in asker ? asker.scope : relationChoicesWhere(request, asker?.owner, asker?.field ?? '', admin);
  const orderBy = admin.labelField ? [{ [admin.labelField]: 'asc' }] : recordKeyFields(admin.model).map((f) => ({ [f]: 'asc' }));
  const keyFields = asker && 'keyFields' in asker ? asker.keyFields : null;
  const select = { ...labelSelect(admin), ...Object.fromEntries((keyFields ?? []).map((f) => [f, true])) };
  const records = await delegateOf(ctx, admin).findMany({ where: andWhere(where, scope), select, orderBy, take: AUTOCOMPLETE_LIMIT });
  const results = records.map((r) => (keyFields ? { ...optionOf(admin, r), value: encodeKey(keyFields, r) } : optionOf(admin, r)));
  return reply.header('cache-control', 'no-store').send({ results });
}

/** `source` and `filter`: the relation filter of that list that asks, its scope and the fields its values are; else null. */
function askingFilter(ctx: AdminContext, request: FastifyRequest, related: ResolvedModelAdmin, query: Record<string, unknown>): { scope: Where; keyFields: string[] } | null | 'invalid' {
  if (query.filter === undefined) return null;
  const source = typeof query.source === 'string' ? ctx.models.get(query.source) : undefined;
  const filter = source?.filters.find((f): f is RelationFilter => f.name === query.filter && (f.kind === 'relation' || f.kind === 'many'));
  if (!source || !filter || filter.related.name !== related.model.name || query.field !== undefined || query.inline !== undefined) return 'invalid';
  return { scope: relationFilterScope(ctx, request, source, filter), keyFields: relationFilterKeyFields(filter) };
}

/** The admin class and relation field the request names, null when it names none, 'invalid' when it names a wrong one. */
function askingField(ctx: AdminContext, related: ResolvedModelAdmin, query: Record<string, unknown>): { owner: RelationChoicesOwner; field: string } | null | 'invalid' {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  const [source, field, inline] = [text('source'), text('field'), text('inline')];
  if (source === undefined && field === undefined && inline === undefined) return null;
  const sourceAdmin = source === undefined ? undefined : ctx.models.get(source);
  if (!sourceAdmin || field === undefined) return 'invalid';
  const resolvedInline = inline === undefined ? undefined : sourceAdmin.form.inlines.find((i) => i.prefix === inline);
  if (inline !== undefined && !resolvedInline) return 'invalid';
  const model = resolvedInline ? resolvedInline.model : sourceAdmin.model;
  const meta = model.fields.find((f) => f.name === field);
  if (!meta || meta.kind !== 'relation' || meta.type !== related.model.name) return 'invalid';
  return { owner: resolvedInline ? resolvedInline.admin : sourceAdmin.admin, field };
}
