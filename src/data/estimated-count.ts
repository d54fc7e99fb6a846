// The total of an unfiltered list, in one raw query. COUNT(*) over a whole large PostgreSQL table reads every row, so
// there it reads the planner's estimate, and counts (at most threshold + 1 rows) only where the estimate is within the
// threshold: a small table gets its exact count, a table larger than the threshold shows the estimate (the page says
// so and links the exact count). Elsewhere, and for "count exactly", a plain COUNT(*).
import type { AdminContext } from '../admin/context.ts';
import type { ModelMeta } from '../schema/types.ts';
import { qualifiedTable, supportsRawSql, type RawClient } from './raw-sql-names.ts';

/** Tables with more rows than this show the estimate instead of COUNT(*). */
export const ESTIMATE_THRESHOLD = 50_000;

export interface Total {
  total: number;
  estimated: boolean;
  /** More rows than `total` match: they were counted only up to it (SQLite's bounded count, sqlite-bounded-count.ts). */
  bounded?: boolean;
}

/** A one-row raw query that reads an unfiltered table's total, and how to read its row. */
export interface TotalQuery {
  /** A SELECT of one row (with `$1`… placeholders on PostgreSQL). */
  sql: string;
  params: unknown[];
  /** The total; null when the statistics cannot be trusted (never analysed) and only COUNT(*) will do. */
  read(row: Record<string, unknown> | undefined): Total | null;
}

/**
 * The total: on PostgreSQL with `estimateAbove` set, the planner's estimate (its statistics scaled to the table's
 * current size, as the planner does), and a count bounded at the threshold only where that estimate does not exceed
 * it (PostgreSQL runs the count's subquery only when the CASE needs it); otherwise COUNT(*).
 */
export function totalQuery(ctx: AdminContext, model: ModelMeta, estimateAbove: number | null): TotalQuery {
  const provider = ctx.schema.provider;
  const table = qualifiedTable(provider, ctx.postgresSchema, model.dbName);
  if (provider !== 'postgresql' || estimateAbove === null) {
    return { sql: `SELECT COUNT(*) AS total FROM ${table}`, params: [], read: (row) => ({ total: Number(row?.total ?? 0), estimated: false }) };
  }
  const threshold = Math.max(0, Math.floor(estimateAbove));
  const limit = threshold + 1;
  const estimate = postgresTableEstimateSql('$1');
  return {
    sql: `SELECT e.estimate, CASE WHEN e.estimate > ${threshold} THEN NULL ELSE (SELECT COUNT(*) FROM (SELECT 1 FROM ${table} LIMIT ${limit}) AS s) END AS bounded`
      + ` FROM (SELECT (${estimate}) AS estimate) AS e`,
    params: [table],
    read(row) {
      const estimate = row?.estimate === null || row?.estimate === undefined ? null : Number(row.estimate);
      if (row?.bounded === null || row?.bounded === undefined) return estimate !== null ? { total: estimate, estimated: true } : null;
      const bounded = Number(row.bounded);
      if (bounded < limit) return { total: bounded, estimated: false };
      // More rows than the threshold, though the statistics said fewer: they are stale, so count.
      return null;
    },
  };
}

/**
 * A scalar subquery of the planner's estimate of a PostgreSQL table's rows (its statistics scaled to the table's
 * current size, as the planner does); `table` is the placeholder of the qualified name.
 */
export function postgresTableEstimateSql(table: string): string {
  // A table never analysed (reltuples -1: bulk-loaded with autovacuum off) has the live rows the statistics collector
  // counted as they were written; none counted (0) falls back to COUNT(*).
  return 'SELECT CASE WHEN c.reltuples < 0 THEN (SELECT NULLIF(s.n_live_tup, 0) FROM pg_stat_user_tables s WHERE s.relid = c.oid)'
    + ` WHEN c.relpages > 0 THEN (c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int))::bigint`
    + ' ELSE c.reltuples::bigint END FROM pg_class c WHERE c.oid = to_regclass(' + table + ')';
}

/**
 * The total of an unfiltered list in one raw query: see totalQuery. (Prisma's count wraps the table in a subquery,
 * which on SQLite walks every row: a plain COUNT(*) reads the table's b-tree instead, a hundred times faster on
 * 100,000 rows.) Null when the statistics are stale, or for a provider the raw query is not written for.
 */
export async function unfilteredCount(ctx: AdminContext, model: ModelMeta, estimateAbove: number | null): Promise<Total | null> {
  if (!supportsRawSql(ctx.schema.provider)) return null;
  const total = totalQuery(ctx, model, estimateAbove);
  const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<Record<string, unknown>[]>(total.sql, ...total.params);
  return total.read(rows[0]);
}
