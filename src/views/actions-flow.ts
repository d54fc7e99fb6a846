// One action over a selection, from the list ("Go") or from a record's page (its button): the action's form when it
// asks for input, the confirmation page (always for "select all N", for a form, and whenever some rows may not be
// changed, so they are listed rather than skipped unseen), then the run in one transaction (actions-run.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminAction } from '../admin/actions.ts';
import { mayRun } from '../admin/action-permission.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { LogDetails } from '../audit/audit-log.ts';
import type { BulkSelection } from '../data/bulk-selection.ts';
import type { SubmittedForm } from '../forms/types.ts';
import { forbidden } from '../http/errors.ts';
import { formText } from '../http/form-body.ts';
import { modelLabelPlural } from '../schema/lookup.ts';
import { readActionInput } from './actions-form.ts';
import { renderConfirmation, summarizeSelection } from './actions-confirm.ts';
import { BulkRunFailed, runBulk, type BulkRunResult } from './actions-run.ts';
import { runOrStartJob, type RunOutcome } from './bulk-job.ts';
import { recordLabel } from './record-label.ts';
import { countOf, deniedNote } from './refused-rows.ts';
import { ConcurrentChangeError } from './version-check.ts';

type Row = Record<string, unknown>;

/** Where the flow was started from: the form posts back there, cancel and the result go back there. */
export interface ActionPlace {
  formAction: string;
  cancelUrl: string;
  back(level: 'success' | 'warning' | 'error', text: string): unknown;
}

export async function runActionFlow(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, action: AdminAction<any, any>, form: SubmittedForm, selection: BulkSelection, place: ActionPlace) {
  if (!mayRun(admin, request, action)) return forbidden(ctx, request, reply);
  const mayChange = (record: Row) => mayRun(admin, request, action, record);
  const confirmed = formText(form, 'post') === 'yes';
  const input = await readActionInput(ctx, request, admin, action, form, confirmed);
  // Not confirmed yet: the selection is read for the page. Confirmed over checked rows (at most MAX_BULK): they are read
  // and checked against the per-record permission before the run's transaction, as a change form's record is, so that
  // a request that may change none of them is refused without waiting for, or holding, their row locks; the run then
  // locks them, reads them again and checks again. A confirmed "select all N" reads its rows only in the run.
  if (!confirmed || !input.valid || selection.kind === 'ids') {
    const summary = await summarizeSelection(ctx, request, admin, selection, mayChange);
    if (summary.count === 0) return place.back('warning', 'None of the selected records exist any more.');
    // Every row refused: the page lists them and says so, with nothing to confirm, confirmed or not.
    const allDenied = summary.deniedCount === summary.count;
    const mustConfirm = !!action.confirm || selection.kind === 'list' || input.form !== null || summary.deniedCount > 0;
    if (allDenied || (mustConfirm && (!confirmed || !input.valid))) {
      const question = typeof action.confirm === 'string' ? action.confirm
        : input.form ? '' : `Are you sure you want to run “${action.label}” on the selected ${modelLabelPlural(admin.model).toLowerCase()}?`;
      return renderConfirmation(ctx, request, reply, admin, {
        action: { name: action.name, label: action.label }, question, selection, summary, form: input.form ?? undefined,
        formAction: place.formAction, cancelUrl: place.cancelUrl, status: allDenied ? 403 : confirmed && !input.valid ? 400 : undefined,
      });
    }
  }

  return runOrStartJob(ctx, request, reply, admin, form, selection, place, `“${action.label}”`, async (onBatch): Promise<RunOutcome> => {
    let batches = 0;
    let message: string | void = undefined;
    let result: BulkRunResult;
    try {
      result = await runBulk(ctx, request, admin, selection, mayChange, async (client, records) => {
        batches++;
        message = await action.run({ records, client, request, input: input.data });
        return records.map((record): LogDetails => ({ action: 'action', record, label: recordLabel(admin, record), actionName: action.label }));
      }, onBatch);
    } catch (error) {
      if (error instanceof BulkRunFailed) return { level: 'error', text: `“${action.label}” stopped at ${error.row}: ${error.reason.replace(/\.?$/, '.')} Nothing was changed.` };
      if (error instanceof ConcurrentChangeError) return { level: 'warning', text: 'A selected record was deleted by someone else meanwhile. No items have been changed.' };
      throw error;
    }
    if (result.done === 0) return result.denied ? 'forbidden' : { level: 'warning', text: 'None of the selected records exist any more.' };
    // A run of one batch says what the action said; over many batches, each said only its part.
    const text = (batches === 1 && message) || `${action.label}: done for ${countOf(admin, result.done)}.`;
    return { level: 'success', text: text + deniedNote(admin, result.denied, 'change') };
  });
}
