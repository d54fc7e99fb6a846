// scripts/db/apply-schema.ts: reading schema files, switching providers, applying a schema to SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  applySchema, ddlForSchema, postgresConnectionString, postgresSchemaOfUrl, providerOfSchema, readSchemaFiles,
  SchemaApplyError, withProvider,
} from '../../../scripts/db/apply-schema.ts';
import { demoClient, freshPostgresDatabase, freshSqliteDatabase, POSTGRES_ADMIN_URL } from '../../support/databases.ts';

// The demo schema is a folder: the blog's models (blog.prisma) and prisma-admin-site's own (prisma-admin-site.prisma).
const DEMO_SCHEMA = 'prisma/schema';
const BLOG_TABLES = ['Author', 'Category', 'Comment', 'Post', 'Tag', '_PostToTag'];
const ADMIN_TABLES = ['AdminImportJob', 'AdminJob', 'AdminLogEntry', 'AdminLoginThrottle', 'AdminSession', 'AdminUser', 'AdminUserPermission'];
const DEMO_TABLES = [...ADMIN_TABLES, ...BLOG_TABLES];

const temp = mkdtempSync(path.join(tmpdir(), 'pa-apply-'));
after(() => rmSync(temp, { recursive: true, force: true }));

async function pgRows<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgresConnectionString(url) });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('readSchemaFiles', () => {
  test('reads one file', () => {
    const files = readSchemaFiles('prisma/schema/blog.prisma');
    assert.equal(files.length, 1);
    assert.equal(files[0].path, 'prisma/schema/blog.prisma');
    assert.match(files[0].content, /model Post \{/);
  });

  test('reads the demo schema folder', () => {
    const files = readSchemaFiles(DEMO_SCHEMA);
    assert.ok(files.some((f) => /model Post \{/.test(f.content)));
    assert.ok(files.some((f) => /model AdminUser \{/.test(f.content)));
  });

  test('reads every .prisma file under a folder, sorted, and nothing else', () => {
    const folder = path.join(temp, 'multi');
    mkdirSync(path.join(folder, 'models'), { recursive: true });
    writeFileSync(path.join(folder, 'schema.prisma'), 'datasource db {\n  provider = "sqlite"\n}\n');
    writeFileSync(path.join(folder, 'models', 'b.prisma'), 'model B {\n  id Int @id\n}\n');
    writeFileSync(path.join(folder, 'models', 'a.prisma'), 'model A {\n  id Int @id\n}\n');
    writeFileSync(path.join(folder, 'notes.md'), '# not a schema');
    const files = readSchemaFiles(folder);
    assert.deepEqual(
      files.map((f) => path.relative(folder, f.path)),
      [path.join('models', 'a.prisma'), path.join('models', 'b.prisma'), 'schema.prisma'],
    );
  });

  test('says what to pass when the path is missing or the folder has no schema', () => {
    assert.throws(() => readSchemaFiles(path.join(temp, 'nope.prisma')), SchemaApplyError);
    const empty = path.join(temp, 'empty');
    mkdirSync(empty);
    assert.throws(() => readSchemaFiles(empty), /No \.prisma files/);
  });
});

describe('withProvider', () => {
  test("rewrites the datasource provider only, not the generator's", () => {
    const [file] = withProvider(readSchemaFiles('prisma/schema/blog.prisma'), 'postgresql');
    assert.equal(providerOfSchema([file]), 'postgresql');
    assert.match(file.content, /provider = "prisma-client"/);
    assert.equal(file.content.match(/provider\s*=/g)?.length, 2);
  });

  test('finds the datasource in whichever file of a multi-file schema holds it', () => {
    const files = withProvider([{ path: 'a.prisma', content: 'model A {\n  id Int @id\n}' }, { path: 'b.prisma', content: 'datasource db {\n  provider = "sqlite"\n}' }], 'postgresql');
    assert.equal(files[0].content, 'model A {\n  id Int @id\n}');
    assert.match(files[1].content, /provider = "postgresql"/);
  });

  test('fails clearly without a datasource block', () => {
    assert.throws(() => withProvider([{ path: 'a.prisma', content: 'model A {\n  id Int @id\n}' }], 'sqlite'), /no datasource block/);
  });
});

describe('applySchema on SQLite', () => {
  test('creates every table, index and foreign key of the demo schema (a multi-file schema)', async () => {
    const db = await freshSqliteDatabase();
    try {
      const sqlite = new Database(db.path, { readonly: true });
      try {
        const names = (type: string) =>
          sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all(type);
        assert.deepEqual(names('table'), DEMO_TABLES);
        assert.ok(names('index').includes('Post_slug_key'));
        assert.ok(names('index').includes('Author_email_key'));
        const keys = sqlite.prepare(`SELECT "table", "from", on_delete FROM pragma_foreign_key_list('Post') ORDER BY "from"`).all();
        assert.deepEqual(keys, [
          { table: 'Author', from: 'authorId', on_delete: 'RESTRICT' },
          { table: 'Category', from: 'categoryId', on_delete: 'SET NULL' },
        ]);
      } finally {
        sqlite.close();
      }
    } finally {
      await db.cleanup();
    }
  });

  test('creates the folder of a new file, and refuses a database that already has tables', async () => {
    const url = `file:${path.join(temp, 'nested', 'deeper', 'demo.db')}`;
    const files = readSchemaFiles('prisma/schema/blog.prisma');
    await applySchema(files, url);
    await assert.rejects(applySchema(files, url), /already has tables \(Author, Category, Comment, Post, Tag, \.\.\.\)/);
  });

  test('refuses a schema whose provider does not match the URL', async () => {
    const files = readSchemaFiles(DEMO_SCHEMA);
    await assert.rejects(ddlForSchema(files, 'postgresql://postgres@127.0.0.1:5432/test'), /provider is "sqlite" but the URL is for postgresql/);
  });

  test('reports schema errors with the engine diagnostic', async () => {
    const files = [{ path: 'broken.prisma', content: 'datasource db {\n  provider = "sqlite"\n}\nmodel A {\n  id Int @id\n  b Nope\n}\n' }];
    await assert.rejects(applySchema(files, `file:${path.join(temp, 'broken.db')}`), /Nope/);
  });
});

describe('applySchema on PostgreSQL', () => {
  test('creates the tables and the enum in a new database, which cleanup drops', async () => {
    const db = await freshPostgresDatabase();
    try {
      const tables = await pgRows<{ table_name: string }>(
        db.url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name COLLATE "C"`,
      );
      assert.deepEqual(tables.map((t) => t.table_name), DEMO_TABLES);
      const labels = await pgRows<{ enumlabel: string }>(
        db.url,
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'PostStatus' ORDER BY e.enumsortorder`,
      );
      assert.deepEqual(labels.map((l) => l.enumlabel), ['draft', 'published', 'archived']);
    } finally {
      await db.cleanup();
    }
    const left = await pgRows(POSTGRES_ADMIN_URL, 'SELECT 1 FROM pg_database WHERE datname = $1', [db.name]);
    assert.equal(left.length, 0, 'cleanup drops the database');
  });

  test('puts everything in the schema named by ?schema=, and the demo client works there', async () => {
    const db = await freshPostgresDatabase(DEMO_SCHEMA, { schema: 'blog' });
    try {
      assert.equal(postgresSchemaOfUrl(db.url), 'blog');
      const tables = await pgRows<{ table_schema: string; n: string }>(
        db.url,
        `SELECT table_schema, count(*) AS n FROM information_schema.tables WHERE table_schema IN ('public', 'blog') GROUP BY 1`,
      );
      assert.deepEqual(tables, [{ table_schema: 'blog', n: String(DEMO_TABLES.length) }]);
      const enums = await pgRows<{ nspname: string }>(
        db.url,
        `SELECT n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'PostStatus'`,
      );
      assert.deepEqual(enums, [{ nspname: 'blog' }]);

      const prisma = await demoClient(db.url);
      try {
        const author = await prisma.author.create({ data: { name: 'Ada', email: 'ada@example.com' } });
        await prisma.post.create({ data: { title: 'Hello', slug: 'hello', body: '…', status: 'published', authorId: author.id } });
        assert.equal(await prisma.post.count({ where: { status: 'published' } }), 1);
      } finally {
        await prisma.$disconnect();
      }
      const rows = await pgRows<{ title: string }>(db.url, 'SELECT title FROM blog."Post"');
      assert.deepEqual(rows, [{ title: 'Hello' }]);
    } finally {
      await db.cleanup();
    }
  });
});
