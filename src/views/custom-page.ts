// Pages of the site's or a model admin's own (AdminPage): their template, inside the admin layout.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminPage } from '../admin/admin-page.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { modelLabelPlural } from '../schema/lookup.ts';
import type { AdminContext } from '../admin/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { mayOpenPage, renderPage, urlsOf } from '../http/page.ts';

export async function sitePageView(ctx: AdminContext, request: FastifyRequest<{ Params: { path: string } }>, reply: FastifyReply) {
  const page = ctx.site.pages.find((p) => p.path === request.params.path);
  if (!page) return notFound(ctx, request, reply, 'There is no such page in this admin.');
  return renderCustomPage(ctx, request, reply, page);
}

export async function modelPageView(ctx: AdminContext, request: FastifyRequest<{ Params: { model: string; path: string } }>, reply: FastifyReply) {
  const admin = ctx.models.get(request.params.model);
  const page = admin?.admin.pages?.find((p) => p.path === request.params.path);
  if (!admin || !page) return notFound(ctx, request, reply, 'There is no such page in this admin.');
  if (!admin.admin.hasViewPermission(request)) return forbidden(ctx, request, reply);
  return renderCustomPage(ctx, request, reply, page, admin);
}

async function renderCustomPage(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, page: AdminPage, admin?: ResolvedModelAdmin) {
  if (!mayOpenPage(ctx, request, page)) return forbidden(ctx, request, reply);
  const data = (await page.context?.({ request, prisma: ctx.prisma })) ?? {};
  const urls = urlsOf(ctx);
  return renderPage(ctx, request, reply, page.template, data, {
    title: page.title,
    model: admin,
    breadcrumbs: [
      { label: 'Home', url: urls.index() },
      ...(admin ? [{ label: modelLabelPlural(admin.model), url: urls.list(admin) }] : []),
      { label: page.title },
    ],
  });
}
