// Renders an admin page: the page's own data plus what every page shows (site header, navigation, messages).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { modelLabelPlural } from '../schema/lookup.ts';
import type { AdminContext } from './context.ts';
import { modelUrlName } from './context.ts';
import { clearMessages, takeMessages } from './flash.ts';
import { csrfToken } from './security/csrf.ts';
import { AdminUrls } from './urls.ts';

export interface Crumb {
  label: string;
  url?: string;
}

export interface PageOptions {
  title: string;
  breadcrumbs: Crumb[];
  model?: ResolvedModelAdmin;
  status?: number;
}

export function urlsOf(ctx: AdminContext): AdminUrls {
  return new AdminUrls(ctx.prefix);
}

/** The models this request's user may see, in site order (not hidden ones). */
export function visibleModels(ctx: AdminContext, request: FastifyRequest): ResolvedModelAdmin[] {
  return [...ctx.models.values()].filter((admin) => !admin.admin.hidden && admin.admin.hasViewPermission(request));
}

export function navigation(ctx: AdminContext, request: FastifyRequest, current?: ResolvedModelAdmin) {
  const urls = urlsOf(ctx);
  return visibleModels(ctx, request)
    .map((admin) => ({ label: modelLabelPlural(admin.model), url: urls.list(admin), active: admin === current }));
}

export async function renderPage(
  ctx: AdminContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: string,
  data: Record<string, unknown>,
  options: PageOptions,
): Promise<FastifyReply> {
  const modelName = options.model ? modelUrlName(options.model.model) : undefined;
  const messages = takeMessages(request);
  clearMessages(request, reply, ctx.prefix);
  const it = {
    ...data,
    site: { title: ctx.site.title, header: ctx.site.header },
    urls: urlsOf(ctx),
    nav: request.adminUser ? navigation(ctx, request, options.model) : [],
    user: request.adminUser ? { username: request.adminUser.username } : null,
    csrfToken: csrfToken(reply),
    canChangePassword: ctx.auth.kind === 'database',
    title: options.title,
    breadcrumbs: options.breadcrumbs,
    messages,
    /** Resolves a partial with the per-model override lookup, for `include(it.tpl('partials/x'), it)`. */
    tpl: (name: string) => ctx.templates.page(name, modelName),
  };
  const template = ctx.templates.page(page, modelName);
  reply.code(options.status ?? 200).header('cache-control', 'no-store');
  return reply.view(template, it);
}
