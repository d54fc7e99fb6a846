// `@field` full-text search on each database, through the admin plugin over a small schema of its own: PostgreSQL's
// to_tsvector (no index needed), SQLite's FTS5 table `<table>_fts`, MariaDB's FULLTEXT index; where SQLite and
// MariaDB have neither, the field is searched with contains.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { applySchema, withProvider, type Provider } from '../../scripts/db/apply-schema.ts';
import { admin, AdminSite, ModelAdmin, parseSchemaFiles } from '../../src/index.ts';
import { ensureGeneratedClient } from '../../src/client/generate-client.ts';
import { openPrismaClient } from '../../src/client/open-client.ts';
import { parseDatabaseUrl } from '../../src/client/database-url.ts';
import { openSqlConnection } from '../../src/cli/sql-connection.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { POSTGRES_ADMIN_URL, postgresAvailable } from '../support/databases.ts';
import { MYSQL_ADMIN_URL, mysqlAdmin, mysqlAvailable, postgresAdmin } from '../cli/support/cli-fixture.ts';
import { listRows, mainOf, textOf } from '../support/html.ts';

const SCHEMA = `
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "sqlite"
}

model Article {
  id    Int    @id @default(autoincrement())
  title String
  body  String @db.Text
}

model Note {
  id   Int    @id @default(autoincrement())
  body String
}
`;

class ArticleAdmin extends ModelAdmin {
  searchFields = ['title', '@body'];
}
class NoteAdmin extends ModelAdmin {
  searchFields = ['@body'];
}

async function freshDatabase(provider: Provider): Promise<{ url: string; cleanup: () => Promise<unknown> }> {
  const name = `pa_fts_${randomBytes(5).toString('hex')}`;
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'pa-fts-'));
    return { url: `file:${path.join(dir, 'test.db')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = new URL(provider === 'postgresql' ? POSTGRES_ADMIN_URL : MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  if (provider === 'postgresql') {
    await postgresAdmin(`CREATE DATABASE "${name}"`);
    return { url: url.toString(), cleanup: () => postgresAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  return { url: url.toString(), cleanup: () => mysqlAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)) };
}

const available = { sqlite: true, postgresql: await postgresAvailable(), mysql: await mysqlAvailable() };

for (const provider of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`full-text search on ${provider}`, { skip: available[provider] ? false : `no ${provider} server` }, () => {
    const closers: (() => Promise<unknown>)[] = [];
    let browser: Browser;
    const ids: Record<string, string> = {};
    before(async () => {
      testCredentials();
      const files = withProvider([{ path: 'schema.prisma', content: provider === 'mysql' ? SCHEMA : SCHEMA.replace(' @db.Text', '') }], provider);
      const db = await freshDatabase(provider);
      closers.push(db.cleanup);
      await applySchema(files, db.url);
      const generated = await ensureGeneratedClient(files, { isFolder: false, env: { PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath } });
      const prisma = await openPrismaClient(generated.clientFile, parseDatabaseUrl(db.url)) as never as {
        article: { create(args: object): Promise<{ id: number }> };
        note: { create(args: object): Promise<{ id: number }> };
        $disconnect(): Promise<void>;
      };
      closers.push(() => prisma.$disconnect());
      ids.phrase = String((await prisma.article.create({ data: { title: 'First', body: 'Lorem marsupialish ipsum.' } })).id);
      ids.reversed = String((await prisma.article.create({ data: { title: 'Second', body: 'Ipsum lorem marsupialish.' } })).id);
      ids.note = String((await prisma.note.create({ data: { body: 'A wombatish remark' } })).id);
      const sql = await openSqlConnection(db.url);
      closers.push(() => sql.close());
      if (provider === 'sqlite') {
        await sql.run(`CREATE VIRTUAL TABLE "Article_fts" USING fts5(body, content='Article', content_rowid='id')`, []);
        await sql.run(`INSERT INTO "Article_fts"("Article_fts") VALUES('rebuild')`, []);
      }
      if (provider === 'mysql') await sql.run('ALTER TABLE `Article` ADD FULLTEXT INDEX `Article_body_fts` (`body`)', []);
      const app: FastifyInstance = Fastify();
      closers.push(() => app.close());
      const site = new AdminSite().register('Article', ArticleAdmin).register('Note', NoteAdmin);
      await app.register(admin, { prefix: '/admin', schema: parseSchemaFiles(files), prisma: prisma as never, site });
      await app.ready();
      browser = await new Browser(app).login();
    });
    after(async () => {
      for (const close of closers.reverse()) await close().catch(() => {});
    });

    const found = async (q: string, model = 'article') => {
      const response = await browser.get(`/admin/${model}/?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200, textOf(mainOf(response.body)).slice(0, 300));
      return new Set(listRows(response.body).map((r) => r.id));
    };

    test('whole words match in any case; a part of a word does not', async () => {
      assert.deepEqual(await found('MARSUPIALISH'), new Set([ids.phrase, ids.reversed]));
      assert.deepEqual(await found('marsupial'), new Set());
    });

    test('a quoted phrase matches the words side by side', async () => {
      assert.deepEqual(await found('"marsupialish ipsum"'), new Set([ids.phrase]));
      assert.deepEqual(await found('"ipsum marsupialish"'), new Set());
    });

    test('a term that is not full text still matches the other search fields', async () => {
      assert.deepEqual(await found('secon'), new Set([ids.reversed]));
    });

    test(provider === 'postgresql' ? 'a field without an index is full text too' : 'a field without an FTS table or FULLTEXT index is searched with contains', async () => {
      assert.deepEqual(await found('wombat', 'note'), provider === 'postgresql' ? new Set() : new Set([ids.note]));
      assert.deepEqual(await found('wombatish', 'note'), new Set([ids.note]));
    });
  });
}
