// Adding or changing a related record without leaving the form (Django's "+" and pencil beside a relation). The
// related form opens in a dialog (admin.js) or, without JavaScript, a new tab, with `_popup=1`; once saved, it answers
// with a small page whose `data-popup-response` (JSON, HTML-escaped) admin.js posts back to the form that opened it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { AdminContext } from '../admin/context.ts';
import { readOnlyReason } from '../admin/read-only.ts';
import { encodeRecordId } from '../data/record-id.ts';
import type { FormField } from '../forms/types.ts';
import { modelLabel } from '../schema/lookup.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { recordLabel } from './record-label.ts';
import { relatedAdminOf } from './relation-choices.ts';

/** The query parameter of a form opened from another form's "+" or pencil. */
export const POPUP_PARAM = '_popup';
/** Stands for the selected record's id in the pencil's address (admin.js puts the id in). */
const ID_PLACEHOLDER = '__id__';

export function isPopup(request: FastifyRequest): boolean {
  return (request.query as Record<string, unknown> | undefined)?.[POPUP_PARAM] === '1';
}

export function withPopup(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${POPUP_PARAM}=1`;
}

export interface RelatedLinks {
  /** The related model's label ("category"), for the links' text. */
  label: string;
  /** Its add form as a popup, when the request may add such records. */
  addUrl: string | null;
  /** Its change form for the id in place of `__id__`, when the request may change them (to-one fields only). */
  changeUrlTemplate: string | null;
  /** The change form of the record selected now, if any. */
  changeUrl: string | null;
}

/** The "+" and pencil of one relation field, as the related admin's permissions allow; none inside a popup. */
export function relatedLinks(ctx: AdminContext, request: FastifyRequest, field: FormField, values: string[]): RelatedLinks | null {
  if (field.readOnly || (field.widget !== 'relation' && field.widget !== 'relation-multiple') || isPopup(request)) return null;
  const related = relatedAdminOf(ctx, field.relatedModel!);
  if (!related || readOnlyReason(related.model)) return null;
  const urls = urlsOf(ctx);
  const addUrl = related.admin.hasAddPermission(request) ? withPopup(urls.add(related)) : null;
  const changeUrlTemplate = field.widget === 'relation' && related.admin.hasChangePermission(request)
    ? withPopup(urls.recordById(related, ID_PLACEHOLDER, 'change'))
    : null;
  if (!addUrl && !changeUrlTemplate) return null;
  const current = field.widget === 'relation' && values.length === 1 && values[0] ? values[0] : null;
  return {
    label: modelLabel(related.model).toLowerCase(),
    addUrl,
    changeUrlTemplate,
    changeUrl: changeUrlTemplate && current ? changeUrlTemplate.replace(ID_PLACEHOLDER, encodeURIComponent(current)) : null,
  };
}

/** The page a popup's save answers with: the saved record's id and label for the form that opened it. */
export function popupResponse(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, record: Record<string, unknown>, action: 'add' | 'change') {
  const label = recordLabel(admin, record);
  const response = JSON.stringify({ action, model: admin.model.name, value: encodeRecordId(admin.model, record), label });
  return renderPage(ctx, request, reply, 'popup_response', { response, label, action, modelLabel: modelLabel(admin.model).toLowerCase() }, {
    title: `${modelLabel(admin.model)} saved`,
    breadcrumbs: [],
    model: admin,
    popup: true,
  });
}
