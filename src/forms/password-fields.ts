// Password inputs: what is typed is checked, hashed with scrypt and stored; nothing is ever shown back. On change an
// empty input keeps the current hash.
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import type { FormField, FormMode, SubmittedForm } from './types.ts';

export interface PasswordParse {
  data: Record<string, string>;
  errors: Record<string, string>;
}

/** Turns the form's password fields into `widget: 'password'` (not required on change: empty keeps the hash). */
export function asPasswordFields(fields: FormField[], names: string[], mode: FormMode): FormField[] {
  return fields.map((f) =>
    names.includes(f.name) && !f.readOnly ? { ...f, widget: 'password' as const, required: mode === 'add', help: f.help ?? (mode === 'change' ? 'Leave empty to keep the current password.' : null) } : f);
}

export async function parsePasswordFields(fields: FormField[], form: SubmittedForm, mode: FormMode, username?: string): Promise<PasswordParse> {
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
    else result.data[field.name] = await hashPassword(text);
  }
  return result;
}
