// Inlines on the add/change page: which inlines this request may see and edit, their existing rows (one query per
// inline), the submitted rows read back and validated with the inline model's form, and their writes, done in the
// parent's transaction (see form-page.ts).
import type { FastifyRequest } from 'fastify';
import type { ResolvedInline } from '../admin/resolve-form-options.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { LogDetails } from '../audit/audit-log.ts';
import { diffRecords } from '../audit/diff.ts';
import { mapPrismaError } from '../data/prisma-errors.ts';
import { decodeRecordId, encodeRecordId } from '../data/record-id.ts';
import { formFieldsFor, formValuesFromRecord, initialFormValues, parseForm } from '../forms/index.ts';
import { ROW_DELETE, ROW_ID, ROW_VERSION, rowHasChanged, rowText, rowValues, submittedRows, MAX_INLINE_ROWS } from '../forms/inline-forms.ts';
import type { FormValues } from '../forms/form-values.ts';
import type { FormField, FormMode, SubmittedForm } from '../forms/types.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import type { ModelMeta } from '../schema/types.ts';
import { readOnlyText } from './readonly-text.ts';
import { recordLabel } from './record-label.ts';
import { recordVersion } from '../data/record-version.ts';
import { ConcurrentChangeError, lockAndCheckVersions } from './version-check.ts';
import { labelSelect, relatedAdminOf } from './relation-choices.ts';
import { recordKeyFields } from '../schema/record-key.ts';

type Row = Record<string, unknown>;

/** One inline as this request sees it: its permissions and the fields of new and existing rows. */
export interface InlineFormset {
  inline: ResolvedInline;
  /** The inline model's own admin (labels of its records). */
  related: ResolvedModelAdmin;
  /** The admin whose form holds the inline. */
  parent: ResolvedModelAdmin;
  title: string;
  canAdd: boolean;
  canChange: boolean;
  /** May existing rows be deleted (the inline's `canDelete` and the user's permission)? */
  canDelete: boolean;
  addFields: FormField[];
  changeFields: FormField[];
}

/** One row of an inline, as shown: an existing record (`id`) or a new one. */
export interface InlineRowState {
  id: string | null;
  record?: Row;
  /** The version the row's form carries (an existing row's, as it was when the form was first opened). */
  version?: string;
  values: FormValues;
  errors: Record<string, string>;
  deleted: boolean;
}

export interface InlineState {
  formset: InlineFormset;
  rows: InlineRowState[];
}

/** A write that a valid submission asks for. `row` is the index of its row in the InlineState. */
export type InlineOp =
  | { kind: 'create'; state: InlineState; row: number; data: Row }
  | { kind: 'update'; state: InlineState; row: number; where: Row; data: Row; before: Row; version: string }
  | { kind: 'delete'; state: InlineState; row: number; where: Row; before: Row; version: string };

/** A write of an inline row that the database refused; the page shows `errors` on that row. */
export class InlineSaveError extends Error {
  /** `conflict`: the row was changed by someone else since the form was opened (409). */
  constructor(readonly state: InlineState, readonly row: number, readonly errors: Record<string, string>, readonly conflict = false) {
    super(`An inline ${state.formset.inline.model.name} row could not be saved: ${Object.values(errors).join(' ')}`);
    this.name = 'InlineSaveError';
  }
}

/** The inlines this request may see, with what it may do in each. `parent` is undefined on the add page. */
export function inlineFormsetsFor(ctx: AdminContext, admin: ResolvedModelAdmin, request: FastifyRequest, parent?: Row): InlineFormset[] {
  if (admin.model.isView) return [];
  const formsets: InlineFormset[] = [];
  for (const inline of admin.form.inlines) {
    const related = relatedAdminOf(ctx, inline.model.name);
    const perms = inline.admin;
    const canChange = perms.hasChangePermission(request, parent);
    if (!related || !(canChange || perms.hasViewPermission(request, parent))) continue;
    const fieldsFor = (mode: FormMode, readonly: string[]) =>
      formFieldsFor(ctx.schema, inline.model, { mode, fields: inline.fields, readonlyFields: readonly }).map((f) => ({ ...f, label: inline.labelFor(f.name) }));
    formsets.push({
      inline,
      related,
      parent: admin,
      title: modelLabelPlural(inline.model),
      canAdd: perms.hasAddPermission(request, parent),
      canChange,
      canDelete: inline.canDelete && parent !== undefined && perms.hasDeletePermission(request, parent),
      addFields: fieldsFor('add', inline.readonlyFields),
      // Existing rows show their secrets (tokens, hashes) masked and read-only; new rows may type one.
      changeFields: fieldsFor('change', [...((canChange ? inline.readonlyFields : inline.fields) ?? []), ...related.secretFields]),
    });
  }
  return formsets;
}

/** The existing rows of each inline: one query per inline, related records' labels included. */
export async function loadInlineRows(ctx: AdminContext, formsets: InlineFormset[], parent: Row): Promise<Row[][]> {
  return Promise.all(formsets.map(async ({ inline, changeFields }) => {
    const where = Object.fromEntries(inline.fk.fromFields.map((from, i) => [from, parent[inline.fk.toFields[i]]]));
    const include = relationIncludes(ctx, changeFields);
    const orderBy = [...inline.orderBy, ...recordKeyFields(inline.model).map((f) => ({ [f]: 'asc' }))];
    const delegate = delegateIn(ctx.prisma, inline.model.name);
    return delegate.findMany({ where, orderBy, take: MAX_INLINE_ROWS, ...(include ? { include } : {}) });
  }));
}

/** What a fresh form shows: the existing rows, then `extra` blank rows when the user may add. */
export function initialInlineStates(ctx: AdminContext, formsets: InlineFormset[], existing: Row[][]): InlineState[] {
  return formsets.map((formset, i) => ({
    formset,
    rows: [
      ...(existing[i] ?? []).map((record) => existingRow(ctx, formset, record)),
      ...(formset.canAdd ? Array.from({ length: formset.inline.extra }, () => blankRow(formset)) : []),
    ],
  }));
}

/**
 * Reads the submitted rows of every inline. Rows that sent nothing or changed nothing are skipped; rows of records not
 * among `existing` (another parent's, or deleted meanwhile) are errors; what the user may not do is ignored, as in
 * Django (a new row without add permission, an edit without change permission, a delete without delete permission).
 */
export function parseInlines(ctx: AdminContext, formsets: InlineFormset[], existing: Row[][], submitted: SubmittedForm) {
  const ops: InlineOp[] = [];
  let errorCount = 0;
  const states = formsets.map((formset, i): InlineState => {
    const { inline } = formset;
    const state: InlineState = { formset, rows: [] };
    const byId = new Map((existing[i] ?? []).map((record) => [encodeRecordId(inline.model, record), record] as const));
    const seen = new Set<string>();
    let blankRows = 0;
    for (const row of submittedRows(submitted, inline.prefix, formset.title.toLowerCase()).values()) {
      const id = rowText(row, ROW_ID);
      const wantsDelete = row[ROW_DELETE] !== undefined;
      if (id) {
        const record = byId.get(id);
        if (!record || seen.has(id)) {
          state.rows.push({ id: null, values: rowValues(formset.addFields, row), errors: { __all__: `This ${modelLabel(inline.model).toLowerCase()} no longer exists, or belongs to another record. Reload the page.` }, deleted: false });
          errorCount++;
          continue;
        }
        seen.add(id);
        const where = decodeRecordId(ctx.schema, inline.model, id)!;
        // The version the form was opened with (older forms carry none: then the one this request read).
        const version = rowText(row, ROW_VERSION) || recordVersion(inline.model, record);
        if (wantsDelete && formset.canDelete) {
          state.rows.push({ ...existingRow(ctx, formset, record), version, values: rowValues(formset.changeFields, row), deleted: true });
          ops.push({ kind: 'delete', state, row: state.rows.length - 1, where, before: record, version });
          continue;
        }
        if (!formset.canChange) {
          state.rows.push(existingRow(ctx, formset, record));
          continue;
        }
        const parsed = parseForm(ctx.schema, inline.model, formset.changeFields, row, 'change');
        state.rows.push({ id, record, version, values: rowValues(formset.changeFields, row), errors: parsed.ok ? {} : parsed.errors, deleted: false });
        if (!parsed.ok) errorCount += Object.keys(parsed.errors).length;
        else if (rowHasChanged(formset.changeFields, formValuesFromRecord(ctx.schema, inline.model, formset.changeFields, record), row)) {
          ops.push({ kind: 'update', state, row: state.rows.length - 1, where, data: parsed.data, before: record, version });
        }
        continue;
      }
      if (!formset.canAdd || wantsDelete) continue;
      const values = rowValues(formset.addFields, row);
      if (!rowHasChanged(formset.addFields, initialFormValues(inline.model, formset.addFields), row)) {
        // Shown again blank, at most `extra` of them: a form of a thousand untouched rows is not drawn a thousand times.
        if (blankRows++ < inline.extra) state.rows.push({ id: null, values, errors: {}, deleted: false });
        continue;
      }
      const parsed = parseForm(ctx.schema, inline.model, formset.addFields, row, 'add');
      state.rows.push({ id: null, values, errors: parsed.ok ? {} : parsed.errors, deleted: false });
      if (!parsed.ok) errorCount += Object.keys(parsed.errors).length;
      else ops.push({ kind: 'create', state, row: state.rows.length - 1, data: parsed.data });
    }
    // Existing rows the submission left out are shown again as they are.
    for (const [id, record] of byId) if (!seen.has(id)) state.rows.push(existingRow(ctx, formset, record));
    return state;
  });
  return { states, ops, errorCount };
}

/**
 * Runs the inline writes with `client` (the parent's transaction): deletions first (so a new row may take a deleted
 * row's unique value), then changes, then new rows connected to `parent`. Returns their audit log entries. A write the
 * database refuses throws an InlineSaveError naming the row, which rolls the transaction back.
 */
export async function saveInlines(ctx: AdminContext, client: PrismaClientLike, ops: InlineOp[], parentModel: ModelMeta, parent: Row): Promise<LogDetails[]> {
  const log: LogDetails[] = [];
  const order = { delete: 0, update: 1, create: 2 } as const;
  for (const op of [...ops].sort((a, b) => order[a.kind] - order[b.kind])) {
    const { inline, related, changeFields } = op.state.formset;
    const delegate = delegateIn(client, inline.model.name);
    const entry = { model: inline.model };
    try {
      if (op.kind !== 'create') await checkRowVersion(ctx, client, op);
      if (op.kind === 'delete') {
        await delegate.delete({ where: op.where });
        log.push({ ...entry, action: 'delete', record: op.before, label: recordLabel(related, op.before) });
      } else if (op.kind === 'update') {
        const include = relationIncludes(ctx, changeFields);
        const after = await delegate.update({ where: op.where, data: op.data, ...(include ? { include } : {}) });
        const changes = diffRecords(inline.model, changeFields, op.before, after, (name, value) => relationText(ctx, related, inline.model, name, value));
        if (changes.length) log.push({ ...entry, action: 'change', record: after, label: recordLabel(related, after), changes });
      } else {
        const created = await delegate.create({ data: { ...op.data, [inline.fk.name]: { connect: parentUnique(parentModel, inline, parent) } } });
        log.push({ ...entry, action: 'add', record: created, label: recordLabel(related, created) });
      }
    } catch (error) {
      const mapped = mapPrismaError(inline.model, error);
      if (!mapped) throw error;
      throw new InlineSaveError(op.state, op.row, mapped.errors);
    }
  }
  return log;
}

/** Locks an existing row in the save's transaction and refuses the save when it changed since its form was opened. */
async function checkRowVersion(ctx: AdminContext, client: PrismaClientLike, op: Extract<InlineOp, { kind: 'update' | 'delete' }>) {
  const { model } = op.state.formset.inline;
  try {
    await lockAndCheckVersions(ctx, client, model, [{ key: Object.fromEntries(recordKeyFields(model).map((f) => [f, op.before[f]])), version: op.version }]);
  } catch (error) {
    if (!(error instanceof ConcurrentChangeError)) throw error;
    const text = error.current
      ? `This ${modelLabel(model).toLowerCase()} was changed by someone else after you opened this form. Reload the page to see its current values.`
      : `This ${modelLabel(model).toLowerCase()} was deleted by someone else after you opened this form.`;
    throw new InlineSaveError(op.state, op.row, { __all__: text }, true);
  }
}

/** Shows a refused write on its row. */
export function showInlineSaveError(error: InlineSaveError): number {
  const row = error.state.rows[error.row];
  if (row) row.errors = { ...row.errors, ...error.errors };
  return Object.keys(error.errors).length;
}

function existingRow(ctx: AdminContext, formset: InlineFormset, record: Row): InlineRowState {
  const values = formValuesFromRecord(ctx.schema, formset.inline.model, formset.changeFields, record);
  return { id: encodeRecordId(formset.inline.model, record), record, values, errors: {}, deleted: false };
}

function blankRow(formset: InlineFormset): InlineRowState {
  return { id: null, values: initialFormValues(formset.inline.model, formset.addFields), errors: {}, deleted: false };
}

/** The unique `where` of the parent that the new rows connect to (the fields the relation references). */
function parentUnique(parentModel: ModelMeta, inline: ResolvedInline, parent: Row): Row {
  const fields = inline.fk.toFields;
  const values = Object.fromEntries(fields.map((f) => [f, parent[f]]));
  if (fields.length === 1) return values;
  const same = (names: string[]) => names.length === fields.length && names.every((n) => fields.includes(n));
  const pk = parentModel.primaryKey;
  if (same(pk.fields)) return { [pk.name ?? pk.fields.join('_')]: values };
  const unique = parentModel.uniques.find((u) => same(u.fields));
  return { [unique?.name ?? fields.join('_')]: values };
}

/** The include that gives each row's related records with their labels (for the widgets and read-only text). */
export function relationIncludes(ctx: AdminContext, fields: FormField[]): Record<string, unknown> | undefined {
  const include: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.widget !== 'relation' && field.widget !== 'relation-multiple') continue;
    const related = relatedAdminOf(ctx, field.relatedModel!);
    if (related) include[field.name] = { select: labelSelect(related) };
  }
  return Object.keys(include).length ? include : undefined;
}

/** A value as read-only text: related records by their labels, other values as on the detail page. */
export function relationText(ctx: AdminContext, admin: ResolvedModelAdmin, model: ModelMeta, fieldName: string, value: unknown): string {
  const meta = model.fields.find((f) => f.name === fieldName);
  return meta ? readOnlyText(ctx, admin, meta, value) : '';
}


