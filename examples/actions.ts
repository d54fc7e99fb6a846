// actions.ts: actions that ask for input, bulk edit, record actions, and the site's actions.
import { z } from 'zod';
import { action, AdminSite, BulkRowError, defineAdmin } from 'prisma-admin-site';
import type { Post, Prisma } from './generated/prisma/client.ts';

const rate = action<Post, { rating: number }>({
  name: 'rate', label: 'Rate selected posts',
  form: z.object({ rating: z.number().min(0).max(5).describe('Rating (0 to 5)') }),  // or fields: ['category']
  async run({ records, client, input }) {  // once per batch (2,000 records), all batches in one transaction
    if (records.some((p) => p.status === 'archived')) {
      throw new BulkRowError(records.find((p) => p.status === 'archived')!, 'Archived posts keep their rating.');
    }
    await client.post.updateMany({ where: { id: { in: records.map((p) => p.id) } }, data: { rating: input.rating } });
  },
});

const publish = action<Post>({
  name: 'publish', label: 'Publish', confirm: 'Publish this post now?',
  async run({ records: [post], client }) {
    await client.post.update({ where: { id: post.id }, data: { status: 'published', publishedAt: new Date() } });
    return 'The post was published.';
  },
});

class PostAdmin extends defineAdmin<Prisma.PostSelect, Post>({
  actions: [rate],
  bulkEdit: ['status', 'category', 'tags'],  // "Edit selected": set these on many rows (tags: add, remove, replace)
  recordActions: [publish],                  // buttons on the change and detail pages
  actionsOnTop: true,
  actionsOnBottom: true,
}) {}

const touch = action({ name: 'touch', label: 'Touch selected', async run() {} });
export const site = new AdminSite({ actions: [touch] })  // on every model's list
  .disableAction('deleteSelected')                      // no "Delete selected" anywhere
  .register('Post', PostAdmin);
