// The demo blog's admin configuration: how a project customises the generated admin.
import { action, AdminSite, ModelAdmin } from '../src/index.ts';

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

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'category', 'status', 'publishedAt'];
  listFilter = ['status', 'category', 'author', 'publishedAt'];
  searchFields = ['title', 'body', 'author.name'];
  ordering = ['-createdAt'];
  listPerPage = 50;
  readonlyFields = ['createdAt', 'updatedAt'];
  actions = [publishSelected];
}

class CommentAdmin extends ModelAdmin {
  listDisplay = ['authorName', 'post', 'approved', 'createdAt'];
  listFilter = ['approved', 'createdAt'];
  searchFields = ['authorName', 'body'];
  ordering = ['-createdAt'];
}

export function demoSite(): AdminSite {
  return new AdminSite({ title: 'Blog admin', header: 'Blog administration' })
    .register('Post', PostAdmin)
    .register('Comment', CommentAdmin);
}
