// SQLite cannot search for `%` or `_` literally through Prisma (its LIKE gets no ESCAPE clause), so the search there
// first narrows by the pieces between the wildcards, then keeps the rows whose fields truly contain every word, and
// pins the page to those rows. Bounded: beyond LITERAL_SEARCH_LIMIT candidates the narrowed search stands as it is.
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { delegateOf } from './delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ListParams } from './list-params.ts';
import { encodeRecordId, recordWhere } from './record-id.ts';
import { recordKeyFields } from '../schema/record-key.ts';

export const LITERAL_SEARCH_LIMIT = 10_000;

type Where = Record<string, unknown>;

export function needsLiteralSearch(ctx: AdminContext, admin: ResolvedModelAdmin, params: ListParams): boolean {
  return ctx.schema.provider === 'sqlite' && admin.search.length > 0 && /[%_]/.test(params.search);
}

/** A filter that keeps exactly the rows matching the search literally, or null when there are too many candidates. */
export async function literalSearchWhere(ctx: AdminContext, admin: ResolvedModelAdmin, _request: FastifyRequest, params: ListParams, narrowed: Where): Promise<Where | null> {
  // Rows of a model without a record key cannot be pinned: its narrowed search stands.
  if (recordKeyFields(admin.model).length === 0) return null;
  const select: Where = Object.fromEntries(recordKeyFields(admin.model).map((f) => [f, true]));
  for (const path of admin.search) {
    let level = select;
    for (const rel of path.relations) {
      const next = ((level[rel] as { select?: Where } | undefined)?.select ?? {}) as Where;
      level[rel] = { select: next };
      level = next;
    }
    level[path.field] = true;
  }
  const candidates = await delegateOf(ctx, admin).findMany({ where: narrowed, select, take: LITERAL_SEARCH_LIMIT + 1 });
  if (candidates.length > LITERAL_SEARCH_LIMIT) return null;
  const words = params.search.toLowerCase().split(/\s+/).filter(Boolean);
  const texts = (row: Where) => admin.search.map((path) => {
    let value: unknown = row;
    for (const step of [...path.relations, path.field]) value = (value as Where | null)?.[step] ?? null;
    return typeof value === 'string' ? value.toLowerCase() : '';
  });
  const matched = candidates.filter((row) => {
    const values = texts(row);
    return words.every((w) => values.some((v) => v.includes(w)));
  });
  const keys = matched.map((row) => recordWhere(ctx.schema, admin.model, encodeRecordId(admin.model, row))!);
  const pk = recordKeyFields(admin.model);
  return pk.length === 1 ? { [pk[0]]: { in: keys.map((k) => k[pk[0]]) } } : { OR: keys.length ? keys : [{ [pk[0]]: { in: [] } }] };
}
