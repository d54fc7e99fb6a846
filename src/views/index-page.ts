// The dashboard: every model the site shows, with its record count.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { modelLabelPlural } from '../schema/lookup.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { accessibleModels, navigation, renderPage, urlsOf } from '../http/page.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { recentActions } from './history.ts';
import { readOnlyReason } from '../admin/read-only.ts';

export async function indexView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply) {
  const urls = urlsOf(ctx);
  const groups = navigation(ctx, request, undefined, accessibleModels(ctx, request)).filter((g) => g.items.some((i) => i.admin));
  const admins = groups.flatMap((g) => g.items.map((i) => i.admin).filter((a): a is ResolvedModelAdmin => a !== null));
  const [counts, recent] = await Promise.all([
    // Counts only for what the user may view: an add-only user learns nothing about the table.
    Promise.all(admins.map((admin) => admin.admin.hasViewPermission(request) ? delegateOf(ctx, admin).count({ where: scopedWhere(admin, request, undefined) }) : null)),
    recentActions(ctx, request),
  ]);
  const countOf = new Map(admins.map((a, i) => [a, counts[i]]));
  const modelGroups = groups.map((g) => ({
    title: g.title,
    models: g.items.filter((i) => i.admin).map(({ admin }) => ({
      label: modelLabelPlural(admin!.model),
      documentation: admin!.model.documentation,
      readOnly: readOnlyReason(admin!.model),
      count: countOf.get(admin!)!,
      listUrl: admin!.admin.hasViewPermission(request) ? urls.list(admin!) : null,
      addUrl: !readOnlyReason(admin!.model) && admin!.admin.hasAddPermission(request) ? urls.add(admin!) : null,
    })),
  }));
  return renderPage(ctx, request, reply, 'index', { groups: modelGroups, recent, auditLog: ctx.auditLog }, { title: ctx.site.title, breadcrumbs: [{ label: 'Home' }] });
}
