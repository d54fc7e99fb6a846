// COUNT(*) over a whole large PostgreSQL table reads every row. For an unfiltered list, one query counts at most
// threshold + 1 rows and reads the planner's estimate beside it: a small table gets its exact count, a table larger
// than the threshold shows the estimate (the page says so and links the exact count).
import type { AdminContext } from '../http/context.ts';
import type { ModelMeta } from '../schema/types.ts';
import { qualifiedTable } from './raw-sql-names.ts';

/** Tables with more rows than this show the estimate instead of COUNT(*). */
export const ESTIMATE_THRESHOLD = 50_000;

export type RawClient = { $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T> };

export interface Total {
  total: number;
  estimated: boolean;
}

/** Raw SQL columns that read an unfiltered table's total, and how to read them back. */
export interface TotalColumns {
  /** A SELECT list (with `$1`… placeholders on PostgreSQL). */
  sql: string;
  params: unknown[];
  /** The total; null when the estimate cannot be trusted (never analysed) and only COUNT(*) will do. */
  read(row: Record<string, unknown> | undefined): Total | null;
}

/**
 * The columns for the total: on PostgreSQL with `estimateAbove` set, the planner's estimate beside a count bounded at
 * the threshold; otherwise COUNT(*).
 */
export function totalColumns(ctx: AdminContext, model: ModelMeta, estimateAbove: number | null): TotalColumns {
  const provider = ctx.schema.provider;
  const table = qualifiedTable(provider, ctx.postgresSchema, model.dbName);
  if (provider !== 'postgresql' || estimateAbove === null) {
    return { sql: `(SELECT COUNT(*) FROM ${table}) AS total`, params: [], read: (row) => ({ total: Number(row?.total ?? 0), estimated: false }) };
  }
  const limit = Math.max(0, Math.floor(estimateAbove)) + 1;
  return {
    sql: `(SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass($1)) AS estimate, (SELECT COUNT(*) FROM (SELECT 1 FROM ${table} LIMIT ${limit}) AS s) AS bounded`,
    params: [table],
    read(row) {
      const bounded = Number(row?.bounded ?? 0);
      if (bounded < limit) return { total: bounded, estimated: false };
      const estimate = row?.estimate === null || row?.estimate === undefined ? null : Number(row.estimate);
      return estimate !== null && estimate >= limit ? { total: estimate, estimated: true } : null;
    },
  };
}

/** The exact count of a small table, or the estimate of a large one; null when this cannot be asked (not PostgreSQL). */
export async function unfilteredCount(ctx: AdminContext, model: ModelMeta, threshold: number): Promise<Total | null> {
  if (ctx.schema.provider !== 'postgresql') return null;
  const columns = totalColumns(ctx, model, threshold);
  const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${columns.sql}`, ...columns.params);
  return columns.read(rows[0]);
}
