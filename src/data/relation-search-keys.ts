// The search of a field through one to-one relation (`author.name`), looked up first: Prisma writes
// `author: { is: ... }` inside the search's OR as a LEFT JOIN with an OR across it, which no index of either table can
// serve (PostgreSQL walks the ordering's index instead). One bounded query on the related model reads the keys that
// match, and the search filters this model's foreign key by them (`authorId in keys`): the same rows (a null foreign
// key matches neither), and every arm of the OR an index condition (a BitmapOr of trigram indexes). Where more than
// RELATION_SEARCH_KEY_LIMIT related rows match, or more than the query can bind next to the other key lists (`budget`,
// from bound-values.ts: 800 on SQLite, for every path and term together), the relation filter stays.
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin, SearchPath } from '../admin/resolve-model-admin.ts';
import type { RelationFieldMeta } from '../schema/types.ts';
import { delegateIn } from './delegates.ts';
import { fullTextKey, pathMatches, searchTermsOf, type FullTextKeys, type RelationKeys } from './list-search.ts';

export const RELATION_SEARCH_KEY_LIMIT = 1_000;

export async function relationKeysOf(ctx: AdminContext, admin: Pick<ResolvedModelAdmin, 'model' | 'search'>, search: string, fullText: FullTextKeys | undefined, budget: number): Promise<RelationKeys | undefined> {
  const paths = admin.search.flatMap((path, i) => {
    const relation = oneColumnToOne(admin, path);
    return relation ? [{ path, i, relation }] : [];
  });
  if (paths.length === 0) return undefined;
  const keys: RelationKeys = new Map();
  let left = budget;
  for (const term of searchTermsOf(ctx.schema, admin, search)) {
    for (const { path, i, relation } of paths) {
      const where = pathMatches(ctx.schema, admin, path, i, term, fullText);
      if (where === null) continue;
      const [keyField] = relation.toFields;
      const limit = Math.min(RELATION_SEARCH_KEY_LIMIT, left);
      const rows = await delegateIn(ctx.prisma, relation.type).findMany({ where, select: { [keyField]: true }, take: limit + 1 });
      if (rows.length > limit) continue;
      left -= rows.length;
      keys.set(fullTextKey(i, term), { foreignKey: relation.fromFields[0], keys: rows.map((r) => r[keyField]) });
    }
  }
  return keys;
}

/** The path's relation when it is one to-one relation held by this model's one-column foreign key. */
function oneColumnToOne(admin: Pick<ResolvedModelAdmin, 'model'>, path: SearchPath): RelationFieldMeta | null {
  if (path.relations.length !== 1 || path.toMany[0]) return null;
  const field = admin.model.fields.find((f) => f.name === path.relations[0]);
  if (field?.kind !== 'relation' || field.cardinality !== 'one' || field.fromFields.length !== 1 || field.toFields.length !== 1) return null;
  return field;
}
