// A superuser's page to give an admin user model permissions: a grid of models × view/add/change/delete.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withAuditLog } from '../audit/audit-log.ts';
import { ADMIN_MODELS } from '../auth/backend-for-schema.ts';
import { PERMISSION_ACTIONS } from '../auth/types.ts';
import { modelLabelPlural } from '../schema/lookup.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { addMessage } from '../http/flash.ts';
import { formList, readForm } from '../http/form-body.ts';
import { renderPage, urlsOf } from '../http/page.ts';

type UserRequest = FastifyRequest<{ Params: { id: string } }>;

export async function userPermissionsView(ctx: AdminContext, request: UserRequest, reply: FastifyReply) {
  const userAdmin = ctx.models.get('adminuser');
  if (!userAdmin) return notFound(ctx, request, reply, 'This admin has no users of its own.');
  if (!userAdmin.admin.hasChangePermission(request)) return forbidden(ctx, request, reply);
  const id = /^\d{1,10}$/.test(request.params.id) ? Number(request.params.id) : null;
  const user = id === null ? null : await delegateIn(ctx.prisma, 'AdminUser').findUnique({ where: { id }, include: { permissions: true } });
  if (!user) return notFound(ctx, request, reply, 'There is no such user.');

  const models = [...ctx.models.values()].filter((a) => !(ADMIN_MODELS as readonly string[]).includes(a.model.name));
  const valid = new Set(models.flatMap((a) => PERMISSION_ACTIONS.map((action) => `${a.model.name}.${action}`)));
  const current = new Set((user.permissions as { model: string; action: string }[]).map((p) => `${p.model}.${p.action}`));
  const urls = urlsOf(ctx);

  if (request.method === 'POST') {
    const form = await readForm(request);
    const wanted = [...new Set(formList(form, 'perm'))].filter((p) => valid.has(p));
    const record = { id: user.id };
    await withAuditLog(ctx, request, userAdmin, async (client: PrismaClientLike) => {
      const perms = delegateIn(client, 'AdminUserPermission') as ReturnType<typeof delegateIn> & { createMany(args: object): Promise<unknown> };
      await perms.deleteMany({ where: { userId: id } });
      if (wanted.length) await perms.createMany({ data: wanted.map((p) => ({ userId: id, model: p.split('.')[0], action: p.split('.')[1] })) });
    }, () => [{
      action: 'change',
      record,
      label: String(user.username),
      changes: [{ field: 'permissions', label: 'Permissions', old: [...current].sort().join(', ') || '(none)', new: wanted.sort().join(', ') || '(none)' }],
    }]);
    addMessage(request, reply, ctx.prefix, { level: 'success', text: `The permissions of “${user.username}” were saved.` });
    return reply.redirect(urls.recordById(userAdmin, String(id), 'change'), 303);
  }

  return renderPage(ctx, request, reply, 'user_permissions', {
    username: user.username,
    isSuperuser: Boolean(user.isSuperuser),
    actions: PERMISSION_ACTIONS,
    rows: models.map((a) => ({
      label: modelLabelPlural(a.model),
      cells: PERMISSION_ACTIONS.map((action) => ({ value: `${a.model.name}.${action}`, checked: current.has(`${a.model.name}.${action}`), action })),
    })),
  }, {
    title: `Permissions of ${user.username}`,
    model: userAdmin,
    breadcrumbs: [
      { label: 'Home', url: urls.index() },
      { label: modelLabelPlural(userAdmin.model), url: urls.list(userAdmin) },
      { label: String(user.username), url: urls.recordById(userAdmin, String(id), 'change') },
      { label: 'Permissions' },
    ],
  });
}
