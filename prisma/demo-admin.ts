// The demo blog's admin configuration: how a project customises the generated admin.
import { AdminSite, ModelAdmin } from '../src/index.ts';

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'category', 'status', 'publishedAt'];
  listFilter = ['status', 'category', 'author', 'publishedAt'];
  searchFields = ['title', 'body', 'author.name'];
  ordering = ['-createdAt'];
  listPerPage = 50;
  readonlyFields = ['createdAt', 'updatedAt'];
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
