// Renders an admin page: the page's own data plus what every page shows (site header, navigation, messages).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pagePermissions, type AdminPage } from '../admin/admin-page.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { modelLabelPlural } from '../schema/lookup.ts';
import type { AdminContext } from '../admin/context.ts';
import { modelUrlName } from '../schema/lookup.ts';
import { clearMessages, takeMessages } from './flash.ts';
import { csrfToken } from './security/csrf.ts';
import { allowSameOriginFraming } from './security/headers.ts';
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
  /** A form opened from another form (`_popup=1`): no site header or navigation, and framed by the admin itself. */
  popup?: boolean;
}

export function urlsOf(ctx: AdminContext): AdminUrls {
  return new AdminUrls(ctx.prefix);
}

/** The models this request's user may see, in site order (not hidden ones). */
export function visibleModels(ctx: AdminContext, request: FastifyRequest): ResolvedModelAdmin[] {
  return [...ctx.models.values()].filter((admin) => !admin.admin.hidden && admin.admin.hasViewPermission(request));
}

/** Models the user has any permission on (Django's index lists them; only viewable ones link to their list). */
export function accessibleModels(ctx: AdminContext, request: FastifyRequest): ResolvedModelAdmin[] {
  return [...ctx.models.values()].filter((a) => !a.admin.hidden && (a.admin.hasViewPermission(request) || a.admin.hasAddPermission(request)
    || a.admin.hasChangePermission(request) || a.admin.hasDeletePermission(request)));
}

/** May this request's user open the page: every permission it requires, through the model admins' hooks, and its rule. */
export function mayOpenPage(ctx: AdminContext, request: FastifyRequest, page: AdminPage): boolean {
  const permitted = pagePermissions(page).every(({ model, action }) => {
    const admin = [...ctx.models.values()].find((a) => a.model.name === model);
    if (!admin) return false;
    switch (action) {
      case 'view': return admin.admin.hasViewPermission(request);
      case 'add': return admin.admin.hasAddPermission(request);
      case 'change': return admin.admin.hasChangePermission(request);
      case 'delete': return admin.admin.hasDeletePermission(request);
    }
  });
  return permitted && (!page.hasPermission || page.hasPermission(request));
}

/** The visible models in the site's groups (one untitled group when the site has none), and the site's pages. */
export function navigation(ctx: AdminContext, request: FastifyRequest, current?: ResolvedModelAdmin, models = visibleModels(ctx, request)) {
  const urls = urlsOf(ctx);
  type NavItem = { label: string; url: string; active: boolean; admin: ResolvedModelAdmin | null };
  const item = (admin: ResolvedModelAdmin): NavItem => ({ label: modelLabelPlural(admin.model), url: urls.list(admin), active: admin === current, admin });
  const visible = models;
  const groups = ctx.site.groups
    .map((g): { title: string | null; items: NavItem[] } => ({ title: g.title, items: visible.filter((a) => g.models.includes(a.model.name)).map(item) }))
    .filter((g) => g.items.length);
  const grouped = new Set(ctx.site.groups.flatMap((g) => g.models));
  const rest = visible.filter((a) => !grouped.has(a.model.name)).map(item);
  if (rest.length) groups.push({ title: groups.length ? 'Other' : null, items: rest });
  const pages = ctx.site.pages
    .filter((p) => mayOpenPage(ctx, request, p))
    .map((p) => ({ label: p.title, url: `${ctx.prefix}/pages/${p.path}`, active: request.url.split('?')[0] === `${ctx.prefix}/pages/${p.path}`, admin: null }));
  if (pages.length) groups.push({ title: 'Pages', items: pages });
  return groups;
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
    popup: options.popup === true,
    nav: options.popup ? [] : request.adminUser ? navigation(ctx, request, options.model) : [],
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
  if (options.popup) allowSameOriginFraming(reply);
  return reply.view(template, it);
}
