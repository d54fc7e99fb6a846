import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdminConfigError } from '../../../src/admin/config-error.ts';
import { FormFieldError, formFieldsFor, type FormField } from '../../../src/forms/index.ts';
import { code, enrollment, post, schema, tag } from './schema-fixture.ts';

const byName = (fields: FormField[]) => Object.fromEntries(fields.map((f) => [f.name, f]));

test('the default add form: value fields that are not foreign keys, key-holding relations, implicit m2m', () => {
  const names = formFieldsFor(schema, post, { mode: 'add' }).map((f) => f.name);
  assert.deepEqual(names, [
    'title', 'slug', 'body', 'teaser', 'notesText', 'views', 'rank', 'big', 'price', 'exact', 'ratio', 'published',
    'featured', 'publishedAt', 'createdAt', 'status', 'kind', 'meta', 'settings', 'cover', 'labels', 'scores',
    'history', 'author', 'editor', 'tags',
  ]);
});

test('the change form adds the id and @updatedAt, both read-only', () => {
  const fields = formFieldsFor(schema, post, { mode: 'change' });
  assert.equal(fields[0].name, 'id');
  const f = byName(fields);
  assert.equal(f.id.readOnly, true);
  assert.equal(f.updatedAt.readOnly, true);
  assert.equal(f.updatedAt.required, false);
  assert.equal(f.title.readOnly, false);
  assert.equal(f.comments, undefined);
  assert.equal(f.shape, undefined);
  assert.equal(f.authorId, undefined);
});

test('every widget kind is chosen from the metadata', () => {
  const f = byName(formFieldsFor(schema, post, { mode: 'change' }));
  const widgets = Object.fromEntries(Object.values(f).map((field) => [field.name, field.widget]));
  assert.deepEqual(widgets, {
    id: 'integer', title: 'text', slug: 'text', body: 'textarea', teaser: 'textarea', notesText: 'textarea',
    views: 'integer', rank: 'integer', big: 'bigint', price: 'decimal', exact: 'decimal', ratio: 'float',
    published: 'checkbox', featured: 'nullable-boolean', publishedAt: 'datetime', createdAt: 'datetime',
    updatedAt: 'datetime', status: 'select', kind: 'select', meta: 'json', settings: 'json', cover: 'file',
    labels: 'list', scores: 'list', history: 'checkbox-multiple', author: 'relation', editor: 'relation', tags: 'relation-multiple',
  });
  assert.equal(f.author.relatedModel, 'Author');
  assert.equal(f.tags.relatedModel, 'Tag');
});

test('choices: enums (an empty choice only when nullable or without default) and the nullable boolean', () => {
  const f = byName(formFieldsFor(schema, post, { mode: 'add' }));
  assert.deepEqual(f.status.choices?.map((c) => c.value), ['draft', 'published', 'archived']);
  assert.deepEqual(f.kind.choices?.map((c) => c.value), ['', 'draft', 'published', 'archived']);
  assert.deepEqual(f.featured.choices, [
    { value: '', label: 'Unknown' },
    { value: 'true', label: 'Yes' },
    { value: 'false', label: 'No' },
  ]);
});

test('required: defaults, optional fields, lists, checkboxes and files are not', () => {
  const add = byName(formFieldsFor(schema, post, { mode: 'add' }));
  const required = (fields: Record<string, FormField>) => Object.values(fields).filter((f) => f.required).map((f) => f.name);
  assert.deepEqual(required(add), ['title', 'body', 'settings', 'author']);
  const change = byName(formFieldsFor(schema, post, { mode: 'change' }));
  // On change a non-nullable field with a default must stay filled (a String defaulting to "" may be emptied).
  assert.deepEqual(required(change), ['title', 'body', 'views', 'createdAt', 'status', 'settings', 'author']);
});

test('labels come from the field name and help from the doc comment (a relation borrows its key\'s)', () => {
  const f = byName(formFieldsFor(schema, post, { mode: 'add' }));
  assert.equal(f.publishedAt.label, 'Published at');
  assert.equal(f.title.help, 'Short title.');
  assert.equal(f.author.help, 'Who wrote it.');
  assert.equal(f.body.help, null);
});

test('ids: uuid() default is optional on add; no default is required on add and read-only on change', () => {
  assert.deepEqual(
    formFieldsFor(schema, tag, { mode: 'add' }).map((f) => [f.name, f.required, f.readOnly]),
    [['id', false, false], ['name', true, false], ['posts', false, false]],
  );
  assert.deepEqual(formFieldsFor(schema, code, { mode: 'add' }).map((f) => [f.name, f.required, f.readOnly]), [
    ['code', true, false],
    ['label', true, false],
  ]);
  assert.deepEqual(formFieldsFor(schema, code, { mode: 'change' }).map((f) => [f.name, f.required, f.readOnly]), [
    ['code', false, true],
    ['label', true, false],
  ]);
  // A relation that holds part of a composite id: required on add, read-only on change.
  assert.deepEqual(formFieldsFor(schema, enrollment, { mode: 'change' }).map((f) => [f.name, f.required, f.readOnly]), [
    ['author', false, true],
    ['course', false, true],
    ['grade', false, false],
  ]);
  assert.equal(formFieldsFor(schema, enrollment, { mode: 'add' })[0].required, true);
});

test('explicit fields and readonlyFields', () => {
  const fields = formFieldsFor(schema, post, { mode: 'change', fields: ['authorId', 'title', 'comments'], readonlyFields: ['title', 'comments'] });
  assert.deepEqual(fields.map((f) => [f.name, f.widget, f.readOnly, f.required]), [
    ['authorId', 'integer', false, true],
    ['title', 'text', true, false],
    ['comments', 'relation-multiple', true, false],
  ]);
  // Without `fields`, read-only names outside the default set are appended.
  const names = formFieldsFor(schema, post, { mode: 'add', readonlyFields: ['authorId'] }).map((f) => f.name);
  assert.equal(names.at(-1), 'authorId');
});

test('names that a form cannot show stop with a message', () => {
  assert.throws(() => formFieldsFor(schema, post, { mode: 'add', fields: ['titel'] }), AdminConfigError);
  assert.throws(() => formFieldsFor(schema, post, { mode: 'add', fields: ['comments'] }), FormFieldError);
  assert.throws(() => formFieldsFor(schema, post, { mode: 'add', fields: ['shape'] }), FormFieldError);
  assert.throws(() => formFieldsFor(schema, post, { mode: 'add', readonlyFields: ['nope'] }), /Valid names: id, title/);
});
