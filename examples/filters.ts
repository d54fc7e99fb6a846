// filters.ts: filters on any field, through relations, with a forced kind, and counts beside the choices.
import { AdminSite, defineAdmin } from 'prisma-admin-site';
import type { Post, Prisma } from './generated/prisma/client.js';

class PostAdmin extends defineAdmin<Prisma.PostSelect, Post>({
  listFilter: [
    'status',                                // an enum: its values
    'author.country',                        // a String of the author: its distinct values, "None" for null
    'tags',                                  // a to-many relation: posts that have the tag, each once
    'publishedAt',                           // today / past 7 days / this month / this year, and a from–to range
    { field: 'viewCount', kind: 'range' },   // forced: a min–max range whatever the count of distinct values
  ],
  showFacets: 'always',                      // counts beside each choice (up to 10,000 rows; else on the link)
}) {}

export const site = new AdminSite().register('Post', PostAdmin);
