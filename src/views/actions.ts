// The list's action form: list edits ("Save"), or the chosen action on the checked rows or on every row of the list
// ("Select all N"): delete and export selected, the built-in bulk edit, the admin's and the site's actions.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DELETE_SELECTED } from '../admin/actions.ts';
import { availableActions, BULK_EDIT, bulkEditEnabled, deleteSelectedEnabled } from '../admin/actions-available.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { AdminContext } from '../admin/context.ts';
import { badRequest } from '../http/errors.ts';
import { formList, formText, readForm } from '../http/form-body.ts';
import { urlsOf } from '../http/page.ts';
import { backToList, confirmDeleteSelected, MAX_BULK } from './delete.ts';
import { saveListEdits } from './list-editable.ts';
import { changelistView } from './changelist.ts';
import { EXPORT_SELECTED, exportSelectedView } from './export/export-view.ts';
import { addMessage } from '../http/flash.ts';
import { selectionOf } from './actions-confirm.ts';
import { runActionFlow, type ActionPlace } from './actions-flow.ts';
import { bulkEditView } from './actions-bulk-edit.ts';
import { deleteAcrossView } from './delete-across.ts';
import { listUrlBack, preservedFilters, withPreserved } from './preserved-filters.ts';

export async function actionView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const form = await readForm(request);
  if ('_save_list' in form) {
    const query = Object.fromEntries(new URLSearchParams(formText(form, '_list_query') ?? ''));
    return saveListEdits(ctx, request, reply, admin, form,
      (edits, status) => changelistView(ctx, request, reply, admin, { query, edits, status }),
      (message) => {
        addMessage(request, reply, ctx.prefix, { level: 'success', text: message });
        return reply.redirect(urlsOf(ctx).list(admin, new URLSearchParams(query).toString()), 303);
      });
  }
  const name = formList(form, 'action').find(Boolean);
  if (!name) return backToList(ctx, request, reply, admin, 'warning', 'No action selected.');
  const selection = selectionOf(form);
  if (selection.kind === 'ids' && selection.ids.length === 0) return backToList(ctx, request, reply, admin, 'warning', 'Items must be selected in order to perform actions on them. No items have been changed.');
  if (selection.kind === 'ids' && selection.ids.length > MAX_BULK) return badRequest(ctx, request, reply, `Select at most ${MAX_BULK} records at once.`);
  const urls = urlsOf(ctx);
  const place: ActionPlace = {
    formAction: withPreserved(`${urls.list(admin)}action`, preservedFilters(admin, request)),
    cancelUrl: listUrlBack(ctx, admin, request),
    back: (level, text) => backToList(ctx, request, reply, admin, level, text),
  };
  if (name === EXPORT_SELECTED) return exportSelectedView(ctx, request, reply, admin, selection, form);
  if (name === DELETE_SELECTED) {
    if (!deleteSelectedEnabled(ctx.site)) return badRequest(ctx, request, reply, `Unknown action “${name}”.`);
    if (selection.kind === 'list') return deleteAcrossView(ctx, request, reply, admin, form, selection, place);
    return confirmDeleteSelected(ctx, request, reply, admin, selection.ids);
  }
  if (name === BULK_EDIT && bulkEditEnabled(ctx.site, admin.admin)) return bulkEditView(ctx, request, reply, admin, form, selection, place);
  const action = availableActions(ctx.site, admin.admin).find((a) => a.name === name);
  if (!action) return badRequest(ctx, request, reply, `Unknown action “${name}”.`);
  return runActionFlow(ctx, request, reply, admin, action, form, selection, place);
}
