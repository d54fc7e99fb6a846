// The audit log: every add, change, delete and action writes an AdminLogEntry in the same transaction as the change,
// so a change is never saved without its entry (nor the other way round). Off when the schema has no AdminLogEntry.
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { delegateIn, type ModelDelegate, type PrismaClientLike } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ModelMeta } from '../schema/types.ts';
import { cutText } from '../views/display.ts';
import type { FieldChange } from './diff.ts';
import { refuseDuringLongRun } from '../data/sqlite-long-runs.ts';

export type LogAction = 'add' | 'change' | 'delete' | 'action';

export interface LogDetails {
  action: LogAction;
  record: Record<string, unknown>;
  label: string;
  changes?: FieldChange[];
  actionName?: string;
  /** The record's model when it is not the admin's own (an inline row saved with its parent). */
  model?: ModelMeta;
  /** A parent's change: what happened to its inline rows in the same save (each row also has its own entry). */
  inlines?: InlineChange[];
  /** A deletion the database cascaded from the record the user deleted. */
  cascade?: boolean;
  /** A summary entry of a cascade: how many rows of `model` it deleted (then `objectId` is empty). */
  count?: number;
  /** Instead of the record's encoded primary key. */
  objectId?: string;
}

export interface InlineChange {
  action: 'add' | 'change' | 'delete';
  /** The inline model's name in lower case ("comment"). */
  model: string;
  label: string;
}

/** The parent's summary of its inline rows' entries ("Added comment “Nice”"). */
export function inlineChangesOf(entries: LogDetails[], labelOf: (model: ModelMeta) => string): InlineChange[] {
  return entries.flatMap((e) => (e.model && e.action !== 'action' ? [{ action: e.action, model: labelOf(e.model).toLowerCase(), label: cutText(e.label, 200) }] : []));
}

/**
 * Runs `work` with a client (a transaction's when logging), then logs what it returns, in the same transaction.
 * `transaction`: Prisma's interactive-transaction options (`timeout`, `maxWait`; Prisma's default timeout is 5 s).
 */
export async function withAuditLog<T>(
  ctx: AdminContext,
  request: FastifyRequest,
  admin: ResolvedModelAdmin,
  work: (client: PrismaClientLike) => Promise<T>,
  describe: (result: T) => LogDetails[],
  transaction: { timeout?: number; maxWait?: number } = {},
): Promise<T> {
  if (!ctx.auditLog || !request.adminUser) return work(ctx.prisma);
  refuseDuringLongRun(ctx.schema.provider, ctx.prisma);
  const run = ctx.prisma.$transaction as unknown as (fn: (tx: PrismaClientLike) => Promise<T>, options: object) => Promise<T>;
  return run.call(ctx.prisma, async (tx: PrismaClientLike) => {
    const result = await work(tx);
    await writeLogEntries(tx, request, admin, describe(result));
    return result;
  }, transaction);
}

/** What an export's entry records: the list it read (its query string) and how many rows it wrote. */
export interface ExportDetails {
  format: string;
  columns: string;
  rows: number;
  /** The list's query string (search, filters, drill-down, order), or '' for the whole list. */
  query: string;
  /** "Export selected": how many rows were checked. */
  selected?: number;
  /** False when the download was cut off (the client went away, or the query failed). */
  complete: boolean;
}

/** One entry for an export of the list (not about one record: its objectId is empty). */
export async function logExport(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, label: string, details: ExportDetails): Promise<void> {
  if (!ctx.auditLog || !request.adminUser) return;
  const user = request.adminUser;
  await delegateIn(ctx.prisma, 'AdminLogEntry').create({
    data: {
      userId: user.id === 'env' ? null : Number(user.id),
      username: user.username,
      model: admin.model.name,
      objectId: '',
      objectRepr: cutText(label, 200),
      action: 'export',
      changeMessage: JSON.stringify({ export: details }),
    },
  });
}

/** Writes `entries` as the request's user, through `tx` (the transaction of the change they describe). */
export async function writeLogEntries(tx: PrismaClientLike, request: FastifyRequest, admin: ResolvedModelAdmin, entries: LogDetails[]): Promise<void> {
  const user = request.adminUser;
  if (!user || entries.length === 0) return;
  const log = delegateIn(tx, 'AdminLogEntry') as ModelDelegate & { createMany(args: object): Promise<unknown> };
  await log.createMany({ data: logEntryRows(request, admin, entries) });
}

/** The AdminLogEntry rows of `entries`, as the request's user. */
export function logEntryRows(request: FastifyRequest, admin: ResolvedModelAdmin, entries: LogDetails[]) {
  const user = request.adminUser!;
  // Entries of a bulk run that say the same share their changes array: its message is made once.
  const messages = new Map<FieldChange[], string>();
  return entries.map((entry) => ({
      userId: user.id === 'env' ? null : Number(user.id),
      username: user.username,
      model: (entry.model ?? admin.model).name,
      objectId: entry.objectId ?? encodeRecordId(entry.model ?? admin.model, entry.record),
      objectRepr: cutText(entry.label, 200),
      action: entry.action,
      changeMessage: entry.action === 'change' && entry.changes && !entry.inlines?.length ? sharedMessage(messages, entry.changes) : messageOf(entry),
  }));
}

function messageOf(entry: LogDetails): string {
  return JSON.stringify(entry.action === 'change'
    ? { changes: entry.changes ?? [], ...(entry.inlines?.length ? { inlines: entry.inlines } : {}) }
    : entry.actionName ? { action: entry.actionName }
    : entry.cascade ? { cascade: true, ...(entry.count !== undefined ? { count: entry.count } : {}) } : {});
}

function sharedMessage(messages: Map<FieldChange[], string>, changes: FieldChange[]): string {
  let message = messages.get(changes);
  if (message === undefined) messages.set(changes, (message = JSON.stringify({ changes })));
  return message;
}

export interface LogEntryView {
  time: Date;
  username: string;
  action: string;
  model: string;
  objectId: string;
  objectRepr: string;
  message: string;
}

/**
 * One line that says what an entry did: "Changed Title from “a” to “b”.", "Password changed.", "Added.", "Deleted."
 * `passwordFields`: the model's password fields, whose values are never shown (also in entries older than the rule).
 */
export function describeEntry(entry: { action: string; changeMessage: string }, passwordFields: readonly string[] = []): string {
  let details: { changes?: FieldChange[]; action?: string; inlines?: InlineChange[]; cascade?: boolean; count?: number; export?: ExportDetails } = {};
  try {
    details = JSON.parse(entry.changeMessage);
  } catch {
    // An entry written by something else: show its action only.
  }
  switch (entry.action) {
    case 'add':
      return 'Added.';
    case 'delete':
      if (details.cascade && typeof details.count === 'number') return `Deleted ${details.count.toLocaleString('en-US')} records through a cascade.`;
      return details.cascade ? 'Deleted through a cascade.' : 'Deleted.';
    case 'action':
      return `Action “${details.action ?? 'unknown'}”.`;
    case 'export': {
      const e = details.export;
      if (!e) return 'Exported.';
      const what = e.selected !== undefined ? ` of ${e.selected} selected` : e.query ? ` of the list ${e.query}` : ' of the whole list';
      return `Exported ${e.rows.toLocaleString('en-US')} rows${what} as ${e.format} (${e.columns}).${e.complete ? '' : ' The download was cut off.'}`;
    }
    case 'change': {
      const all = Array.isArray(details.changes) ? details.changes : [];
      const isSecret = (c: FieldChange) => c.secret === true || passwordFields.includes(c.field);
      const changes = all.filter((c) => !isSecret(c));
      const secrets = all.filter(isSecret);
      const inlines = Array.isArray(details.inlines) ? details.inlines : [];
      if (all.length === 0 && inlines.length === 0) return 'No fields changed.';
      const verbs = { add: 'Added', change: 'Changed', delete: 'Deleted' } as const;
      return [
        ...(changes.length ? [`Changed ${changes.map((c) => `${c.label} from “${c.old}” to “${c.new}”`).join('; ')}.`] : []),
        ...secrets.map((c) => `${c.label} changed.`),
        ...inlines.map((i) => `${verbs[i.action] ?? 'Changed'} ${i.model} “${i.label}”.`),
      ].join(' ');
    }
    default:
      return entry.action;
  }
}
