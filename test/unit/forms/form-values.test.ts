import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal } from '@prisma/client/runtime/client';
import { formFieldsFor, formValuesFromRecord, initialFormValues, parseForm } from '../../../src/forms/index.ts';
import { enrollment, post, schema } from './schema-fixture.ts';

const tagIds = ['6f1c2d8e-3b4a-4c5d-9e8f-0a1b2c3d4e5f', '7f1c2d8e-3b4a-4c5d-9e8f-0a1b2c3d4e5f'];

// A Post as Prisma returns it with `include: { author: true, editor: true, tags: true }`.
const record = {
  id: 7,
  title: 'Hello',
  slug: 'hello',
  body: 'Line one\nLine two',
  teaser: null,
  notesText: 'Some notes',
  views: 12,
  rank: -3,
  big: 9007199254740993n,
  price: new Decimal('19.90'),
  exact: new Decimal('12345678901234567890.12'),
  ratio: 0.1,
  published: true,
  featured: false,
  publishedAt: new Date('2024-03-01T08:30:15.123Z'),
  createdAt: new Date('2024-01-01T00:00:00Z'),
  updatedAt: new Date('2024-03-02T00:00:00Z'),
  status: 'published',
  kind: null,
  meta: { a: [1, 2], b: 'x' },
  settings: [],
  cover: new Uint8Array([1, 2, 3]),
  labels: ['one', 'two'],
  scores: [1, -2],
  history: ['draft', 'published'],
  authorId: 1,
  author: { id: 1, name: 'Ada' },
  editorId: null,
  editor: null,
  tags: tagIds.map((id, i) => ({ id, name: `t${i}` })),
};

test('formValuesFromRecord: the strings the inputs show', () => {
  const fields = formFieldsFor(schema, post, { mode: 'change' });
  const values = formValuesFromRecord(schema, post, fields, record);
  assert.deepEqual(values, {
    id: '7',
    title: 'Hello',
    slug: 'hello',
    body: 'Line one\nLine two',
    teaser: '',
    notesText: 'Some notes',
    views: '12',
    rank: '-3',
    big: '9007199254740993',
    price: '19.90',
    exact: '12345678901234567890.12',
    ratio: '0.1',
    published: 'true',
    featured: 'false',
    publishedAt: '2024-03-01T08:30:15.123',
    createdAt: '2024-01-01T00:00:00',
    updatedAt: '2024-03-02T00:00:00',
    status: 'published',
    kind: '',
    meta: '{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x"\n}',
    settings: '[]',
    cover: '3 bytes',
    labels: 'one\ntwo',
    scores: '1\n-2',
    history: ['draft', 'published'],
    author: '1',
    editor: '',
    tags: tagIds,
  });
});

test('Decimal never shows in exponent notation', () => {
  const fields = formFieldsFor(schema, post, { mode: 'change', fields: ['exact'] });
  assert.deepEqual(formValuesFromRecord(schema, post, fields, { exact: new Decimal('0.00000001') }), { exact: '0.00000001' });
});

test('a relation that was not included is rebuilt from its foreign key', () => {
  const fields = formFieldsFor(schema, post, { mode: 'change', fields: ['author', 'editor'] });
  assert.deepEqual(formValuesFromRecord(schema, post, fields, { authorId: 5, editorId: null }), { author: '5', editor: '' });
  const enrollFields = formFieldsFor(schema, enrollment, { mode: 'change' });
  assert.deepEqual(formValuesFromRecord(schema, enrollment, enrollFields, { authorId: 2, course: 'math', grade: null }), {
    author: '2',
    course: 'math',
    grade: '',
  });
});

test('round trip: record → formValuesFromRecord → parseForm gives the same values', () => {
  const fields = formFieldsFor(schema, post, { mode: 'change' });
  const values = formValuesFromRecord(schema, post, fields, record);
  // The browser sends a checkbox only when checked, and no file when none is chosen.
  const form = { ...values, published: 'on', cover: undefined };
  const result = parseForm(schema, post, fields, form, 'change');
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  assert.deepEqual(result.data, {
    title: record.title,
    slug: record.slug,
    body: record.body,
    teaser: null,
    notesText: record.notesText,
    views: record.views,
    rank: record.rank,
    big: record.big,
    price: '19.90',
    exact: '12345678901234567890.12',
    ratio: record.ratio,
    published: true,
    featured: false,
    publishedAt: record.publishedAt,
    createdAt: record.createdAt,
    status: record.status,
    kind: null,
    meta: record.meta,
    settings: record.settings,
    labels: record.labels,
    scores: record.scores,
    history: record.history,
    author: { connect: { id: 1 } },
    editor: { disconnect: true },
    tags: { set: tagIds.map((id) => ({ id })) },
  });
  assert.equal(new Decimal(result.data.price as string).equals(record.price), true);
});

test('initialFormValues: static defaults for the add form', () => {
  const fields = formFieldsFor(schema, post, { mode: 'add' });
  assert.deepEqual(initialFormValues(post, fields), { slug: '', views: '0', published: 'false', status: 'draft' });
});
