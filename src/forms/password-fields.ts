// Password inputs: what is typed is checked, hashed by the admin's hasher (password-hashers.ts) and stored; nothing is
// ever shown back but a summary of the hash. On change an empty input keeps the current hash.
// Other secrets (tokens, API keys: secret-fields.ts) get a masked input: what is typed is stored as typed.
import { passwordProblem } from '../auth/passwords.ts';
import type { ModelMeta, SchemaMeta } from '../schema/types.ts';
import { FORM_MESSAGES } from './messages.ts';
import { scryptHasher, type PasswordHasher } from './password-hashers.ts';
import { valueSchemaFor } from './value-schemas.ts';
import type { FormField, FormMode, SubmittedForm } from './types.ts';

export interface PasswordParse {
  data: Record<string, unknown>;
  errors: Record<string, string>;
}

/** Turns the form's password fields into `widget: 'password'` (not required on change: empty keeps the hash). */
export function asPasswordFields(fields: FormField[], names: string[], mode: FormMode): FormField[] {
  return fields.map((f) =>
    names.includes(f.name) && !f.readOnly ? { ...f, widget: 'password' as const, required: mode === 'add', help: f.help ?? (mode === 'change' ? 'Leave empty to keep the current password.' : null) } : f);
}

/** Turns the form's other secret fields into `widget: 'secret'` (on change: empty keeps the current value). */
export function asSecretFields(fields: FormField[], names: string[], mode: FormMode): FormField[] {
  return fields.map((f) =>
    names.includes(f.name) && !f.readOnly && f.widget !== 'password' && f.widget !== 'file'
      ? { ...f, widget: 'secret' as const, required: f.required && mode === 'add', help: f.help ?? (mode === 'change' ? 'Leave empty to keep the current value.' : null) }
      : f);
}

export async function parsePasswordFields(fields: FormField[], form: SubmittedForm, mode: FormMode, username?: string, hasher: PasswordHasher = scryptHasher): Promise<PasswordParse> {
  const result: PasswordParse = { data: {}, errors: {} };
  for (const field of fields.filter((f) => f.widget === 'password' && !f.readOnly)) {
    const value = form[field.name];
    const text = typeof value === 'string' ? value : Array.isArray(value) ? value[value.length - 1] : '';
    if (!text) {
      if (mode === 'add') result.errors[field.name] = 'This field is required.';
      continue;
    }
    const problem = passwordProblem(text, username);
    if (problem) result.errors[field.name] = problem;
    else result.data[field.name] = await hasher.hash(text);
  }
  return result;
}

/** Suffix of the checkbox that empties an optional secret on change (an empty input keeps it). */
export const SECRET_CLEAR_SUFFIX = '-clear';

/** The secret inputs: typed → validated like any value of the field; empty → kept (change) or left out (add). */
export function parseSecretFields(schema: SchemaMeta, model: ModelMeta, fields: FormField[], form: SubmittedForm, mode: FormMode): PasswordParse {
  const result: PasswordParse = { data: {}, errors: {} };
  for (const field of fields.filter((f) => f.widget === 'secret' && !f.readOnly)) {
    const meta = model.fields.find((f) => f.name === field.name);
    if (!meta || (meta.kind !== 'scalar' && meta.kind !== 'enum')) continue;
    const value = form[field.name];
    const text = typeof value === 'string' ? value : Array.isArray(value) ? value[value.length - 1] ?? '' : '';
    if (text === '') {
      if (mode === 'change' && !meta.isRequired && form[field.name + SECRET_CLEAR_SUFFIX] !== undefined) result.data[field.name] = null;
      else if (field.required) result.errors[field.name] = FORM_MESSAGES.required;
      continue;
    }
    const parsed = valueSchemaFor(schema, meta).safeParse(text);
    if (parsed.success) result.data[field.name] = parsed.data;
    else result.errors[field.name] = parsed.error.issues[0]?.message ?? FORM_MESSAGES.choice;
  }
  return result;
}
