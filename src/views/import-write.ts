// The confirm of an import: one transaction that claims the job (its idempotency token), plans the rows again against
// what the database holds now, writes the new and changed rows a batch at a time (writeImportBatch: saveModel's
// hooks hold, every row gets its audit entry) and commits; any failure (a row that no longer parses, a hook that
// throws, a unique violation, the transaction's time running out) rolls all of it back.
import type { PrismaClientLike } from '../data/delegates.ts';
import { isExpiredTransaction } from '../data/expired-transaction.ts';
import { claimImportJob, recordImportWritten } from '../data/import-jobs.ts';
import { IMPORT_BATCH_ROWS, ImportWriteFailed, writeImportBatch } from './import-batch-write.ts';
import { planImport, type ImportPlan, type PlanInput } from './import-plan.ts';
import { asLongRun } from '../data/sqlite-long-runs.ts';

export { ImportWriteFailed } from './import-batch-write.ts';

/** The longest an import's transaction may run: 100,000 rows through a saveModel of the admin's own fit in it on SQLite and PostgreSQL. */
export const IMPORT_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

export class ImportAlreadyDone extends Error {}
/** The confirm ran longer than its transaction may (`timeoutMs`): it was rolled back whole, no row is to blame. */
export class ImportTimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The import took longer than ${timeoutMs} ms.`);
  }
}
/** The rows no longer all parse (the database changed since the preview): nothing was written. */
export class ImportRowsInvalid extends Error {
  constructor(readonly plan: ImportPlan) {
    super('Some rows have errors.');
  }
}

export interface ImportResult {
  plan: ImportPlan;
  written: number;
}

/** `onProgress` hears of the rows written, of those to write, after the plan and after every batch. */
export async function confirmImport(input: PlanInput, jobId: string, onProgress?: (written: number, toWrite: number) => Promise<void>): Promise<ImportResult> {
  const { ctx } = input;
  const run = ctx.prisma.$transaction as unknown as (fn: (tx: PrismaClientLike) => Promise<ImportResult>, options: object) => Promise<ImportResult>;
  const timeout = ctx.importTimeout ?? IMPORT_TRANSACTION_TIMEOUT_MS;
  // The expiry shows in whichever statement came next (a row's write, the commit): it is the import's time, not a row.
  const timedOut = (error: unknown) => isExpiredTransaction(error) || (error instanceof ImportWriteFailed && isExpiredTransaction(error.cause));
  return asLongRun(ctx.schema.provider, ctx.prisma, () => run.call(ctx.prisma, async (tx: PrismaClientLike) => {
    if (!(await claimImportJob(tx, jobId))) throw new ImportAlreadyDone();
    const plan = await planImport(input, tx);
    if (plan.counts.error) throw new ImportRowsInvalid(plan);
    const writing = plan.rows.filter((row) => row.status === 'new' || row.status === 'changed');
    await onProgress?.(0, writing.length);
    let written = 0;
    for (let at = 0; at < writing.length; at += IMPORT_BATCH_ROWS) {
      written += await writeImportBatch(input, tx, writing.slice(at, at + IMPORT_BATCH_ROWS));
      await onProgress?.(written, writing.length);
    }
    await recordImportWritten(tx, jobId, written);
    return { plan, written };
  }, { timeout, maxWait: 30_000 })).catch((error: unknown) => Promise.reject(timedOut(error) ? new ImportTimedOut(timeout) : error));
}
