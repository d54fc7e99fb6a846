// The search-as-you-type endpoint behind large relation widgets: JSON options matching `q`, by the model's search
// fields (or its label field), at most 20.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { parseListParams } from '../data/list-params.ts';
import { buildListQuery } from '../data/list-query.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { labelSelect, optionOf } from './relation-choices.ts';

export const AUTOCOMPLETE_LIMIT = 20;

export async function autocompleteView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const q = (request.query as Record<string, unknown>).q;
  const searchable = admin.search.length ? admin : { ...admin, search: admin.labelField ? [{ relations: [], field: admin.labelField }] : [] };
  const params = parseListParams(searchable, { q });
  const { where } = buildListQuery(ctx.schema, searchable, { ...params, filters: [], sort: [] });
  const orderBy = admin.labelField ? [{ [admin.labelField]: 'asc' }] : admin.model.primaryKey.fields.map((f) => ({ [f]: 'asc' }));
  const records = await delegateOf(ctx, admin).findMany({ where: scopedWhere(admin, request, where), select: labelSelect(admin), orderBy, take: AUTOCOMPLETE_LIMIT });
  return reply.header('cache-control', 'no-store').send({ results: records.map((r) => optionOf(admin, r)) });
}
