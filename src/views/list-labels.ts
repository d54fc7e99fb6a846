// Plans and runs the list page's one query for related labels (see data/related-labels.ts): relation columns whose
// labels it can read are fetched by foreign key only, and their related records are filled in afterwards; relation
// filters, to-many ("has tag X") filters and String filters of few values get their choices from the same query.
import type { ListColumn } from '../admin/resolve-list-columns.ts';
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { fetchLabels, labelBranchFields, type LabelBranch } from '../data/related-labels.ts';
import { supportsRawSql } from '../data/raw-sql-names.ts';
import type { AdminContext } from '../admin/context.ts';
import { keyFromText } from '../data/raw-keys.ts';
import type { ModelMeta, ValueFieldMeta } from '../schema/types.ts';
import { modelLabel } from '../schema/lookup.ts';
import type { FastifyRequest } from 'fastify';
import { simpleWhereSql, type SqlCondition } from '../data/simple-where-sql.ts';
import { fieldOwner, knownScalarFilterKind, VALUES_FILTER_CAP } from '../data/filters/scalar-kind.ts';
import { relationFilterKeyFields, relationFilterScope, relationSearchable } from '../data/filters/relation-search.ts';
import { knownLarge, rememberTableSize } from './large-tables.ts';

type RelationColumn = Extract<ListColumn, { kind: 'relation' }>;
/** A filter whose choices are related records: a to-one relation's, or a to-many relation's ("has tag X"). */
export type RelationFilter = Extract<ListFilter, { kind: 'relation' | 'many' }>;
type ScalarFilter = Extract<ListFilter, { kind: 'scalar' }>;

interface Batched {
  keyField: ValueFieldMeta;
  labelField: ValueFieldMeta | null;
  /** A relation filter's scope (see relationFilterScope), when it has one. */
  condition?: SqlCondition;
}

export interface LabelPlan {
  /** Relation columns read by the batched query (by column name): the rows select their foreign key only. */
  columns: Map<string, Batched & { column: RelationColumn }>;
  /** Relation filters whose choices come from the batched query. */
  filters: Map<RelationFilter, Batched>;
  /** String filters listing their distinct values (once their kind is known), read by the batched query. */
  values: Map<ScalarFilter, { owner: ModelMeta; field: ValueFieldMeta }>;
}

/** Which relation columns and filters the batched query can serve (the rest go through Prisma as before). */
export function planLabels(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, relationFilterLimit: number): LabelPlan {
  const plan: LabelPlan = { columns: new Map(), filters: new Map(), values: new Map() };
  if (!supportsRawSql(ctx.schema.provider)) return plan;
  for (const column of admin.columns) {
    if (column.kind !== 'relation') continue;
    const fields = labelBranchFields(column.field, column.related, column.relatedLabelField);
    // The link to the related record needs its primary key: batch only relations that reference it.
    if (fields && column.related.primaryKey.fields.length === 1 && column.related.primaryKey.fields[0] === fields.keyField.name) {
      plan.columns.set(column.name, { ...fields, column });
    }
  }
  for (const filter of admin.filters) {
    if ((filter.kind !== 'relation' && filter.kind !== 'many') || relationFilterLimit <= 0) continue;
    const fields = filter.kind === 'relation' ? labelBranchFields(filter.field, filter.related, filter.relatedLabelField) : manyBranchFields(filter);
    if (!fields) continue;
    // A scoped filter is batched when its scope is plain equalities; otherwise its choices come from Prisma.
    const scope = relationFilterScope(ctx, request, admin, filter);
    const condition = Object.keys(scope).length ? simpleWhereSql(ctx.schema.provider, filter.related, scope, ctx.schema.enums) : undefined;
    if (condition !== null) plan.filters.set(filter, { ...fields, condition });
  }
  // The distinct values are read with a window function: SQLite and PostgreSQL (MySQL 5.7 has none).
  if (ctx.schema.provider !== 'sqlite' && ctx.schema.provider !== 'postgresql') return plan;
  for (const filter of admin.filters) {
    if (filter.kind !== 'scalar' || filter.field.type !== 'String' || filter.field.isList) continue;
    if (knownScalarFilterKind(ctx, admin.model, filter) !== 'values') continue;
    const owner = fieldOwner(ctx.schema, admin.model, filter.relations);
    const field = owner.fields.find((f) => f.name === filter.field.name);
    if (field && field.kind === 'scalar') plan.values.set(filter, { owner, field });
  }
  return plan;
}

/** A to-many filter's choices are the related records by their key (when it is one column a raw query can read). */
function manyBranchFields(filter: Extract<ListFilter, { kind: 'many' }>) {
  const keys = relationFilterKeyFields(filter);
  if (keys.length !== 1) return null;
  return labelBranchFields({ ...filter.field, toFields: keys }, filter.related, filter.relatedLabelField);
}

/** A choice's label as labelOf (record-label.ts) writes it for a record Prisma read: the label, or "<Model> <key>". */
function choiceLabel(model: ModelMeta, label: string | null, key: string): string {
  return label !== null && label !== '' ? label : `${modelLabel(model)} ${key}`;
}

/** A relation filter's first related records (value = the encoded key, as relation filters use), and the active one. */
export interface RelationChoices {
  choices: { label: string; value: string }[];
  /** More related records than the limit (the choices are the first `limit` and the active one). */
  overflow: boolean;
}

export interface FetchedLabels {
  filterChoices: Map<RelationFilter, RelationChoices>;
  /** Per planned String filter: its first VALUES_FILTER_CAP + 1 distinct values, null left out, in the database's order. */
  filterValues: Map<ScalarFilter, string[]>;
}

/**
 * Runs the batched query for the rows shown and the filters, then puts `{ key, label }` related records into the rows
 * in place of the foreign keys, so cells render as with Prisma's nested selects.
 */
export async function fetchPlannedLabels(ctx: AdminContext, plan: LabelPlan, rows: Record<string, unknown>[], relationFilterLimit: number, activeFilterValues: Map<RelationFilter, string>): Promise<FetchedLabels> {
  const branches: LabelBranch[] = [];
  const columnBranch = new Map<string, number>();
  for (const [name, entry] of plan.columns) {
    const fk = entry.column.field.fromFields[0];
    const keys = [...new Set(rows.map((r) => r[fk]).filter((v) => v !== null && v !== undefined))];
    columnBranch.set(name, branches.push({ model: entry.column.related, keyField: entry.keyField, labelField: entry.labelField, keys }) - 1);
  }
  /** `list`: the branch of the first records (null: the table is known large); `sized`: it tells the table's size. */
  const filterBranch = new Map<RelationFilter, { list: number | null; sized: boolean; active?: number }>();
  for (const [filter, entry] of plan.filters) {
    // A search box lists none of the records: a table known to be large is not read again only to learn that.
    const skip = !entry.condition && relationSearchable(ctx, filter) && knownLarge(ctx.prisma, filter.related.name, relationFilterLimit);
    const list = skip ? null : branches.push({ model: filter.related, keyField: entry.keyField, labelField: entry.labelField, limit: relationFilterLimit + 1, condition: entry.condition }) - 1;
    const activeValue = activeFilterValues.get(filter);
    const active = activeValue === undefined ? undefined : branches.push({ model: filter.related, keyField: entry.keyField, labelField: entry.labelField, keys: [keyFromText(entry.keyField, activeValue)].filter((v) => v !== undefined), condition: entry.condition }) - 1;
    filterBranch.set(filter, { list, sized: !entry.condition, active });
  }
  const valueBranch = new Map<ScalarFilter, number>();
  for (const [filter, { owner, field }] of plan.values) {
    valueBranch.set(filter, branches.push({ model: owner, keyField: field, labelField: null, limit: VALUES_FILTER_CAP + 1, distinct: true }) - 1);
  }
  const results = branches.length ? await fetchLabels(ctx.prisma, ctx.schema.provider, branches, ctx.postgresSchema) : [];

  for (const [name, entry] of plan.columns) {
    const byKey = new Map(results[columnBranch.get(name)!].map((r) => [r.key, r.label]));
    const fk = entry.column.field.fromFields[0];
    for (const row of rows) {
      const key = row[fk];
      if (key === null || key === undefined || !byKey.has(String(key))) {
        row[name] = null;
        continue;
      }
      row[name] = { [entry.keyField.name]: key, ...(entry.labelField ? { [entry.labelField.name]: byKey.get(String(key)) } : {}) };
    }
  }
  const filterChoices = new Map<RelationFilter, RelationChoices>();
  for (const [filter, { list, sized, active }] of filterBranch) {
    const listed = list === null ? [] : results[list];
    const overflow = list === null || listed.length > relationFilterLimit;
    if (list !== null && sized) rememberTableSize(ctx.prisma, filter.related.name, relationFilterLimit, overflow);
    const choices = listed.slice(0, relationFilterLimit).map((r) => ({ label: choiceLabel(filter.related, r.label, r.key), value: r.key }));
    for (const r of active === undefined ? [] : results[active]) {
      if (!choices.some((c) => c.value === r.key)) choices.push({ label: filter.kind === 'many' ? choiceLabel(filter.related, r.label, r.key) : r.label ?? r.key, value: r.key });
    }
    // As the Prisma path lists a to-many filter's selected key that names no record it may list: by the key itself.
    const activeValue = activeFilterValues.get(filter);
    if (filter.kind === 'many' && activeValue !== undefined && !choices.some((c) => c.value === activeValue)) choices.push({ label: activeValue, value: activeValue });
    filterChoices.set(filter, { choices, overflow });
  }
  const filterValues = new Map([...valueBranch].map(([filter, i]) => [filter, results[i].map((r) => r.key)]));
  return { filterChoices, filterValues };
}
