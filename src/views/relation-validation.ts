// Submitted relation ids are checked against the records the request may choose (data/relation-scope.ts): an id
// outside them is a field error beside the field, as if the record did not exist. One query per relation field and
// form (for inlines: per field over all rows), only for fields whose choices are narrowed at all.
import { recordKeyFields } from '../schema/record-key.ts';
import type { FastifyRequest } from 'fastify';
import { decodeRecordId, encodeRecordId } from '../data/record-id.ts';
import { andWhere, relationChoicesWhere, type RelationChoicesOwner } from '../data/relation-scope.ts';
import { FORM_MESSAGES } from '../forms/messages.ts';
import type { FormField, SubmittedForm } from '../forms/types.ts';
import { delegateIn } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { findModel } from '../schema/lookup.ts';
import type { ModelMeta } from '../schema/types.ts';
import type { InlineState } from './inlines.ts';
import { relatedAdminOf } from './relation-choices.ts';

type Values = Record<string, unknown>;

/** Errors (field name → message) for the form's relation fields whose submitted ids are not available choices. */
export async function relationChoiceErrors(ctx: AdminContext, request: FastifyRequest, owner: RelationChoicesOwner, fields: FormField[], form: SubmittedForm | Values): Promise<Record<string, string>> {
  return (await relationChoiceErrorsOfRows(ctx, request, owner, fields, [form]))[0];
}

/** relationChoiceErrors for many forms of the same fields (list edits, inline rows): one query per field for all. */
export async function relationChoiceErrorsOfRows(ctx: AdminContext, request: FastifyRequest, owner: RelationChoicesOwner, fields: FormField[], forms: (SubmittedForm | Values)[]): Promise<Record<string, string>[]> {
  const errors = forms.map((): Record<string, string> => ({}));
  await Promise.all(relationFields(fields).map(async (field) => {
    const ids = forms.map((form) => submittedIds(field, form[field.name]));
    const unavailable = await unavailableIds(ctx, request, owner, field, ids.flat());
    ids.forEach((rowIds, i) => {
      if (rowIds.some((id) => unavailable.has(id))) errors[i][field.name] = FORM_MESSAGES.unavailableChoice;
    });
  }));
  return errors;
}

/**
 * Checks the relation fields of every inline row that is to be written; a row with an unavailable id gets the error
 * and is not written. Returns the number of errors added.
 */
export async function checkInlineRelationChoices(ctx: AdminContext, request: FastifyRequest, inlines: { states: InlineState[]; ops: { kind: string; state: InlineState; row: number }[] }): Promise<number> {
  let added = 0;
  const rejected = new Set<object>();
  await Promise.all(inlines.states.flatMap((state) => (['create', 'update'] as const).map(async (kind) => {
    const writes = inlines.ops.filter((op) => op.state === state && op.kind === kind);
    if (writes.length === 0) return;
    const fields = kind === 'create' ? state.formset.addFields : state.formset.changeFields;
    const errors = await relationChoiceErrorsOfRows(ctx, request, state.formset.inline.admin, fields, writes.map((op) => state.rows[op.row].values));
    writes.forEach((op, i) => {
      if (Object.keys(errors[i]).length === 0) return;
      const row = state.rows[op.row];
      added += Object.keys(errors[i]).filter((name) => !row.errors[name]).length;
      row.errors = { ...row.errors, ...errors[i] };
      rejected.add(op);
    });
  })));
  for (let i = inlines.ops.length - 1; i >= 0; i--) if (rejected.has(inlines.ops[i])) inlines.ops.splice(i, 1);
  return added;
}

function relationFields(fields: FormField[]): FormField[] {
  return fields.filter((f) => !f.readOnly && (f.widget === 'relation' || f.widget === 'relation-multiple') && f.relatedModel);
}

// As the field schemas read them: a to-one field its last value, a to-many field every non-blank value.
function submittedIds(field: FormField, value: unknown): string[] {
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
  const ids = field.widget === 'relation' ? list.slice(-1) : list;
  return ids.filter((id) => id.trim() !== '');
}

/** The ids (as submitted) that decode but name no record among the field's choices for this request. */
async function unavailableIds(ctx: AdminContext, request: FastifyRequest, owner: RelationChoicesOwner, field: FormField, ids: string[]): Promise<Set<string>> {
  const relatedMeta = findModel(ctx.schema, field.relatedModel!) as ModelMeta | undefined;
  if (!relatedMeta || ids.length === 0) return new Set();
  const related = relatedAdminOf(ctx, relatedMeta.name);
  const scope = relationChoicesWhere(request, owner, field.name, related);
  if (Object.keys(scope).length === 0) return new Set(); // nothing narrows it: the foreign key checks existence
  const decoded = new Map<string, Values>();
  for (const id of new Set(ids)) {
    const where = decodeRecordId(ctx.schema, relatedMeta, id);
    if (where) decoded.set(id, where); // ids that do not decode are the field schema's error
  }
  if (decoded.size === 0) return new Set();
  const select = Object.fromEntries(recordKeyFields(relatedMeta).map((f) => [f, true]));
  const found = await delegateIn(ctx.prisma, relatedMeta.name).findMany({ where: andWhere({ OR: [...decoded.values()] }, scope), select });
  const available = new Set(found.map((r) => encodeRecordId(relatedMeta, r)));
  return new Set([...decoded].filter(([, where]) => !available.has(encodeRecordId(relatedMeta, where))).map(([id]) => id));
}
