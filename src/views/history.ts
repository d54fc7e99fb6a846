// The history of one record (its audit log entries), and the user's recent actions for the index.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { describeEntry } from '../audit/audit-log.ts';
import { decodeRecordId, recordWhere } from '../data/record-id.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { findModel, modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import { delegateIn, delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { formatDateTime } from './display.ts';
import { recordLabel } from './record-label.ts';
import { labelSelect } from './relation-choices.ts';

type RecordRequest = FastifyRequest<{ Params: { model: string; id: string } }>;

const HISTORY_LIMIT = 200;

export async function historyView(ctx: AdminContext, request: RecordRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const where = decodeRecordId(ctx.schema, admin.model, request.params.id);
  if (!where) return notFound(ctx, request, reply, 'There is no such record.');
  const record = await delegateOf(ctx, admin).findFirst({ where: scopedWhere(admin, request, recordWhere(ctx.schema, admin.model, request.params.id)!), select: labelSelect(admin) });
  // A record that is gone (or never was) has only its log left: for those who may read the log, not for every viewer.
  if (!record && (admin.admin.getQueryset(request) || !maySeeLog(ctx, request))) return notFound(ctx, request, reply, 'There is no such record.');
  if (record && !admin.admin.hasViewPermission(request, record)) return forbidden(ctx, request, reply);
  if (!ctx.auditLog) return notFound(ctx, request, reply, 'The audit log is off: this schema has no AdminLogEntry model.');
  const entries = await delegateIn(ctx.prisma, 'AdminLogEntry').findMany({
    where: { model: admin.model.name, objectId: request.params.id },
    orderBy: [{ actionTime: 'desc' }, { id: 'desc' }],
    take: HISTORY_LIMIT,
  });
  const urls = urlsOf(ctx);
  const label = record ? recordLabel(admin, record) : String(entries[0]?.objectRepr ?? request.params.id);
  return renderPage(ctx, request, reply, 'history', {
    entries: entries.map((e) => ({ time: formatDateTime(e.actionTime as Date), username: e.username, message: describeEntry(e as never, admin.admin.passwordFields ?? []) })),
    recordUrl: record ? urls.recordById(admin, request.params.id) : null,
  }, {
    title: `Change history: ${label}`,
    model: admin,
    breadcrumbs: [
      { label: 'Home', url: urls.index() },
      { label: modelLabelPlural(admin.model), url: urls.list(admin) },
      ...(record ? [{ label, url: urls.recordById(admin, request.params.id) }] : []),
      { label: 'History' },
    ],
  });
}

/** May the user read the audit log itself: the view permission of the AdminLogEntry admin (superusers by default). */
function maySeeLog(ctx: AdminContext, request: FastifyRequest): boolean {
  const log = [...ctx.models.values()].find((a) => a.model.name === 'AdminLogEntry');
  return Boolean(log?.admin.hasViewPermission(request));
}

/** The logged-in user's latest actions, with links to records that still exist in models they may view. */
export async function recentActions(ctx: AdminContext, request: FastifyRequest, limit = 10) {
  if (!ctx.auditLog || !request.adminUser || request.adminUser.id === 'env') return [];
  const entries = await delegateIn(ctx.prisma, 'AdminLogEntry').findMany({
    where: { userId: Number(request.adminUser.id) },
    orderBy: [{ actionTime: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  const urls = urlsOf(ctx);
  return entries.map((e) => {
    const model = findModel(ctx.schema, String(e.model));
    const admin = model ? [...ctx.models.values()].find((a) => a.model === model) : undefined;
    const visible = admin && admin.admin.hasViewPermission(request) && e.action !== 'delete' && e.action !== 'export';
    return {
      time: formatDateTime(e.actionTime as Date),
      action: String(e.action),
      label: String(e.objectRepr),
      model: model ? modelLabel(model) : String(e.model),
      url: visible ? urls.recordById(admin, String(e.objectId)) : null,
    };
  });
}
