// Database refusals become messages beside the right form field, in every shape Prisma reports them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapPrismaError } from '../../../src/data/prisma-errors.ts';
import { readSchema } from '../../../src/schema/introspect.ts';

const schema = await readSchema('prisma/schema');
const post = schema.models.find((m) => m.name === 'Post')!;

test('PostgreSQL names only the constraint (Post_slug_key): the error goes beside slug', () => {
  // The meta of a real P2002 from @prisma/adapter-pg.
  const error = { code: 'P2002', meta: { modelName: 'Post', driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '23505', kind: 'UniqueConstraintViolation', constraint: { index: 'Post_slug_key' }, table: 'Post' } } } };
  assert.deepEqual(mapPrismaError(post, error)?.errors, { slug: 'A record with this value already exists.' });
});

test('SQLite names the fields: the error goes beside them', () => {
  const error = { code: 'P2002', meta: { modelName: 'Post', driverAdapterError: { cause: { kind: 'UniqueConstraintViolation', constraint: { fields: ['slug'] } } } } };
  assert.deepEqual(mapPrismaError(post, error)?.errors, { slug: 'A record with this value already exists.' });
});

test('a foreign-key column is reported on its relation field', () => {
  const error = { code: 'P2003', meta: { driverAdapterError: { cause: { constraint: { index: 'Post_authorId_fkey' } } } } };
  assert.deepEqual(Object.keys(mapPrismaError(post, error)!.errors), ['author']);
});

test('a missing related record names the relation (meta.relation)', () => {
  const error = { code: 'P2025', meta: { relation: 'AuthorToPost' } };
  assert.deepEqual(Object.keys(mapPrismaError(post, error)!.errors), ['author']);
});

test('errors that are not Prisma request errors are left alone', () => {
  assert.equal(mapPrismaError(post, new Error('boom')), null);
});
