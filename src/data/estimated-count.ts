// COUNT(*) over a whole large PostgreSQL table reads every row. For an unfiltered list, one query counts at most
// threshold + 1 rows and reads the planner's estimate beside it: a small table gets its exact count, a table larger
// than the threshold shows the estimate (the page says so and links the exact count).
import type { AdminContext } from '../http/context.ts';
import type { ModelMeta } from '../schema/types.ts';
import { qualifiedTable } from './raw-sql-names.ts';

/** Tables with more rows than this show the estimate instead of COUNT(*). */
export const ESTIMATE_THRESHOLD = 50_000;

type RawClient = { $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T> };

/** The exact count of a small table, or the estimate of a large one; null when this cannot be asked (not PostgreSQL). */
export async function unfilteredCount(ctx: AdminContext, model: ModelMeta, threshold: number): Promise<{ total: number; estimated: boolean } | null> {
  if (ctx.schema.provider !== 'postgresql') return null;
  const table = qualifiedTable('postgresql', ctx.postgresSchema, model.dbName);
  const limit = Math.max(0, Math.floor(threshold)) + 1;
  const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<{ estimate: number | bigint | null; bounded: number | bigint }[]>(
    `SELECT (SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass($1)) AS estimate, (SELECT COUNT(*) FROM (SELECT 1 FROM ${table} LIMIT ${limit}) AS s) AS bounded`,
    table,
  );
  const bounded = Number(rows[0]?.bounded ?? 0);
  if (bounded < limit) return { total: bounded, estimated: false };
  const estimate = rows[0]?.estimate === null || rows[0]?.estimate === undefined ? null : Number(rows[0].estimate);
  return estimate !== null && estimate >= limit ? { total: estimate, estimated: true } : null;
}
