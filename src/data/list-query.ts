// Builds the Prisma `findMany` / `count` arguments of a list page from whitelisted parameters (see list-params.ts).
// Relation columns are selected in the same call, so a page costs the same number of queries whatever its rows.
import type { ListColumn } from '../admin/resolve-list-columns.ts';
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { FastifyRequest } from 'fastify';
import type { ModelMeta, SchemaMeta } from '../schema/types.ts';
import { buildSearch } from './list-search.ts';
import type { ActiveFilter, DateDrill, ListParams } from './list-params.ts';
import { fieldFilterWhere } from './filters/filter-where.ts';
import { decodeKey } from './record-id.ts';
import { recordKeyFields } from '../schema/record-key.ts';

type Where = Record<string, unknown>;

export interface ListQuery {
  where: Where;
  orderBy: Record<string, unknown>[];
  select: Record<string, unknown>;
}

export function buildListQuery(schema: SchemaMeta, admin: ResolvedModelAdmin, params: ListParams, now = new Date(), request?: FastifyRequest, batchedColumns: ReadonlySet<string> = new Set()): ListQuery {
  const and: Where[] = [];
  const searchWhere = buildSearch(schema, admin, params.search, params.fullTextKeys);
  if (searchWhere) and.push(searchWhere);
  for (const active of params.filters) {
    const w = buildFilter(schema, active, now, request);
    if (w) and.push(w);
  }
  if (params.drill) and.push(drillWhere(params.drill));
  return {
    where: and.length === 0 ? {} : and.length === 1 ? and[0] : { AND: and },
    orderBy: buildOrderBy(admin, params),
    select: buildSelect(admin, batchedColumns),
  };
}

function buildFilter(schema: SchemaMeta, active: ActiveFilter, now: Date, request: FastifyRequest | undefined): Where | null {
  const { filter, value } = active;
  if (filter.kind === 'custom') {
    // Only the filter's own choices reach its where(): a hand-made URL cannot pass it anything else.
    if (!request || !filter.custom.choices.some((c) => c.value === value)) return null;
    return filter.custom.where(value, request) ?? null;
  }
  return fieldFilterWhere(schema, { ...active, filter }, now);
}

/** The UTC range of the date hierarchy's selected year, month or day. */
export function drillWhere(drill: DateDrill): Where {
  const { year, month, day } = drill;
  const from = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const to = day ? new Date(Date.UTC(year, month! - 1, day + 1)) : month ? new Date(Date.UTC(year, month, 1)) : new Date(Date.UTC(year + 1, 0, 1));
  return { [drill.field]: { gte: from, lt: to } };
}

function buildOrderBy(admin: ResolvedModelAdmin, params: ListParams): Record<string, unknown>[] {
  const terms: Record<string, unknown>[] = [];
  const used = new Set<string>();
  let lastDir: 'asc' | 'desc' = 'asc';
  const add = (field: string, dir: 'asc' | 'desc') => {
    if (used.has(field)) return;
    used.add(field);
    terms.push({ [field]: dir });
    lastDir = dir;
  };
  const byName = new Map(admin.columns.map((c) => [c.name, c]));
  for (const s of params.sort) {
    const column = byName.get(s.column)!;
    if (column.kind === 'value') add(column.name, s.dir);
    else if (column.kind === 'relation') for (const fk of column.field.fromFields) add(fk, s.dir);
    else if (column.kind === 'computed' && column.computed.sortField) add(column.computed.sortField, s.dir);
    else if (column.kind === 'path' && !used.has(column.name)) {
      used.add(column.name);
      terms.push(nest(column.relations, { [column.field.name]: s.dir }));
      lastDir = s.dir;
    }
  }
  if (params.sort.length === 0) for (const o of admin.ordering) add(o.field, o.dir);
  // The primary key breaks ties, so pages never repeat or skip rows.
  for (const pk of recordKeyFields(admin.model)) add(pk, lastDir);
  return terms;
}

/** `['author', 'team']`, `{ name: 'asc' }` → `{ author: { team: { name: 'asc' } } }`. */
function nest(relations: string[], inner: Record<string, unknown>): Record<string, unknown> {
  return relations.reduceRight<Record<string, unknown>>((acc, rel) => ({ [rel]: acc }), inner);
}

/** `batchedColumns`: relation columns whose labels come from the batched labels query: select their foreign keys. */
function buildSelect(admin: ResolvedModelAdmin, batchedColumns: ReadonlySet<string>): Record<string, unknown> {
  const select: Record<string, unknown> = {};
  for (const pk of recordKeyFields(admin.model)) select[pk] = true;
  if (admin.labelField) select[admin.labelField] = true;
  for (const column of admin.columns) {
    if (column.kind === 'value') select[column.name] = true;
    else if (column.kind === 'relation' && batchedColumns.has(column.name)) for (const fk of column.field.fromFields) select[fk] = true;
    else if (column.kind === 'relation') mergeSelect(select, [column.name], relatedSelect(column));
    else if (column.kind === 'path') mergeSelect(select, column.relations, { [column.field.name]: true });
    else {
      // A computed column may read any scalar field of the record.
      for (const f of admin.model.fields) if (f.kind === 'scalar' || f.kind === 'enum') select[f.name] = true;
    }
  }
  return select;
}

/** Adds fields to the nested select of a relation path, keeping what is already selected there. */
export function mergeSelect(select: Record<string, unknown>, relations: string[], fields: Record<string, true>): void {
  let level = select;
  for (const rel of relations) {
    const existing = level[rel] as { select: Record<string, unknown> } | undefined;
    const next = existing?.select ?? {};
    level[rel] = { select: next };
    level = next;
  }
  Object.assign(level, fields);
}

/** What a list needs of a related record: its key (for links and filters) and its label. */
export function relatedSelect(column: Pick<Extract<ListColumn, { kind: 'relation' }>, 'related' | 'relatedLabelField' | 'field'>): Record<string, true> {
  const select: Record<string, true> = {};
  for (const f of [...recordKeyFields(column.related), ...column.field.toFields]) select[f] = true;
  if (column.relatedLabelField) select[column.relatedLabelField] = true;
  return select;
}

export function isModelWithKey(model: ModelMeta): boolean {
  return recordKeyFields(model).length > 0;
}
