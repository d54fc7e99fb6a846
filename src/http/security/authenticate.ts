// Every admin page needs a logged-in user, except the login page and the static files. Anonymous requests are sent
// to the login page, with the page they wanted as `next`.
import type { FastifyInstance } from 'fastify';
import type { AdminContext } from '../../admin/context.ts';
import { MALFORMED_URL_PATH } from '../malformed-url.ts';
import { userOfRequest } from './session.ts';

export function registerAuthentication(app: FastifyInstance, ctx: AdminContext): void {
  app.decorateRequest('adminUser', null);
  const open = new Set([`${ctx.prefix}/login`, `${ctx.prefix}${MALFORMED_URL_PATH}`, `${ctx.prefix}/favicon.ico`]);
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith(`${ctx.prefix}/static/`)) return;
    request.adminUser = await userOfRequest(request, ctx.auth);
    if (request.adminUser || open.has(path)) return;
    if (path.endsWith('/autocomplete')) return reply.code(401).send({ error: 'Log in first.' });
    const next = request.method === 'GET' ? request.url : `${ctx.prefix}/`;
    return reply.redirect(`${ctx.prefix}/login?next=${encodeURIComponent(next)}`, 303);
  });
}
