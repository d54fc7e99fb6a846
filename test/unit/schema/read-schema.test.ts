import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseSchemaFiles, readSchema } from '../../../src/schema/introspect.ts';
import { enumField, fixturePath, loadFixture, model, relation } from './fixture-helpers.ts';

describe('readSchema', () => {
  it('reads a multi-file folder recursively, relations across files included', async () => {
    const schema = await loadFixture('multi-file');
    assert.equal(schema.provider, 'sqlite');
    assert.deepEqual(schema.models.map((m) => m.name).sort(), ['Customer', 'Order', 'OrderLine', 'Product']);
    assert.deepEqual(schema.enums.map((e) => e.name), ['OrderStatus']);
    const line = model(schema, 'OrderLine');
    assert.deepEqual(line.primaryKey, { name: 'orderId_productId', fields: ['orderId', 'productId'] });
    assert.equal(relation(line, 'order').type, 'Order', 'catalog/products.prisma → users.prisma');
    assert.equal(relation(line, 'order').onDelete, 'Cascade');
    assert.equal(enumField(model(schema, 'Order'), 'status').type, 'OrderStatus');
    assert.equal(model(schema, 'Product').documentation, 'Something the shop sells.');
  });

  it('reads one file of a folder when given the file', async () => {
    const schema = await readSchema(fixturePath('scalars.prisma'));
    assert.deepEqual(schema.models.map((m) => m.name), ['Sample']);
  });

  it('accepts a relative path', async () => {
    const relative = path.relative(process.cwd(), fixturePath('keys.prisma'));
    const schema = await readSchema(relative);
    assert.equal(schema.provider, 'sqlite');
  });

  it('follows symbolic links to folders once, and ignores files that are not .prisma', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'prisma-admin-site-schema-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    await mkdir(path.join(root, 'real'));
    await writeFile(path.join(root, 'main.prisma'), 'datasource db {\n  provider = "sqlite"\n}\n');
    await writeFile(path.join(root, 'real', 'tag.prisma'), 'model Tag {\n  id Int @id\n}\n');
    await writeFile(path.join(root, 'real', 'notes.txt'), 'model Nope {}');
    await symlink(path.join(root, 'real'), path.join(root, 'linked'));
    await symlink(root, path.join(root, 'real', 'loop'));
    const schema = await readSchema(root);
    assert.deepEqual(schema.models.map((m) => m.name), ['Tag'], 'read once although two paths lead to it; no .txt');
  });
});

describe('parseSchemaFiles', () => {
  it('introspects files given as strings, under the names given', () => {
    const schema = parseSchemaFiles([
      { path: 'a.prisma', content: 'datasource db {\n  provider = "postgres"\n}\n' },
      { path: 'b.prisma', content: 'model Thing {\n  id Int @id\n  name String @map("thing_name")\n}\n' },
    ]);
    assert.equal(schema.provider, 'postgresql', 'the "postgres" alias is normalised by Prisma');
    assert.equal(schema.models[0].fields[1].dbName, 'thing_name');
  });

  it('recovers Unsupported fields whatever the spacing, with escapes, @map(name:), and /// inside strings', () => {
    const content = [
      'datasource db {',
      '  provider = "postgresql"',
      '}',
      'model   Odd{',
      '  id Int @id',
      '  /// line one',
      '  ///   line two',
      '  a    Unsupported("say \\"hi\\"")?   @map(name: "col_a") /// trailing',
      '  b Unsupported("x")[] @default(dbgenerated("\'/// not a doc\'"))',
      '  c String @default("Unsupported(\\"no\\")")',
      '}',
    ].join('\n');
    const odd = parseSchemaFiles([{ path: 'odd.prisma', content }]).models[0];
    assert.deepEqual(odd.fields.map((f) => `${f.name}:${f.kind}`), ['id:scalar', 'a:unsupported', 'b:unsupported', 'c:scalar']);
    const [, a, b] = odd.fields;
    assert.ok(a.kind === 'unsupported' && b.kind === 'unsupported');
    assert.equal(a.type, 'say "hi"');
    assert.equal(a.dbName, 'col_a');
    assert.equal(a.documentation, 'line one\nline two\ntrailing');
    assert.equal(a.isRequired, false);
    assert.equal(b.isList, true);
    assert.equal(b.hasDefault, true);
    assert.equal(b.documentation, null);
  });
});
