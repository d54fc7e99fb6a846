// The list's search: the where of searchFields (list-search.ts), with full-text matches looked up first
// (full-text-search.ts), SQLite's trigram candidates (trigram-search.ts) and to-one relation fields' matching related
// keys (relation-search-keys.ts), handed to the admin's getSearchResults hook, which may extend or replace it.
import type { AdminContext, AdminRequest } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { ListParams } from './list-params.ts';
import { keyListLimit } from './bound-values.ts';
import { buildSearch, type FullTextKeys } from './list-search.ts';
import type { WarningLog } from './raw-or-prisma.ts';
import { fullTextKeysOf } from './full-text-search.ts';
import { relationKeysOf } from './relation-search-keys.ts';
import type { SqlWhere } from './list-where-sql.ts';
import { searchCountDriver } from './search-count-driver.ts';
import { trigramMatchesOf } from './trigram-search.ts';

type Where = Record<string, unknown>;

export interface SearchWhere {
  where: Where | undefined;
  /** getSearchResults returned a where of its own: the SQLite literal pass (which rereads searchFields) is skipped. */
  replaced: boolean;
  fullTextKeys: FullTextKeys | undefined;
  /** SQLite: rowids holding every row of the search, which its bounded count reads first (search-count-driver.ts). */
  countDriver: SqlWhere | null;
}

export async function searchWhereOf(ctx: AdminContext, admin: ResolvedModelAdmin, params: ListParams, request: AdminRequest, log?: WarningLog): Promise<SearchWhere> {
  if (!params.search) return { where: undefined, replaced: false, fullTextKeys: undefined, countDriver: null };
  const fullText = await fullTextKeysOf(ctx, admin, params.search, log);
  const trigram = await trigramMatchesOf(ctx, admin, params.search, log);
  const budget = keyListLimit(ctx.schema.provider);
  const fullTextKeys = fitKeyLists(trigram ? new Map([...(fullText ?? []), ...trigram.keys]) : fullText, budget);
  const relationKeys = await relationKeysOf(ctx, admin, params.search, fullTextKeys, budget - keysIn(fullTextKeys));
  const built = buildSearch(ctx.schema, admin, params.search, fullTextKeys, relationKeys) ?? undefined;
  const where = await admin.admin.getSearchResults(request, built, params.search);
  const replaced = where !== built;
  // A where of getSearchResults' own may hold rows the driver does not.
  const countDriver = replaced ? null : searchCountDriver(ctx.schema, admin, params.search, trigram?.streams, fullTextKeys, relationKeys);
  return { where: where ?? undefined, replaced, fullTextKeys, countDriver };
}

/**
 * The key lists, the largest dropped until all of them together fit `budget` (the bound values one query takes): a
 * dropped path and term is searched without its keys (contains, its relation filter), the same rows.
 */
function fitKeyLists(keys: FullTextKeys | undefined, budget: number): FullTextKeys | undefined {
  if (!keys || keysIn(keys) <= budget) return keys;
  const kept = new Map(keys);
  for (const [name] of [...keys].sort((a, b) => b[1].keys.length - a[1].keys.length)) {
    kept.delete(name);
    if (keysIn(kept) <= budget) break;
  }
  return kept;
}

function keysIn(keys: FullTextKeys | undefined): number {
  let count = 0;
  for (const entry of keys?.values() ?? []) count += entry.keys.length;
  return count;
}
