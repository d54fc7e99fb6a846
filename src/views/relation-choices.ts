// What a relation widget offers: a plain <select> of every related record while the related table is small, and a
// search-as-you-type box (backed by the autocomplete route) once it is large. Either offers only the records the
// request may choose (data/relation-scope.ts).
import { adminOfModel } from '../admin/model-registry.ts';
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { encodeRecordId, recordWhere } from '../data/record-id.ts';
import { andWhere, relationChoicesWhere, type RelationChoicesOwner } from '../data/relation-scope.ts';
import type { FormField } from '../forms/types.ts';
import { delegateOf } from '../data/delegates.ts';
import { modelUrlName } from '../schema/lookup.ts';
import type { AdminContext } from '../admin/context.ts';
import { urlsOf } from '../http/page.ts';
import { knownLarge, rememberTableSize } from './large-tables.ts';
import { recordLabel } from './record-label.ts';
import { recordKeyFields } from '../schema/record-key.ts';

/** Related tables with more rows than this get the search-as-you-type widget. */
export const SELECT_LIMIT = 200;

export interface RelationWidget {
  mode: 'select' | 'autocomplete';
  options: { value: string; label: string }[];
  autocompleteUrl: string | null;
}

/**
 * Who shows the field: the admin class (its limitChoicesTo and getRelationChoicesWhere), and where the autocomplete
 * route finds it again: the registered admin's model (`source`) and, for an inline's rows, the inline's prefix.
 */
export interface RelationFieldOwner {
  owner: RelationChoicesOwner;
  source: ResolvedModelAdmin;
  inline?: string;
}

export function relatedAdminOf(ctx: AdminContext, modelName: string): ResolvedModelAdmin | undefined {
  return adminOfModel(ctx.models, modelName);
}

/**
 * `autocomplete`: always the search-as-you-type box (the admin's `autocompleteFields`), whatever the table's size.
 * `exclude`: a record not to offer (the record itself, in its own self-relation).
 * `known`: the related record the form's record holds (its key and label, read with it): an autocomplete widget whose
 * one selected key is that record's, with no narrowing, shows its label without a query of its own.
 */
export async function relationWidget(ctx: AdminContext, request: FastifyRequest, owner: RelationFieldOwner, field: FormField, selected: string[], options: { autocomplete?: boolean; exclude?: string; known?: unknown } = {}): Promise<RelationWidget> {
  const related = relatedAdminOf(ctx, field.relatedModel!);
  if (!related) return { mode: 'autocomplete', options: [], autocompleteUrl: null };
  const where = relationChoicesWhere(request, owner.owner, field.name, related);
  const unscoped = Object.keys(where).length === 0;
  const autocomplete = async (): Promise<RelationWidget> => ({ mode: 'autocomplete', options: knownLabel(related, selected, unscoped, options.known) ?? await labelsOf(ctx, related, selected, where), autocompleteUrl: autocompleteUrl(ctx, related, owner, field) });
  if (options.autocomplete) return autocomplete();
  // Every change form would otherwise read SELECT_LIMIT + 1 of a large table's records only to learn it is large.
  if (unscoped && knownLarge(ctx.prisma, related.model.name, SELECT_LIMIT)) return autocomplete();
  const delegate = delegateOf(ctx, related);
  const select = labelSelect(related);
  const orderBy = related.labelField ? [{ [related.labelField]: 'asc' }] : recordKeyFields(related.model).map((f) => ({ [f]: 'asc' }));
  const records = await delegate.findMany({ where, select, orderBy, take: SELECT_LIMIT + 1 });
  if (records.length <= SELECT_LIMIT) {
    if (unscoped) rememberTableSize(ctx.prisma, related.model.name, SELECT_LIMIT, false);
    return { mode: 'select', options: records.map((r) => optionOf(related, r)).filter((o) => o.value !== options.exclude), autocompleteUrl: null };
  }
  if (unscoped) rememberTableSize(ctx.prisma, related.model.name, SELECT_LIMIT, true);
  return autocomplete();
}

/** The one selected record's option from the record the form read it with (what labelsOf would read), else null. */
function knownLabel(related: ResolvedModelAdmin, selected: string[], unscoped: boolean, known: unknown) {
  if (!unscoped || selected.length !== 1 || !known || typeof known !== 'object' || Array.isArray(known)) return null;
  const record = known as Record<string, unknown>;
  const select = labelSelect(related);
  if (!Object.keys(select).every((f) => f in record)) return null;
  const option = optionOf(related, record);
  return option.value === selected[0] ? [option] : null;
}

/** The autocomplete route of the related model, told which field asks (so it applies that field's narrowing). */
function autocompleteUrl(ctx: AdminContext, related: ResolvedModelAdmin, owner: RelationFieldOwner, field: FormField): string {
  const query = new URLSearchParams({ source: modelUrlName(owner.source.model), field: field.name, ...(owner.inline ? { inline: owner.inline } : {}) });
  return `${urlsOf(ctx).autocomplete(related)}?${query}`;
}

/** The labels of some related records, by id (the current value of an autocomplete widget); ids outside `scope` get none. */
async function labelsOf(ctx: AdminContext, related: ResolvedModelAdmin, ids: string[], scope: Record<string, unknown>) {
  const wheres = ids.map((id) => recordWhere(ctx.schema, related.model, id)).filter((w): w is NonNullable<typeof w> => w !== null);
  if (wheres.length === 0) return [];
  const records = await delegateOf(ctx, related).findMany({ where: andWhere({ OR: wheres }, scope), select: labelSelect(related) });
  return records.map((r) => optionOf(related, r));
}

export function labelSelect(admin: ResolvedModelAdmin): Record<string, true> {
  const select: Record<string, true> = {};
  for (const f of recordKeyFields(admin.model)) select[f] = true;
  if (admin.labelField) select[admin.labelField] = true;
  return select;
}

export function optionOf(admin: ResolvedModelAdmin, record: Record<string, unknown>) {
  return { value: encodeRecordId(admin.model, record), label: recordLabel(admin, record) };
}
