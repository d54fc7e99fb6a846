import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbNull, JsonNull } from '@prisma/client/runtime/client';
import { formFieldsFor, parseForm, type FormMode, type ParseResult, type SubmittedForm } from '../../../src/forms/index.ts';
import { code, enrollment, post, schema } from './schema-fixture.ts';

const fieldsFor = (mode: FormMode) => formFieldsFor(schema, post, { mode });
const validAdd: SubmittedForm = { title: 'Hello', body: 'Text', settings: '{}', author: '1' };

function parse(form: SubmittedForm, mode: FormMode = 'add', fields = fieldsFor(mode)): ParseResult {
  return parseForm(schema, post, fields, form, mode);
}
function data(form: SubmittedForm, mode: FormMode = 'add'): Record<string, unknown> {
  const result = parse(form, mode);
  assert.ok(result.ok, `expected success, got ${JSON.stringify(!result.ok && result.errors)}`);
  return result.data;
}
function errors(form: SubmittedForm, mode: FormMode = 'add'): Record<string, string> {
  const result = parse(form, mode);
  assert.ok(!result.ok, 'expected errors');
  return result.errors;
}
/** Parses one field on change, the others being valid. */
const one = (name: string, value: SubmittedForm[string]) => parse({ ...validChange, [name]: value }, 'change');
const validChange: SubmittedForm = { ...validAdd, views: '0', createdAt: '2024-01-01T00:00', status: 'draft' };
const value = (name: string, input: SubmittedForm[string]) => {
  const result = one(name, input);
  assert.ok(result.ok, `${name}=${String(input)}: ${JSON.stringify(!result.ok && result.errors)}`);
  return result.data[name];
};
const error = (name: string, input: SubmittedForm[string]) => {
  const result = one(name, input);
  assert.ok(!result.ok, `${name}=${String(input)} should fail`);
  return result.errors[name];
};

test('a minimal add: empty optional fields are left out, required ones and the checkbox are set', () => {
  assert.deepEqual(data(validAdd), {
    title: 'Hello',
    body: 'Text',
    published: false,
    settings: {},
    labels: [],
    scores: [],
    history: [],
    author: { connect: { id: 1 } },
  });
});

test('required fields, per field name', () => {
  assert.deepEqual(errors({}), {
    title: 'This field is required.',
    body: 'This field is required.',
    settings: 'This field is required.',
    author: 'This field is required.',
  });
  assert.equal(errors({ ...validAdd, title: '   ' }).title, 'This field is required.');
});

test('on change an emptied optional field becomes null, a relation is disconnected, Json gets DbNull', () => {
  const d = data({ ...validChange, teaser: '', rank: '', featured: '', publishedAt: '', kind: '', editor: '', meta: '' }, 'change');
  assert.equal(d.teaser, null);
  assert.equal(d.rank, null);
  assert.equal(d.featured, null);
  assert.equal(d.publishedAt, null);
  assert.equal(d.kind, null);
  assert.deepEqual(d.editor, { disconnect: true });
  assert.equal(d.meta, DbNull);
  assert.equal(d.slug, ''); // String defaulting to "": may be emptied
  assert.equal(d.cover, undefined); // no upload: keep the current file
  assert.deepEqual(d.tags, { set: [] });
});

test('String: kept as typed; VarChar(n) limits characters; textarea line ends become \\n', () => {
  assert.equal(value('title', ' Ünïcødé '), ' Ünïcødé ');
  assert.equal(value('title', '🙂'.repeat(10)), '🙂'.repeat(10));
  assert.equal(error('title', 'x'.repeat(11)), 'Ensure this value has at most 10 characters (it has 11).');
  assert.equal(value('body', 'a\r\nb'), 'a\nb');
});

test('Int: whole numbers within 32 bits (or the native type)', () => {
  assert.equal(value('views', ' 42 '), 42);
  assert.equal(value('views', '-2147483648'), -2147483648);
  assert.equal(error('views', '2147483648'), 'Ensure this value is between -2147483648 and 2147483647.');
  assert.equal(error('views', '1.5'), 'Enter a whole number.');
  assert.equal(error('views', 'abc'), 'Enter a whole number.');
  assert.equal(error('views', '1e3'), 'Enter a whole number.');
  assert.equal(error('views', '9'.repeat(400)), 'Ensure this value is between -2147483648 and 2147483647.');
  assert.equal(error('rank', '40000'), 'Ensure this value is between -32768 and 32767.');
});

test('BigInt: exact, within 64 bits', () => {
  assert.equal(value('big', '9007199254740993'), 9007199254740993n);
  assert.equal(value('big', '-9223372036854775808'), -9223372036854775808n);
  assert.match(error('big', '9223372036854775808'), /^Ensure this value is between/);
  assert.equal(error('big', '12.0'), 'Enter a whole number.');
});

test('Decimal: an exact string, never a float; scale from the native type', () => {
  assert.equal(value('exact', '12345678901234567890.12'), '12345678901234567890.12');
  assert.equal(value('exact', '0.1000000000000000000000000001'), '0.1000000000000000000000000001');
  assert.equal(value('exact', '+.5'), '0.5');
  assert.equal(value('exact', '-007.'), '-7');
  assert.equal(value('price', '19.99'), '19.99');
  assert.equal(error('price', '19.999'), 'Enter a number with at most 2 decimal places.');
  assert.equal(error('exact', '1e5'), 'Enter a number.');
  assert.equal(error('exact', '.'), 'Enter a number.');
  assert.equal(error('exact', '1,5'), 'Enter a number.');
});

test('Float', () => {
  assert.equal(value('ratio', '0.25'), 0.25);
  assert.equal(value('ratio', '-1e-3'), -0.001);
  assert.equal(error('ratio', 'NaN'), 'Enter a number.');
  assert.equal(error('ratio', 'Infinity'), 'Enter a number.');
  assert.equal(error('ratio', '1e999'), 'Enter a number.');
});

test('Boolean: checkbox present → true, absent → false; nullable boolean has three states', () => {
  assert.equal(value('published', 'on'), true);
  assert.equal(value('published', 'true'), true);
  assert.equal(value('published', undefined), false);
  assert.equal(value('featured', 'true'), true);
  assert.equal(value('featured', 'false'), false);
  assert.equal(value('featured', ''), null);
  assert.equal(error('featured', 'maybe'), 'Select a valid choice.');
});

test('DateTime: datetime-local strings, read as UTC', () => {
  assert.deepEqual(value('publishedAt', '2024-02-29T13:45'), new Date('2024-02-29T13:45:00Z'));
  assert.deepEqual(value('publishedAt', '2024-02-29T13:45:07'), new Date('2024-02-29T13:45:07Z'));
  assert.deepEqual(value('publishedAt', '2024-02-29T13:45:07.250'), new Date('2024-02-29T13:45:07.250Z'));
  assert.equal(error('publishedAt', '2023-02-29T13:45'), 'Enter a valid date and time.');
  assert.equal(error('publishedAt', '2024-01-01T24:00'), 'Enter a valid date and time.');
  assert.equal(error('publishedAt', 'yesterday'), 'Enter a valid date and time.');
  // A default of now(): left out on add when empty, so the database sets it.
  assert.equal(data({ ...validAdd, createdAt: '' }).createdAt, undefined);
});

test('enum: one of the values', () => {
  assert.equal(value('status', 'published'), 'published');
  assert.equal(error('status', 'deleted'), 'Select a valid choice.');
  assert.equal(error('status', ''), 'This field is required.');
});

test('Json: parsed, with the parser message on error; the text null is JsonNull', () => {
  assert.deepEqual(value('meta', '{"a": [1, 2, {"b": null}]}'), { a: [1, 2, { b: null }] });
  assert.equal(value('meta', '"just a string"'), 'just a string');
  assert.equal(value('meta', 'null'), JsonNull);
  assert.match(error('meta', '{"a": }'), /^Enter valid JSON: .+/);
});

test('Bytes: an upload; on change an empty upload keeps the content, the clear box empties it', () => {
  const file = { filename: 'a.png', mimetype: 'image/png', data: Buffer.from([1, 2, 3]) };
  assert.deepEqual(value('cover', file), new Uint8Array([1, 2, 3]));
  const noFile = { filename: '', mimetype: 'application/octet-stream', data: Buffer.alloc(0) };
  const kept = one('cover', noFile);
  assert.ok(kept.ok);
  assert.equal('cover' in kept.data, false);
  const cleared = parse({ ...validChange, cover: noFile, 'cover-clear': 'on' }, 'change');
  assert.ok(cleared.ok);
  assert.equal(cleared.data.cover, null);
});

test('lists: one value per line, each parsed by the element type', () => {
  assert.deepEqual(value('labels', 'a\r\n b \n\nc'), ['a', ' b ', 'c']);
  assert.deepEqual(value('scores', '1\n 2 \n\n-3\n'), [1, 2, -3]);
  assert.equal(error('scores', '1\ntwo'), 'Line 2: Enter a whole number.');
});

test('enum lists: the checked values of a checkbox group, in the enum\'s order, each once', () => {
  assert.deepEqual(value('history', ['published', 'draft', 'published']), ['draft', 'published']);
  assert.deepEqual(value('history', 'draft'), ['draft']);
  assert.deepEqual(value('history', undefined), []);
  assert.equal(error('history', ['draft', 'gone']), 'Select a valid choice.');
});

test('relations: connect on add, connect/disconnect on change, m2m connect/set, bad ids are field errors', () => {
  const uuid1 = '6f1c2d8e-3b4a-4c5d-9e8f-0a1b2c3d4e5f';
  const uuid2 = '7f1c2d8e-3b4a-4c5d-9e8f-0a1b2c3d4e5f';
  const add = data({ ...validAdd, editor: '2', tags: [uuid1, uuid2] });
  assert.deepEqual(add.author, { connect: { id: 1 } });
  assert.deepEqual(add.editor, { connect: { id: 2 } });
  assert.deepEqual(add.tags, { connect: [{ id: uuid1 }, { id: uuid2 }] });
  assert.equal(data({ ...validAdd, tags: [] }).tags, undefined);
  const change = data({ ...validChange, editor: '3', tags: uuid1 }, 'change');
  assert.deepEqual(change.editor, { connect: { id: 3 } });
  assert.deepEqual(change.tags, { set: [{ id: uuid1 }] });
  assert.equal(error('author', 'not-a-number'), 'Select a valid choice.');
  assert.equal(error('author', ''), 'This field is required.');
});

test('read-only fields are never taken from the form', () => {
  const d = data({ ...validChange, id: '999', updatedAt: '2020-01-01T00:00', authorId: '5', comments: ['1'] }, 'change');
  for (const name of ['id', 'updatedAt', 'authorId', 'comments']) assert.equal(name in d, false, name);
  const fields = formFieldsFor(schema, post, { mode: 'change', readonlyFields: ['title', 'author'] });
  const result = parseForm(schema, post, fields, { ...validChange, title: 'Hacked', author: '7' }, 'change');
  assert.ok(result.ok);
  assert.equal('title' in result.data, false);
  assert.equal('author' in result.data, false);
});

test('ids: required without default on add; composite keys through their relation', () => {
  const codeAdd = parseForm(schema, code, formFieldsFor(schema, code, { mode: 'add' }), { code: 'ABC', label: 'x' }, 'add');
  assert.deepEqual(codeAdd, { ok: true, data: { code: 'ABC', label: 'x' } });
  const enrollFields = formFieldsFor(schema, enrollment, { mode: 'add' });
  assert.deepEqual(parseForm(schema, enrollment, enrollFields, { author: '4', course: 'math', grade: '' }, 'add'), {
    ok: true,
    data: { author: { connect: { id: 4 } }, course: 'math' },
  });
});

test('a value sent twice for a single input counts with its last value', () => {
  assert.equal(value('views', ['1', '2']), 2);
});
