// Error pages inside the admin layout: 404 for unknown models and records, 400 for malformed input, 503 when the
// database cannot be reached, 500 (without details) for the rest.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from './context.ts';
import { renderPage, urlsOf } from './page.ts';

export function notFound(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, message: string) {
  return errorPage(ctx, request, reply, 404, 'Not found', message);
}

export function forbidden(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply) {
  return errorPage(ctx, request, reply, 403, 'Permission denied', 'You do not have permission to do this. Ask a superuser if you need it.');
}

export function badRequest(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, message: string) {
  return errorPage(ctx, request, reply, 400, 'Bad request', message);
}

export function errorPage(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string) {
  return renderPage(ctx, request, reply, 'error', { status, message }, {
    title,
    status,
    breadcrumbs: [{ label: 'Home', url: urlsOf(ctx).index() }, { label: title }],
  });
}

/** Errors that mean "the database is not reachable right now" rather than a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if (e.name === 'PrismaClientInitializationError') return true;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'P1001', 'P1017', '57P01'].includes(e.code)) return true;
  if (typeof e.message === 'string' && /ECONNREFUSED|Connection terminated|connect ECONN|Can't reach database|DatabaseNotReachable|SocketTimeout/i.test(e.message)) return true;
  // Driver errors Prisma passes on as "Code: `...`": the mariadb driver's lost connection, socket and pool timeout
  // (450xx; its pool retries a refused connection until it times out), PostgreSQL's server shutdown (57P0x).
  if (typeof e.message === 'string' && /Code: `(4500[19]|4501[239]|4502[68]|57P0[123])`|pool timeout: failed to retrieve a connection/.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error ? isDatabaseUnavailable(e.cause) : false;
}
