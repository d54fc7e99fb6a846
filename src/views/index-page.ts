// The dashboard: every model the site shows, with its record count.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { modelLabelPlural } from '../schema/lookup.ts';
import { delegateOf, type AdminContext } from '../http/context.ts';
import { renderPage, urlsOf, visibleModels } from '../http/page.ts';
import { recentActions } from './history.ts';

export async function indexView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply) {
  const urls = urlsOf(ctx);
  const visible = visibleModels(ctx, request);
  const [counts, recent] = await Promise.all([
    Promise.all(visible.map((admin) => delegateOf(ctx, admin).count({}))),
    recentActions(ctx, request),
  ]);
  const models = visible.map((admin, i) => ({
    label: modelLabelPlural(admin.model),
    documentation: admin.model.documentation,
    count: counts[i],
    listUrl: urls.list(admin),
    addUrl: !admin.model.isView && admin.admin.hasAddPermission(request) ? urls.add(admin) : null,
  }));
  return renderPage(ctx, request, reply, 'index', { models, recent, auditLog: ctx.auditLog }, { title: ctx.site.title, breadcrumbs: [{ label: 'Home' }] });
}
