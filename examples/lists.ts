// lists.ts: a list page's options and hooks (defineAdmin types them from your generated client).
import type { FastifyRequest } from 'fastify';
import { action, AdminSite, column, customFilter, defineAdmin } from 'prisma-admin-site';
import type { Post, Prisma } from './generated/prisma/client.js';

class PostAdmin extends defineAdmin<Prisma.PostSelect, Post>({
  listDisplay: ['title', 'author', 'author.email', 'status', 'publishedAt',       // fields, relations, relation paths
    column<Post>({ name: 'words', header: 'Words', value: (p) => p.body.split(/\s+/).length })], // computed
  listDisplayLinks: ['title'],            // cells that open the change page (default: the first column)
  listFilter: ['status', 'author', 'publishedAt', customFilter({   // enums, Booleans, relations, dates, your own
    name: 'popular', title: 'Popularity',
    choices: [{ value: 'yes', label: 'Over 1,000 views' }],
    where: () => ({ viewCount: { gt: 1000 } }),
  })],
  searchFields: ['title', 'body', 'author.name'],
  ordering: ['-publishedAt'],             // the primary key is always added as tie breaker
  listPerPage: 50,
  listEditable: ['status'],               // edit a column in the list; one Save button, one transaction
  dateHierarchy: 'publishedAt',           // years → months → days above the list
  actions: [action<Post>({
    name: 'publish', label: 'Publish selected', confirm: true,
    async run({ records, client }) {      // client: the transaction's, shared with the audit log
      await client.post.updateMany({ where: { id: { in: records.map((p) => p.id) } }, data: { status: 'published' } });
      return `${records.length} posts published.`;
    },
  })],
}) {
  // Hooks: override per request (and per record).
  getQueryset(request: FastifyRequest) {
    return request.adminUser?.isSuperuser ? undefined : { author: { email: request.adminUser?.username } };
  }
  hasDeletePermission(request: FastifyRequest, record?: Record<string, unknown>) {
    return super.hasDeletePermission(request, record) && record?.status !== 'published';
  }
}

const site = new AdminSite({
  title: 'Blog admin',
  groups: [{ title: 'Blog', models: ['Post', 'Comment'] }],    // order and group the index and navigation
  pages: [{ path: 'statistics', title: 'Statistics', template: 'statistics',   // a page of your own
            permission: ['Post.view', 'Comment.view'],                          // who may open it (all of them)
            context: async ({ prisma }) => ({ posts: await prisma.post.count() }) }],
}).register('Post', PostAdmin);
