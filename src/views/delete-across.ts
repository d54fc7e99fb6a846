// "Delete selected" over "Select all N": every row of the list (search, filters, drill-down, the admin's scope), never
// loaded at once. The confirmation page counts the rows and names the first ones ("… and N more", as Django); the
// deletion walks the list in keyset batches in ONE transaction (actions-run.ts runBulk, a job above runAsJobAbove),
// each batch's cascade read, refused if it reaches protected rows or rows the user may not delete, and logged. Rows
// the per-record hasDeletePermission refuses are listed on the page and left, as over checked rows (delete.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { LogDetails } from '../audit/audit-log.ts';
import type { BulkSelection } from '../data/bulk-selection.ts';
import { ChangeList } from '../data/change-list.ts';
import { keysWhere } from '../data/keys-where.ts';
import type { PrismaClientLike } from '../data/delegates.ts';
import { encodeRecordId, recordWhere } from '../data/record-id.ts';
import type { SubmittedForm } from '../forms/types.ts';
import { forbidden } from '../http/errors.ts';
import { formText } from '../http/form-body.ts';
import { newJobId } from '../data/jobs/job-store.ts';
import { summarizeSelection } from './actions-confirm.ts';
import type { ActionPlace } from './actions-flow.ts';
import { BulkRunFailed, runBulk } from './actions-run.ts';
import { runOrStartJob } from './bulk-job.ts';
import { cascadeImpact, loggedDeletions } from './delete-cascade.ts';
import { renderConfirmation } from './delete.ts';
import { recordLabel } from './record-label.ts';
import { countOf, deniedNote } from './refused-rows.ts';
import { ConcurrentChangeError } from './version-check.ts';

type Row = Record<string, unknown>;
type ListSelection = Extract<BulkSelection, { kind: 'list' }>;

/** A batch's cascade reaches rows that protect it or that the user may not delete: the whole run stops. */
class DeletionRefused extends Error {}

export async function deleteAcrossView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, form: SubmittedForm, selection: ListSelection, place: ActionPlace) {
  if (!admin.admin.hasDeletePermission(request)) return forbidden(ctx, request, reply);
  const mayDelete = (record: Row) => admin.admin.hasDeletePermission(request, record);
  if (formText(form, 'post') !== 'yes') {
    const list = await ChangeList.of(ctx, admin, selection.query, { request });
    const summary = await summarizeSelection(ctx, request, admin, selection, mayDelete);
    if (summary.count === 0) return place.back('warning', 'None of the selected records exist any more.');
    const allowed = summary.count - summary.deniedCount;
    const impact = allowed === 0 ? { cascades: [], protectedBy: [], permsNeeded: [] } : await cascadeImpact(ctx, ctx.prisma, request, admin.model, deletedWhere(ctx, admin, list.where, summary.denied, summary.deniedCount));
    const more = allowed - summary.firstAllowed.length;
    const status = allowed === 0 || impact.permsNeeded.length ? 403 : impact.protectedBy.length ? 409 : 200;
    const found = { records: summary.firstAllowed.map((r) => ({ ...r, record: {}, where: {} })), refused: summary.denied, refusedCount: summary.deniedCount, ...impact };
    return renderConfirmation(ctx, request, reply, admin, found, place.formAction, status, {
      query: new URLSearchParams(selection.query as Record<string, string>).toString(),
      countText: `${countOf(admin, summary.count)} (every row of the list, with its search and filters).`,
      moreText: more > 0 ? `… and ${countOf(admin, more)} more.` : null,
      selectedCount: summary.count,
      jobToken: newJobId(),
    });
  }
  return runOrStartJob(ctx, request, reply, admin, form, selection, place, 'Delete selected', async (onBatch) => {
    let result;
    try {
      result = await runBulk(ctx, request, admin, selection, mayDelete, (client, records) => deleteBatch(ctx, request, admin, client, records), onBatch);
    } catch (error) {
      if (error instanceof BulkRunFailed) return { level: 'error', text: `Delete selected stopped at ${error.row}: ${error.reason.replace(/\.?$/, '.')} Nothing was deleted.` };
      if (error instanceof ConcurrentChangeError) return { level: 'warning', text: 'A selected record was deleted by someone else meanwhile. Nothing was deleted.' };
      throw error;
    }
    if (result.done === 0) return result.denied ? 'forbidden' : { level: 'warning', text: 'None of the selected records exist any more.' };
    return { level: 'success', text: `Successfully deleted ${countOf(admin, result.done)}.${deniedNote(admin, result.denied, 'delete')}` };
  });
}

/**
 * The rows the page's cascade is counted for: the list without the refused rows when the page knows them all (the run
 * checks each batch's cascade over its permitted rows only); past that, the whole list, which may count more.
 */
function deletedWhere(ctx: AdminContext, admin: ResolvedModelAdmin, listWhere: Record<string, unknown>, denied: { id: string }[], deniedCount: number): Record<string, unknown> {
  if (deniedCount === 0 || denied.length < deniedCount) return listWhere;
  return { AND: [listWhere, { NOT: keysWhere(admin.model, denied.map((r) => recordWhere(ctx.schema, admin.model, r.id)!)) }] };
}

/** Rows whose cascade is counted in one query: a count's `IN (…)` is not split by Prisma (SQLite refuses past 999). */
const CASCADE_CHUNK = 500;

/** One batch: its cascade read and checked in the run's transaction, each row deleted by deleteModel, all logged. */
async function deleteBatch(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, client: PrismaClientLike, batch: Row[]): Promise<LogDetails[]> {
  const entries: LogDetails[] = [];
  for (let at = 0; at < batch.length; at += CASCADE_CHUNK) {
    const records = batch.slice(at, at + CASCADE_CHUNK);
    const impact = await cascadeImpact(ctx, client, request, admin.model, keysWhere(admin.model, records));
    if (impact.permsNeeded.length) throw new DeletionRefused(`Deleting them would delete ${impact.permsNeeded.join(', ').toLowerCase()}, which you may not delete.`);
    if (impact.protectedBy.length) throw new DeletionRefused(`Protected related records stop it: ${impact.protectedBy.map((p) => `${p.label} ${p.count.toLocaleString('en-US')}`).join(', ')}.`);
    for (const record of records) {
      await admin.admin.deleteModel(client, { where: recordWhere(ctx.schema, admin.model, encodeRecordId(admin.model, record))!, record, request });
    }
    entries.push(...records.map((record): LogDetails => ({ action: 'delete', record, label: recordLabel(admin, record) })), ...(await loggedDeletions(ctx, client, impact)));
  }
  return entries;
}
