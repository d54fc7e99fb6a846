// listEditable: some columns of the list are inputs, and one Save button saves every changed row — validated like
// the change form, checked against concurrent edits, written in one transaction with an audit log entry per row.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { diffRecords } from '../audit/diff.ts';
import { mapPrismaError } from '../data/prisma-errors.ts';
import { decodeRecordId, encodeRecordId, recordWhere } from '../data/record-id.ts';
import { recordVersion } from '../data/record-version.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { formFieldsFor, formValuesFromRecord, parseForm } from '../forms/index.ts';
import { readReferenced, writeSharedKeys } from '../data/shared-key-writes.ts';
import type { FormField, SubmittedForm } from '../forms/types.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { forbidden } from '../http/errors.ts';
import { formText } from '../http/form-body.ts';
import { labelOf, recordLabel } from './record-label.ts';
import { findModel } from '../schema/lookup.ts';
import { relationWidget, type RelationWidget } from './relation-choices.ts';
import { saveInOneTransaction } from './save-transaction.ts';
import { ConcurrentChangeError, lockAndCheckVersions } from './version-check.ts';
import { relationChoiceErrorsOfRows } from './relation-validation.ts';
import { endSessionsAfterUserSave } from './user-sessions.ts';

export interface ListEdits {
  /** Submitted values and errors per record id, to show a rejected save again. */
  values: Map<string, Record<string, string | string[]>>;
  errors: Map<string, Record<string, string>>;
}

export function editableFields(ctx: AdminContext, admin: ResolvedModelAdmin): FormField[] {
  if (!admin.listEditable.length) return [];
  return formFieldsFor(ctx.schema, admin.model, { mode: 'change', fields: admin.listEditable }).filter((f) => !f.readOnly);
}

/** The inputs of one row: name prefix `form-<index>-`, current (or re-shown) values and errors. */
export function rowInputs(ctx: AdminContext, admin: ResolvedModelAdmin, fields: FormField[], widgets: Map<string, RelationWidget>, row: Record<string, unknown>, index: number, edits?: ListEdits) {
  const id = encodeRecordId(admin.model, row);
  const values = edits?.values.get(id) ?? formValuesFromRecord(ctx.schema, admin.model, fields, row);
  const errors = edits?.errors.get(id) ?? {};
  return {
    prefix: `form-${index}-`,
    id,
    version: recordVersion(admin.model, row),
    inputs: Object.fromEntries(fields.map((f) => [f.name, {
      field: f,
      name: `form-${index}-${f.name}`,
      inputId: `id_form-${index}-${f.name}`,
      value: values[f.name] ?? '',
      error: errors[f.name] ?? null,
      options: widgets.get(f.name)?.options ?? null,
    }])),
    error: errors.__all__ ?? null,
  };
}

export async function relationWidgets(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, fields: FormField[]): Promise<Map<string, RelationWidget>> {
  const entries = await Promise.all(fields.filter((f) => f.widget === 'relation').map(async (f) => [f.name, await relationWidget(ctx, request, { owner: admin.admin, source: admin }, f, [])] as const));
  return new Map(entries);
}

type Rerender = (edits: ListEdits, status: number) => Promise<unknown>;

/** Saves the list's edited rows; on any error nothing is saved and the list comes back with the typed values. */
export async function saveListEdits(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, form: SubmittedForm, rerender: Rerender, done: (message: string) => unknown) {
  if (!admin.admin.hasChangePermission(request)) return forbidden(ctx, request, reply);
  const fields = editableFields(ctx, admin);
  const rows: { id: string; version: string | undefined; submitted: SubmittedForm }[] = [];
  for (let i = 0; i < 1000; i++) {
    const id = formText(form, `form-${i}-id`);
    if (id === undefined) break;
    const submitted: SubmittedForm = {};
    for (const f of fields) submitted[f.name] = form[`form-${i}-${f.name}`];
    rows.push({ id, version: formText(form, `form-${i}-_version`), submitted });
  }
  const wheres = rows.map((r) => recordWhere(ctx.schema, admin.model, r.id)).filter((w): w is Record<string, unknown> => w !== null);
  const include = Object.fromEntries(fields.filter((f) => f.widget === 'relation').map((f) => [f.name, true]));
  const records = wheres.length
    ? await delegateOf(ctx, admin).findMany({ where: scopedWhere(admin, request, { OR: wheres }), ...(Object.keys(include).length ? { include } : {}) })
    : [];
  const byId = new Map(records.map((r) => [encodeRecordId(admin.model, r), r]));

  const edits: ListEdits = { values: new Map(), errors: new Map() };
  const changes: { id: string; version: string | undefined; where: Record<string, unknown>; data: Record<string, unknown>; before: Record<string, unknown> }[] = [];
  for (const row of rows) {
    const before = byId.get(row.id);
    const shown = Object.fromEntries(fields.map((f) => [f.name, row.submitted[f.name] as string | string[]]).filter(([, v]) => v !== undefined));
    edits.values.set(row.id, shown);
    if (!before) {
      edits.errors.set(row.id, { __all__: 'This record no longer exists.' });
      continue;
    }
    if (!admin.admin.hasChangePermission(request, before)) {
      edits.errors.set(row.id, { __all__: 'You may not change this record.' });
      continue;
    }
    const unchanged = formValuesFromRecord(ctx.schema, admin.model, fields, before);
    if (fields.every((f) => sameValue(unchanged[f.name], row.submitted[f.name], f))) continue;
    if (row.version !== undefined && row.version !== recordVersion(admin.model, before)) {
      edits.errors.set(row.id, { __all__: LIST_CONFLICT });
      continue;
    }
    const parsed = parseForm(ctx.schema, admin.model, fields, row.submitted, 'change');
    const keyed = parsed.ok ? await writeSharedKeys(ctx.schema, admin.model, parsed.data, before, readReferenced(ctx)) : parsed;
    if (!keyed.ok) edits.errors.set(row.id, keyed.errors);
    else changes.push({ id: row.id, version: row.version, where: decodeRecordId(ctx.schema, admin.model, row.id)!, data: keyed.data, before });
  }
  const unavailable = await relationChoiceErrorsOfRows(ctx, request, admin.admin, fields, changes.map((c) => edits.values.get(encodeRecordId(admin.model, c.before)) ?? {}));
  changes.forEach((c, i) => {
    if (Object.keys(unavailable[i]).length) edits.errors.set(encodeRecordId(admin.model, c.before), unavailable[i]);
  });
  // A row changed by someone else is a conflict (409), as in the save's transaction below; other errors are the form's.
  if (edits.errors.size) return rerender(edits, [...edits.errors.values()].some((e) => e.__all__ === LIST_CONFLICT) ? 409 : 400);
  if (changes.length === 0) return done('No changes to save.');
  try {
    // The versions are compared again inside the transaction, with the rows locked (version-check.ts).
    const saved = await saveInOneTransaction(ctx, request, admin, true,
      async (client) => {
        await lockAndCheckVersions(ctx, client, admin.model, changes.map((c) => ({ key: recordWhere(ctx.schema, admin.model, c.id)!, version: c.version })));
        const results: Record<string, unknown>[] = [];
        for (const c of changes) {
          results.push(await admin.admin.saveModel(client, { data: c.data, mode: 'change', where: c.where, record: c.before, request, ...(Object.keys(include).length ? { include } : {}) }));
          await endSessionsAfterUserSave(ctx, request, client, admin.model, c.before, results[results.length - 1]);
        }
        return results;
      },
      (results) => results.map((after, i) => ({ action: 'change' as const, record: after, label: recordLabel(admin, after), changes: diffRecords(admin.model, fields, changes[i].before, after, relationLabel(ctx, admin)) })));
    const n = saved.length;
    return done(`${n} ${n === 1 ? 'record was' : 'records were'} changed successfully.`);
  } catch (error) {
    if (error instanceof ConcurrentChangeError) {
      return rerender({ values: edits.values, errors: new Map([[error.id, { __all__: error.current ? LIST_CONFLICT : 'This record no longer exists.' }]]) }, 409);
    }
    const mapped = mapPrismaError(admin.model, error);
    if (!mapped) throw error;
    return rerender({ values: edits.values, errors: new Map([[encodeRecordId(admin.model, changes[0].before), mapped.errors]]) }, 400);
  }
}

const LIST_CONFLICT = 'Someone else changed this record after the list was loaded: reload the page to see the current values.';

function relationLabel(ctx: AdminContext, admin: ResolvedModelAdmin) {
  return (fieldName: string, value: unknown): string => {
    const field = admin.model.fields.find((f) => f.name === fieldName);
    const related = field?.kind === 'relation' ? findModel(ctx.schema, field.type) : undefined;
    return related && value ? labelOf(related, undefined, value as Record<string, unknown>) : '(empty)';
  };
}

/** Did the person leave this input as it was? (Checkbox: present means checked.) */
function sameValue(current: string | string[] | undefined, submitted: unknown, field: FormField): boolean {
  if (field.widget === 'checkbox') return (current === 'true' || current === 'on') === (submitted === 'on' || submitted === 'true');
  const a = Array.isArray(current) ? current.join('\u0000') : current ?? '';
  const b = Array.isArray(submitted) ? submitted.join('\u0000') : typeof submitted === 'string' ? submitted : '';
  return a === b;
}
