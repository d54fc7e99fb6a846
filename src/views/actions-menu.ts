// The list page's action bar: the menu (delete selected, edit selected, the admin's and the site's actions, export
// selected), where it is shown (top, bottom), and what "Select all N" offers.
import type { FastifyRequest } from 'fastify';
import { DELETE_SELECTED } from '../admin/actions.ts';
import { availableActions, BULK_EDIT, bulkEditEnabled, deleteSelectedEnabled } from '../admin/actions-available.ts';
import { mayRun } from '../admin/action-permission.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { hasRecordPages } from '../admin/read-only.ts';
import { modelLabelPlural } from '../schema/lookup.ts';
import { withExportSelected } from './export/export-form.ts';

export interface MenuEntry {
  name: string;
  label: string;
}

export function actionMenu(ctx: AdminContext, admin: ResolvedModelAdmin, request: FastifyRequest, readOnly: string | null): MenuEntry[] {
  const plural = modelLabelPlural(admin.model).toLowerCase();
  const keyed = hasRecordPages(admin.model);
  return withExportSelected(admin, request, [
    ...(!readOnly && deleteSelectedEnabled(ctx.site) && admin.admin.hasDeletePermission(request) ? [{ name: DELETE_SELECTED, label: `Delete selected ${plural}` }] : []),
    ...(!readOnly && keyed && bulkEditEnabled(ctx.site, admin.admin) && admin.admin.hasChangePermission(request) ? [{ name: BULK_EDIT, label: `Edit selected ${plural}` }] : []),
    ...(keyed ? availableActions(ctx.site, admin.admin) : []).filter((a) => mayRun(admin, request, a)).map((a) => ({ name: a.name, label: a.label })),
  ]);
}

/** What the action bar template needs besides the menu: where it goes, and "Select all N". */
export function actionBar(admin: ResolvedModelAdmin, counted: { total: number; estimated: boolean; bounded: boolean }, listQuery: string, perPage: number) {
  const plural = modelLabelPlural(admin.model).toLowerCase();
  const { total } = counted;
  // "about" an estimate; "more than" a count that stopped at the threshold (SQLite).
  const count = `${counted.bounded ? 'more than ' : counted.estimated ? 'about ' : ''}${total.toLocaleString('en-US')}`;
  return {
    top: admin.admin.actionsOnTop !== false,
    bottom: admin.admin.actionsOnBottom === true,
    // Only worth offering when the list has more rows than one page (a bounded count stopped before it knew).
    selectAcross: counted.bounded || total > perPage ? { label: `Select all ${count} ${plural}`, total, count } : null,
    listQuery,
    plural,
  };
}
