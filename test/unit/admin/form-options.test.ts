// Start-up validation of the form-side options (fieldsets, exclude, prepopulatedFields, autocompleteFields, inlines):
// every mistake stops the start with an AdminConfigError that names the model, the bad name and the valid names.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AdminConfigError, AdminSite, ModelAdmin, parseSchemaFiles, readSchema, StackedInline, TabularInline, type SchemaMeta } from '../../../src/index.ts';
import { buildModelRegistry } from '../../../src/admin/model-registry.ts';
import type { ResolvedModelAdmin } from '../../../src/admin/resolve-model-admin.ts';

let blog: SchemaMeta;
before(async () => {
  blog = await readSchema(fileURLToPath(new URL('../../../prisma/schema', import.meta.url)));
});

/** The resolved admin of `model` when `options` (a subclass's fields) are registered for it. */
function resolve(model: string, options: Partial<ModelAdmin>, schema = blog): ResolvedModelAdmin {
  class Admin extends ModelAdmin {
    constructor() {
      super();
      Object.assign(this, options);
    }
  }
  const registry = buildModelRegistry(schema, new AdminSite().register(model, Admin));
  return [...registry.values()].find((a) => a.model.name === model)!;
}

/** Asserts the start-up error and returns its message. */
function refused(model: string, options: Partial<ModelAdmin>, expected: RegExp, schema = blog): string {
  let error: unknown;
  try {
    resolve(model, options, schema);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof AdminConfigError, `an AdminConfigError, got ${String(error)}`);
  assert.match(error.message, expected);
  return error.message;
}

class CommentInline extends TabularInline {
  model = 'Comment';
}

describe('fieldsets', () => {
  test('resolved in order, with titles, descriptions and collapsed groups; their fields are the form\'s fields', () => {
    const admin = resolve('Post', { fieldsets: [{ title: 'Content', fields: ['title', 'slug'] }, { title: 'More', fields: ['body'], collapsed: true, description: 'Text.' }] });
    assert.deepEqual(admin.form.fieldsets, [
      { title: 'Content', description: null, collapsed: false, fields: ['title', 'slug'], lines: [['title'], ['slug']] },
      { title: 'More', description: 'Text.', collapsed: true, fields: ['body'], lines: [['body']] },
    ]);
    assert.deepEqual(admin.form.fields, ['title', 'slug', 'body']);
  });

  test('a nested list is one line of fields; its fields are the form\'s fields in order', () => {
    const admin = resolve('Post', { fieldsets: [{ title: 'Content', fields: ['title', ['slug', 'status'], 'body'] }] });
    assert.deepEqual(admin.form.fieldsets?.[0].lines, [['title'], ['slug', 'status'], ['body']]);
    assert.deepEqual(admin.form.fields, ['title', 'slug', 'status', 'body']);
    refused('Post', { fieldsets: [{ title: 'a', fields: ['title'] }, { title: 'b', fields: [['slug', 'title']] }] }, /"title" is in more than one fieldset/);
    refused('Post', { fieldsets: [{ title: 'a', fields: ['title', []] }] }, /fieldsets\[0\]\.fields\[1\]: give a field name, or a list of field names/);
  });

  test('an unknown field: the model, the name and the valid names', () => {
    const message = refused('Post', { fieldsets: [{ title: 'Content', fields: ['title', 'titel'] }] }, /^PostAdmin\.fieldsets\[0\]\.fields: "titel" is not a field of Post\. Valid names: /);
    assert.match(message, /\btitle, slug, body\b/);
    assert.doesNotMatch(message, /\bcomments\b/, 'a back-relation is not offered unless read-only');
  });

  test('a back-relation list only as a read-only field', () => {
    refused('Post', { fieldsets: [{ title: 'x', fields: ['comments'] }] }, /"comments" is not a field/);
    assert.ok(resolve('Post', { fieldsets: [{ title: 'x', fields: ['title', 'comments'] }], readonlyFields: ['comments'] }));
  });

  test('a field in two fieldsets, both fields and fieldsets, a fieldset without a fields list', () => {
    refused('Post', { fieldsets: [{ title: 'a', fields: ['title'] }, { title: 'b', fields: ['title'] }] }, /"title" is in more than one fieldset/);
    refused('Post', { fields: ['title'], fieldsets: [{ title: 'a', fields: ['title'] }] }, /either fields or fieldsets, not both/);
    refused('Post', { fieldsets: [{ title: 'a' } as never] }, /PostAdmin\.fieldsets\[0\]: each fieldset is/);
  });
});

describe('exclude', () => {
  test('an unknown field, and a field both excluded and listed', () => {
    refused('Post', { exclude: ['ratings'] }, /^PostAdmin\.exclude: "ratings" is not a field of Post\. Valid names: id, title,/);
    refused('Post', { fields: ['title', 'rating'], exclude: ['rating'] }, /"rating" is both excluded and listed in fields/);
    refused('Post', { fieldsets: [{ title: 'a', fields: ['rating'] }], exclude: ['rating'] }, /both excluded and listed in fieldsets/);
    assert.deepEqual(resolve('Post', { exclude: ['rating'] }).form.exclude, ['rating']);
  });
});

describe('prepopulatedFields', () => {
  test('the target must be a String field; the sources fields of the model; at least one', () => {
    assert.deepEqual(resolve('Post', { prepopulatedFields: { slug: ['title'] } }).form.prepopulated, { slug: ['title'] });
    refused('Post', { prepopulatedFields: { slugg: ['title'] } }, /^PostAdmin\.prepopulatedFields: "slugg" is not a field of Post\. Valid names: title, slug, body, cover\.$/);
    refused('Post', { prepopulatedFields: { viewCount: ['title'] } }, /"viewCount" is not a field of Post\. Valid names: title, slug, body/);
    refused('Post', { prepopulatedFields: { slug: ['titel'] } }, /^PostAdmin\.prepopulatedFields\.slug: "titel" is not a field of Post\. Valid names: id, title, body,/);
    refused('Post', { prepopulatedFields: { slug: ['slug'] } }, /"slug" is not a field of Post/);
    refused('Post', { prepopulatedFields: { slug: [] } }, /give the list of fields it is filled from/);
  });
});

describe('autocompleteFields', () => {
  test('only relations a form can set: to-one relations holding the key, and implicit many-to-many', () => {
    assert.deepEqual(resolve('Post', { autocompleteFields: ['author', 'tags'] }).form.autocomplete, ['author', 'tags']);
    refused('Post', { autocompleteFields: ['auther'] }, /^PostAdmin\.autocompleteFields: "auther" is not a field of Post\. Valid names: author, category, tags\.$/);
    refused('Post', { autocompleteFields: ['title'] }, /"title" is not a field of Post/);
    refused('Post', { autocompleteFields: ['comments'] }, /"comments" is not a field of Post/);
  });
});

describe('inlines', () => {
  test('found through the relation: the prefix is the parent\'s side, the default fields leave out the key and the id', () => {
    const [inline] = resolve('Post', { inlines: [CommentInline] }).form.inlines;
    assert.equal(inline.model.name, 'Comment');
    assert.equal(inline.fk.name, 'post');
    assert.equal(inline.prefix, 'comments');
    assert.deepEqual(inline.fields, ['authorName', 'body', 'createdAt', 'approved']);
    assert.equal(inline.layout, 'tabular');
    assert.equal(inline.extra, 3);
    assert.deepEqual(inline.orderBy, [{ id: 'asc' }]);
    class Stacked extends StackedInline {
      model = 'Comment';
      fields = ['body'];
      ordering = ['-createdAt'];
      extra = 0;
    }
    const [stacked] = resolve('Post', { inlines: [Stacked] }).form.inlines;
    assert.deepEqual([stacked.layout, stacked.fields, stacked.orderBy, stacked.extra], ['stacked', ['body'], [{ createdAt: 'desc' }], 0]);
  });

  test('an unknown model, a model without a relation to the parent, not a class, not an inline', () => {
    class Ghost extends TabularInline {
      model = 'Coment';
    }
    refused('Post', { inlines: [Ghost] }, /^PostAdmin\.inlines\[0\] \(Ghost\)\.model: "Coment" is not a model of the schema with a primary key\. Valid names: .*Comment/);
    class Tags extends TabularInline {
      model = 'Tag';
    }
    refused('Post', { inlines: [Tags] }, /Tag has no relation to Post that holds the key/);
    refused('Post', { inlines: [new CommentInline() as never] }, /list inline classes/);
    class NotInline {
      model = 'Comment';
    }
    refused('Post', { inlines: [NotInline as never] }, /NotInline is not a subclass of TabularInline or StackedInline/);
  });

  test("the inline's fields, exclude, readonlyFields, labels, ordering and extra are checked", () => {
    const inline = (options: Record<string, unknown>) => class extends CommentInline {
      constructor() {
        super();
        Object.assign(this, options);
      }
    };
    refused('Post', { inlines: [inline({ fields: ['bdy'] })] }, /\.fields: "bdy" is not a field of Comment that an inline row can show\. Valid names: id, authorName, body, createdAt, approved\./);
    refused('Post', { inlines: [inline({ fields: ['post'] })] }, /"post" is not a field of Comment/);
    refused('Post', { inlines: [inline({ fields: ['postId'] })] }, /"postId" is not a field of Comment/);
    refused('Post', { inlines: [inline({ exclude: ['nope'] })] }, /\.exclude: "nope"/);
    refused('Post', { inlines: [inline({ fields: ['body'], exclude: ['body'] })] }, /"body" is both excluded and listed in fields/);
    refused('Post', { inlines: [inline({ readonlyFields: ['post'] })] }, /\.readonlyFields: "post"/);
    refused('Post', { inlines: [inline({ labels: { bdy: 'Text' } })] }, /\.labels: "bdy"/);
    refused('Post', { inlines: [inline({ ordering: ['-created'] })] }, /\.ordering: "created"/);
    refused('Post', { inlines: [inline({ extra: -1 })] }, /\.extra: give a whole number of blank rows/);
    refused('Post', { inlines: [CommentInline, inline({})] }, /two inlines edit the same relation \(Comment\.post\)/);
  });

  test('fkName: required when the inline model has several relations to the parent, and must be one of them', async () => {
    const schema = parseSchemaFiles([{
      path: 'schema.prisma',
      content: `
        datasource db {
          provider = "sqlite"
        }
        model Person {
          id       Int      @id @default(autoincrement())
          name     String
          written  Review[] @relation("written")
          reviewed Review[] @relation("reviewed")
        }
        model Review {
          id         Int    @id @default(autoincrement())
          text       String
          author     Person @relation("written", fields: [authorId], references: [id])
          authorId   Int
          reviewer   Person @relation("reviewed", fields: [reviewerId], references: [id])
          reviewerId Int
        }`,
    }]);
    class Reviews extends TabularInline {
      model = 'Review';
    }
    refused('Person', { inlines: [Reviews] }, /^PersonAdmin\.inlines\[0\] \(Reviews\)\.fkName: Review has several relations to Person: set fkName to one of author, reviewer\.$/, schema);
    class Bad extends Reviews {
      fkName = 'text';
    }
    refused('Person', { inlines: [Bad] }, /\.fkName: "text" is not a relation of Review to Person\. Valid names: author, reviewer\./, schema);
    class Reviewed extends Reviews {
      fkName = 'reviewer';
    }
    const [inline] = resolve('Person', { inlines: [Reviewed] }, schema).form.inlines;
    assert.equal(inline.fk.name, 'reviewer');
    assert.equal(inline.prefix, 'reviewed');
    assert.deepEqual(inline.fields, ['text', 'author']);
  });
});
