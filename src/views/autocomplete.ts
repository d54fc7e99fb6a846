// The search-as-you-type endpoint behind large relation widgets: JSON options matching `q`, by the model's search
// fields (or its label field), at most 20. Only records the related admin's getQueryset lets the request see; with
// `source` (a model's URL name), `field` and, for an inline's rows, `inline` (its prefix), also narrowed by that
// field's limitChoicesTo and getRelationChoicesWhere, as its select and its save validation are.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { parseListParams } from '../data/list-params.ts';
import { buildListQuery } from '../data/list-query.ts';
import { andWhere, relationChoicesWhere, type RelationChoicesOwner } from '../data/relation-scope.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { labelSelect, optionOf } from './relation-choices.ts';
import { recordKeyFields } from '../schema/record-key.ts';

export const AUTOCOMPLETE_LIMIT = 20;

export async function autocompleteView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const query = request.query as Record<string, unknown>;
  const asker = askingField(ctx, admin, query);
  if (asker === 'invalid') return reply.code(400).header('cache-control', 'no-store').send({ error: 'source, field and inline do not name a relation field to this model.' });
  const searchable = admin.search.length ? admin : { ...admin, search: admin.labelField ? [{ relations: [], toMany: [], field: admin.labelField, mode: 'contains' as const, model: admin.model }] : [] };
  const params = parseListParams(searchable, { q: query.q });
  const { where } = buildListQuery(ctx.schema, searchable, { ...params, filters: [], sort: [] });
  const scope = relationChoicesWhere(request, asker?.owner, asker?.field ?? '', admin);
  const orderBy = admin.labelField ? [{ [admin.labelField]: 'asc' }] : recordKeyFields(admin.model).map((f) => ({ [f]: 'asc' }));
  const records = await delegateOf(ctx, admin).findMany({ where: andWhere(where, scope), select: labelSelect(admin), orderBy, take: AUTOCOMPLETE_LIMIT });
  return reply.header('cache-control', 'no-store').send({ results: records.map((r) => optionOf(admin, r)) });
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
