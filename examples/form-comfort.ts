// form-comfort.ts: fields on one line, radio buttons, widgets, Save as new, View on site.
import { ModelAdmin } from 'prisma-admin-site';

class PostAdmin extends ModelAdmin {
  fields = ['title', ['slug', 'status'], 'body', 'author', 'category'];  // a nested list: one line (fieldsets too)
  radioFields = { status: 'horizontal' as const, category: 'vertical' as const };  // enums, optional Booleans, to-one
  widgets = { body: 'markdown' as const };    // 'text' | 'textarea' | 'markdown' | 'code'
  saveAs = true;                              // "Save as new" on the change form (Django's save_as)
  saveOnTop = true;                           // the save buttons above the form too
  viewOnSite = (post: { slug: string }) => `/blog/${post.slug}`;  // "View on site" on the change and detail pages
}
