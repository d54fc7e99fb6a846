// Which index makes a list's search, sort and filters use an index, as the line to add to the Prisma schema: the
// "took too long" message of a timed-out list, and `prisma-admin-site check`. PostgreSQL's ILIKE '%word%' (the
// admin's search) is served by a pg_trgm GIN index on the column itself; MySQL's by a FULLTEXT index only for
// whole-word searches, so there the advice is the FULLTEXT index for a full-text search; SQLite's LIKE '%word%' by
// no index (an FTS5 table, outside Prisma's schema).
import type { ResolvedModelAdmin, SearchPath } from '../admin/resolve-model-admin.ts';
import { findModel } from '../schema/lookup.ts';
import type { FieldMeta, ModelMeta, SchemaMeta } from '../schema/types.ts';
import type { ListParams } from './list-params.ts';

export interface IndexAdvice {
  /** The model whose schema block gets the line. */
  model: string;
  /** The line, e.g. `@@index([title(ops: raw("gin_trgm_ops"))], type: Gin)`. */
  line: string;
  /** What it serves: `search on title`, `sort on views`, `filter on status`. */
  serves: string;
  /** SQL to run once first, e.g. `CREATE EXTENSION IF NOT EXISTS pg_trgm;`. */
  needs: string | null;
}

export const TRIGRAM_EXTENSION = 'CREATE EXTENSION IF NOT EXISTS pg_trgm;';

/** The index a search of `path` needs, or null where no index serves it (SQLite, a to-many relation). */
export function searchIndexAdvice(schema: SchemaMeta, model: ModelMeta, path: SearchPath): IndexAdvice | null {
  let owner: ModelMeta | undefined = model;
  for (const name of path.relations) {
    const relation: FieldMeta | undefined = owner?.fields.find((f) => f.name === name);
    owner = relation?.kind === 'relation' ? findModel(schema, relation.type) : undefined;
  }
  if (!owner) return null;
  const serves = `search on ${[...path.relations, path.field].join('.')}`;
  if (schema.provider === 'postgresql' || schema.provider === 'cockroachdb') {
    return { model: owner.name, line: `@@index([${path.field}(ops: raw("gin_trgm_ops"))], type: Gin)`, serves, needs: TRIGRAM_EXTENSION };
  }
  if (schema.provider === 'mysql') return { model: owner.name, line: `@@fulltext([${path.field}])`, serves: `${serves} (whole words, with full-text search)`, needs: null };
  return null;
}

/** The indexes a list needs for what `params` asks: its search words, its sort, its filters. */
export function listIndexAdvice(schema: SchemaMeta, admin: ResolvedModelAdmin, params: ListParams): IndexAdvice[] {
  const advice: IndexAdvice[] = [];
  if (params.search) for (const path of admin.search) {
    const one = searchIndexAdvice(schema, admin.model, path);
    if (one) advice.push(one);
  }
  const byName = new Map(admin.columns.map((c) => [c.name, c]));
  const sorted = params.sort.map((s) => byName.get(s.column)).filter((c) => c?.kind === 'value').map((c) => c!.name);
  const key = admin.model.primaryKey?.fields ?? [];
  if (sorted.length) advice.push({ model: admin.model.name, line: `@@index([${[...new Set([...sorted, ...key])].join(', ')}])`, serves: `sort on ${sorted.join(', ')}`, needs: null });
  for (const active of params.filters) {
    const filter = active.filter;
    if (filter.kind === 'custom') continue;
    const fields = filter.kind === 'relation' ? filter.field.fromFields : [filter.name];
    if (fields.length) advice.push({ model: admin.model.name, line: `@@index([${fields.join(', ')}])`, serves: `filter on ${filter.name}`, needs: null });
  }
  return advice;
}
