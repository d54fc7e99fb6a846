// The live preview of Markdown fields: POST `<prefix>/<model>/markdown-preview` with `field` and `text` (and the
// CSRF token) answers `{ html }`, the text rendered and sanitized exactly as the detail page will show it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { AdminContext } from '../admin/context.ts';
import { renderMarkdown } from '../markup/markdown.ts';

export async function markdownPreviewView(_ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const body = (request.body ?? {}) as Record<string, unknown>;
  reply.header('cache-control', 'no-store');
  if (typeof body.field !== 'string' || !admin.markdownFields.has(body.field)) {
    return reply.code(400).send({ error: `field must name a Markdown field of this model (${[...admin.markdownFields].join(', ') || 'it has none'}).` });
  }
  if (typeof body.text !== 'string') return reply.code(400).send({ error: 'text must be the Markdown to preview.' });
  return reply.send({ html: renderMarkdown(body.text.replace(/\r\n?/g, '\n')).toString() });
}
