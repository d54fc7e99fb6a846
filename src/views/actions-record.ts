// Actions on one record (`recordActions`): buttons on its change and detail pages, run through the same flow as a
// list action (permission per record, confirmation, one transaction, an audit entry), then back to the record.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mayRun } from '../admin/action-permission.ts';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { badRequest } from '../http/errors.ts';
import { addMessage } from '../http/flash.ts';
import { formText, readForm } from '../http/form-body.ts';
import { urlsOf } from '../http/page.ts';
import { runActionFlow } from './actions-flow.ts';

type RecordRequest = FastifyRequest<{ Params: { model: string; id: string } }>;

/** The buttons of a record's page: the record actions the request may run on it. */
export function recordActionsOf(ctx: AdminContext, admin: ResolvedModelAdmin, request: FastifyRequest, record: Record<string, unknown> | undefined) {
  if (!record || admin.model.isView) return null;
  const buttons = (admin.admin.recordActions ?? []).filter((a) => mayRun(admin, request, a) && mayRun(admin, request, a, record)).map((a) => ({ name: a.name, label: a.label }));
  return buttons.length ? { url: urlsOf(ctx).recordById(admin, encodeRecordId(admin.model, record), 'action'), buttons } : null;
}

export async function recordActionView(ctx: AdminContext, request: RecordRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const form = await readForm(request);
  const name = formText(form, 'action');
  const action = (admin.admin.recordActions ?? []).find((a) => a.name === name);
  if (!action) return badRequest(ctx, request, reply, `Unknown action “${name ?? ''}”.`);
  const urls = urlsOf(ctx);
  const id = request.params.id;
  const back = admin.admin.hasChangePermission(request) ? urls.recordById(admin, id, 'change') : urls.recordById(admin, id);
  return runActionFlow(ctx, request, reply, admin, action, form, { kind: 'ids', ids: [id] }, {
    formAction: urls.recordById(admin, id, 'action'),
    cancelUrl: back,
    back: (level, text) => {
      addMessage(request, reply, ctx.prefix, { level, text });
      return reply.redirect(back, 303);
    },
  });
}
