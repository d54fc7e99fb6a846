// Error pages inside the admin layout: 404 for unknown models and records, 400 for malformed input, 503 when the
// database cannot be reached, 500 (without details) for the rest.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
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
