// Facet counts of a path through to-one relations (`author.country`) and of an implicit many-to-many relation
// (`tags`) in one grouped query per filter, on SQLite, PostgreSQL and MySQL: raw SQL written from the schema's names
// only, with the list's where (without the filter) translated by list-where-sql.ts and every value bound. A path joins
// its relations (INNER: a row without the related record has no value, as `is` means; LEFT for a required field,
// whose "None" is a missing related record) and groups by the value; a to-many relation groups its join table by the
// related key, counting each list row once per related record (COUNT DISTINCT), plus the rows with none. Null when the where has no SQL form or the relation does not fit
// (composite keys, self-relations, explicit join models, value types not read back as the choices spell them): the
// caller then counts choice by choice.
import type { ListFilter } from '../../admin/resolve-list-filters.ts';
import { findModel } from '../../schema/lookup.ts';
import type { ModelMeta, SchemaMeta, ValueFieldMeta } from '../../schema/types.ts';
import { filterParams } from '../list-params.ts';
import { listWhereSql, type SqlProvider } from '../list-where-sql.ts';
import { qualifiedTable, quoteName, type RawClient } from '../raw-sql-names.ts';

type Where = Record<string, unknown>;

export interface GroupingDatabase {
  schema: SchemaMeta;
  prisma: unknown;
  postgresSchema: string | null;
}

/** The facet query of `filter`: its SQL before the where's condition is put in, and how its values read back. */
interface Plan {
  sql(condition: string): string;
  value(raw: unknown): string | undefined;
}

/** Per choice (`param=value`, as facetKey), its count; null when the filter or the where does not fit one query. */
export async function groupedFacetCounts(db: GroupingDatabase, model: ModelMeta, filter: ListFilter, without: Where): Promise<Map<string, number> | null> {
  const provider = db.schema.provider;
  if (provider !== 'sqlite' && provider !== 'postgresql' && provider !== 'mysql') return null;
  const plan = filter.kind === 'many' ? manyPlan(db, provider, model, filter) : pathPlan(db, provider, model, filter);
  if (!plan) return null;
  const condition = listWhereSql(provider, db.schema, model, without, db.postgresSchema);
  if (!condition) return null;
  const rows = await (db.prisma as RawClient).$queryRawUnsafe<{ v: unknown; n: number | bigint | string }[]>(plan.sql(condition.sql), ...condition.params);
  const [exact, isNull] = filterParams(filter).map((p) => p.param);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = row.v === null ? null : plan.value(row.v);
    if (value === undefined) continue;
    const key = value === null ? `${isNull}=true` : `${exact}=${value}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(row.n));
  }
  return counts;
}

/** A value field at the end of to-one relations, each through a one-column foreign key held on this side. */
function pathPlan(db: GroupingDatabase, provider: SqlProvider, model: ModelMeta, filter: ListFilter): Plan | null {
  if ((filter.kind !== 'enum' && filter.kind !== 'boolean' && filter.kind !== 'scalar') || filter.relations.length === 0) return null;
  const q = (name: string) => quoteName(provider, name);
  const joins: string[] = [];
  let current = model;
  let from = '';
  let previous = `${q('t')}.${q('f')}`;
  // A required field has no value only where a relation is missing (filter-where.ts): LEFT JOINs count those as null.
  const join = filter.field.isRequired ? 'LEFT JOIN' : 'JOIN';
  for (const [i, name] of filter.relations.entries()) {
    const relation = current.fields.find((f) => f.name === name);
    if (!relation || relation.kind !== 'relation' || relation.fromFields.length !== 1) return null;
    const related = findModel(db.schema, relation.type);
    const fk = column(current, relation.fromFields[0]);
    const to = related && column(related, relation.toFields[0]);
    if (!related || !fk || !to) return null;
    if (i === 0) from = fk;
    else previous = `${q(`r${i}`)}.${q(fk)}`;
    joins.push(`${join} ${qualifiedTable(provider, db.postgresSchema, related.dbName)} AS ${q(`r${i + 1}`)} ON ${q(`r${i + 1}`)}.${q(to)} = ${previous}`);
    current = related;
  }
  const field = current.fields.find((f) => f.name === filter.field.name);
  if (!field || (field.kind !== 'scalar' && field.kind !== 'enum')) return null;
  const value = readBack(db.schema, field);
  if (!value) return null;
  const last = `${q(`r${filter.relations.length}`)}.${q(field.dbName ?? field.name)}`;
  const table = qualifiedTable(provider, db.postgresSchema, model.dbName);
  return {
    sql: (condition) => `SELECT ${last} AS ${q('v')}, COUNT(*) AS ${q('n')} FROM (SELECT ${q(from)} AS ${q('f')} FROM ${table} WHERE ${condition}) AS ${q('t')} ${joins.join(' ')} GROUP BY ${last}`,
    value,
  };
}

/** An implicit many-to-many between two models with one-column primary keys: its join table `_<relation>` (A, B). */
function manyPlan(db: GroupingDatabase, provider: SqlProvider, model: ModelMeta, filter: Extract<ListFilter, { kind: 'many' }>): Plan | null {
  const { field, related } = filter;
  if (!field.isImplicitManyToMany || field.isSelfRelation || model.primaryKey.fields.length !== 1 || related.primaryKey.fields.length !== 1) return null;
  const key = column(model, model.primaryKey.fields[0]);
  if (!key) return null;
  const q = (name: string) => quoteName(provider, name);
  // Prisma's join table: column A references the model whose name sorts first.
  const [mine, theirs] = model.name < related.name ? ['A', 'B'] : ['B', 'A'];
  const join = qualifiedTable(provider, db.postgresSchema, `_${field.relationName}`);
  const table = qualifiedTable(provider, db.postgresSchema, model.dbName);
  const text = provider === 'mysql' ? 'CHAR' : 'TEXT';
  const [j, t, k] = [q('j'), q('t'), q('k')];
  return {
    sql: (condition) => `WITH ${t} AS (SELECT ${q(key)} AS ${k} FROM ${table} WHERE ${condition}) `
      + `SELECT CAST(${j}.${q(theirs)} AS ${text}) AS ${q('v')}, COUNT(DISTINCT ${j}.${q(mine)}) AS ${q('n')} FROM ${join} AS ${j} JOIN ${t} ON ${j}.${q(mine)} = ${t}.${k} GROUP BY ${j}.${q(theirs)} `
      + `UNION ALL SELECT NULL, COUNT(*) FROM ${t} WHERE NOT EXISTS (SELECT 1 FROM ${join} AS ${q('j2')} WHERE ${q('j2')}.${q(mine)} = ${t}.${k})`,
    value: (raw) => String(raw),
  };
}

function column(model: ModelMeta, name: string): string | null {
  const field = model.fields.find((f) => f.name === name);
  return field && field.kind !== 'relation' && field.kind !== 'unsupported' ? (field.dbName ?? field.name) : null;
}

/** How a stored value reads back as the choice's parameter value; null for types whose text would not match it. */
function readBack(schema: SchemaMeta, field: ValueFieldMeta): Plan['value'] | null {
  if (field.kind === 'enum') {
    const values = schema.enums.find((e) => e.name === field.type)?.values ?? [];
    return (raw) => values.find((v) => v.dbName === raw)?.name;
  }
  switch (field.type) {
    case 'String':
      return (raw) => String(raw);
    case 'Int':
    case 'BigInt':
      return (raw) => String(raw);
    case 'Boolean':
      return (raw) => (raw === true || raw === 1 || raw === 1n || raw === '1' || raw === 't' ? 'true' : 'false');
    default:
      return null;
  }
}
