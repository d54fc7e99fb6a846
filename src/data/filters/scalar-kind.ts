// How a String or number filter is shown: its distinct values as links when there are few (Django's
// AllValuesFieldListFilter), otherwise a text box (String) or a min–max range (numbers). The count is measured once per
// site and field with a capped GROUP BY (never more than VALUES_FILTER_CAP + 1 rows read back), then cached.
import type { ListFilter } from '../../admin/resolve-list-filters.ts';
import type { ScalarFilterKind } from '../../admin/list-filter-option.ts';
import type { ModelMeta, ScalarFieldMeta, SchemaMeta } from '../../schema/types.ts';
import { findModel } from '../../schema/lookup.ts';
import { delegateIn, type ModelDelegate, type PrismaClientLike } from '../delegates.ts';

/** A field with at most this many distinct values lists them; with more, a text box or a range. */
export const VALUES_FILTER_CAP = 30;

type ScalarFilter = Extract<ListFilter, { kind: 'scalar' }>;
type Client = { prisma: PrismaClientLike; schema: SchemaMeta };

/** The kind for a field with `distinct` values (counted up to the cap plus one). */
export function chooseScalarKind(field: Pick<ScalarFieldMeta, 'type'>, distinct: number): ScalarFilterKind {
  if (distinct <= VALUES_FILTER_CAP) return 'values';
  return field.type === 'String' ? 'text' : 'range';
}

const measured = new WeakMap<PrismaClientLike, Map<string, Promise<number>>>();
/** The counts measured so far, for a caller that cannot wait (the list's batched query plan). */
const known = new WeakMap<PrismaClientLike, Map<string, number>>();

/** The filter's kind when it is forced or already measured for this site; undefined until then. */
export function knownScalarFilterKind(ctx: Client, list: ModelMeta, filter: ScalarFilter): ScalarFilterKind | undefined {
  if (filter.forced) return filter.forced;
  const count = known.get(ctx.prisma)?.get(`${fieldOwner(ctx.schema, list, filter.relations).name}.${filter.field.name}`);
  return count === undefined ? undefined : chooseScalarKind(filter.field, count);
}

/** The filter's kind: forced, or from the count of distinct values (one query per site and field, then cached). */
export async function scalarFilterKind(ctx: Client, list: ModelMeta, filter: ScalarFilter): Promise<ScalarFilterKind> {
  if (filter.forced) return filter.forced;
  const owner = fieldOwner(ctx.schema, list, filter.relations);
  let cache = measured.get(ctx.prisma);
  if (!cache) measured.set(ctx.prisma, (cache = new Map()));
  const key = `${owner.name}.${filter.field.name}`;
  let count = cache.get(key);
  if (!count) {
    count = distinctValues(ctx, owner, filter.field.name, VALUES_FILTER_CAP + 1).then((values) => values.length);
    cache.set(key, count);
    const counts = known.get(ctx.prisma) ?? new Map<string, number>();
    known.set(ctx.prisma, counts);
    count.then((n) => counts.set(key, n), () => {});
    count.catch(() => cache.delete(key));
  }
  return chooseScalarKind(filter.field, await count);
}

/** Up to `limit` distinct values of the field, in order, null first when there is one. */
export async function distinctValues(ctx: Client, owner: ModelMeta, field: string, limit: number): Promise<unknown[]> {
  const delegate = delegateIn(ctx.prisma, owner.name) as ModelDelegate & { groupBy(args: object): Promise<Record<string, unknown>[]> };
  const groups = await delegate.groupBy({ by: [field], orderBy: { [field]: 'asc' }, take: limit });
  return groups.map((g) => g[field]);
}

/** The model whose field the filter reads: the list's, or the one at the end of its relation path. */
export function fieldOwner(schema: SchemaMeta, list: ModelMeta, relations: string[]): ModelMeta {
  let current = list;
  for (const rel of relations) {
    const field = current.fields.find((f) => f.name === rel)!;
    current = findModel(schema, field.type)!;
  }
  return current;
}
