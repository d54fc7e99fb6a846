import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseSchemaFiles, readSchema, SchemaError } from '../../../src/schema/introspect.ts';
import { fixturePath } from './fixture-helpers.ts';

/** Runs `action`, asserts it throws a SchemaError, and returns its message. */
async function schemaErrorMessage(action: () => unknown): Promise<string> {
  try {
    await action();
  } catch (error) {
    assert.ok(error instanceof SchemaError, `a SchemaError, got ${String(error)}`);
    assert.equal(error.name, 'SchemaError');
    assert.equal(error.code, 'ADMIN_ERR_SCHEMA');
    assertNoStackTrace(error.message);
    return error.message;
  }
  assert.fail('expected a SchemaError');
}

function assertNoStackTrace(message: string): void {
  assert.doesNotMatch(message, /^\s+at .+[(:]/m, 'no stack trace lines');
  assert.doesNotMatch(message, /\.(js|ts|wasm):\d+:\d+/, 'no source positions of our code or of the WASM module');
  assert.doesNotMatch(message, /\u001b\[/, 'no terminal colour codes');
  assert.doesNotMatch(message, /"error_code"|^\{/, 'not the raw JSON from the WASM module');
}

describe('SchemaError for invalid schemas (invalid/)', () => {
  it('syntax error: Prisma wording, file and line', async () => {
    const message = await schemaErrorMessage(() => readSchema(fixturePath('invalid/syntax-error.prisma')));
    assert.match(message, /This line is not a valid field or attribute definition\./);
    assert.match(message, /-->\s+test\/fixtures\/schemas\/invalid\/syntax-error\.prisma:8\b/);
    assert.match(message, /this is not a field \(/, "Prisma's excerpt of the offending line");
  });

  it('unknown type: Prisma wording, file and line', async () => {
    const message = await schemaErrorMessage(() => readSchema(fixturePath('invalid/unknown-type.prisma')));
    assert.match(message, /Type "Writer" is neither a built-in type, nor refers to another model, composite type, or enum\./);
    assert.match(message, /unknown-type\.prisma:8\b/);
  });

  it('bad relation: Prisma wording, file and line', async () => {
    const message = await schemaErrorMessage(() => readSchema(fixturePath('invalid/bad-relation.prisma')));
    assert.match(message, /The argument `references` must refer only to existing fields in the related model `Author`/);
    assert.match(message, /bad-relation\.prisma:12\b/);
  });

  it('an error in one file of a multi-file schema names that file', async () => {
    const message = await schemaErrorMessage(() => readSchema(fixturePath('invalid/multi-file-error')));
    assert.match(message, /"high" is not a valid decimal/);
    assert.match(message, /multi-file-error\/posts\.prisma:5\b/);
    assert.doesNotMatch(message, /schema\.prisma:\d/);
  });

  it('keeps the Prisma error code and reports all errors at once', async () => {
    const content = 'datasource db {\n  provider = "sqlite"\n}\nmodel A {\n  id Int @id\n  b Foo\n  c Bar\n}\n';
    try {
      parseSchemaFiles([{ path: 'two-errors.prisma', content }]);
      assert.fail('expected a SchemaError');
    } catch (error) {
      assert.ok(error instanceof SchemaError);
      assert.equal(error.prismaCode, 'P1012');
      assert.match(error.message, /^Invalid Prisma schema:\n/);
      assert.match(error.message, /two-errors\.prisma:6\b/);
      assert.match(error.message, /two-errors\.prisma:7\b/);
      assert.match(error.message, /Validation Error Count: 2/);
    }
  });
});

describe('SchemaError for what the admin cannot use', () => {
  it('refuses MongoDB, saying so', async () => {
    const message = await schemaErrorMessage(() => readSchema(fixturePath('invalid/mongodb.prisma')));
    assert.match(message, /mongodb/);
    assert.match(message, /does not support/);
    assert.match(message, /relational databases only/);
  });

  it('asks for a datasource block when there is none', async () => {
    const message = await schemaErrorMessage(() => readSchema(fixturePath('invalid/no-datasource.prisma')));
    assert.match(message, /no datasource block/);
  });

  it('says when the path does not exist', async () => {
    const missing = fixturePath('does-not-exist/schema.prisma');
    const message = await schemaErrorMessage(() => readSchema(missing));
    assert.match(message, /Prisma schema not found/);
    assert.ok(message.includes(missing), 'names the path');
  });

  it('says when a folder holds no .prisma file', async (t) => {
    const empty = await mkdtemp(path.join(tmpdir(), 'prisma-admin-site-empty-'));
    t.after(() => rm(empty, { recursive: true, force: true }));
    await writeFile(path.join(empty, 'README.md'), 'not a schema');
    const message = await schemaErrorMessage(() => readSchema(empty));
    assert.match(message, /No Prisma schema in .*: the folder holds no \.prisma file/);
  });

  it('says when no file is given', async () => {
    const message = await schemaErrorMessage(() => parseSchemaFiles([]));
    assert.match(message, /No Prisma schema files/);
  });
});
