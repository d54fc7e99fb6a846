// Serves a file field's file or thumbnail from its storage. The key is read from the record (never from the URL),
// through the admin's queryset and view permission. Only raster images are shown inline; everything else is an
// attachment, and nosniff keeps the browser from running a file as a page whatever its bytes are.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { delegateOf } from '../data/delegates.ts';
import { recordWhere } from '../data/record-id.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { isInlineImage } from '../files/sniff.ts';
import { isSafeKey, thumbnailKey } from '../files/storage-key.ts';
import { forbidden, notFound } from '../http/errors.ts';

type FileRequest = FastifyRequest<{ Params: { model: string; id: string; field: string } }>;

export async function storedFileView(ctx: AdminContext, request: FileRequest, reply: FastifyReply, admin: ResolvedModelAdmin, which: 'file' | 'thumbnail') {
  const options = admin.fileFields.get(request.params.field);
  const where = recordWhere(ctx.schema, admin.model, request.params.id);
  if (!options || !where) return notFound(ctx, request, reply, 'There is no such file.');
  const record = await delegateOf(ctx, admin).findFirst({ where: scopedWhere(admin, request, where) });
  if (record && !admin.admin.hasViewPermission(request, record)) return forbidden(ctx, request, reply);
  const key = record?.[request.params.field];
  if (typeof key !== 'string' || !isSafeKey(key)) return notFound(ctx, request, reply, 'There is no such file.');
  const stored = await options.storage.get(which === 'thumbnail' ? thumbnailKey(key) : key);
  if (!stored) return notFound(ctx, request, reply, 'The file is missing from its storage.');
  const name = key.slice(key.lastIndexOf('/') + 1);
  const inline = isInlineImage(stored.contentType);
  reply
    .header('content-type', inline ? stored.contentType : 'application/octet-stream')
    .header('content-disposition', inline ? 'inline' : `attachment; filename="${name}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=300');
  if (stored.size !== undefined) reply.header('content-length', stored.size);
  return reply.send(stored.body);
}
