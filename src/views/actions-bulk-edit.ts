// "Edit selected" (the admin's `bulkEdit` fields): choose fields, set their values with the change form's widgets
// (to-many: add, remove or replace), preview how many rows change, apply in one transaction; every changed row gets
// its own audit entry with its field diff.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { LogDetails } from '../audit/audit-log.ts';
import type { FieldChange } from '../audit/diff.ts';
import { applyBulkEdit, bulkEditPlan, same, type BulkEditPlan, type RowEdit, type ToManyMode } from '../data/bulk-edit.ts';
import { ownWorkBatchSize, selectionBatches, type BulkSelection } from '../data/bulk-selection.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import { newJobId } from '../data/jobs/job-store.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { keyChunks } from '../data/bound-values.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import type { SubmittedForm } from '../forms/types.ts';
import { forbidden } from '../http/errors.ts';
import { formText } from '../http/form-body.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { findModel, modelLabelPlural } from '../schema/lookup.ts';
import { BULK_EDIT } from '../admin/actions-available.ts';
import { summarizeSelection } from './actions-confirm.ts';
import type { ActionPlace } from './actions-flow.ts';
import { inputsOf, modelFieldViews, modelFormFields, parseModelFields } from './actions-form.ts';
import { BulkRunFailed, runBulk } from './actions-run.ts';
import { bulkEditSelect } from './bulk-edit-reads.ts';
import { runOrStartJob, type RunOutcome } from './bulk-job.ts';
import { displayValue, truncate } from './display.ts';
import { recordLabel } from './record-label.ts';
import { countOf, deniedNote, refusedText } from './refused-rows.ts';
import { labelSelect, relatedAdminOf } from './relation-choices.ts';
import { ConcurrentChangeError } from './version-check.ts';

type Row = Record<string, unknown>;

const MODES: ToManyMode[] = ['add', 'remove', 'replace'];

export async function bulkEditView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, form: SubmittedForm, selection: BulkSelection, place: ActionPlace) {
  if (!admin.admin.hasChangePermission(request)) return forbidden(ctx, request, reply);
  const names = admin.admin.bulkEdit ?? [];
  const fields = modelFormFields(ctx, admin, names);
  const values = inputsOf(form);
  const chosen = names.filter((n) => form[`be_on_${n}`] !== undefined);
  const modes = Object.fromEntries(names.map((n) => [n, MODES.find((m) => m === formText(form, `be_mode_${n}`)) ?? 'add'])) as Record<string, ToManyMode>;
  const applying = formText(form, 'post') === 'yes';
  const submitted = applying || form._preview !== undefined;
  let errors: Record<string, string> = {};
  let data: Row | null = null;
  if (submitted && chosen.length === 0) errors = { _choose: 'Choose at least one field to change.' };
  else if (submitted) {
    const parsed = await parseModelFields(ctx, request, admin, fields.filter((f) => chosen.includes(f.name)), values);
    if (parsed.ok) data = parsed.data;
    else errors = parsed.errors;
  }
  const mayChange = (record: Row) => admin.admin.hasChangePermission(request, record);
  const plan = data ? bulkEditPlan(admin.model, data, modes) : null;
  if (applying && plan) return apply(ctx, request, reply, admin, selection, plan, mayChange, place, form);
  const summary = await summarizeSelection(ctx, request, admin, selection, mayChange, bulkEditSelect(admin, []));
  if (summary.count === 0) return place.back('warning', 'None of the selected records exist any more.');

  const views = await modelFieldViews(ctx, request, admin, fields, values, errors);
  const urls = urlsOf(ctx);
  const changing = plan ? await changingCount(ctx, request, admin, selection, plan, mayChange) : null;
  return renderPage(ctx, request, reply, 'bulk_edit', {
    action: BULK_EDIT,
    fields: views.map((view, i) => ({
      view,
      name: fields[i].name,
      chosen: chosen.includes(fields[i].name),
      toMany: fields[i].widget === 'relation-multiple',
      mode: modes[fields[i].name],
    })),
    chooseError: errors._choose ?? null,
    errorCount: Object.keys(errors).length,
    countText: `Selected: ${countOf(admin, summary.count)}${selection.kind === 'list' ? ' (every row of the list, with its search and filters)' : ''}.`,
    records: summary.first,
    moreText: summary.count > summary.first.length ? `… and ${countOf(admin, summary.count - summary.first.length)} more.` : null,
    denied: summary.denied,
    deniedText: refusedText(admin, summary.deniedCount, summary.count, 'change'),
    allDenied: summary.deniedCount === summary.count,
    previewText: changing === null ? null : changing.exact ? `This changes ${countOf(admin, changing.count)}; the others already have these values.` : `This changes up to ${countOf(admin, changing.count)}.`,
    applyLabel: changing === null ? null : `Apply to ${countOf(admin, changing.count)}`,
    across: selection.kind === 'list' ? new URLSearchParams(selection.query as Record<string, string>).toString() : null,
    ids: selection.kind === 'ids' ? selection.ids : [],
    formAction: place.formAction,
    cancelUrl: place.cancelUrl,
    jobToken: formText(form, '_job') ?? newJobId(),
  }, {
    title: `Edit selected ${modelLabelPlural(admin.model).toLowerCase()}`,
    status: summary.deniedCount === summary.count ? 403 : submitted && !plan ? 400 : undefined,
    model: admin,
    breadcrumbs: [{ label: 'Home', url: urls.index() }, { label: modelLabelPlural(admin.model), url: urls.list(admin) }, { label: 'Edit selected' }],
  });
}

/** How many rows the plan changes: exactly for columns (compared with the stored values), at most for to-many. */
async function changingCount(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, selection: BulkSelection, plan: BulkEditPlan, mayChange: (r: Row) => boolean) {
  let count = 0;
  const columns = Object.keys(plan.columns);
  for await (const batch of selectionBatches(ctx, admin, request, selection, { select: bulkEditSelect(admin, columns) })) {
    for (const row of batch) if (mayChange(row) && (plan.toMany.length > 0 || columns.some((c) => !same(row[c], plan.columns[c])))) count++;
  }
  return { count, exact: plan.toMany.length === 0 };
}

async function apply(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, selection: BulkSelection, plan: BulkEditPlan, mayChange: (r: Row) => boolean, place: ActionPlace, form: SubmittedForm) {
  return runOrStartJob(ctx, request, reply, admin, form, selection, place, 'Edit selected', async (onBatch): Promise<RunOutcome> => {
    try {
      const result = await runBulk(ctx, request, admin, selection, mayChange, async (client, records) => {
        const edits = await applyBulkEdit(client, ctx.schema, admin.model, plan, records, ctx.postgresSchema);
        return logDetails(ctx, client, admin, edits);
      }, onBatch, bulkEditSelect(admin, Object.keys(plan.columns)), plan.toMany.length ? undefined : ownWorkBatchSize(ctx, admin.model, selection));
      if (result.done === 0) return result.denied ? 'forbidden' : { level: 'warning', text: 'None of the selected records exist any more.' };
      return { level: 'success', text: `Changed ${countOf(admin, result.changed)} of ${countOf(admin, result.done)}.${deniedNote(admin, result.denied, 'change')}` };
    } catch (error) {
      if (error instanceof BulkRunFailed) return { level: 'error', text: `Edit selected stopped at ${error.row}: ${error.reason.replace(/\.?$/, '.')} Nothing was changed.` };
      if (error instanceof ConcurrentChangeError) return { level: 'warning', text: 'A selected record was deleted by someone else meanwhile. No items have been changed.' };
      throw error;
    }
  });
}

/**
 * One change entry per edited row, its changes in the words of the detail page (related records by their label). The
 * texts of a field's values are made once per batch: its rows mostly share their old values, and all share the new.
 */
async function logDetails(ctx: AdminContext, client: PrismaClientLike, admin: ResolvedModelAdmin, edits: RowEdit[]): Promise<LogDetails[]> {
  const labels = await relatedLabels(ctx, client, admin, edits);
  const describers = new Map<string, { label: string; text(value: unknown): string }>();
  const describerOf = (name: string) => {
    let describer = describers.get(name);
    if (describer) return describer;
    const field = admin.model.fields.find((f) => f.name === name)!;
    const related = field.kind === 'relation' ? findModel(ctx.schema, field.type)! : null;
    const describe = (value: unknown): string => {
      if (!related) return truncate(displayValue(field, value, '(empty)').text, 120);
      const keys = (Array.isArray(value) ? value : value ? [value] : []) as Row[];
      return truncate(keys.length ? keys.map((k) => labels.get(`${field.type}:${encodeRecordId(related, k)}`) ?? encodeRecordId(related, k)).join(', ') : '(empty)', 120);
    };
    const texts = new Map<unknown, string>();
    const text = (value: unknown) => {
      if (value !== null && typeof value === 'object') return describe(value);
      let known = texts.get(value);
      if (known === undefined) texts.set(value, (known = describe(value)));
      return known;
    };
    describers.set(name, (describer = { label: admin.labelFor(field.name), text }));
    return describer;
  };
  // Rows whose changes read the same share one array of them: the audit log writes its message once (logEntryRows).
  const shared = new Map<string, FieldChange[]>();
  // …and rows given one array of changes by applyBulkEdit skip even the texts.
  const described = new Map<RowEdit['changes'], FieldChange[]>();
  return edits.map((edit) => {
    const known = described.get(edit.changes);
    if (known) return { action: 'change', record: edit.record, label: recordLabel(admin, edit.record), changes: known };
    let key = '';
    for (const change of edit.changes) {
      const { text } = describerOf(change.field);
      const old = text(change.old);
      const now = text(change.new);
      // Lengths first, so that no text (which may hold any character) can make two lists of changes one key.
      key += `${change.field.length}:${change.field}${old.length}:${old}${now.length}:${now}`;
    }
    let changes = shared.get(key);
    if (!changes) {
      changes = edit.changes.map((change): FieldChange => {
        const { label, text } = describerOf(change.field);
        return { field: change.field, label, old: text(change.old), new: text(change.new) };
      });
      shared.set(key, changes);
    }
    described.set(edit.changes, changes);
    return { action: 'change', record: edit.record, label: recordLabel(admin, edit.record), changes };
  });
}

/** The labels of every related record the edits name, one query per related model. */
async function relatedLabels(ctx: AdminContext, client: PrismaClientLike, admin: ResolvedModelAdmin, edits: RowEdit[]): Promise<Map<string, string>> {
  const wanted = new Map<string, Map<string, Row>>();
  for (const edit of edits) {
    for (const change of edit.changes) {
      const field = admin.model.fields.find((f) => f.name === change.field);
      if (field?.kind !== 'relation') continue;
      const related = findModel(ctx.schema, field.type)!;
      const keys = wanted.get(field.type) ?? new Map<string, Row>();
      for (const key of [change.old, change.new].flatMap((v) => (Array.isArray(v) ? v : v ? [v] : [])) as Row[]) keys.set(encodeRecordId(related, key), key);
      wanted.set(field.type, keys);
    }
  }
  const labels = new Map<string, string>();
  for (const [modelName, keys] of wanted) {
    const relatedAdmin = relatedAdminOf(ctx, modelName);
    if (!relatedAdmin || keys.size === 0) continue;
    // An OR of keys is not split by Prisma: chunks of what the dialect binds (a batch of 2,000 rows can name 2,000).
    for (const chunk of keyChunks(ctx.schema.provider, [...keys.values()], recordKeyFields(relatedAdmin.model).length)) {
      const rows = await delegateIn(client, modelName).findMany({ where: { OR: chunk }, select: labelSelect(relatedAdmin) });
      for (const row of rows) labels.set(`${modelName}:${encodeRecordId(relatedAdmin.model, row)}`, recordLabel(relatedAdmin, row));
    }
  }
  return labels;
}
