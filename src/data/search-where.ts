// The list's search: the where of searchFields (list-search.ts), with full-text matches looked up first
// (full-text-search.ts) and to-one relation fields' matching related keys (relation-search-keys.ts), handed to the admin's getSearchResults hook, which may extend or replace it.
import type { AdminContext, AdminRequest } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { ListParams } from './list-params.ts';
import { buildSearch, type FullTextKeys } from './list-search.ts';
import type { WarningLog } from './raw-or-prisma.ts';
import { fullTextKeysOf } from './full-text-search.ts';
import { relationKeysOf } from './relation-search-keys.ts';

type Where = Record<string, unknown>;

export interface SearchWhere {
  where: Where | undefined;
  /** getSearchResults returned a where of its own: the SQLite literal pass (which rereads searchFields) is skipped. */
  replaced: boolean;
  fullTextKeys: FullTextKeys | undefined;
}

export async function searchWhereOf(ctx: AdminContext, admin: ResolvedModelAdmin, params: ListParams, request: AdminRequest, log?: WarningLog): Promise<SearchWhere> {
  if (!params.search) return { where: undefined, replaced: false, fullTextKeys: undefined };
  const fullTextKeys = await fullTextKeysOf(ctx, admin, params.search, log);
  const relationKeys = await relationKeysOf(ctx, admin, params.search, fullTextKeys);
  const built = buildSearch(ctx.schema, admin, params.search, fullTextKeys, relationKeys) ?? undefined;
  const where = await admin.admin.getSearchResults(request, built, params.search);
  return { where: where ?? undefined, replaced: where !== built, fullTextKeys };
}
