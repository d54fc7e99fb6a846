// The total of a filtered or searched list without reading every matching row: the planner's row estimate of the
// list's where (EXPLAIN) when it is above the estimate threshold ("about N", the exact count a click away), else a
// count bounded at the threshold, which reads at most threshold + 1 rows (one query on a table within the threshold;
// a table found larger is remembered for a minute, so its size is not asked again). PostgreSQL estimates from its statistics;
// MySQL / MariaDB only where an index narrows the rows (a full scan's "rows" is the table's size, not the matches).
// Where the where has no SQL form (list-where-sql.ts) or on SQLite, the bounded count alone.
import type { AdminContext } from '../admin/context.ts';
import type { ModelMeta } from '../schema/types.ts';
import type { ModelDelegate } from './delegates.ts';
import { postgresTableEstimateSql, type Total } from './estimated-count.ts';
import { listWhereSql, type SqlWhere } from './list-where-sql.ts';
import { RawOrPrisma, type WarningLog } from './raw-or-prisma.ts';
import { qualifiedTable, type RawClient } from './raw-sql-names.ts';

type Where = Record<string, unknown>;

/** The EXPLAIN of a where: per site, skipped for good once it fails. */
export const plannerEstimates = new RawOrPrisma('planner row estimates of filtered lists');

interface Planned {
  ctx: AdminContext;
  provider: 'postgresql' | 'mysql';
  table: string;
  condition: SqlWhere;
}

/** Runs a job that reads rows under the list's statement timeout (ChangeList's), on the client it is given. */
export type TimedJob = <T>(job: (ctx: AdminContext, delegate: ModelDelegate) => Promise<T>) => Promise<T>;

/**
 * The filtered list's total, in one query on a table within the threshold (its statistics say so): the count bounded
 * at it. On a larger table the planner's estimate of the where, and the bounded count only where that estimate is
 * within the threshold. The full exact count only when a bounded one overflows (the statistics were wrong).
 * `ctx`'s client runs the planner's estimate; `timed` runs the queries that read rows (by default on `ctx` too);
 * `owner` is the site whose raw queries these are (see RawOrPrisma).
 */
export async function filteredTotal(ctx: AdminContext, model: ModelMeta, delegate: ModelDelegate, where: Where, estimateAbove: number, log?: WarningLog, owner: object = ctx, timed: TimedJob = (job) => job(ctx, delegate)): Promise<Total> {
  const threshold = Math.max(0, Math.floor(estimateAbove));
  const exact = async (d: ModelDelegate): Promise<Total> => ({ total: await d.count({ where }), estimated: false });
  const bounded = (d: ModelDelegate) => async (): Promise<Total> => {
    const counted: number = await d.count({ where, take: threshold + 1 });
    return counted <= threshold ? { total: counted, estimated: false } : exact(d);
  };
  const provider = ctx.schema.provider;
  if (provider !== 'postgresql' && provider !== 'mysql') return timed((_c, d) => bounded(d)());
  const condition = listWhereSql(provider, ctx.schema, model, where, ctx.postgresSchema);
  if (!condition) return timed((_c, d) => bounded(d)());
  const planned: Planned = { ctx, provider, table: qualifiedTable(provider, ctx.postgresSchema, model.dbName), condition };
  if (!knownLarge(owner, planned.table)) {
    const small = await timed(async (c, d) => {
      const found = await plannerEstimates.run(owner, log, () => boundedIfSmallTable({ ...planned, ctx: c }, threshold), async () => undefined);
      if (found === undefined) return bounded(d)();
      if (found === null) return null;
      return found <= threshold ? { total: found, estimated: false } : exact(d);
    });
    if (small) return small;
    rememberLarge(owner, planned.table);
  }
  // The estimate reads no rows, so it needs no statement timeout: outside the timeout's transaction, which costs the
  // page three statements (BEGIN, SET LOCAL, COMMIT) and Prisma's interactive transaction.
  const estimate = await plannerEstimates.run(owner, log, () => plannedRows(planned), async () => null);
  if (estimate !== null && estimate > threshold) return { total: estimate, estimated: true };
  return timed(async (c, d) => {
    // Counted in SQL: Prisma's bounded count orders the rows by the key first (a sort of every match).
    const counted = await plannerEstimates.run(owner, log, () => boundedCount({ ...planned, ctx: c }, threshold), async () => null);
    if (counted === null) return bounded(d)();
    return counted <= threshold ? { total: counted, estimated: false } : exact(d);
  });
}

/** Per owner, the tables found larger than the threshold, until when (their size is not asked again meanwhile). */
const largeTables = new WeakMap<object, Map<string, number>>();
const LARGE_FOR_MS = 60_000;

function knownLarge(owner: object, table: string): boolean {
  return (largeTables.get(owner)?.get(table) ?? 0) > Date.now();
}

function rememberLarge(owner: object, table: string): void {
  const tables = largeTables.get(owner) ?? new Map<string, number>();
  tables.set(table, Date.now() + LARGE_FOR_MS);
  largeTables.set(owner, tables);
}

/** The matching rows, counted up to threshold + 1. */
async function boundedCount({ ctx, table, condition }: Planned, threshold: number): Promise<number> {
  const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<{ counted: unknown }[]>(
    `SELECT COUNT(*) AS counted FROM (SELECT 1 FROM ${table} WHERE ${condition.sql} LIMIT ${threshold + 1}) AS s`, ...condition.params);
  return Number(rows[0]?.counted ?? 0);
}

/** The count of the matching rows bounded at threshold + 1, or null when the table is larger than the threshold. */
async function boundedIfSmallTable({ ctx, provider, table, condition }: Planned, threshold: number): Promise<number | null> {
  const raw = ctx.prisma as unknown as RawClient;
  const count = `(SELECT COUNT(*) FROM (SELECT 1 FROM ${table} WHERE ${condition.sql} LIMIT ${threshold + 1}) AS s)`;
  const tableName = table.slice(table.lastIndexOf('.') + 1).replace(/^[`"]|[`"]$/g, '');
  const [sizeSql, sizeParam] = provider === 'postgresql'
    ? [postgresTableEstimateSql(`$${condition.params.length + 1}`), table]
    : ['SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', tableName];
  // MySQL binds `?` in the order they appear: the table's name comes first there.
  const params = provider === 'postgresql' ? [...condition.params, sizeParam] : [sizeParam, ...condition.params];
  const rows = await raw.$queryRawUnsafe<{ bounded: unknown }[]>(`SELECT CASE WHEN (${sizeSql}) > ${threshold} THEN NULL ELSE ${count} END AS bounded`, ...params);
  const value = rows[0]?.bounded;
  return value === null || value === undefined ? null : Number(value);
}

/** The planner's estimate of the rows the where matches, or null when there is none to trust. */
async function plannedRows({ ctx, provider, table, condition }: Planned): Promise<number | null> {
  const raw = ctx.prisma as unknown as RawClient;
  if (provider === 'postgresql') {
    const rows = await raw.$queryRawUnsafe<Record<string, unknown>[]>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} WHERE ${condition.sql}`, ...condition.params);
    return postgresPlanRows(rows[0]?.['QUERY PLAN']);
  }
  const rows = await raw.$queryRawUnsafe<Record<string, unknown>[]>(`EXPLAIN SELECT 1 FROM ${table} WHERE ${condition.sql}`, ...condition.params);
  return mysqlPlanRows(rows[0]);
}

function postgresPlanRows(plan: unknown): number | null {
  const parsed = typeof plan === 'string' ? (JSON.parse(plan) as unknown) : plan;
  const rows = (parsed as { Plan?: { 'Plan Rows'?: unknown } }[] | undefined)?.[0]?.Plan?.['Plan Rows'];
  return typeof rows === 'number' && Number.isFinite(rows) ? Math.round(rows) : null;
}

function mysqlPlanRows(row: Record<string, unknown> | undefined): number | null {
  if (!row || row.type === 'ALL' || row.type === 'index' || row.rows === null || row.rows === undefined) return null;
  const filtered = row.filtered === undefined || row.filtered === null ? 100 : Number(row.filtered);
  const rows = Number(row.rows) * (filtered / 100);
  return Number.isFinite(rows) ? Math.round(rows) : null;
}
