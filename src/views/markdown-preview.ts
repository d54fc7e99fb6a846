// The live preview of Markdown fields: POST `<prefix>/<model>/markdown-preview` with `field` and `text` (and the
// CSRF token) answers `{ html }`, the text rendered and sanitized exactly as the detail page will show it. Part of
// editing: it needs the add or change permission (the forms it serves), not only view.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import { renderMarkdown } from '../markup/markdown.ts';
import { forbidden, notFound } from '../http/errors.ts';

export async function markdownPreviewView(ctx: AdminContext, request: FastifyRequest<{ Params: { model: string } }>, reply: FastifyReply) {
  const admin = ctx.models.get(request.params.model);
  if (!admin) return notFound(ctx, request, reply, 'There is no such model in this admin.');
  if (!admin.admin.hasChangePermission(request) && !admin.admin.hasAddPermission(request)) return forbidden(ctx, request, reply);
  const body = (request.body ?? {}) as Record<string, unknown>;
  reply.header('cache-control', 'no-store');
  if (typeof body.field !== 'string' || !admin.markdownFields.has(body.field)) {
    return reply.code(400).send({ error: `field must name a Markdown field of this model (${[...admin.markdownFields].join(', ') || 'it has none'}).` });
  }
  if (typeof body.text !== 'string') return reply.code(400).send({ error: 'text must be the Markdown to preview.' });
  return reply.send({ html: renderMarkdown(body.text.replace(/\r\n?/g, '\n')).toString() });
}
