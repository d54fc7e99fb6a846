// export.ts: the columns an export writes, and who may export.
import type { FastifyRequest } from 'fastify';
import { column, ModelAdmin } from 'prisma-admin-site';
import type { Post } from './generated/prisma/client.ts';

class PostAdmin extends ModelAdmin {
  exportFields = ['id', 'title', 'author.email', 'category',        // fields, relation paths, relations, computed
    column<Post>({ name: 'words', header: 'Words', value: (p) => p.body.split(/\s+/).length })];
  hasExportPermission(request: FastifyRequest) {                     // default: the view permission
    return request.adminUser?.isSuperuser === true;
  }
}
