// The login session: a cookie holding an opaque token that the auth backend checks on every request. No session
// state lives in this process, so any instance can serve any request.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminUser, AuthBackend } from '../../auth/types.ts';

export const SESSION_COOKIE = 'prisma_admin_session';
/** Sessions end after 12 hours; log in again after that. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in admin user, or null (set by the admin's session hook). */
    adminUser: AdminUser | null;
  }
}

export async function userOfRequest(request: FastifyRequest, auth: AuthBackend): Promise<AdminUser | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 512) return null;
  return auth.userForSession(token);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, prefix: string, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: prefix || '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(reply: FastifyReply, prefix: string): void {
  reply.clearCookie(SESSION_COOKIE, { path: prefix || '/' });
}

/**
 * Where to go after login: only a path inside the admin (no open redirect to another site, scheme-relative `//host`,
 * backslash tricks or control characters); anything else goes to the admin's index.
 */
export function safeNext(next: unknown, prefix: string): string {
  const home = `${prefix}/`;
  if (typeof next !== 'string' || next.length > 2000) return home;
  if (!next.startsWith(`${prefix}/`) || next.startsWith('//') || /[\\\u0000-\u001f]/.test(next)) return home;
  try {
    const url = new URL(next, 'http://admin.invalid');
    if (url.origin !== 'http://admin.invalid' || !url.pathname.startsWith(`${prefix}/`)) return home;
    return url.pathname + url.search;
  } catch {
    return home;
  }
}
