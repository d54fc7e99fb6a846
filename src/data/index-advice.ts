// Which index makes a list's search, sort and filters use an index, as the line to add: the "took too long" message of
// a timed-out list, and `prisma-admin-site check` (which also looks each one up in the database's catalog).
// PostgreSQL's ILIKE (the admin's contains, starts-with and exact search) is served by a pg_trgm GIN index on the
// column itself, its `@` full-text search by a GIN index on to_tsvector('simple', column) (an expression index, which
// Prisma's schema cannot write: SQL for a migration); SQLite's `@` search by an FTS5 table `<table>_fts`
// (full-text-search.ts) and its LIKE '%word%' by an FTS5 trigram table per column (trigram-table.ts, SQL with its
// triggers; a model whose key is not an Int @id has none); MySQL's `@` search by a FULLTEXT index, its LIKE by none.
import type { ResolvedModelAdmin, SearchPath } from '../admin/resolve-model-admin.ts';
import type { ListFilter } from '../admin/resolve-list-filters.ts';
import { findModel } from '../schema/lookup.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import type { FieldMeta, ModelMeta, SchemaMeta } from '../schema/types.ts';
import { POSTGRES_TEXT_SEARCH_CONFIG } from './full-text-search.ts';
import type { ListParams } from './list-params.ts';
import { rowidKeyColumn, trigramTableName, trigramTableStatements } from './trigram-table.ts';

/**
 * btree: a plain @@index; trigram and tsvector: PostgreSQL GIN; fts5: a SQLite FTS5 table, fts5trigram one with the
 * trigram tokenizer (the contains search's); fulltext: MySQL's.
 */
export type IndexKind = 'btree' | 'trigram' | 'tsvector' | 'fts5' | 'fts5trigram' | 'fulltext';

export interface IndexAdvice {
  /** The model whose schema block gets the line. */
  model: string;
  /** The line, e.g. `@@index([title(ops: raw("gin_trgm_ops"))], type: Gin)`, or SQL where `sql` is true. */
  line: string;
  /** What it serves: `search on title`, `sort on views`, `filter on status`. */
  serves: string;
  /** SQL to run once first, e.g. `CREATE EXTENSION IF NOT EXISTS pg_trgm;`. */
  needs: string | null;
  kind: IndexKind;
  /** True when `line` is SQL for a migration rather than a line of the Prisma schema. */
  sql: boolean;
  /** The model's table and the columns the index leads with (database names). */
  table: string;
  columns: string[];
  /** SQL advice of several statements, one by one (a trigger's body has semicolons of its own). */
  statements?: string[];
}

export const TRIGRAM_EXTENSION = 'CREATE EXTENSION IF NOT EXISTS pg_trgm;';

const columnOf = (model: ModelMeta, field: string) => model.fields.find((f) => f.name === field)?.dbName ?? field;

/** The index a search of `path` needs, or null where no index serves it (see searchNotIndexable). */
export function searchIndexAdvice(schema: SchemaMeta, model: ModelMeta, path: SearchPath): IndexAdvice | null {
  const owner = relatedModel(schema, model, path.relations);
  if (!owner) return null;
  const column = columnOf(owner, path.field);
  const base = { model: owner.name, table: owner.dbName, columns: [column], serves: `search on ${[...path.relations, path.field].join('.')}` };
  const fullText = path.mode === 'fullText';
  if (schema.provider === 'postgresql' || schema.provider === 'cockroachdb') {
    if (fullText) {
      const line = `CREATE INDEX "${owner.dbName}_${column}_tsv_idx" ON "${owner.dbName}" USING GIN (to_tsvector('${POSTGRES_TEXT_SEARCH_CONFIG}', "${column}"));`;
      return { ...base, line, needs: null, kind: 'tsvector', sql: true, serves: `${base.serves} (full text)` };
    }
    return { ...base, line: `@@index([${path.field}(ops: raw("gin_trgm_ops"))], type: Gin)`, needs: TRIGRAM_EXTENSION, kind: 'trigram', sql: false };
  }
  if (!fullText) return schema.provider === 'sqlite' ? sqliteTrigramAdvice(owner, path, base) : null;
  if (schema.provider === 'mysql') return { ...base, line: `@@fulltext([${path.field}])`, serves: `${base.serves} (full text)`, needs: null, kind: 'fulltext', sql: false };
  const key = owner.primaryKey.fields.length === 1 ? owner.fields.find((f) => f.name === owner.primaryKey.fields[0]) : undefined;
  if (schema.provider !== 'sqlite' || key?.type !== 'Int') return null;
  const fts = `${owner.dbName}_fts`;
  return {
    ...base,
    line: `CREATE VIRTUAL TABLE "${fts}" USING fts5("${column}", content='${owner.dbName}', content_rowid='${key.dbName ?? key.name}'); INSERT INTO "${fts}"("${fts}") VALUES ('rebuild');`,
    serves: `${base.serves} (full text; keep it current with triggers)`,
    needs: null,
    kind: 'fts5',
    sql: true,
  };
}

/** SQLite's contains (and starts-with) search of a String field: its FTS5 trigram table, where the key is the rowid. */
function sqliteTrigramAdvice(owner: ModelMeta, path: SearchPath, base: Pick<IndexAdvice, 'model' | 'table' | 'columns' | 'serves'>): IndexAdvice | null {
  const field = owner.fields.find((f) => f.name === path.field);
  const key = rowidKeyColumn(owner);
  if (path.mode === 'exact' || field?.kind !== 'scalar' || field.type !== 'String' || !key) return null;
  const statements = trigramTableStatements(owner.dbName, base.columns[0], key);
  return { ...base, line: statements.join(' '), statements, serves: `${base.serves} (FTS5 trigram table ${trigramTableName(owner.dbName, base.columns[0])}, kept current by its triggers)`, needs: null, kind: 'fts5trigram', sql: true };
}

/** Why no index serves a search of `path` on this database (searchIndexAdvice gave none). */
export function searchNotIndexable(schema: SchemaMeta, model: ModelMeta, path: SearchPath): string {
  const owner = relatedModel(schema, model, path.relations);
  if (schema.provider === 'sqlite' && owner && path.mode !== 'exact' && !rowidKeyColumn(owner)) {
    return `not indexable: SQLite's trigram table (an FTS5 table) refers to rows by rowid, which is ${owner.name}'s key only when it is an Int @id (LIKE '%word%' reads every row)`;
  }
  return "not indexable on this database (LIKE '%word%' reads every row; an `@` full-text field can be)";
}

/**
 * The index a sort on `fields` needs: the fields, then the record key, which the list's ORDER BY ends with (it breaks
 * ties), so the index serves the whole ORDER BY and deep pages read their keys from it.
 */
export function sortIndexAdvice(model: ModelMeta, fields: string[]): IndexAdvice | null {
  if (!fields.length) return null;
  const all = [...new Set([...fields, ...recordKeyFields(model)])];
  return { model: model.name, line: `@@index([${all.join(', ')}])`, serves: `sort on ${fields.join(', ')}`, needs: null, kind: 'btree', sql: false, table: model.dbName, columns: all.map((f) => columnOf(model, f)) };
}

/**
 * The index a list filter needs, or null for a custom filter (its where is the admin's own) and a to-many relation. A
 * filter through to-one relations (`author.country`) is served on the related model (the query narrows it first).
 * On SQLite an equality filter of the model's own column (an enum, a Boolean, a relation's key) is advised with the
 * list's default order and the record key after it, so a filtered page is read in order and stops at the page, then
 * the columns of the admin's other such filters, so a combination of filters is counted from the index alone, never
 * reading a row (SQLite cannot combine two indexes, and its count reads rows in the admin's process).
 */
export function filterIndexAdvice(schema: SchemaMeta, admin: Pick<ResolvedModelAdmin, 'model' | 'ordering' | 'filters'>, filter: ListFilter): IndexAdvice | null {
  if (filter.kind === 'custom' || filter.kind === 'many') return null;
  const { model } = admin;
  const owner = filter.kind === 'relation' ? model : relatedModel(schema, model, filter.relations);
  const fields = filter.kind === 'relation' ? filter.field.fromFields : [filter.field.name];
  if (!owner || !fields.length) return null;
  const base = { model: owner.name, needs: null, kind: 'btree' as const, sql: false, table: owner.dbName };
  const equality = schema.provider === 'sqlite' ? equalityColumns(filter) : null;
  if (!equality) return { ...base, line: `@@index([${fields.join(', ')}])`, serves: `filter on ${filter.name}`, columns: fields.map((f) => columnOf(owner, f)) };
  const others = admin.filters.flatMap((f) => (f === filter ? [] : equalityColumns(f) ?? []));
  const all = [...new Set([...equality, ...admin.ordering.map((o) => o.field), ...recordKeyFields(model), ...others])];
  return { ...base, line: `@@index([${all.join(', ')}])`, serves: `filter on ${filter.name} (in the list's order; with the other filters' columns)`, columns: all.map((f) => columnOf(model, f)) };
}

/** The model's own columns an equality filter compares (an enum, a Boolean, a relation's key), or null. */
function equalityColumns(filter: ListFilter): string[] | null {
  if (filter.kind === 'relation') return filter.field.fromFields.length ? filter.field.fromFields : null;
  if ((filter.kind === 'enum' || filter.kind === 'boolean') && filter.relations.length === 0) return [filter.field.name];
  return null;
}

/** The model at the end of a path of relations from `model`, or undefined where one is not a relation. */
function relatedModel(schema: SchemaMeta, model: ModelMeta, relations: string[]): ModelMeta | undefined {
  let owner: ModelMeta | undefined = model;
  for (const name of relations) {
    const relation: FieldMeta | undefined = owner?.fields.find((f) => f.name === name);
    owner = relation?.kind === 'relation' ? findModel(schema, relation.type) : undefined;
  }
  return owner;
}

/** The indexes a list needs for what `params` asks: its search words, its sort, its filters. */
export function listIndexAdvice(schema: SchemaMeta, admin: ResolvedModelAdmin, params: ListParams): IndexAdvice[] {
  const advice: (IndexAdvice | null)[] = [];
  if (params.search) for (const path of admin.search) advice.push(searchIndexAdvice(schema, admin.model, path));
  const byName = new Map(admin.columns.map((c) => [c.name, c]));
  const sorted = params.sort.map((s) => byName.get(s.column)).filter((c) => c?.kind === 'value').map((c) => c!.name);
  advice.push(sortIndexAdvice(admin.model, sorted));
  for (const active of params.filters) advice.push(filterIndexAdvice(schema, admin, active.filter));
  return advice.filter((a): a is IndexAdvice => a !== null);
}

/**
 * The SQL that creates the advised index (what the Prisma line makes, named as Prisma names it: `<table>_<columns>_idx`;
 * a trigram index `…_trgm_idx`, so it never takes a btree's name): for a script, a benchmark or a migration by hand.
 */
export function createIndexSql(provider: SchemaMeta['provider'], advice: IndexAdvice): string {
  if (advice.sql) return advice.line;
  const q = (name: string) => (provider === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`);
  const name = `${advice.table}_${advice.columns.join('_')}_${advice.kind === 'trigram' ? 'trgm_' : ''}idx`.slice(0, 63);
  const columns = advice.columns.map((c) => (advice.kind === 'trigram' ? `${q(c)} gin_trgm_ops` : q(c))).join(', ');
  if (advice.kind === 'fulltext') return `CREATE FULLTEXT INDEX ${q(name)} ON ${q(advice.table)} (${columns})`;
  const exists = provider === 'mysql' ? '' : 'IF NOT EXISTS ';
  return `CREATE INDEX ${exists}${q(name)} ON ${q(advice.table)}${advice.kind === 'trigram' ? ' USING GIN' : ''} (${columns})`;
}
