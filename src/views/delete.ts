// Deleting one record or a selection: a confirmation page that says what else the deletion touches (cascades,
// protected records), then the deletion itself on POST. Of checked rows, those the admin's per-record
// hasDeletePermission refuses are listed on the page and left, as every bulk run leaves them (refused-rows.ts); the
// cascade keeps Django's model-level rule: rows of a model the user may not delete, or protected rows, stop it whole.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { mapPrismaError } from '../data/prisma-errors.ts';
import { decodeRecordId, encodeRecordId, recordWhere } from '../data/record-id.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { keyChunks } from '../data/bound-values.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { withAuditLog, type LogDetails } from '../audit/audit-log.ts';
import { isExpiredTransaction } from '../data/expired-transaction.ts';
import { BULK_TRANSACTION_TIMEOUT_MS } from './actions-run.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import { addMessage } from '../http/flash.ts';
import { formList, formText, readForm } from '../http/form-body.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { recordLabel } from './record-label.ts';
import { listUrlBack, preservedFilters, withPreserved } from './preserved-filters.ts';
import { labelSelect } from './relation-choices.ts';
import { cascadeImpactOfKeys, loggedDeletions, type CascadeImpact } from './delete-cascade.ts';
import { countOf, deniedNote, refusedMore, refusedText } from './refused-rows.ts';
import { refuseDuringLongRun } from '../data/sqlite-long-runs.ts';

type RecordRequest = FastifyRequest<{ Params: { model: string; id: string } }>;

/** A bulk deletion handles at most this many records at once. */
export const MAX_BULK = 1000;

export async function deleteView(ctx: AdminContext, request: RecordRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const found = await loadForDelete(ctx, request, admin, [request.params.id]);
  if (found.refused.length) return forbidden(ctx, request, reply);
  if (found.records.length === 0) return notFound(ctx, request, reply, `No ${modelLabel(admin.model).toLowerCase()} has the id “${request.params.id}”.`);
  return renderConfirmation(ctx, request, reply, admin, found, urlsOf(ctx).recordById(admin, request.params.id, 'delete'));
}

export async function deleteConfirmedView(ctx: AdminContext, request: RecordRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const urls = urlsOf(ctx);
  const found = await loadForDelete(ctx, request, admin, [request.params.id]);
  if (found.refused.length) return forbidden(ctx, request, reply);
  const record = found.records[0];
  if (!record) return notFound(ctx, request, reply, `No ${modelLabel(admin.model).toLowerCase()} has the id “${request.params.id}”.`);
  const action = urls.recordById(admin, request.params.id, 'delete');
  const refused = refusal(found);
  if (refused) return renderConfirmation(ctx, request, reply, admin, found, action, refused);
  try {
    const { deleted } = await deleteWithCascadeLog(ctx, request, admin, found, async (client, now) => {
      for (const r of now) await admin.admin.deleteModel(client, { where: r.where, record: r.record, request });
    });
    if (deleted.length === 0) return forbidden(ctx, request, reply);
  } catch (error) {
    if (error instanceof CascadeRefused) return renderConfirmation(ctx, request, reply, admin, error.found, action, refusal(error.found)!);
    const mapped = mapPrismaError(admin.model, error);
    if (!mapped) throw error;
    addMessage(request, reply, ctx.prefix, { level: 'error', text: `The ${modelLabel(admin.model).toLowerCase()} “${record.label}” could not be deleted: ${Object.values(mapped.errors).join(' ')}` });
    return reply.redirect(withPreserved(urls.recordById(admin, request.params.id, 'change'), preservedFilters(admin, request)), 303);
  }
  addMessage(request, reply, ctx.prefix, { level: 'success', text: `The ${modelLabel(admin.model).toLowerCase()} “${record.label}” was deleted successfully.` });
  return reply.redirect(listUrlBack(ctx, admin, request), 303);
}

/** The built-in "delete selected" action of the list: its confirmation page. */
export async function confirmDeleteSelected(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, ids: string[]) {
  const urls = urlsOf(ctx);
  if (!admin.admin.hasDeletePermission(request)) return forbidden(ctx, request, reply);
  if (ids.length === 0) return backToList(ctx, request, reply, admin, 'warning', 'Items must be selected in order to perform actions on them. No items have been changed.');
  if (ids.length > MAX_BULK) return badRequest(ctx, request, reply, `Select at most ${MAX_BULK} records at once.`);
  const found = await loadForDelete(ctx, request, admin, ids);
  if (found.records.length === 0 && found.refused.length === 0) return backToList(ctx, request, reply, admin, 'warning', 'None of the selected records exist any more.');
  return renderConfirmation(ctx, request, reply, admin, found, urls.deleteSelected(admin), found.records.length === 0 ? 403 : 200);
}

export async function deleteSelectedView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  if (!admin.admin.hasDeletePermission(request)) return forbidden(ctx, request, reply);
  const form = await readForm(request);
  const ids = formList(form, '_selected').slice(0, MAX_BULK);
  const found = await loadForDelete(ctx, request, admin, ids);
  if (found.records.length === 0 && found.refused.length === 0) return backToList(ctx, request, reply, admin, 'warning', 'None of the selected records exist any more.');
  // Every row refused: the page that lists them, without a confirmation.
  if (found.records.length === 0) return renderConfirmation(ctx, request, reply, admin, found, urlsOf(ctx).deleteSelected(admin), 403);
  const refused = refusal(found);
  if (refused) return renderConfirmation(ctx, request, reply, admin, found, urlsOf(ctx).deleteSelected(admin), refused);
  let result: Deleted;
  try {
    // One transaction: either every permitted record goes (each with its log entry, and its cascade's), or none does.
    result = await deleteWithCascadeLog(ctx, request, admin, found, async (client, now) => {
      for (const r of now) await admin.admin.deleteModel(client, { where: r.where, record: r.record, request });
    });
  } catch (error) {
    if (error instanceof CascadeRefused) return renderConfirmation(ctx, request, reply, admin, error.found, urlsOf(ctx).deleteSelected(admin), refusal(error.found)!);
    if (isExpiredTransaction(error)) return backToList(ctx, request, reply, admin, 'error', `Deleting the selected records took longer than ${BULK_TRANSACTION_TIMEOUT_MS / 60_000} minutes; nothing was deleted.`);
    const mapped = mapPrismaError(admin.model, error);
    if (!mapped) throw error;
    return backToList(ctx, request, reply, admin, 'error', `The selected records could not be deleted: ${Object.values(mapped.errors).join(' ')}`);
  }
  const denied = found.refused.length + result.refused;
  if (result.deleted.length === 0) return result.refused ? forbidden(ctx, request, reply) : backToList(ctx, request, reply, admin, 'warning', 'None of the selected records exist any more.');
  return backToList(ctx, request, reply, admin, 'success', `Successfully deleted ${countOf(admin, result.deleted.length)}.${deniedNote(admin, denied, 'delete')}`);
}

export function backToList(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, level: 'success' | 'warning' | 'error', text: string) {
  addMessage(request, reply, ctx.prefix, { level, text });
  return reply.redirect(listUrlBack(ctx, admin, request), 303);
}

export interface DeleteTarget {
  id: string;
  record: Record<string, unknown>;
  where: Record<string, unknown>;
  label: string;
  url: string;
}

/** A refused row as the page lists it. */
export type RefusedRow = Pick<DeleteTarget, 'id' | 'label' | 'url'>;

export interface LoadedForDelete extends Omit<CascadeImpact, 'log' | 'reached'> {
  /** The rows to delete: those the user may delete. */
  records: DeleteTarget[];
  /** The rows hasDeletePermission(request, record) refuses (listed, left as they are). */
  refused: RefusedRow[];
  /** How many are refused, when not all of them are in `refused` ("select all N"). */
  refusedCount?: number;
}

/** The records to delete (in the admin's scope), those refused, and what the deletion reaches, read through `client`. */
async function loadForDelete(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, ids: string[], client: PrismaClientLike = ctx.prisma): Promise<LoadedForDelete & Pick<CascadeImpact, 'log' | 'reached'>> {
  const nothing = { cascades: [], protectedBy: [], permsNeeded: [], log: [], reached: [] };
  const wheres = ids.map((id) => recordWhere(ctx.schema, admin.model, id)).filter((w): w is Record<string, unknown> => w !== null);
  if (wheres.length === 0) return { records: [], refused: [], ...nothing };
  const rows: Record<string, unknown>[] = [];
  for (const chunk of keyChunks(ctx.schema.provider, wheres, recordKeyFields(admin.model).length)) {
    rows.push(...(await delegateIn(client, admin.model.name).findMany({ where: scopedWhere(admin, request, { OR: chunk }), select: labelSelect(admin), take: MAX_BULK - rows.length })));
    if (rows.length >= MAX_BULK) break;
  }
  const urls = urlsOf(ctx);
  const all = rows.map((row) => {
    const id = encodeRecordId(admin.model, row);
    return { id, record: row, where: decodeRecordId(ctx.schema, admin.model, id)!, label: recordLabel(admin, row), url: urls.recordById(admin, id) };
  });
  const records: DeleteTarget[] = [];
  const refused: RefusedRow[] = [];
  for (const r of all) {
    if (admin.admin.hasDeletePermission(request, r.record)) records.push(r);
    else refused.push({ id: r.id, label: r.label, url: r.url });
  }
  if (records.length === 0) return { records, refused, ...nothing };
  return { records, refused, ...(await cascadeImpactOfKeys(ctx, client, request, admin.model, records.map((r) => recordWhere(ctx.schema, admin.model, r.id)!))) };
}

/** Why a deletion may not go ahead: rows of models the user may not delete (403, as Django), protected rows (409). */
function refusal(found: LoadedForDelete): number | null {
  if (found.permsNeeded.length) return 403;
  if (found.protectedBy.length) return 409;
  return null;
}

/** The cascade grew, inside the deletion's transaction, to rows the user may not delete or that protect. */
class CascadeRefused extends Error {
  constructor(readonly found: LoadedForDelete) {
    super('The deletion reaches records it may not delete.');
  }
}

/** What a deletion's transaction deleted, and how many of its rows it found refused by then. */
interface Deleted {
  deleted: DeleteTarget[];
  refused: number;
  cascadeLog: LogDetails[];
}

/**
 * Deletes with `work` in one transaction with the log entries of the deleted records and of every row their cascade
 * removes. The records are read in that transaction just before the deletion and checked again for permission: `work`
 * gets those the user may still delete, and only those are logged.
 */
async function deleteWithCascadeLog(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, found: LoadedForDelete, work: (client: PrismaClientLike, records: DeleteTarget[]) => Promise<unknown>): Promise<Deleted> {
  const run = async (client: PrismaClientLike): Promise<Deleted> => {
    const now = await loadForDelete(ctx, request, admin, found.records.map((r) => r.id), client);
    if (refusal(now)) throw new CascadeRefused(now);
    if (now.records.length) await work(client, now.records);
    return { deleted: now.records, refused: now.refused.length, cascadeLog: now.records.length ? await loggedDeletions(ctx, client, now) : [] };
  };
  // Not Prisma's 5 s: 1,000 checked rows, each by deleteModel with its cascade, outlast it on a busy PostgreSQL.
  const transaction = { timeout: BULK_TRANSACTION_TIMEOUT_MS, maxWait: 30_000 };
  if (ctx.auditLog && request.adminUser) {
    return withAuditLog(ctx, request, admin, run, (done) => [...done.deleted.map((r) => ({ action: 'delete' as const, record: r.record, label: r.label })), ...done.cascadeLog], transaction);
  }
  refuseDuringLongRun(ctx.schema.provider, ctx.prisma);
  return (ctx.prisma.$transaction as unknown as (fn: (tx: PrismaClientLike) => Promise<Deleted>, options: object) => Promise<Deleted>).call(ctx.prisma, run, transaction);
}

/** A "select all N" deletion's page: the list's query carried on instead of the ids, the count, the rows not shown. */
export interface AcrossConfirmation {
  query: string;
  countText: string;
  moreText: string | null;
  /** Rows of the list, refused ones included. */
  selectedCount: number;
  jobToken: string;
}

export function renderConfirmation(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, found: LoadedForDelete, action: string, status = 200, across: AcrossConfirmation | null = null) {
  const urls = urlsOf(ctx);
  const single = found.records.length === 1 && !action.endsWith('delete-selected') && !across;
  const preserved = preservedFilters(admin, request);
  const refusedCount = found.refusedCount ?? found.refused.length;
  const selected = across ? across.selectedCount : refusedCount + found.records.length;
  const allRefused = refusedCount > 0 && refusedCount >= selected;
  return renderPage(ctx, request, reply, 'delete_confirmation', {
    records: found.records,
    refused: found.refused,
    refusedText: refusedText(admin, refusedCount, selected, 'delete'),
    refusedMore: refusedMore(admin, refusedCount, found.refused.length),
    allRefused,
    cascades: found.cascades,
    protectedBy: found.protectedBy,
    permsNeeded: found.permsNeeded,
    action: withPreserved(action, preserved),
    bulk: !single,
    // The form's hidden fields (partials/run_fields): the rows, or the list's query and the run's job token.
    runFields: across ? { jobToken: across.jobToken, across: across.query, ids: [] } : { jobToken: null, across: null, ids: single ? [] : found.records.map((r) => r.id) },
    across,
    modelLabel: modelLabel(admin.model),
    modelLabelPlural: modelLabelPlural(admin.model),
    cancelUrl: single ? withPreserved(urls.recordById(admin, found.records[0].id, 'change'), preserved) : urls.list(admin, preserved),
  }, {
    title: allRefused || found.protectedBy.length || found.permsNeeded.length ? `Cannot delete ${single ? modelLabel(admin.model).toLowerCase() : modelLabelPlural(admin.model).toLowerCase()}` : 'Are you sure?',
    status,
    model: admin,
    breadcrumbs: [
      { label: 'Home', url: urls.index() },
      { label: modelLabelPlural(admin.model), url: urls.list(admin, preserved) },
      ...(single ? [{ label: found.records[0].label, url: urls.recordById(admin, found.records[0].id, 'change') }] : []),
      { label: 'Delete' },
    ],
  });
}
