// The list's action form: runs the chosen bulk action on the selected records (after a confirmation page when the
// action asks for one), in one transaction with its audit log entries.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DELETE_SELECTED, type AdminAction } from '../admin/actions.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { mayRun } from '../admin/action-permission.ts';
import { encodeRecordId, recordWhere } from '../data/record-id.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import { formList, formText, readForm } from '../http/form-body.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { backToList, confirmDeleteSelected, MAX_BULK } from './delete.ts';
import { recordLabel } from './record-label.ts';
import { saveListEdits } from './list-editable.ts';
import { changelistView } from './changelist.ts';
import { EXPORT_SELECTED, exportSelectedView } from './export/export-view.ts';
import { addMessage } from '../http/flash.ts';
import { saveInOneTransaction } from './save-transaction.ts';
import { ConcurrentChangeError, lockAndCheckVersions } from './version-check.ts';

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
  const ids = [...new Set(formList(form, '_selected'))];
  const name = formText(form, 'action');
  if (!name) return backToList(ctx, request, reply, admin, 'warning', 'No action selected.');
  if (ids.length === 0) return backToList(ctx, request, reply, admin, 'warning', 'Items must be selected in order to perform actions on them. No items have been changed.');
  if (ids.length > MAX_BULK) return badRequest(ctx, request, reply, `Select at most ${MAX_BULK} records at once.`);
  if (name === DELETE_SELECTED) return confirmDeleteSelected(ctx, request, reply, admin, ids);
  if (name === EXPORT_SELECTED) return exportSelectedView(ctx, request, reply, admin, ids, form);

  const action = (admin.admin.actions ?? []).find((a) => a.name === name);
  if (!action) return badRequest(ctx, request, reply, `Unknown action “${name}”.`);
  if (!mayRun(admin, request, action)) return forbidden(ctx, request, reply);

  const wheres = ids.map((id) => recordWhere(ctx.schema, admin.model, id)).filter((w): w is Record<string, unknown> => w !== null);
  const records = wheres.length
    ? await delegateOf(ctx, admin).findMany({ where: scopedWhere(admin, request, { OR: wheres }), take: MAX_BULK })
    : [];
  if (records.length === 0) return backToList(ctx, request, reply, admin, 'warning', 'None of the selected records exist any more.');
  // The per-record hook of the action's permission, for every record, as "delete selected" does.
  if (!records.every((record) => mayRun(admin, request, action, record))) return forbidden(ctx, request, reply);

  if (action.confirm && formText(form, 'post') !== 'yes') {
    const urls = urlsOf(ctx);
    return renderPage(ctx, request, reply, 'action_confirmation', {
      action: { name: action.name, label: action.label },
      question: typeof action.confirm === 'string' ? action.confirm : `Are you sure you want to run “${action.label}” on the selected ${modelLabelPlural(admin.model).toLowerCase()}?`,
      records: records.map((r) => ({ id: encodeRecordId(admin.model, r), label: recordLabel(admin, r), url: urls.record(admin, r) })),
      modelLabel: modelLabel(admin.model),
      formAction: `${urls.list(admin)}action`,
      cancelUrl: urls.list(admin),
    }, {
      title: 'Are you sure?',
      model: admin,
      breadcrumbs: [{ label: 'Home', url: urls.index() }, { label: modelLabelPlural(admin.model), url: urls.list(admin) }, { label: action.label }],
    });
  }

  // The action gets the selected records locked and read again in its transaction, so that what it computes from them
  // (a counter, a status it moves on) cannot be overwritten by, or overwrite, a save that committed meanwhile.
  let current: Record<string, unknown>[] = [];
  let message: string | void;
  try {
    message = await saveInOneTransaction(ctx, request, admin, true,
      async (client) => {
        const locked = await lockAndCheckVersions(ctx, client, admin.model, records.map((r) => ({ key: recordWhere(ctx.schema, admin.model, encodeRecordId(admin.model, r))!, version: undefined })));
        current = [...locked.values()];
        return action.run({ records: current, client, request });
      },
      () => current.map((record) => ({ action: 'action' as const, record, label: recordLabel(admin, record), actionName: action.label })));
  } catch (error) {
    if (!(error instanceof ConcurrentChangeError)) throw error;
    return backToList(ctx, request, reply, admin, 'warning', 'A selected record was deleted by someone else meanwhile. No items have been changed.');
  }
  const n = records.length;
  return backToList(ctx, request, reply, admin, 'success',
    message || `${action.label}: done for ${n} ${n === 1 ? modelLabel(admin.model).toLowerCase() : modelLabelPlural(admin.model).toLowerCase()}.`);
}
