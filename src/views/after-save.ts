// Where a saved add/change form goes: the list, the form again, a blank form, the detail page ("Save and view"), or,
// in a popup, the page that hands the record back to the form that opened it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { AdminContext } from '../admin/context.ts';
import type { SubmittedForm } from '../forms/types.ts';
import { modelLabel } from '../schema/lookup.ts';
import { addMessage } from '../http/flash.ts';
import { urlsOf } from '../http/page.ts';
import { recordLabel } from './record-label.ts';
import { isPopup, popupResponse } from './related-popup.ts';
import { preservedFilters, withPreserved } from './preserved-filters.ts';

export function afterSave(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, record: Record<string, unknown>, submitted: SubmittedForm, verb: 'added' | 'changed') {
  if (isPopup(request)) return popupResponse(ctx, request, reply, admin, record, verb === 'added' ? 'add' : 'change');
  const urls = urlsOf(ctx);
  const preserved = preservedFilters(admin, request);
  const name = `${modelLabel(admin.model).toLowerCase()} “${recordLabel(admin, record)}”`;
  if ('_continue' in submitted) {
    addMessage(request, reply, ctx.prefix, { level: 'success', text: `The ${name} was ${verb} successfully. You may edit it again below.` });
    return reply.redirect(withPreserved(urls.record(admin, record, 'change'), preserved), 303);
  }
  if ('_addanother' in submitted) {
    addMessage(request, reply, ctx.prefix, { level: 'success', text: `The ${name} was ${verb} successfully. You may add another ${modelLabel(admin.model).toLowerCase()} below.` });
    return reply.redirect(withPreserved(urls.add(admin), preserved), 303);
  }
  addMessage(request, reply, ctx.prefix, { level: 'success', text: `The ${name} was ${verb} successfully.` });
  if ('_saveandview' in submitted && admin.admin.hasViewPermission(request, record)) return reply.redirect(urls.record(admin, record), 303);
  return reply.redirect(urls.list(admin, preserved), 303);
}
