// A database error that names a column goes beside that column's form field (a foreign key: beside its relation).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapPrismaError } from '../../../src/data/prisma-errors.ts';
import { readSchema } from '../../../src/schema/introspect.ts';

const schema = await readSchema('prisma/schema');
const post = schema.models.find((m) => m.name === 'Post')!;

test('a value too long for its column (LengthMismatch names the column) goes beside the field', () => {
  const error = { code: 'P2000', meta: { driverAdapterError: { cause: { kind: 'LengthMismatch', column: 'title' } } } };
  assert.deepEqual(mapPrismaError(post, error)?.errors, { title: 'The value is too long for this field.' });
});

test('a foreign-key column named by the error goes beside its relation', () => {
  const error = { code: 'P2011', meta: { driverAdapterError: { cause: { kind: 'NullConstraintViolation', constraint: { fields: ['authorId'] } } } } };
  assert.deepEqual(mapPrismaError(post, error)?.errors, { author: 'This field is required.' });
  const tooLong = { code: 'P2000', meta: { column_name: 'authorId' } };
  assert.deepEqual(Object.keys(mapPrismaError(post, { ...tooLong, meta: { target: ['authorId'] } })!.errors), ['author']);
});

test('a value out of range names its column', () => {
  const error = { code: 'P2020', meta: { driverAdapterError: { cause: { kind: 'postgres', column: 'title' } } } };
  assert.deepEqual(Object.keys(mapPrismaError(post, error)!.errors), ['title']);
});
