// admin.config.mts: for `prisma-admin-site serve --config admin.config.mts` (TypeScript configs load through tsx).
import { AdminSite, ModelAdmin } from 'prisma-admin-site';

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'publishedAt'];
  searchFields = ['title'];
}

export default new AdminSite({ title: 'Shop admin' }).register('Post', PostAdmin);
