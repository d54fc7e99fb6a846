// Which fields an add/change form shows for one request, and how they are grouped: `fields` / `fieldsets` /
// `exclude`, the read-only fields of `getReadonlyFields(request, record)`, labels and password inputs.
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { formFieldsFor, isDefaultFormField } from '../forms/index.ts';
import { asPasswordFields, asSecretFields } from '../forms/password-fields.ts';
import type { FormField, FormMode } from '../forms/types.ts';
import type { AdminContext } from '../admin/context.ts';

/** One group of the form: a fieldset, or the whole form when the admin has none. */
export interface FormGroup {
  title: string | null;
  description: string | null;
  collapsed: boolean;
  /** Names of the form's fields in this group, in order. */
  fields: string[];
  /** The same names line by line (several on a line: shown side by side). */
  lines: string[][];
}

/** The form's fields for this request, with the admin's labels and password inputs applied. */
export function formFieldsOf(ctx: AdminContext, admin: ResolvedModelAdmin, request: FastifyRequest, mode: FormMode, record?: Record<string, unknown>): FormField[] {
  const readonlyFields = admin.admin.getReadonlyFields(request, record);
  const { exclude } = admin.form;
  let names = admin.form.fields;
  if (!names && exclude.length) {
    const model = admin.model;
    names = [
      ...model.fields.filter(isDefaultFormField).map((f) => f.name),
      ...readonlyFields.filter((name) => !model.fields.some((f) => f.name === name && isDefaultFormField(f))),
    ].filter((name) => !exclude.includes(name));
  }
  const fields = formFieldsFor(ctx.schema, admin.model, { mode, fields: names, readonlyFields });
  const labelled = fields.map((f) => withFileWidget(admin, withAdminWidget(admin, { ...f, label: admin.labelFor(f.name) }), mode));
  const passwords = admin.admin.passwordFields ?? [];
  return asSecretFields(asPasswordFields(labelled, passwords, mode), [...admin.secretFields].filter((name) => !passwords.includes(name)), mode);
}

/** The admin's `widgets` and `radioFields` applied to one field. */
function withAdminWidget(admin: ResolvedModelAdmin, field: FormField): FormField {
  const override = admin.form.widgets[field.name];
  const radio = admin.form.radio[field.name];
  let result = field;
  if (override === 'text' || override === 'textarea') result = { ...field, widget: override };
  else if (override === 'markdown') result = { ...field, widget: 'textarea', variant: 'markdown' };
  else if (override === 'code') result = { ...field, widget: field.widget === 'json' ? 'json' : 'textarea', variant: 'code' };
  if (radio && ['select', 'nullable-boolean', 'relation'].includes(field.widget)) result = { ...result, radio };
  return result;
}

/** A `fileFields` field is a file input; on change, an empty one keeps the current file, so it is never required. */
function withFileWidget(admin: ResolvedModelAdmin, field: FormField, mode: FormMode): FormField {
  const options = admin.fileFields.get(field.name);
  if (!options || field.readOnly) return field;
  return { ...field, widget: 'file', required: mode === 'add' && field.required, ...(options.accept.length ? { accept: options.accept.join(',') } : {}) };
}

/** The form's groups: the admin's fieldsets (without fields this form leaves out, and without empty ones), or one. */
export function formGroupsOf(admin: ResolvedModelAdmin, fields: FormField[]): FormGroup[] {
  const present = new Set(fields.map((f) => f.name));
  const linesOf = (lines: string[][]) => lines.map((line) => line.filter((name) => present.has(name))).filter((line) => line.length > 0);
  if (!admin.form.fieldsets) {
    const names = fields.map((f) => f.name);
    // Fields of the form that `fields` does not list (read-only ones added by getReadonlyFields) get a line each.
    const listed = new Set(admin.form.lines?.flat() ?? []);
    const lines = admin.form.lines ? [...linesOf(admin.form.lines), ...names.filter((n) => !listed.has(n)).map((n) => [n])] : names.map((n) => [n]);
    return [{ title: null, description: null, collapsed: false, fields: lines.flat(), lines }];
  }
  return admin.form.fieldsets
    .map((set) => ({ ...set, fields: set.fields.filter((name) => present.has(name)), lines: linesOf(set.lines) }))
    .filter((set) => set.fields.length > 0);
}

/**
 * For each prepopulated field of an add form: the ids of the inputs it is filled from, space-separated (the
 * `data-prepopulate-from` of views/static/admin.js). Only on add, like Django: a published address stays as it is.
 */
export function prepopulatedInputs(admin: ResolvedModelAdmin, fields: FormField[], mode: FormMode): Map<string, string> {
  const result = new Map<string, string>();
  if (mode !== 'add') return result;
  const editable = new Set(fields.filter((f) => !f.readOnly).map((f) => f.name));
  for (const [target, sources] of Object.entries(admin.form.prepopulated)) {
    const present = sources.filter((name) => editable.has(name));
    if (editable.has(target) && present.length) result.set(target, present.map((name) => `id_${name}`).join(' '));
  }
  return result;
}
