// The dashboard: every model the site shows, with its record count.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { modelLabelPlural } from '../schema/lookup.ts';
import { delegateOf, type AdminContext } from '../http/context.ts';
import { renderPage, urlsOf } from '../http/page.ts';

export async function indexView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply) {
  const urls = urlsOf(ctx);
  const visible = [...ctx.models.values()].filter((a) => !a.admin.hidden);
  const counts = await Promise.all(visible.map((admin) => delegateOf(ctx, admin).count({})));
  const models = visible.map((admin, i) => ({
    label: modelLabelPlural(admin.model),
    documentation: admin.model.documentation,
    count: counts[i],
    listUrl: urls.list(admin),
    addUrl: admin.model.isView ? null : urls.add(admin),
  }));
  return renderPage(ctx, request, reply, 'index', { models }, { title: ctx.site.title, breadcrumbs: [{ label: 'Home' }] });
}
