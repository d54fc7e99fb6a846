// rich-cells.ts: badges for enum values, a computed column that returns HTML built safely.
import { AdminSite, column, defineAdmin, html } from 'prisma-admin-site';
import type { Post, Prisma } from './generated/prisma/client.js';

class PostAdmin extends defineAdmin<Prisma.PostSelect, Post>({
  listDisplay: ['title', 'status', column<Post>({
    name: 'preview', header: 'Preview',
    value: (p) => html`<a href="https://blog.example/${p.slug}" title="${p.title}">view</a>`,
  })],
  badges: { status: { published: 'green', draft: 'grey', archived: 'orange' } },  // keys: the enum's values
}) {}
export const site = new AdminSite().register('Post', PostAdmin);
