// The confirm of an import: one transaction that claims the job (its idempotency token), plans the rows again against
// what the database holds now, writes every new and changed row through the admin's saveModel, logs each one and
// commits; any failure (a row that no longer parses, a hook that throws, a unique violation) rolls all of it back.
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { writeLogEntries, type LogDetails } from '../audit/audit-log.ts';
import { diffRecords } from '../audit/diff.ts';
import type { PrismaClientLike } from '../data/delegates.ts';
import { claimImportJob, recordImportWritten } from '../data/import-jobs.ts';
import { readOnlyText } from './readonly-text.ts';
import { recordLabel } from './record-label.ts';
import { planImport, storedWhere, type ImportPlan, type PlanInput } from './import-plan.ts';

/** The longest an import's transaction may run: 100,000 rows through saveModel fit in it on SQLite and PostgreSQL. */
export const IMPORT_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

export class ImportAlreadyDone extends Error {}
/** The rows no longer all parse (the database changed since the preview): nothing was written. */
export class ImportRowsInvalid extends Error {
  constructor(readonly plan: ImportPlan) {
    super('Some rows have errors.');
  }
}
/** A row's write failed: nothing was written. `line` is the row's line in the file. */
export class ImportWriteFailed extends Error {
  constructor(readonly line: number, readonly cause: unknown) {
    super(`The row on line ${line} could not be written: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

export interface ImportResult {
  plan: ImportPlan;
  written: number;
}

/** Rows written between two progress reports. */
const PROGRESS_EVERY = 500;

/** `onProgress` hears of the rows written, of those to write, after the plan and every PROGRESS_EVERY rows. */
export async function confirmImport(input: PlanInput, jobId: string, onProgress?: (written: number, toWrite: number) => Promise<void>): Promise<ImportResult> {
  const { ctx, request, admin } = input;
  const run = ctx.prisma.$transaction as unknown as (fn: (tx: PrismaClientLike) => Promise<ImportResult>, options: object) => Promise<ImportResult>;
  return run.call(ctx.prisma, async (tx: PrismaClientLike) => {
    if (!(await claimImportJob(tx, jobId))) throw new ImportAlreadyDone();
    const plan = await planImport(input, tx);
    if (plan.counts.error) throw new ImportRowsInvalid(plan);
    const toWrite = plan.counts.new + plan.counts.changed;
    await onProgress?.(0, toWrite);
    const log: LogDetails[] = [];
    let written = 0;
    for (const row of plan.rows) {
      if (row.status !== 'new' && row.status !== 'changed') continue;
      try {
        if (row.status === 'new') {
          const record = await admin.admin.saveModel(tx, { data: row.data, mode: 'add', request });
          log.push({ action: 'add', record, label: recordLabel(admin, record) });
        } else {
          const before = row.record!;
          const data = Object.fromEntries(row.diff.filter((d) => d.field in row.data).map((d) => [d.field, row.data[d.field]]));
          const after = await admin.admin.saveModel(tx, { data, mode: 'change', where: storedWhere(ctx, admin, before), request, record: before });
          log.push({ action: 'change', record: after, label: recordLabel(admin, after), changes: diffRecords(admin.model, input.fields, before, after, labeller(ctx, admin)) });
        }
      } catch (error) {
        throw new ImportWriteFailed(row.line, error);
      }
      written++;
      if (written % PROGRESS_EVERY === 0) await onProgress?.(written, toWrite);
    }
    await recordImportWritten(tx, jobId, written);
    for (let at = 0; ctx.auditLog && at < log.length; at += 1000) await writeLogEntries(tx, request, admin, log.slice(at, at + 1000));
    return { plan, written };
  }, { timeout: IMPORT_TRANSACTION_TIMEOUT_MS, maxWait: 30_000 });
}

function labeller(ctx: AdminContext, admin: ResolvedModelAdmin) {
  return (fieldName: string, value: unknown): string => {
    const meta = admin.model.fields.find((f) => f.name === fieldName);
    return meta ? readOnlyText(ctx, admin, meta, value) : '';
  };
}
