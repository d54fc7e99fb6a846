// SQLite cannot search for `%` or `_` literally through Prisma (its LIKE gets no ESCAPE clause), so the search there
// first narrows by the pieces between the wildcards, then keeps the rows whose fields truly contain every word, and
// pins the page to those rows. Bounded: beyond LITERAL_SEARCH_LIMIT candidates, or more matches than the query binds
// beside the narrowed search (keysRoomBeside), the narrowed search stands as it is.
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { keysRoomBeside } from './bound-values.ts';
import { delegateOf } from './delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ListParams } from './list-params.ts';
import { encodeRecordId, recordWhere } from './record-id.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { parseSearchTerms } from './search-terms.ts';
import { fullTextKey } from './list-search.ts';

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
    for (const f of recordKeyFields(path.model)) level[f] = true;
  }
  const candidates = await delegateOf(ctx, admin).findMany({ where: narrowed, select, take: LITERAL_SEARCH_LIMIT + 1 });
  if (candidates.length > LITERAL_SEARCH_LIMIT) return null;
  const terms = parseSearchTerms(params.search).map((t) => ({ ...t, lower: t.text.toLowerCase() }));
  const matched = candidates.filter((row) => terms.every((term) => admin.search.some((path, i) => {
    const found = params.fullTextKeys?.get(fullTextKey(i, term));
    return recordsAt(row, path.relations).some((record) => {
      // A full-text match was the database's: the related record's key is among the ones it found.
      if (path.mode === 'fullText' && found) return found.keys.includes(record[found.keyField]);
      const value = typeof record[path.field] === 'string' ? (record[path.field] as string).toLowerCase() : '';
      return path.mode === 'exact' ? value === term.lower : path.mode === 'startsWith' ? value.startsWith(term.lower) : value.includes(term.lower);
    });
  })));
  // Every candidate matches: the narrowed search is already exact.
  if (matched.length === candidates.length) return null;
  const pk = recordKeyFields(admin.model);
  if (matched.length * pk.length > keysRoomBeside(ctx.schema.provider, narrowed)) return null;
  const keys = matched.map((row) => recordWhere(ctx.schema, admin.model, encodeRecordId(admin.model, row))!);
  return pk.length === 1 ? { [pk[0]]: { in: keys.map((k) => k[pk[0]]) } } : { OR: keys.length ? keys : [{ [pk[0]]: { in: [] } }] };
}

/** The records at the end of a relation path: one through to-one relations, any number through to-many ones. */
function recordsAt(row: Where, relations: string[]): Where[] {
  let records: Where[] = [row];
  for (const rel of relations) {
    records = records.flatMap((r) => {
      const next = r[rel];
      return Array.isArray(next) ? (next as Where[]) : next && typeof next === 'object' ? [next as Where] : [];
    });
  }
  return records;
}
