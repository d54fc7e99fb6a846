// The total of a filtered or searched list on SQLite. SQLite keeps no row estimate to show instead (PostgreSQL's
// planner statistics), and its count runs in the admin's own process, reading every matching row (a search reads
// every row), so a large list is counted only up to the threshold: at most threshold + 1 rows are read, and the page
// says "more than N", the exact count a click away (`exact=1`). A list within the threshold gets its exact count.
// One raw query where the where has an SQL form (list-where-sql.ts), else Prisma's count with `take`.
import type { AdminContext } from '../admin/context.ts';
import type { ModelMeta } from '../schema/types.ts';
import type { ModelDelegate } from './delegates.ts';
import type { Total } from './estimated-count.ts';
import { listWhereSql, type SqlWhere } from './list-where-sql.ts';
import { DRIVER_COLUMN } from './search-count-driver.ts';
import { RawOrPrisma, type WarningLog } from './raw-or-prisma.ts';
import { qualifiedTable, quoteName, type RawClient } from './raw-sql-names.ts';

type Where = Record<string, unknown>;

/**
 * SQLite's default threshold (AdminPluginOptions.countEstimateAbove): a count reads each matching row in the admin's
 * process (and its event loop waits), so it stops sooner than PostgreSQL's estimate takes over.
 */
export const SQLITE_COUNT_BOUND = 10_000;

/** The raw bounded count: per site, Prisma's count with `take` once it fails. */
export const sqliteBoundedCounts = new RawOrPrisma('bounded counts of filtered lists');

/**
 * The rows `where` matches, counted up to threshold + 1: exact within the threshold, else `bounded` at it. `driver`:
 * rowids (column DRIVER_COLUMN) holding every row `where` matches (search-count-driver.ts), read first, in its order.
 */
export async function sqliteBoundedTotal(ctx: AdminContext, model: ModelMeta, delegate: ModelDelegate, where: Where, estimateAbove: number, log?: WarningLog, driver?: SqlWhere | null): Promise<Total> {
  const threshold = Math.max(0, Math.floor(estimateAbove));
  const prisma = async (): Promise<number> => delegate.count({ where, take: threshold + 1 });
  const condition = listWhereSql('sqlite', ctx.schema, model, where);
  const counted = condition === null ? await prisma() : await sqliteBoundedCounts.run(ctx, log, async () => {
    const table = qualifiedTable('sqlite', null, model.dbName);
    const key = model.fields.find((f) => f.name === model.primaryKey.fields[0])?.dbName;
    // CROSS JOIN keeps the driver the outer loop; a row it gives twice (two fields match) is counted once.
    const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<{ counted: unknown }[]>(driver && key
      ? `SELECT COUNT(*) AS counted FROM (SELECT DISTINCT ${table}.${quoteName('sqlite', key)} FROM (${driver.sql}) AS d CROSS JOIN ${table} ON ${table}.${quoteName('sqlite', key)} = d.${DRIVER_COLUMN} WHERE ${condition.sql} LIMIT ${threshold + 1}) AS s`
      : `SELECT COUNT(*) AS counted FROM (SELECT 1 FROM ${table} WHERE ${condition.sql} LIMIT ${threshold + 1}) AS s`,
    ...(driver && key ? [...driver.params, ...condition.params] : condition.params));
    return Number(rows[0]?.counted ?? 0);
  }, prisma);
  return counted > threshold ? { total: threshold, estimated: false, bounded: true } : { total: counted, estimated: false };
}
