// How many rows a bulk selection holds, to choose whether its run goes to a job page: the checked rows, or the list's
// total (the planner's estimate for a large list, as the list itself shows it; on SQLite, more than the threshold).
import type { AdminContext, AdminRequest } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { BulkSelection } from './bulk-selection.ts';
import { ChangeList } from './change-list.ts';

export async function selectionSize(ctx: AdminContext, admin: ResolvedModelAdmin, request: AdminRequest, selection: BulkSelection): Promise<number> {
  if (selection.kind === 'ids') return new Set(selection.ids).size;
  const list = await ChangeList.of(ctx, admin, selection.query, { request });
  const counted = await list.total();
  // A count that stopped at the threshold knows of one row more.
  return counted.bounded ? counted.total + 1 : counted.total;
}
