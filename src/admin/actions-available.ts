// Which bulk actions a model's list offers: its own, the site's (a model's own action of the same name wins), less
// what the site disabled; and the built-in "Edit selected" when the admin names `bulkEdit` fields.
import { DELETE_SELECTED, type AdminAction } from './actions.ts';
import type { AdminSite } from './admin-site.ts';
import type { ModelAdmin } from './model-admin.ts';

export const BULK_EDIT = 'bulk_edit';

/** The admin's own actions, then the site's it does not override. */
export function availableActions(site: AdminSite, admin: ModelAdmin): AdminAction<any, any>[] {
  const own = (admin.actions ?? []).filter((a) => !site.isDisabled(a.name));
  const names = new Set(own.map((a) => a.name));
  return [...own, ...site.actions.filter((a) => !names.has(a.name))];
}

export function deleteSelectedEnabled(site: AdminSite): boolean {
  return !site.isDisabled(DELETE_SELECTED);
}

export function bulkEditEnabled(site: AdminSite, admin: ModelAdmin): boolean {
  return (admin.bulkEdit?.length ?? 0) > 0 && !site.isDisabled(BULK_EDIT);
}
