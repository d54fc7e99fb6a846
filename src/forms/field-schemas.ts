// One zod schema per form field: the submitted value in, the Prisma `data` value out (or OMIT: leave the key out).
// Empty inputs: required → error; nullable → null on change (`disconnect` for relations), left out on add.
import { DbNull, JsonNull } from '@prisma/client/runtime/client';
import { z } from 'zod';
import { decodeRecordId, type UniqueWhere } from '../data/record-id.ts';
import { findModel } from '../schema/lookup.ts';
import type { ModelMeta, RelationFieldMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import { FORM_MESSAGES as M } from './messages.ts';
import { FILE_CLEAR_SUFFIX, type FormField, type FormMode, type SubmittedForm, type SubmittedValue } from './types.ts';
import { enumSetSchema, valueSchemaFor, type ValueSchema } from './value-schemas.ts';

/** A field schema's output that means "leave this key out of the Prisma data" (the database default applies). */
export const OMIT: unique symbol = Symbol('prisma-admin-site.form.omit');

export interface FieldSchemaContext {
  schema: SchemaMeta;
  model: ModelMeta;
  mode: FormMode;
}

type Upload = Exclude<SubmittedValue, string | string[]>;
/** What a file field's schema reads: the upload and the state of its clear checkbox. */
export interface FileInput {
  file: SubmittedValue | undefined;
  clear: boolean;
}

const CHECKED = new Set(['on', 'true']);

/** The value a field's schema parses, taken from the submitted form. */
export function fieldInputFrom(form: SubmittedForm, field: FormField): unknown {
  if (field.widget === 'file') return { file: form[field.name], clear: form[field.name + FILE_CLEAR_SUFFIX] !== undefined } satisfies FileInput;
  return form[field.name];
}

/** The zod schema of one (editable) form field. */
export function fieldSchemaFor(ctx: FieldSchemaContext, field: FormField): z.ZodType<unknown, unknown> {
  const meta = ctx.model.fields.find((f) => f.name === field.name);
  if (!meta || meta.kind === 'unsupported') throw new Error(`Form field "${field.name}" is not an editable field of ${ctx.model.name}.`);
  if (meta.kind === 'relation') {
    const related = findModel(ctx.schema, meta.type);
    if (!related) throw new Error(`Relation "${ctx.model.name}.${meta.name}" points at unknown model "${meta.type}".`);
    return meta.cardinality === 'one' ? toOneSchema(ctx, field, meta, related) : toManySchema(ctx, related);
  }
  if (field.widget === 'checkbox-multiple') return enumSetSchema(ctx.schema, meta);
  if (meta.isList) return listSchema(valueSchemaFor(ctx.schema, meta), meta);
  if (field.widget === 'checkbox') return z.preprocess(single, z.string().transform((text) => CHECKED.has(text)));
  if (field.widget === 'file') return fileSchema(ctx, field, meta);
  if (field.widget === 'nullable-boolean') {
    const choice = z.enum(['true', 'false', 'unknown'], { error: M.choice });
    return textSchema(ctx, field, meta, choice.transform((text) => (text === 'unknown' ? null : text === 'true')));
  }
  let value = valueSchemaFor(ctx.schema, meta);
  if (meta.kind === 'scalar' && meta.type === 'Json') value = value.transform((json) => (json === null ? JsonNull : json));
  return textSchema(ctx, field, meta, value);
}

/** One text value: blank → the empty outcome, else the value schema (textarea line ends normalised to \n). */
function textSchema(ctx: FieldSchemaContext, field: FormField, meta: ValueFieldMeta, value: ValueSchema) {
  return z.preprocess(
    single,
    z.string().transform((raw, issues) => {
      const text = field.widget === 'textarea' ? raw.replace(/\r\n?/g, '\n') : raw;
      if (text.trim() === '') return emptyOutcome(ctx, field, meta, issues);
      return pipeInto(value, text, issues);
    }),
  );
}

function emptyOutcome(ctx: FieldSchemaContext, field: FormField, meta: ValueFieldMeta | RelationFieldMeta, issues: z.RefinementCtx) {
  if (field.required) {
    issues.addIssue({ code: 'custom', message: M.required });
    return z.NEVER;
  }
  if (!meta.isRequired) {
    if (ctx.mode === 'add') return OMIT;
    if (meta.kind === 'relation') return { disconnect: true };
    return meta.kind === 'scalar' && meta.type === 'Json' ? DbNull : null;
  }
  // Not nullable, yet not required: it has a default (add), or is a String that may be "" (change).
  return ctx.mode === 'change' && meta.kind === 'scalar' && meta.type === 'String' ? '' : OMIT;
}

function pipeInto(schema: ValueSchema, text: string, issues: z.RefinementCtx): unknown {
  const result = schema.safeParse(text);
  if (result.success) return result.data;
  issues.addIssue({ code: 'custom', message: result.error.issues[0]?.message ?? M.choice });
  return z.NEVER;
}

/** A textarea, one value per line; blank lines are skipped (for String lists: only empty ones). */
function listSchema(element: ValueSchema, meta: ValueFieldMeta) {
  const isString = meta.kind === 'scalar' && meta.type === 'String';
  return z.preprocess(
    single,
    z.string().transform((text, issues) => {
      const values: unknown[] = [];
      const lines = text.split(/\r\n?|\n/);
      for (let i = 0; i < lines.length; i++) {
        if (isString ? lines[i] === '' : lines[i].trim() === '') continue;
        const result = element.safeParse(lines[i]);
        if (!result.success) {
          issues.addIssue({ code: 'custom', message: M.listLine(i + 1, result.error.issues[0]?.message ?? M.choice) });
          return z.NEVER;
        }
        values.push(result.data);
      }
      return values;
    }),
  );
}

function fileSchema(ctx: FieldSchemaContext, field: FormField, meta: ValueFieldMeta) {
  return z.custom<FileInput>().transform((input, issues) => {
    const upload = isUpload(input?.file) && input.file.filename !== '' ? input.file : null;
    if (upload?.tooLargeAbove !== undefined) {
      issues.addIssue({ code: 'custom', message: M.fileTooLarge(upload.tooLargeAbove) });
      return z.NEVER;
    }
    if (upload) return new Uint8Array(upload.data);
    if (ctx.mode === 'change' && input?.clear && !meta.isRequired) return null;
    if (field.required) {
      issues.addIssue({ code: 'custom', message: M.required });
      return z.NEVER;
    }
    return OMIT; // no upload: keep the current content (change) or use the default (add)
  });
}

function toOneSchema(ctx: FieldSchemaContext, field: FormField, meta: RelationFieldMeta, related: ModelMeta) {
  return z.preprocess(
    single,
    z.string().transform((text, issues) => {
      if (text.trim() === '') return emptyOutcome(ctx, field, meta, issues);
      const where = decodeRecordId(ctx.schema, related, text);
      if (where) return { connect: where };
      issues.addIssue({ code: 'custom', message: M.choice });
      return z.NEVER;
    }),
  );
}

function toManySchema(ctx: FieldSchemaContext, related: ModelMeta) {
  return z.preprocess(
    many,
    z.array(z.string()).transform((ids, issues) => {
      const wheres: UniqueWhere[] = [];
      for (const id of ids.filter((text) => text.trim() !== '')) {
        const where = decodeRecordId(ctx.schema, related, id);
        if (!where) {
          issues.addIssue({ code: 'custom', message: M.choice });
          return z.NEVER;
        }
        wheres.push(where);
      }
      if (ctx.mode === 'change') return { set: wheres };
      return wheres.length > 0 ? { connect: wheres } : OMIT;
    }),
  );
}

// A single-valued input sent twice counts with its last value (as Django does); absent counts as empty.
function single(value: unknown): string {
  if (Array.isArray(value)) return String(value.at(-1) ?? '');
  return typeof value === 'string' ? value : '';
}

function many(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

function isUpload(value: unknown): value is Upload {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Buffer.isBuffer((value as Upload).data);
}
