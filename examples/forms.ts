// forms.ts: form layout, inlines and the save/delete hooks.
import type { FastifyRequest } from 'fastify';
import { ModelAdmin, StackedInline, TabularInline, type DeleteModelArgs, type SaveModelArgs } from 'prisma-admin-site';
import type { Prisma } from './generated/prisma/client.js';

class CommentInline extends TabularInline {   // or StackedInline: one block of fields per record
  model = 'Comment';                          // the model whose relation points at Post (fkName = '...' when several do)
  fields = ['authorName', 'body', 'approved', 'createdAt'];
  readonlyFields = ['createdAt'];
  ordering = ['createdAt'];
  extra = 1;                                  // blank rows for new comments (default 3)
  // canDelete = false; exclude = [...]; labels = {...}; has*Permission(request, parent) hooks, as on ModelAdmin
}

class PostAdmin extends ModelAdmin {
  fieldsets = [                               // titled groups of the form, instead of `fields`
    { title: 'Content', fields: ['title', 'slug', 'body'] },
    { title: 'Publication', fields: ['status', 'publishedAt', 'author', 'category', 'tags'] },
    { title: 'Metadata', fields: ['createdAt', 'updatedAt'], collapsed: true, description: 'Kept by the database.' },
  ];
  exclude = ['rating'];                       // left out of the default field set (with `fields`/`fieldsets`: list less)
  readonlyFields = ['createdAt', 'updatedAt'];
  prepopulatedFields = { slug: ['title'] };   // typed in the browser from the title, on the add form
  autocompleteFields = ['author'];            // search-as-you-type, however few authors there are
  inlines = [CommentInline];                  // edit the post's comments on the post's page
  limitChoicesTo = { category: { slug: { not: 'archive' } } };  // a where on the related model: the field's choices

  // Hooks: override per request (and per record).
  getReadonlyFields(request: FastifyRequest, record?: Record<string, unknown>) {
    return record ? [...super.getReadonlyFields(request, record), 'slug'] : super.getReadonlyFields(request);
  }
  getRelationChoicesWhere(request: FastifyRequest, fieldName: string) {  // Django's formfield_for_foreignkey
    return fieldName === 'author' && !request.adminUser?.isSuperuser ? { email: { endsWith: '@example.com' } } : undefined;
  }
  saveModel(client: Prisma.TransactionClient, args: SaveModelArgs) {  // args: { data, mode, where, record, request, include }
    if (args.data.status === 'published' && args.mode === 'add') args.data.publishedAt ??= new Date();
    return super.saveModel(client, args);     // create / update through client
  }
  deleteModel(client: Prisma.TransactionClient, { where }: DeleteModelArgs) {  // the delete page and "delete selected"
    return client.post.update({ where: where as Prisma.PostWhereUniqueInput, data: { status: 'archived' } });  // archive instead
  }
}
