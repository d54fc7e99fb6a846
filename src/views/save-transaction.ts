// A save that writes several records (a parent and its inline rows), or that checks a version under a row lock, commits
// in one transaction, with its audit log entries when the log is on, or in a transaction of its own when it is off.
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { withAuditLog, type LogDetails } from '../audit/audit-log.ts';
import type { AdminContext } from '../admin/context.ts';
import type { PrismaClientLike } from '../data/delegates.ts';
import { refuseDuringLongRun } from '../data/sqlite-long-runs.ts';

export function saveInOneTransaction<T>(
  ctx: AdminContext,
  request: FastifyRequest,
  admin: ResolvedModelAdmin,
  needsTransaction: boolean,
  work: (client: PrismaClientLike) => Promise<T>,
  describe: (result: T) => LogDetails[],
): Promise<T> {
  // withAuditLog opens the transaction when it logs; without the log, one unchecked write needs none.
  if ((ctx.auditLog && request.adminUser) || !needsTransaction) return withAuditLog(ctx, request, admin, work, describe);
  refuseDuringLongRun(ctx.schema.provider, ctx.prisma);
  const run = ctx.prisma.$transaction as unknown as (fn: (tx: PrismaClientLike) => Promise<T>) => Promise<T>;
  return run.call(ctx.prisma, work);
}
