// Compile-time tests (run by `npm run typecheck`): field names in typed admin options are checked against the model.
import type { Post, Prisma } from '../../prisma/generated/client.ts';
import { column, defineAdmin } from '../../src/index.ts';

export const good = defineAdmin<Prisma.PostSelect, Post>({
  listDisplay: ['title', 'author', 'author.name', 'category.name', column<Post>({ name: 'words', header: 'Words', value: (p) => p.body.length })],
  listFilter: ['status', 'author', 'publishedAt', 'author.country', 'tags', { field: 'viewCount', kind: 'range' }],
  searchFields: ['title', 'author.email'],
  ordering: ['-createdAt', 'title'],
  readonlyFields: ['createdAt'],
  prepopulatedFields: { slug: ['title'] },
  dateHierarchy: 'publishedAt',
  labels: { publishedAt: 'Publication date' },
  fieldsets: [{ title: 'Content', fields: ['title', 'slug', 'body'] }, { title: 'Publication', fields: ['status', 'publishedAt'], collapsed: true }],
});

// @ts-expect-error a misspelled field in listDisplay does not compile
export const badColumn = defineAdmin<Prisma.PostSelect>({ listDisplay: ['titel'] });
// @ts-expect-error a path through a relation must name a field of the related model
export const badPath = defineAdmin<Prisma.PostSelect>({ searchFields: ['author.nmae'] });
// @ts-expect-error ordering takes field names with an optional leading minus only
export const badOrdering = defineAdmin<Prisma.PostSelect>({ ordering: ['+title'] });
// @ts-expect-error fieldsets name fields of the model too
export const badFieldset = defineAdmin<Prisma.PostSelect>({ fieldsets: [{ title: 'Content', fields: ['title', 'bdy'] }] });
// @ts-expect-error a forced filter names a field of the model
export const badForcedFilter = defineAdmin<Prisma.PostSelect>({ listFilter: [{ field: 'views', kind: 'range' }] });
// @ts-expect-error a forced filter kind is values, text or range
export const badFilterKind = defineAdmin<Prisma.PostSelect>({ listFilter: [{ field: 'viewCount', kind: 'slider' }] });
// @ts-expect-error a label for a field the model does not have
export const badLabel = defineAdmin<Prisma.PostSelect>({ labels: { nope: 'x' } });
// @ts-expect-error a computed column reads the record type given
export const badComputed = defineAdmin<Prisma.PostSelect, Post>({ listDisplay: [column<Post>({ name: 'x', header: 'X', value: (p) => p.nope })] });

// limitChoicesTo names relations of the model, and fields of each related model
export const goodLimit = defineAdmin<Prisma.PostSelect, Post>({ limitChoicesTo: { author: { name: 'Ada' }, tags: { name: { startsWith: 'a' } } } });
// @ts-expect-error limitChoicesTo takes relation names only
export const badLimitField = defineAdmin<Prisma.PostSelect>({ limitChoicesTo: { title: { name: 'x' } } });
// @ts-expect-error limitChoicesTo's where names fields of the related model
export const badLimitWhere = defineAdmin<Prisma.PostSelect>({ limitChoicesTo: { author: { nmae: 'x' } } });

// Fields on one line, radioFields, widgets, saveAs/saveOnTop and viewOnSite (issue 20)
export const goodComfort = defineAdmin<Prisma.PostSelect, Post>({
  fields: ['title', ['slug', 'status'], 'body'],
  fieldsets: undefined,
  radioFields: { status: 'horizontal', category: 'vertical' },
  widgets: { body: 'markdown', title: 'text' },
  saveAs: true,
  saveOnTop: true,
  viewOnSite: (post) => `/blog/${post.slug}`,
});
export const goodLineInFieldset = defineAdmin<Prisma.PostSelect>({ fieldsets: [{ title: 'Publication', fields: [['status', 'publishedAt'], 'author'] }] });
// @ts-expect-error a line of fields names fields of the model
export const badLine = defineAdmin<Prisma.PostSelect>({ fields: ['title', ['slug', 'stauts']] });
// @ts-expect-error radioFields names fields of the model
export const badRadioField = defineAdmin<Prisma.PostSelect>({ radioFields: { stauts: 'horizontal' } });
// @ts-expect-error radioFields takes 'horizontal' or 'vertical'
export const badRadioLayout = defineAdmin<Prisma.PostSelect>({ radioFields: { status: 'diagonal' } });
// @ts-expect-error widgets take a known widget name
export const badWidget = defineAdmin<Prisma.PostSelect>({ widgets: { body: 'wysiwyg' } });
// @ts-expect-error viewOnSite reads the record type given
export const badViewOnSite = defineAdmin<Prisma.PostSelect, Post>({ viewOnSite: (post) => post.nope });
