// The confirmation page of a bulk action: how many rows it will touch, the first of them, the rows the user may not
// change (listed, never silently skipped), the action's form when it asks for input, and the selection carried on.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { selectionBatches, type BulkSelection } from '../data/bulk-selection.ts';
import { newJobId } from '../data/jobs/job-store.ts';
import { encodeRecordId } from '../data/record-id.ts';
import type { SubmittedForm } from '../forms/types.ts';
import { formList, formText } from '../http/form-body.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import { recordLabel } from './record-label.ts';
import { refusedMore, refusedText } from './refused-rows.ts';

type Row = Record<string, unknown>;

/** Rows named on the page: the first of the selection, and the first the user may not change. */
const SHOWN = 20;
const DENIED_SHOWN = 100;

export interface ShownRow {
  id: string;
  label: string;
  url: string;
}

export interface SelectionSummary {
  count: number;
  first: ShownRow[];
  /** The first rows the user may change (what a deletion's page lists as going). */
  firstAllowed: ShownRow[];
  denied: ShownRow[];
  deniedCount: number;
}

/** The selection of a submitted action form: every row of the list (`select_across=1`), or the checked ones. */
export function selectionOf(form: SubmittedForm): BulkSelection {
  if (formText(form, 'select_across') === '1') return { kind: 'list', query: Object.fromEntries(new URLSearchParams(formText(form, '_across_query') ?? '')) };
  return { kind: 'ids', ids: [...new Set(formList(form, '_selected'))] };
}

/**
 * Walks the selection once (in batches) for its count, its first rows and the rows `mayChange` refuses; `select`:
 * the fields read of each row (default: every stored field).
 */
export async function summarizeSelection(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, selection: BulkSelection, mayChange: (record: Row) => boolean, select?: Row): Promise<SelectionSummary> {
  const urls = urlsOf(ctx);
  const shown = (record: Row): ShownRow => ({ id: encodeRecordId(admin.model, record), label: recordLabel(admin, record), url: urls.record(admin, record) });
  const summary: SelectionSummary = { count: 0, first: [], firstAllowed: [], denied: [], deniedCount: 0 };
  for await (const batch of selectionBatches(ctx, admin, request, selection, { select })) {
    for (const record of batch) {
      summary.count++;
      if (summary.first.length < SHOWN) summary.first.push(shown(record));
      if (!mayChange(record)) {
        summary.deniedCount++;
        if (summary.denied.length < DENIED_SHOWN) summary.denied.push(shown(record));
      } else if (summary.firstAllowed.length < SHOWN) summary.firstAllowed.push(shown(record));
    }
  }
  return summary;
}

export interface ConfirmationPage {
  action: { name: string; label: string };
  question: string;
  selection: BulkSelection;
  summary: SelectionSummary;
  /** The action's form, rendered above the buttons (already built by actions-form.ts). */
  form?: unknown;
  formAction: string;
  cancelUrl: string;
  status?: number;
}

export function renderConfirmation(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, page: ConfirmationPage) {
  const urls = urlsOf(ctx);
  const { summary, selection } = page;
  const plural = modelLabelPlural(admin.model).toLowerCase();
  const rowsText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? modelLabel(admin.model).toLowerCase() : plural}`;
  return renderPage(ctx, request, reply, 'action_confirmation', {
    action: page.action,
    question: page.question,
    countText: `This runs on ${rowsText(summary.count)}${selection.kind === 'list' ? ' (every row of the list, with its search and filters)' : ''}.`,
    records: summary.first,
    moreText: summary.count > summary.first.length ? `… and ${rowsText(summary.count - summary.first.length)} more.` : null,
    denied: summary.denied,
    deniedText: refusedText(admin, summary.deniedCount, summary.count, 'change'),
    deniedMore: refusedMore(admin, summary.deniedCount, summary.denied.length),
    allDenied: summary.deniedCount === summary.count,
    across: selection.kind === 'list' ? new URLSearchParams(selection.query as Record<string, string>).toString() : null,
    ids: selection.kind === 'ids' ? selection.ids : [],
    form: page.form ?? null,
    modelLabel: modelLabel(admin.model),
    formAction: page.formAction,
    cancelUrl: page.cancelUrl,
    // The run's idempotency token should it run as a job: submitting this page twice runs it once.
    jobToken: newJobId(),
  }, {
    title: summary.deniedCount === summary.count ? `Cannot run “${page.action.label}”` : page.form ? page.action.label : 'Are you sure?',
    status: page.status,
    model: admin,
    breadcrumbs: [{ label: 'Home', url: urls.index() }, { label: modelLabelPlural(admin.model), url: urls.list(admin) }, { label: page.action.label }],
  });
}
