// The import page of a model (`<prefix>/<model>/import`): upload a file (kept as an AdminImportJob), map its columns,
// choose the mode, see the dry run, confirm. The file lives in the database between the steps, so any instance can
// answer any of them; the job's id is the confirm's idempotency token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import { hasImportJobs } from '../auth/backend-for-schema.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { createImportJob, deleteOldImportJobs, findImportJob, type ImportJob } from '../data/import-jobs.ts';
import { refuseDuringLongRun } from '../data/sqlite-long-runs.ts';
import { mapPrismaError } from '../data/prisma-errors.ts';
import { formatBytes } from '../forms/messages.ts';
import { formatOfFilename, IMPORT_FORMAT_LABELS, IMPORT_FORMATS, ImportFileError, readImportFile, type ImportFormat, type ImportTable } from '../forms/import-file.ts';
import type { SubmittedFile } from '../forms/types.ts';
import { modelLabelPlural } from '../schema/lookup.ts';
import { badRequest, errorPage } from '../http/errors.ts';
import { addMessage } from '../http/flash.ts';
import { formList, formText, readForm } from '../http/form-body.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { formFieldsOf } from './form-layout.ts';
import { automaticMapping, checkMapping, importTargets, IMPORT_MODES, keyFields, type ImportMode } from './import-mapping.ts';
import { planImport, type ImportPlan, type PlanInput } from './import-plan.ts';
import { confirmImport, ImportAlreadyDone, ImportRowsInvalid, ImportTimedOut, ImportWriteFailed } from './import-write.ts';
import { findRunningJob, jobUrl, runsAsJob, startJob } from './job-page.ts';

type ImportRequest = FastifyRequest<{ Params: { model: string } }>;

/** Rows of each kind the preview lists (the counts cover all of them). */
export const PREVIEW_ROWS = 200;
/** The most rows one import takes (README: Import). */
export const MAX_IMPORT_ROWS = 100_000;

export async function importView(ctx: AdminContext, request: ImportRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  if (!hasImportJobs(ctx.schema)) {
    return badRequest(ctx, request, reply, 'Import keeps the uploaded file in the AdminImportJob table between its preview and its confirm: add the model (prisma-admin-site init copies it into your schema) and migrate.');
  }
  const userId = request.adminUser?.id ?? '';
  if (request.method === 'GET' && !(request.query as { job?: string }).job) return renderUpload(ctx, request, reply, admin, null, 200);
  if (request.method === 'GET') {
    const job = await findImportJob(ctx.prisma, (request.query as { job?: string }).job ?? '', admin.model.name, userId);
    if (!job) return badRequest(ctx, request, reply, 'There is no such import (it may have been deleted after a day). Upload the file again.');
    if (job.status !== 'preview') return alreadyDone(ctx, request, reply, admin, job);
    return previewJob(ctx, request, reply, admin, job, null, {});
  }
  const form = await readForm(request);
  const upload = form.file;
  if (upload && typeof upload === 'object' && !Array.isArray(upload)) return receiveUpload(ctx, request, reply, admin, upload, formText(form, 'format') ?? '');
  const job = await findImportJob(ctx.prisma, formText(form, 'job') ?? '', admin.model.name, userId);
  if (!job) return renderUpload(ctx, request, reply, admin, 'Choose a file to import.', 400);
  if (job.status !== 'preview') return alreadyDone(ctx, request, reply, admin, job);
  const choices = { mapping: formList(form, 'map'), mode: formText(form, 'mode'), key: formText(form, 'key'), previewed: formText(form, 'previewed') };
  return previewJob(ctx, request, reply, admin, job, '_confirm' in form ? 'confirm' : null, choices);
}

async function receiveUpload(ctx: AdminContext, request: ImportRequest, reply: FastifyReply, admin: ResolvedModelAdmin, upload: SubmittedFile, declared: string) {
  if (upload.tooLargeAbove !== undefined) return errorPage(ctx, request, reply, 413, 'File too large', `The file “${upload.filename}” is larger than this admin accepts (${formatBytes(upload.tooLargeAbove)}). Nothing was imported. Split it into smaller files, or raise maxUploadBytes.`);
  if (upload.data.length === 0) return renderUpload(ctx, request, reply, admin, 'The file is empty.', 400);
  const format = (IMPORT_FORMATS as readonly string[]).includes(declared) ? (declared as ImportFormat) : formatOfFilename(upload.filename);
  if (!format) return renderUpload(ctx, request, reply, admin, `The format of “${upload.filename}” is not known from its name: choose CSV, JSON Lines or XLSX.`, 400);
  const table = await readTable(Buffer.from(upload.data), format);
  if ('error' in table) return renderUpload(ctx, request, reply, admin, table.error, 400);
  if (table.rows.length > MAX_IMPORT_ROWS) return errorPage(ctx, request, reply, 413, 'Too many rows', `The file has ${table.rows.length.toLocaleString('en-US')} rows; one import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')}. Nothing was imported. Split it into smaller files.`);
  // On SQLite the file's row would join an open long run's transaction, and go if that one fails.
  refuseDuringLongRun(ctx.schema.provider, ctx.prisma);
  await deleteOldImportJobs(ctx.prisma);
  const id = await createImportJob(ctx.prisma, { model: admin.model.name, userId: request.adminUser?.id ?? '', format, filename: upload.filename.slice(0, 255), content: new Uint8Array(upload.data) });
  return reply.redirect(`${importUrl(ctx, admin)}?job=${id}`, 303);
}

async function readTable(data: Buffer, format: ImportFormat): Promise<ImportTable | { error: string }> {
  try {
    return await readImportFile(data, format);
  } catch (error) {
    if (error instanceof ImportFileError) return { error: error.message };
    throw error;
  }
}

interface Choices {
  mapping?: string[];
  mode?: string;
  key?: string;
  /** The choices the shown preview was made with (choicesToken): a confirm of other choices shows their preview first. */
  previewed?: string;
}

function choicesToken(mapping: string[], mode: ImportMode, key: string): string {
  return JSON.stringify([mapping, mode, mode === 'create' ? '' : key]);
}

async function previewJob(ctx: AdminContext, request: ImportRequest, reply: FastifyReply, admin: ResolvedModelAdmin, job: ImportJob, step: 'confirm' | null, choices: Choices) {
  const table = await readTable(Buffer.from(job.content), job.format as ImportFormat);
  if ('error' in table) return renderUpload(ctx, request, reply, admin, table.error, 400);
  const fields = formFieldsOf(ctx, admin, request, 'add');
  const targets = importTargets(ctx.schema, admin, fields);
  const keys = keyFields(admin.model).map((k) => k.name);
  const mode = (IMPORT_MODES as readonly string[]).includes(choices.mode ?? '') ? (choices.mode as ImportMode) : 'create';
  const key = keys.includes(choices.key ?? '') ? choices.key! : keys[0] ?? '';
  const checked = checkMapping(choices.mapping?.length === table.columns.length ? choices.mapping : automaticMapping(table.columns, targets), targets);
  const errors: string[] = checked.error ? [checked.error] : [];
  if (mode !== 'create' && !admin.admin.hasChangePermission(request)) errors.push('You may add records but not change them: choose “create only”.');
  if (mode !== 'create' && !checked.mapping.includes(key)) errors.push(`Rows are matched by ${key || 'a unique key'}: choose the column that holds it.`);
  if (mode !== 'create' && !key) errors.push('This model has no single-field unique key to match rows by: choose “create only”.');
  const input: PlanInput = { ctx, request, admin, fields, targets, table, mapping: checked.mapping, mode, key };
  const show = (plan: ImportPlan | null, problems: string[], status: number) =>
    renderPage(ctx, request, reply, 'import', {
      step: 'preview', job, table, targets, mapping: checked.mapping, mode, key, keys, modes: IMPORT_MODES, plan, problems,
      previewRows: plan ? withCells(previewRows(plan), plan, table) : [], formatLabel: IMPORT_FORMAT_LABELS[job.format as ImportFormat] ?? job.format,
      action: importUrl(ctx, admin), listUrl: urlsOf(ctx).list(admin), canConfirm: plan !== null && plan.counts.error === 0 && problems.length === 0,
      previewed: choicesToken(checked.mapping, mode, key),
    }, pageOptions(ctx, admin, status));
  if (errors.length) return show(null, errors, 400);
  if (step === 'confirm' && choices.previewed !== choicesToken(checked.mapping, mode, key)) {
    return show(await planImport(input, ctx.prisma), ['The columns or the mode changed since the preview: check this preview of them, then confirm.'], 409);
  }
  if (step !== 'confirm') {
    const plan = await planImport(input, ctx.prisma);
    return show(plan, [], 200);
  }
  if (await runsAsJob(ctx, table.rows.length)) return startImportJob(ctx, request, reply, admin, input, job);
  try {
    const { plan, written } = await confirmImport(input, job.id);
    addMessage(request, reply, ctx.prefix, { level: 'success', text: importedText(admin, job, plan, written) });
    return reply.redirect(urlsOf(ctx).list(admin), 303);
  } catch (error) {
    if (error instanceof ImportAlreadyDone) return alreadyDone(ctx, request, reply, admin, job);
    if (error instanceof ImportTimedOut) return show(await planImport(input, ctx.prisma), [timedOutText(error)], 503);
    if (error instanceof ImportRowsInvalid) return show(error.plan, [ROWS_CHANGED], 400);
    if (error instanceof ImportWriteFailed) return show(await planImport(input, ctx.prisma), [writeFailedText(admin, error)], 400);
    throw error;
  }
}

function timedOutText(error: ImportTimedOut): string {
  return `The import took longer than the ${durationText(error.timeoutMs)} an import may run: nothing was written, every row was rolled back. Import the file in smaller parts, or raise importTimeout.`;
}

function durationText(ms: number): string {
  const [amount, unit] = ms >= 120_000 ? [Math.round(ms / 60_000), 'minute'] : [Math.round(ms / 1000), 'second'];
  return `${amount.toLocaleString('en-US')} ${unit}${amount === 1 ? '' : 's'}`;
}

const ROWS_CHANGED = 'The rows changed since the preview and some no longer import: nothing was written. Correct them and try again.';

function importedText(admin: ResolvedModelAdmin, job: ImportJob, plan: ImportPlan, written: number): string {
  return `Imported ${written.toLocaleString('en-US')} ${modelLabelPlural(admin.model).toLowerCase()} from “${job.filename}”: ${plan.counts.new} new, ${plan.counts.changed} changed, ${plan.counts.unchanged} unchanged.`;
}

function writeFailedText(admin: ResolvedModelAdmin, error: ImportWriteFailed): string {
  const mapped = mapPrismaError(admin.model, error.cause);
  const why = mapped ? Object.entries(mapped.errors).map(([field, message]) => (field === '__all__' ? message : `${field}: ${message}`)).join(' ') : (error.cause as Error)?.message ?? String(error.cause);
  return `The row on line ${error.line} could not be written (${why}). Nothing was imported: every row was rolled back.`;
}

/** A confirm of many rows: the same transaction as a job (its id is the import's), its page showing rows written. */
function startImportJob(ctx: AdminContext, request: ImportRequest, reply: FastifyReply, admin: ResolvedModelAdmin, input: PlanInput, job: ImportJob) {
  const list = urlsOf(ctx).list(admin);
  const preview = `${importUrl(ctx, admin)}?job=${job.id}`;
  return startJob(ctx, request, reply, admin, {
    id: job.id, kind: 'import', total: input.table.rows.length, backUrl: list,
    message: `Checking the ${input.table.rows.length.toLocaleString('en-US')} rows of “${job.filename}” against the database…`,
    async work(progress) {
      try {
        const { plan, written } = await confirmImport(input, job.id, (done, total) => progress(done, { total, message: `Writing the rows of “${job.filename}”…` }));
        return { status: 'done', outcome: { level: 'success', message: importedText(admin, job, plan, written), backUrl: list } };
      } catch (error) {
        if (error instanceof ImportAlreadyDone) return { status: 'done', outcome: { level: 'info', message: await alreadyDoneText(ctx, admin, job), backUrl: list } };
        if (error instanceof ImportTimedOut) return { status: 'failed', outcome: { level: 'error', message: timedOutText(error), backUrl: preview } };
        if (error instanceof ImportRowsInvalid) return { status: 'failed', outcome: { level: 'error', message: ROWS_CHANGED, backUrl: preview } };
        if (error instanceof ImportWriteFailed) return { status: 'failed', outcome: { level: 'error', message: writeFailedText(admin, error), backUrl: preview } };
        throw error;
      }
    },
    failed: (error) => ({ level: 'error', message: `The import failed (${(error as Error)?.message?.split('\n').filter(Boolean).pop() ?? String(error)}). Nothing was imported: every row was rolled back.`, backUrl: preview }),
  });
}

function previewRows(plan: ImportPlan) {
  const shown: Record<string, number> = {};
  return plan.rows.filter((row) => (shown[row.status] = (shown[row.status] ?? 0) + 1) <= PREVIEW_ROWS);
}

function withCells(rows: ReturnType<typeof previewRows>, plan: ImportPlan, table: ImportTable) {
  const index = new Map(plan.rows.map((row, i) => [row, i]));
  return rows.map((row) => ({ ...row, cells: table.rows[index.get(row)!].cells }));
}

async function alreadyDone(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, job: ImportJob) {
  // Its confirm may still be running as a job (on SQLite this process reads its own transaction's claim): show it.
  const running = await findRunningJob(ctx, job.id);
  if (running) return reply.redirect(jobUrl(ctx, admin, job.id), 303);
  addMessage(request, reply, ctx.prefix, { level: 'info', text: alreadyDoneMessage(job) });
  return reply.redirect(urlsOf(ctx).list(admin), 303);
}

function alreadyDoneMessage(job: ImportJob): string {
  return `The import of “${job.filename}” was already confirmed (${job.written.toLocaleString('en-US')} rows written); it was not imported again.`;
}

async function alreadyDoneText(ctx: AdminContext, admin: ResolvedModelAdmin, job: ImportJob): Promise<string> {
  return alreadyDoneMessage((await findImportJob(ctx.prisma, job.id, admin.model.name, job.userId)) ?? job);
}

function renderUpload(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, error: string | null, status: number) {
  return renderPage(ctx, request, reply, 'import', {
    step: 'upload', error, formats: IMPORT_FORMATS.map((value) => ({ value, label: IMPORT_FORMAT_LABELS[value] })),
    action: importUrl(ctx, admin), maxBytes: formatBytes(request.server.adminMaxUploadBytes ?? 0), maxRows: MAX_IMPORT_ROWS,
  }, pageOptions(ctx, admin, status));
}

function pageOptions(ctx: AdminContext, admin: ResolvedModelAdmin, status: number) {
  const title = `Import ${modelLabelPlural(admin.model).toLowerCase()}`;
  return { title, status, model: admin, breadcrumbs: [{ label: 'Home', url: urlsOf(ctx).index() }, { label: modelLabelPlural(admin.model), url: urlsOf(ctx).list(admin) }, { label: 'Import' }] };
}

export function importUrl(ctx: AdminContext, admin: ResolvedModelAdmin): string {
  return `${urlsOf(ctx).list(admin)}import`;
}
