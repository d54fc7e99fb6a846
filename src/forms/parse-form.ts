// A submitted add/change form → Prisma `data` for create/update, or one error message per field.
import { z } from 'zod';
import type { ModelMeta, SchemaMeta } from '../schema/types.ts';
import { fieldInputFrom, fieldSchemaFor, OMIT } from './field-schemas.ts';
import type { FormField, FormMode, ParseResult, SubmittedForm } from './types.ts';

/**
 * The zod schema of a whole form: one key per editable field (read-only fields have none, so a person cannot set
 * them by adding inputs). Its input is what `fieldInputFrom` takes from the form; OMIT in its output means "leave out".
 */
export function formSchemaFor(schema: SchemaMeta, model: ModelMeta, fields: FormField[], mode: FormMode) {
  const ctx = { schema, model, mode };
  return z.object(Object.fromEntries(fields.filter((f) => !f.readOnly).map((f) => [f.name, fieldSchemaFor(ctx, f)])));
}

/**
 * Parses a submitted form with the fields of `formFieldsFor`.
 *
 * @example
 * const result = parseForm(schema, post, fields, request.body, 'add');
 * if (result.ok) await prisma.post.create({ data: result.data });
 * else reply.view('change_form', { errors: result.errors, values: request.body });
 */
export function parseForm(schema: SchemaMeta, model: ModelMeta, fields: FormField[], form: SubmittedForm, mode: FormMode): ParseResult {
  return formParserFor(schema, model, fields, mode)(form);
}

/** parseForm with its zod schema built once, for many forms of the same fields (the rows of an import). */
export function formParserFor(schema: SchemaMeta, model: ModelMeta, fields: FormField[], mode: FormMode): (form: SubmittedForm) => ParseResult {
  const editable = fields.filter((f) => !f.readOnly);
  const formSchema = formSchemaFor(schema, model, fields, mode);
  return (form) => {
    const input = Object.fromEntries(editable.map((f) => [f.name, fieldInputFrom(form, f)]));
    const result = formSchema.safeParse(input);
    if (!result.success) {
      const errors: Record<string, string> = {};
      for (const issue of result.error.issues) {
        const name = String(issue.path[0] ?? '');
        errors[name] ??= issue.message;
      }
      return { ok: false, errors };
    }
    const data: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(result.data)) if (value !== OMIT) data[name] = value;
    return { ok: true, data };
  };
}
