// COUNT(*) over a whole large PostgreSQL table reads every row. For an unfiltered list of a table larger than the
// threshold, the planner's statistics give the total at no cost; the page says it is an estimate and links the exact
// count.
import type { AdminContext } from '../http/context.ts';
import type { ModelMeta } from '../schema/types.ts';

/** Tables estimated above this many rows show the estimate instead of COUNT(*). */
export const ESTIMATE_THRESHOLD = 100_000;

type RawClient = { $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T> };

/** The planner's row estimate of the model's table, or null when unknown (not PostgreSQL, never analyzed, ...). */
export async function estimatedRowCount(ctx: AdminContext, model: ModelMeta): Promise<number | null> {
  if (ctx.schema.provider !== 'postgresql') return null;
  const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<{ n: number | bigint | null }[]>(
    'SELECT reltuples::bigint AS n FROM pg_class WHERE oid = to_regclass($1)',
    `"${model.dbName.replace(/"/g, '""')}"`,
  );
  const n = rows[0]?.n;
  return n === null || n === undefined || Number(n) < 0 ? null : Number(n);
}
