import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { readSchema } from '../../../src/schema/introspect.ts';
import type { FieldMeta, SchemaMeta } from '../../../src/schema/types.ts';
import { FIXTURES, fixturePath, loadFixture, model, relation, scalar } from './fixture-helpers.ts';

const DEMO_SCHEMA = fileURLToPath(new URL('../../../prisma/schema', import.meta.url));
const SHIPPED_ADMIN_MODELS = fileURLToPath(new URL('../../../src/auth/admin-models.prisma', import.meta.url));

describe('the demo blog (the multi-file schema prisma/schema/)', () => {
  it('introspects its five models', async () => {
    const schema = await readSchema(DEMO_SCHEMA);
    assert.equal(schema.provider, 'sqlite');
    assert.deepEqual(schema.models.map((m) => m.name), [
      'Author', 'Category', 'Post', 'Tag', 'Comment',
      'AdminUser', 'AdminUserPermission', 'AdminSession', 'AdminLogEntry', 'AdminLoginThrottle', 'AdminImportJob', 'AdminJob',
    ]);
    assert.deepEqual(schema.enums.map((e) => e.name), ['PostStatus']);
  });

  it('knows Post.tags is an implicit many-to-many and Post.author is keyed by authorId', async () => {
    const post = model(await readSchema(DEMO_SCHEMA), 'Post');
    assert.equal(relation(post, 'tags').isImplicitManyToMany, true);
    assert.deepEqual(relation(post, 'author').fromFields, ['authorId']);
    assert.deepEqual(relation(post, 'author').toFields, ['id']);
    assert.equal(relation(post, 'author').onDelete, 'Restrict');
    assert.equal(scalar(post, 'authorId').isForeignKey, true);
    assert.equal(scalar(post, 'categoryId').isForeignKey, true);
    assert.equal(scalar(post, 'updatedAt').isUpdatedAt, true);
  });

  it('holds the admin models exactly as `prisma-admin-site init` ships them', async () => {
    const { readFile } = await import('node:fs/promises');
    const demoCopy = await readFile(`${DEMO_SCHEMA}/prisma-admin-site.prisma`, 'utf8');
    assert.equal(demoCopy, await readFile(SHIPPED_ADMIN_MODELS, 'utf8'));
  });

  it('carries the doc comments', async () => {
    const schema = await readSchema(DEMO_SCHEMA);
    assert.equal(model(schema, 'Post').documentation, 'A blog post.');
    assert.equal(scalar(model(schema, 'Post'), 'body').documentation, 'The text of the post, in Markdown.');
    assert.equal(scalar(model(schema, 'Author'), 'email').documentation, 'Used to sign in to the blog; must be unique.');
    assert.equal(schema.enums[0].documentation, 'Publication state of a post.');
  });
});

describe('the 100-model fixture (hundred-models.prisma)', () => {
  it('introspects 100 models with their relations', async () => {
    const schema = await loadFixture('hundred-models.prisma');
    assert.equal(schema.models.length, 100);
    assert.equal(new Set(schema.models.map((m) => m.name)).size, 100);
    assert.equal(schema.enums.length, 10);
    const relationCount = schema.models.flatMap((m) => m.fields).filter((f) => f.kind === 'relation').length;
    assert.ok(relationCount >= 200, `${relationCount} relation fields`);
    assert.deepEqual(relation(model(schema, 'OrderItem'), 'order').fromFields, ['orderId']);
  });
});

/** Every construct the corpus promises, checked over all valid fixtures together. */
describe('the fixture corpus', () => {
  async function validFixtures(): Promise<Array<[string, SchemaMeta]>> {
    const names = (await readdir(FIXTURES)).filter((name) => name.endsWith('.prisma') || name === 'multi-file');
    return Promise.all(names.map(async (name) => [name, await loadFixture(name)] as [string, SchemaMeta]));
  }

  it('parses every valid fixture', async () => {
    const fixtures = await validFixtures();
    assert.ok(fixtures.length >= 14, `${fixtures.length} fixtures`);
    for (const [name, schema] of fixtures) assert.ok(schema.models.length > 0, name);
  });

  it('covers every scalar type, field kind, referential action, provider and default function', async () => {
    const fixtures = await validFixtures();
    const fields: FieldMeta[] = fixtures.flatMap(([, s]) => s.models.flatMap((m) => m.fields));
    const scalarTypes = new Set(fields.flatMap((f) => (f.kind === 'scalar' ? [f.type] : [])));
    assert.deepEqual([...scalarTypes].sort(), ['BigInt', 'Boolean', 'Bytes', 'DateTime', 'Decimal', 'Float', 'Int', 'Json', 'String']);
    assert.deepEqual(new Set(fields.map((f) => f.kind)), new Set(['scalar', 'enum', 'relation', 'unsupported']));
    const actions = new Set(fields.flatMap((f) => (f.kind === 'relation' ? [f.onDelete, f.onUpdate] : [])));
    for (const action of ['Cascade', 'Restrict', 'NoAction', 'SetNull', 'SetDefault']) assert.ok(actions.has(action as never), action);
    const providers = new Set(fixtures.map(([, s]) => s.provider));
    for (const provider of ['sqlite', 'postgresql', 'mysql', 'cockroachdb']) assert.ok(providers.has(provider as never), provider);
    const functions = new Set(
      fields.flatMap((f) => (f.kind !== 'relation' && f.kind !== 'unsupported' && f.default?.kind === 'function' ? [f.default.name] : [])),
    );
    for (const name of ['autoincrement', 'uuid', 'cuid', 'nanoid', 'ulid', 'now', 'dbgenerated', 'sequence']) {
      assert.ok(functions.has(name), name);
    }
    assert.ok(fixtures.some(([, s]) => s.models.some((m) => m.isView)), 'a view');
  });

  it('has an invalid fixture for each kind of error', async () => {
    const invalid = await readdir(fixturePath('invalid'));
    for (const name of ['syntax-error.prisma', 'unknown-type.prisma', 'bad-relation.prisma']) assert.ok(invalid.includes(name), name);
  });
});
