// The demo blog's admin configuration: how a project customises the generated admin.
import { z } from 'zod';
import { action, AdminSite, column, customFilter, html, LocalStorage, ModelAdmin, TabularInline, type AdminPage, type FileStorage } from '../src/index.ts';

/** Publishes the selected drafts now; posts already published or archived are left as they are. */
export const publishSelected = action<{ id: number; status: string }>({
  name: 'publish',
  label: 'Publish selected drafts',
  confirm: 'Publish the selected drafts now? Posts that are not drafts stay as they are.',
  async run({ records, client }) {
    const drafts = records.filter((p) => p.status === 'draft').map((p) => p.id);
    const { count } = await client.post.updateMany({ where: { id: { in: drafts }, status: 'draft' }, data: { status: 'published', publishedAt: new Date() } });
    const skipped = records.length - count;
    return `${count} ${count === 1 ? 'post was' : 'posts were'} published${skipped ? `; ${skipped} not a draft, left as ${skipped === 1 ? 'it was' : 'they were'}` : ''}.`;
  },
});

/** Asks for the rating to give the selected posts (a zod form: a value out of range is an error beside the field). */
export const rateSelected = action<{ id: number }, { rating: number }>({
  name: 'rate',
  label: 'Rate selected posts',
  form: z.object({ rating: z.number().min(0, 'At least 0.').max(5, 'At most 5.').describe('Rating (0 to 5)') }),
  async run({ records, client, input }) {
    await client.post.updateMany({ where: { id: { in: records.map((p) => p.id) } }, data: { rating: input.rating } });
  },
});

/** The "Publish" button of one post's change and detail pages. */
export const publishOne = action<{ id: number; status: string }>({
  name: 'publish-one',
  label: 'Publish',
  confirm: 'Publish this post now?',
  async run({ records, client }) {
    const [post] = records;
    if (post.status === 'published') return 'The post was already published.';
    await client.post.update({ where: { id: post.id }, data: { status: 'published', publishedAt: new Date() } });
    return 'The post was published.';
  },
});

/** A post's comments, edited on the post's page: approve them, fix a typo, remove spam. */
class CommentInline extends TabularInline {
  model = 'Comment';
  fields = ['authorName', 'body', 'approved', 'createdAt'];
  readonlyFields = ['createdAt'];
  ordering = ['createdAt'];
  extra = 1;
}

/** Words of a text, counted without building an array of them (a list page counts 50 long bodies). */
function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code < 128 ? code === 32 || (code >= 9 && code <= 13) : /\s/.test(text[i]);
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** How long a post reads, as a small badge (built with html``, so the title in its tooltip is escaped). */
const readingTime = column<{ title: string; body: string }>({
  name: 'reading',
  header: 'Reading time',
  value: (p) => {
    const minutes = Math.max(1, Math.round(wordCount(p.body) / 200));
    return html`<span class="badge badge-blue" title="${p.title}: about ${minutes} min">${minutes} min</span>`;
  },
});

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'category', 'status', 'publishedAt', readingTime, 'cover'];
  markdownFields = ['body'];
  badges = { status: { published: 'green', draft: 'grey', archived: 'orange' } } as const;
  // viewCount has many distinct values (a range by itself); the kind is forced so a fresh demo with few posts has one too.
  listFilter = ['status', 'category', 'author', 'author.country', 'tags', 'publishedAt', { field: 'viewCount', kind: 'range' as const }];
  searchFields = ['title', 'body', 'author.name'];
  ordering = ['-createdAt'];
  listPerPage = 50;
  readonlyFields = ['createdAt', 'updatedAt'];
  actions = [publishSelected, rateSelected];
  recordActions = [publishOne];
  // "Edit selected": set the status, the category or the tags of many posts at once.
  bulkEdit = ['status', 'category', 'tags'];
  fieldsets = [
    { title: 'Content', fields: ['title', 'slug', 'cover', 'body'] },
    { title: 'Publication', fields: [['status', 'publishedAt'], 'author', 'category', 'tags'] },
    { title: 'Reception', fields: ['viewCount', 'rating'] },
    { title: 'Metadata', fields: ['createdAt', 'updatedAt'], collapsed: true, description: 'Kept by the database.' },
  ];
  prepopulatedFields = { slug: ['title'] };
  radioFields = { status: 'horizontal' as const };
  // "Save as new" duplicates a post (change its slug: slugs are unique); the buttons are above the long form too.
  saveAs = true;
  saveOnTop = true;
  inlines = [CommentInline];
}

/** The post admin with its cover images kept in `storage`: images only (read from the bytes), up to 2 MiB. */
function postAdminWithCovers(storage: FileStorage) {
  return class extends PostAdmin {
    fileFields = { cover: { storage, accept: ['image/*'], maxBytes: 2 * 1024 * 1024 } };
  };
}

/** Where the demo keeps uploaded files: DEMO_UPLOADS, else tmp/uploads (ignored by git). */
export const DEMO_UPLOADS = 'tmp/uploads';

/** Comments people wrote at length: a custom filter narrows by body length. */
const commentLength = customFilter({
  name: 'length',
  title: 'Length',
  choices: [{ value: 'short', label: 'Short (under 80 characters)' }, { value: 'long', label: 'Long' }],
  // Prisma has no length filter; approximate "long" by the presence of a sentence break.
  where: (value) => (value === 'long' ? { body: { contains: '. ' } } : { NOT: { body: { contains: '. ' } } }),
});

class CommentAdmin extends ModelAdmin {
  listDisplay = [
    'authorName',
    'post',
    'post.status',
    'approved',
    column<{ body: string }>({ name: 'words', header: 'Words', value: (c) => wordCount(c.body) }),
    'createdAt',
  ];
  listDisplayLinks = ['authorName'];
  listEditable = ['approved'];
  dateHierarchy = 'createdAt';
  listFilter = ['approved', 'createdAt', commentLength];
  searchFields = ['authorName', 'body'];
  ordering = ['-createdAt'];
}

class AuthorAdmin extends ModelAdmin {
  listDisplay = ['name', 'email', 'country', 'createdAt'];
  listFilter = ['country'];
  searchFields = ['name', 'email'];
  ordering = ['name'];
  readonlyFields = ['createdAt'];
}

class CategoryAdmin extends ModelAdmin {
  listDisplay = ['name', 'slug'];
  searchFields = ['name', 'description'];
  ordering = ['name'];
  prepopulatedFields = { slug: ['name'] };
}

/** A page of the demo's own: counts a blog owner looks at every morning. */
const statistics: AdminPage = {
  path: 'statistics',
  title: 'Blog statistics',
  template: 'statistics',
  // It shows post titles and comment counts: only for those who may see both.
  permission: ['Post.view', 'Comment.view'],
  async context({ prisma }: { prisma: any }) {
    const [byStatus, mostRead, pendingComments] = await Promise.all([
      prisma.post.groupBy({ by: ['status'], _count: { _all: true }, orderBy: { status: 'asc' } }),
      prisma.post.findMany({ select: { id: true, title: true, viewCount: true }, orderBy: [{ viewCount: 'desc' }, { id: 'asc' }], take: 5 }),
      prisma.comment.count({ where: { approved: false } }),
    ]);
    return { byStatus: byStatus.map((s: { status: string; _count: { _all: number } }) => ({ status: s.status, count: s._count._all })), mostRead, pendingComments };
  },
};

/** Where the demo's own templates live (the statistics page). */
export const DEMO_TEMPLATES = 'prisma/admin-templates';

export function demoSite(options: { uploads?: string } = {}): AdminSite {
  return new AdminSite({
    title: 'Blog admin',
    header: 'Blog administration',
    groups: [
      { title: 'Blog', models: ['Post', 'Comment', 'Author', 'Category', 'Tag'] },
      { title: 'Administration', models: ['AdminUser', 'AdminLogEntry'] },
    ],
    pages: [statistics],
  })
    .register('Post', postAdminWithCovers(new LocalStorage(options.uploads ?? process.env.DEMO_UPLOADS ?? DEMO_UPLOADS)))
    .register('Comment', CommentAdmin)
    .register('Author', AuthorAdmin)
    .register('Category', CategoryAdmin);
}
