// What a relation widget offers: a plain <select> of every related record while the related table is small, and a
// search-as-you-type box (backed by the autocomplete route) once it is large.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { encodeRecordId, recordWhere } from '../data/record-id.ts';
import type { FormField } from '../forms/types.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { urlsOf } from '../http/page.ts';
import { recordLabel } from './record-label.ts';

/** Related tables with more rows than this get the search-as-you-type widget. */
export const SELECT_LIMIT = 200;

export interface RelationWidget {
  mode: 'select' | 'autocomplete';
  options: { value: string; label: string }[];
  autocompleteUrl: string | null;
}

export function relatedAdminOf(ctx: AdminContext, modelName: string): ResolvedModelAdmin | undefined {
  return [...ctx.models.values()].find((a) => a.model.name === modelName);
}

/** `autocomplete`: always the search-as-you-type box (the admin's `autocompleteFields`), whatever the table's size. */
export async function relationWidget(ctx: AdminContext, field: FormField, selected: string[], options: { autocomplete?: boolean } = {}): Promise<RelationWidget> {
  const related = relatedAdminOf(ctx, field.relatedModel!);
  if (!related) return { mode: 'autocomplete', options: [], autocompleteUrl: null };
  if (options.autocomplete) return { mode: 'autocomplete', options: await labelsOf(ctx, related, selected), autocompleteUrl: urlsOf(ctx).autocomplete(related) };
  const delegate = delegateOf(ctx, related);
  const select = labelSelect(related);
  const orderBy = related.labelField ? [{ [related.labelField]: 'asc' }] : related.model.primaryKey.fields.map((f) => ({ [f]: 'asc' }));
  const records = await delegate.findMany({ select, orderBy, take: SELECT_LIMIT + 1 });
  if (records.length <= SELECT_LIMIT) {
    return { mode: 'select', options: records.map((r) => optionOf(related, r)), autocompleteUrl: null };
  }
  return { mode: 'autocomplete', options: await labelsOf(ctx, related, selected), autocompleteUrl: urlsOf(ctx).autocomplete(related) };
}

/** The labels of some related records, by id (the current value of an autocomplete widget). */
async function labelsOf(ctx: AdminContext, related: ResolvedModelAdmin, ids: string[]) {
  const wheres = ids.map((id) => recordWhere(ctx.schema, related.model, id)).filter((w): w is Record<string, unknown> => w !== null);
  if (wheres.length === 0) return [];
  const records = await delegateOf(ctx, related).findMany({ where: { OR: wheres }, select: labelSelect(related) });
  return records.map((r) => optionOf(related, r));
}

export function labelSelect(admin: ResolvedModelAdmin): Record<string, true> {
  const select: Record<string, true> = {};
  for (const f of admin.model.primaryKey.fields) select[f] = true;
  if (admin.labelField) select[admin.labelField] = true;
  return select;
}

export function optionOf(admin: ResolvedModelAdmin, record: Record<string, unknown>) {
  return { value: encodeRecordId(admin.model, record), label: recordLabel(admin, record) };
}
