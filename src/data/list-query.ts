// Builds the Prisma `findMany` / `count` arguments of a list page from whitelisted parameters (see list-params.ts).
// Relation columns are selected in the same call, so a page costs the same number of queries whatever its rows.
import type { ListColumn, ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { ModelMeta, SchemaMeta } from '../schema/types.ts';
import type { ActiveFilter, DateChoice, ListParams } from './list-params.ts';
import { decodeKey } from './record-id.ts';

type Where = Record<string, unknown>;

export interface ListQuery {
  where: Where;
  orderBy: Record<string, unknown>[];
  select: Record<string, unknown>;
}

export function buildListQuery(schema: SchemaMeta, admin: ResolvedModelAdmin, params: ListParams, now = new Date()): ListQuery {
  const and: Where[] = [];
  const searchWhere = buildSearch(schema, admin, params.search);
  if (searchWhere) and.push(searchWhere);
  for (const active of params.filters) {
    const w = buildFilter(schema, active, now);
    if (w) and.push(w);
  }
  return {
    where: and.length === 0 ? {} : and.length === 1 ? and[0] : { AND: and },
    orderBy: buildOrderBy(admin, params),
    select: buildSelect(admin),
  };
}

function buildSearch(schema: SchemaMeta, admin: ResolvedModelAdmin, search: string): Where | null {
  if (!search || admin.search.length === 0) return null;
  // Like Django: every word must match at least one search field. PostgreSQL needs `mode` for case-insensitivity;
  // SQLite's LIKE and MySQL's default collations already ignore case.
  const insensitive = schema.provider === 'postgresql' || schema.provider === 'cockroachdb';
  const words = search.split(/\s+/).filter(Boolean).slice(0, 10);
  const perWord = words.map((word) => ({
    OR: admin.search.map((path) => {
      let clause: Where = { [path.field]: insensitive ? { contains: word, mode: 'insensitive' } : { contains: word } };
      for (const rel of [...path.relations].reverse()) clause = { [rel]: { is: clause } };
      return clause;
    }),
  }));
  return perWord.length === 1 ? perWord[0] : { AND: perWord };
}

function buildFilter(schema: SchemaMeta, active: ActiveFilter, now: Date): Where | null {
  const { filter, param, value } = active;
  if (param.endsWith('__isnull')) {
    if (filter.field.isRequired) return null; // a required field (or relation) is never null: ignore the parameter
    return filter.kind === 'relation' ? { [filter.field.fromFields[0]]: null } : { [filter.name]: null };
  }
  switch (filter.kind) {
    case 'enum': {
      const known = schema.enums.find((e) => e.name === filter.field.type)?.values.some((v) => v.name === value);
      return known ? { [filter.name]: value } : null;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? { [filter.name]: value === 'true' } : null;
    case 'date': {
      const [gte, lt] = dateRange(value as DateChoice, now);
      return { [filter.name]: { gte, lt } };
    }
    case 'relation':
      return relationFilterWhere(schema, filter, value);
  }
}

/** The relation filter's value encodes the referenced fields of the related record; it narrows the foreign keys. */
function relationFilterWhere(schema: SchemaMeta, filter: Extract<ListFilter, { kind: 'relation' }>, value: string): Where | null {
  const referenced = decodeKey(schema, filter.related, filter.field.toFields, value);
  if (!referenced) return null;
  return Object.fromEntries(filter.field.fromFields.map((fk, i) => [fk, referenced[filter.field.toFields[i]]]));
}

function dateRange(choice: DateChoice, now: Date): [Date, Date] {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const tomorrow = new Date(Date.UTC(y, m, d + 1));
  switch (choice) {
    case 'today':
      return [new Date(Date.UTC(y, m, d)), tomorrow];
    case 'past7':
      return [new Date(Date.UTC(y, m, d - 7)), tomorrow];
    case 'month':
      return [new Date(Date.UTC(y, m, 1)), new Date(Date.UTC(y, m + 1, 1))];
    case 'year':
      return [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))];
  }
}

function buildOrderBy(admin: ResolvedModelAdmin, params: ListParams): Record<string, unknown>[] {
  const terms: Record<string, unknown>[] = [];
  const used = new Set<string>();
  const add = (field: string, dir: 'asc' | 'desc') => {
    if (used.has(field)) return;
    used.add(field);
    terms.push({ [field]: dir });
  };
  const byName = new Map(admin.columns.map((c) => [c.name, c]));
  for (const s of params.sort) {
    const column = byName.get(s.column)!;
    if (column.kind === 'value') add(column.name, s.dir);
    else for (const fk of column.field.fromFields) add(fk, s.dir);
  }
  if (params.sort.length === 0) for (const o of admin.ordering) add(o.field, o.dir);
  // The primary key breaks ties, so pages never repeat or skip rows.
  const lastDir = terms.length ? (Object.values(terms[terms.length - 1])[0] as 'asc' | 'desc') : 'asc';
  for (const pk of admin.model.primaryKey.fields) add(pk, lastDir);
  return terms;
}

function buildSelect(admin: ResolvedModelAdmin): Record<string, unknown> {
  const select: Record<string, unknown> = {};
  for (const pk of admin.model.primaryKey.fields) select[pk] = true;
  if (admin.labelField) select[admin.labelField] = true;
  for (const column of admin.columns) {
    if (column.kind === 'value') select[column.name] = true;
    else select[column.name] = { select: relatedSelect(column) };
  }
  return select;
}

/** What a list needs of a related record: its key (for links and filters) and its label. */
export function relatedSelect(column: Pick<Extract<ListColumn, { kind: 'relation' }>, 'related' | 'relatedLabelField' | 'field'>): Record<string, true> {
  const select: Record<string, true> = {};
  for (const f of [...column.related.primaryKey.fields, ...column.field.toFields]) select[f] = true;
  if (column.relatedLabelField) select[column.relatedLabelField] = true;
  return select;
}

export function isModelWithKey(model: ModelMeta): boolean {
  return model.primaryKey.fields.length > 0;
}
