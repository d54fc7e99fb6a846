// The input an action asks for (`form`: a zod object, or `fields`: fields of the model with the change form's widgets
// and parsing): drawn on the confirmation page, validated on submit, errors beside the fields, typed values kept.
// The inputs are named `in_<key>` so that no key collides with the action form's own (`action`, `post`, `_selected`).
import type { FastifyRequest } from 'fastify';
import type { AdminAction, ActionFormSchema } from '../admin/actions.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { formFieldsFor, parseForm } from '../forms/index.ts';
import type { FormField, SubmittedForm } from '../forms/types.ts';
import { humanize } from '../schema/lookup.ts';
import { relationWidget } from './relation-choices.ts';
import { relationChoiceErrors } from './relation-validation.ts';

export const INPUT_PREFIX = 'in_';

export interface ActionFormView {
  fields: Record<string, unknown>[];
  errorCount: number;
  submitLabel: string;
}

export interface ActionInput {
  form: ActionFormView | null;
  valid: boolean;
  data: Record<string, unknown>;
}

/** The submitted `in_*` values, under their own names. */
export function inputsOf(form: SubmittedForm): SubmittedForm {
  return Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith(INPUT_PREFIX)).map(([k, v]) => [k.slice(INPUT_PREFIX.length), v]));
}

export async function readActionInput(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, action: AdminAction<any, any>, form: SubmittedForm, submitted: boolean): Promise<ActionInput> {
  const values = inputsOf(form);
  if (action.form) return zodInput(action.form, values, submitted);
  if (action.fields?.length) {
    const fields = modelFormFields(ctx, admin, action.fields);
    const parsed = submitted ? await parseModelFields(ctx, request, admin, fields, values) : { ok: false as const, errors: {} };
    const errors = parsed.ok ? {} : parsed.errors;
    return { form: { fields: await modelFieldViews(ctx, request, admin, fields, values, errors), errorCount: Object.keys(errors).length, submitLabel: 'Run' }, valid: parsed.ok, data: parsed.ok ? parsed.data : {} };
  }
  return { form: null, valid: true, data: {} };
}

/** Fields of the model as the change form draws them (required or not, as on change). */
export function modelFormFields(ctx: AdminContext, admin: ResolvedModelAdmin, names: string[]): FormField[] {
  return formFieldsFor(ctx.schema, admin.model, { mode: 'change', fields: names, readonlyFields: [] }).map((f) => ({ ...f, label: admin.labelFor(f.name) }));
}

/** The change form's parsing of `fields`, and its check that related ids are choices the request may pick. */
export async function parseModelFields(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, fields: FormField[], values: SubmittedForm) {
  const parsed = parseForm(ctx.schema, admin.model, fields, values, 'change');
  const choiceErrors = await relationChoiceErrors(ctx, request, admin.admin, fields, values);
  if (Object.keys(choiceErrors).length) return { ok: false as const, errors: { ...(parsed.ok ? {} : parsed.errors), ...choiceErrors } };
  return parsed;
}

/** The view of model fields for partials/field.eta, with the typed values and the errors. */
export async function modelFieldViews(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, fields: FormField[], values: SubmittedForm, errors: Record<string, string>, prefix = INPUT_PREFIX) {
  return Promise.all(fields.map(async (field) => {
    const value = values[field.name] ?? '';
    const list = Array.isArray(value) ? value.map(String) : value === '' ? [] : [String(value)];
    const relation = field.widget === 'relation' || field.widget === 'relation-multiple'
      ? await relationWidget(ctx, request, { owner: admin.admin, source: admin }, field, list, { autocomplete: admin.form.autocomplete.includes(field.name) })
      : null;
    return { ...field, name: prefix + field.name, inputId: `id_${prefix}${field.name}`, value: typeof value === 'string' ? value : '', values: list, error: errors[field.name] ?? null, relation, related: null };
  }));
}

type ZodLike = { def?: { type?: string; innerType?: ZodLike; entries?: Record<string, string> }; description?: string; options?: unknown[] };

/** The zod type under optional/default/nullable wrappers. */
function inner(schema: ZodLike): { base: ZodLike; optional: boolean } {
  let base = schema;
  let optional = false;
  while (base.def && ['optional', 'default', 'nullable', 'prefault'].includes(base.def.type ?? '') && base.def.innerType) {
    optional = true;
    base = base.def.innerType;
  }
  return { base, optional };
}

function zodInput(schema: ActionFormSchema<unknown>, values: SubmittedForm, submitted: boolean): ActionInput {
  const keys = Object.keys(schema.shape);
  const kinds = new Map(keys.map((key) => [key, inner(schema.shape[key] as ZodLike)]));
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');
  const input = Object.fromEntries(keys.map((key) => {
    const { base } = kinds.get(key)!;
    const t = text(key).trim();
    switch (base.def?.type) {
      case 'boolean':
        return [key, values[key] !== undefined];
      case 'number':
      case 'int':
        return [key, t === '' ? undefined : Number(t)];
      case 'date':
        return [key, t === '' ? undefined : new Date(t)];
      default:
        return [key, t === '' ? undefined : text(key)];
    }
  }));
  const errors: Record<string, string> = {};
  let data: Record<string, unknown> = {};
  let valid = false;
  if (submitted) {
    const result = schema.safeParse(input);
    if (result.success) {
      valid = true;
      data = result.data as Record<string, unknown>;
    } else {
      for (const issue of result.error.issues) errors[String(issue.path[0] ?? '')] ??= issue.message;
    }
  }
  const fields = keys.map((key) => {
    const { base, optional } = kinds.get(key)!;
    const type = base.def?.type;
    const choices = type === 'enum' ? (base.options ?? Object.values(base.def?.entries ?? {})).map((v) => ({ value: String(v), label: String(v) })) : undefined;
    const widget = type === 'boolean' ? 'checkbox' : type === 'enum' ? 'select' : type === 'number' || type === 'int' ? 'float' : type === 'date' ? 'date' : 'text';
    const label = (schema.shape[key] as ZodLike).description ?? base.description ?? humanize(key);
    return { name: INPUT_PREFIX + key, inputId: `id_${INPUT_PREFIX}${key}`, label, help: null, required: !optional && type !== 'boolean', widget, choices, readOnly: false, value: widget === 'checkbox' ? (values[key] !== undefined ? 'on' : '') : text(key), values: [], error: errors[key] ?? null, relation: null, related: null };
  });
  return { form: { fields, errorCount: Object.keys(errors).length, submitLabel: 'Run' }, valid, data };
}
