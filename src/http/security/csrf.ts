// CSRF protection on every state-changing request: a secret in a cookie, a token in every form (double submit, as
// @fastify/csrf-protection does it). Multipart forms carry the token in their action's query string, because the
// check runs before the body is read.
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CSRF_FIELD = '_csrf';
const CSRF_COOKIE = 'prisma_admin_csrf';

export async function registerCsrf(app: FastifyInstance, prefix: string): Promise<void> {
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: prefix || '/', sameSite: 'strict', httpOnly: true },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      const query = request.query as Record<string, unknown> | undefined;
      const fromBody = body && typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined;
      const fromQuery = query && typeof query[CSRF_FIELD] === 'string' ? (query[CSRF_FIELD] as string) : undefined;
      return fromBody ?? (request.headers['x-csrf-token'] as string | undefined) ?? fromQuery;
    },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    app.csrfProtection(request, reply, done);
  });
}

/** The token to put in this page's forms (sets the secret cookie when the browser has none yet). */
export function csrfToken(reply: FastifyReply): string {
  return reply.generateCsrf({ secure: reply.request.protocol === 'https' });
}

/**
 * A new CSRF secret at login (Django rotates its token then too): a token someone saw or planted before the login
 * does not work after it.
 */
export function rotateCsrfSecret(reply: FastifyReply): void {
  delete reply.request.cookies[CSRF_COOKIE];
  csrfToken(reply);
}
