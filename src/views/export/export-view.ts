// The list's Export (GET <model>/export?<the list's query>&_format=csv) and the "Export selected" action: every row
// of the list (search, filters, drill-down, the admin's scope, order) read by ChangeList.rows() in keyset batches and
// streamed as CSV, JSON Lines or XLSX. Each export writes one audit entry when it ends (or is cut off).
import { Transform, pipeline, type Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../../admin/resolve-model-admin.ts';
import type { AdminContext } from '../../admin/context.ts';
import { logExport, type ExportDetails } from '../../audit/audit-log.ts';
import type { BulkSelection } from '../../data/bulk-selection.ts';
import { ChangeList } from '../../data/change-list.ts';
import { encodeRecordId, recordWhere } from '../../data/record-id.ts';
import { selectedWithin } from '../../data/selected-within.ts';
import { recordKeyFields } from '../../schema/record-key.ts';
import { modelLabelPlural } from '../../schema/lookup.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { currentQuery } from '../query-string.ts';
import { exportPlan, type ColumnChoice } from './columns.ts';
import type { Cell } from './values.ts';
import { EXPORT_FORMATS, writeExport, type ExportFormat } from './writers.ts';

/** The action name of "Export selected" in the list's action menu. */
export const EXPORT_SELECTED = 'export_selected';

/** Rows per query of an export: smaller batches kept the server's RSS flatter in the benchmark (bench/export.ts). */
export const EXPORT_BATCH_SIZE = 250;

export interface ExportOptions {
  format: ExportFormat;
  columns: ColumnChoice;
  bom: boolean;
  bytes: boolean;
}

/** The export's own parameters start with `_`, which no list parameter does; the rest is the list's query. */
export function readExportOptions(query: Record<string, unknown>): ExportOptions | string {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  const format = text('_format') ?? 'csv';
  if (!(format in EXPORT_FORMATS)) return `Unknown export format “${format}”: choose ${Object.keys(EXPORT_FORMATS).join(', ')}.`;
  const columns = text('_columns') ?? 'list';
  if (columns !== 'list' && columns !== 'all') return `Unknown export columns “${columns}”: choose list or all.`;
  return { format: format as ExportFormat, columns, bom: text('_bom') === '1', bytes: text('_bytes') === '1' };
}

export async function exportView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin): Promise<unknown> {
  if (!admin.admin.hasExportPermission(request)) return forbidden(ctx, request, reply);
  const query = request.query as Record<string, unknown>;
  const options = readExportOptions(query);
  if (typeof options === 'string') return badRequest(ctx, request, reply, options);
  const listQuery = Object.fromEntries(Object.entries(query).filter(([key]) => !key.startsWith('_')));
  const list = await ChangeList.of(ctx, admin, listQuery, { request, log: request.log });
  const described = new URLSearchParams(currentQuery({ ...list.params, page: 1 })).toString();
  return sendExport(ctx, request, reply, admin, list, options, { query: described });
}

/**
 * "Export selected": the checked rows (within the admin's scope) in the list's default order, or over "Select all N"
 * every row of the list of the selection's query (search, filters, drill-down, order), streamed as Export streams it.
 */
export async function exportSelectedView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, selection: BulkSelection, form: Record<string, unknown>): Promise<unknown> {
  if (!admin.admin.hasExportPermission(request)) return forbidden(ctx, request, reply);
  const options = readExportOptions(form);
  if (typeof options === 'string') return badRequest(ctx, request, reply, options);
  if (selection.kind === 'list') {
    const list = await ChangeList.of(ctx, admin, selection.query, { request, log: request.log });
    return sendExport(ctx, request, reply, admin, list, options, { query: new URLSearchParams(currentQuery({ ...list.params, page: 1 })).toString() });
  }
  const wheres = selection.ids.map((id) => recordWhere(ctx.schema, admin.model, id)).filter((w): w is Record<string, unknown> => w !== null);
  if (wheres.length === 0) return badRequest(ctx, request, reply, 'None of the selected ids is a valid id of this model.');
  const { within, keep } = selectedWithin(ctx.schema.provider, admin.model, wheres);
  const list = await ChangeList.of(ctx, admin, {}, { request, log: request.log }, within ? { within } : {});
  return sendExport(ctx, request, reply, admin, list, options, { query: '', selected: selection.ids.length }, keep);
}

async function sendExport(
  ctx: AdminContext,
  request: FastifyRequest,
  reply: FastifyReply,
  admin: ResolvedModelAdmin,
  list: ChangeList,
  options: ExportOptions,
  describe: Pick<ExportDetails, 'query' | 'selected'>,
  keep?: Set<string>,
): Promise<unknown> {
  const plan = exportPlan(admin, { choice: options.columns, bytes: options.bytes });
  const select = keep ? { ...plan.select, ...Object.fromEntries(recordKeyFields(admin.model).map((f) => [f, true])) } : plan.select;
  let rows = 0;
  async function* cells(): AsyncGenerator<Cell[]> {
    for await (const row of list.rows(EXPORT_BATCH_SIZE, select)) {
      if (keep && !keep.has(encodeRecordId(admin.model, row))) continue;
      rows++;
      yield plan.columns.map((c) => c.value(row));
    }
  }
  // The first batch is read before the response starts, so that a failing query still gets an error page.
  const source = cells();
  const first = await source.next();
  async function* all(): AsyncGenerator<Cell[]> {
    if (first.done) return;
    yield first.value;
    yield* source;
  }
  const format = EXPORT_FORMATS[options.format];
  const plural = modelLabelPlural(admin.model);
  const body = writeExport(options.format, plan.columns.map((c) => c.header), all(), { bom: options.bom, sheetName: plural });
  const log = (complete: boolean) => {
    const details: ExportDetails = { format: format.label, columns: options.columns === 'all' ? 'all fields' : 'list columns', rows, ...describe, complete };
    return logExport(ctx, request, admin, `${rows.toLocaleString('en-US')} ${plural.toLowerCase()} as ${format.label}`, details);
  };
  reply
    .header('content-type', format.contentType)
    .header('content-disposition', `attachment; filename="${exportFilename(plural, format.extension)}"`)
    .header('cache-control', 'no-store');
  return reply.send(endingWith(body, () => log(true), (error) => {
    log(false).catch((e: unknown) => request.log.error(e));
    if (error && !isPrematureClose(error)) request.log.error(error, 'export failed midway');
  }));
}

/** `posts-2026-12-01.csv`: the model's plural label (letters and digits only) and today's date in UTC. */
export function exportFilename(plural: string, extension: string, now = new Date()): string {
  const name = plural.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
  return `${name}-${now.toISOString().slice(0, 10)}.${extension}`;
}

/**
 * `body` with a last step: the response ends only after `onEnd` has finished (the audit entry is written when the
 * client has the whole file); `onCut` runs instead when the stream is destroyed or fails first.
 */
function endingWith(body: Readable, onEnd: () => Promise<void>, onCut: (error: Error | null) => void): Readable {
  const last = new Transform({
    transform: (chunk, _encoding, done) => done(null, chunk),
    flush: (done) => void onEnd().then(() => done(), done),
  });
  pipeline(body, last, (error) => {
    if (error) onCut(error);
  });
  return last;
}

function isPrematureClose(error: Error): boolean {
  return (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
}
