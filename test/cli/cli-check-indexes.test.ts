// `check` says, per searched field, sort column and filter of an admin, which index lets the admin's query use an
// index, and whether the database has it (read from its catalog). On PostgreSQL the advised Prisma line, applied, makes
// the admin's ILIKE search an index scan.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { ddlForSchema, readSchemaFiles } from '../../scripts/db/apply-schema.ts';
import { postgresAvailable } from '../support/databases.ts';
import { datasourceBlock, FIXTURES, freshDatabase, mysqlAdmin, mysqlAvailable, postgresAdmin, type CliProvider } from './support/cli-fixture.ts';
import { runCli } from './support/cli-process.ts';

const CONFIG = path.join(FIXTURES, 'config/search-index.config.mjs');
const NOTE = (extra = '') => `model Note {\n  id    Int     @id @default(autoincrement())\n  title String\n  body  String\n  views Int     @default(0)\n  done  Boolean @default(false)\n${extra}}\n`;
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function schemaFolder(provider: CliProvider, extra = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pa-check-idx-'));
  dirs.push(dir);
  const folder = path.join(dir, 'schema');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'datasource.prisma'), datasourceBlock(provider));
  writeFileSync(path.join(folder, 'note.prisma'), NOTE(extra));
  return folder;
}

async function check(folder: string, url: string): Promise<string> {
  const result = await runCli(['check', '--schema', folder, '--url', url, '--config', CONFIG]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

describe('check on PostgreSQL: the trigram index of a contains search', { skip: !(await postgresAvailable()) && 'no PostgreSQL test server' }, () => {
  test('advises it, says it serves once created, and EXPLAIN of the search uses it', async () => {
    const folder = schemaFolder('postgresql');
    const db = await freshDatabase('postgresql', folder);
    try {
      const before = await check(folder, db.url);
      const line = /search on title: missing: add (@@index\(\[title\(ops: raw\("gin_trgm_ops"\)\)\], type: Gin\)) to model Note/.exec(before)?.[1];
      assert.ok(line, before);
      assert.match(before, /first run once: CREATE EXTENSION IF NOT EXISTS pg_trgm;/);
      assert.match(before, /search on body \(full text\): missing: run CREATE INDEX "Note_body_tsv_idx" ON "Note" USING GIN \(to_tsvector\('simple', "body"\)\);/);
      assert.match(before, /sort on views: missing: add @@index\(\[views, id\]\) to model Note/);
      assert.match(before, /filter on done: missing: add @@index\(\[done\]\) to model Note/);
      // A header click sorts by any list column: each gets its (column, id) index, the default order's only once.
      assert.match(before, /sort on title: missing: add @@index\(\[title, id\]\) to model Note/);
      assert.equal(before.match(/sort on views:/g)?.length, 1, before);

      // The advised line, through Prisma's own schema engine: the index it makes is the one the catalog check expects.
      const ddl = await ddlForSchema(readSchemaFiles(schemaFolder('postgresql', `  ${line}\n  @@index([views, id])\n`)), db.url);
      const indexes = ddl.split(';').map((s) => s.replace(/^--.*$/gm, '').trim()).filter((s) => s.startsWith('CREATE INDEX'));
      assert.ok(indexes.some((s) => /USING GIN \("title" gin_trgm_ops\)/.test(s)), ddl);
      await postgresAdmin(`CREATE EXTENSION IF NOT EXISTS pg_trgm; ${indexes.join('; ')}; CREATE INDEX "Note_body_tsv_idx" ON "Note" USING GIN (to_tsvector('simple', "body"))`, [], db.url);
      await postgresAdmin(`INSERT INTO "Note" (title, body, views) SELECT md5(i::text), 'word ' || i, i FROM generate_series(1, 2000) i; ANALYZE "Note"`, [], db.url);

      const after = await check(folder, db.url);
      assert.match(after, /search on title: served by index Note_title_idx/);
      assert.match(after, /search on body \(full text\): served by index Note_body_tsv_idx/);
      assert.match(after, /sort on views: served by index Note_views_id_idx/);
      assert.match(after, /filter on done: missing/);
      assert.doesNotMatch(after, /pg_trgm/);

      const results = await postgresAdmin(`SET enable_seqscan = off; EXPLAIN SELECT id FROM "Note" WHERE "title"::text ILIKE '%abc%'`, [], db.url);
      const plan = (results as unknown as { rows: { 'QUERY PLAN': string }[] }[])[1]!.rows.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(plan, /Index Scan on "?Note_title_idx"?|Bitmap Index Scan on "?Note_title_idx"?/, plan);
    } finally {
      await db.cleanup();
    }
  });
});

describe('check on SQLite: the FTS5 table of a full-text search', () => {
  test('advises the FTS5 table for an @ field, and says it serves once created', async () => {
    const folder = schemaFolder('sqlite');
    const db = await freshDatabase('sqlite', folder);
    try {
      const before = await check(folder, db.url);
      const sql = /search on body \(full text; keep it current with triggers\): missing: run (CREATE VIRTUAL TABLE "Note_fts" USING fts5\("body".*)$/m.exec(before)?.[1];
      assert.ok(sql, before);
      const file = new Database(db.name);
      file.exec(sql);
      file.close();
      assert.match(await check(folder, db.url), /search on body \(full text; keep it current with triggers\): served by index Note_fts/);
    } finally {
      await db.cleanup();
    }
  });
});

describe('check on SQLite: the trigram table of a contains search', () => {
  test('advises an FTS5 trigram table with its triggers for a String field, and says it serves once created', async () => {
    const folder = schemaFolder('sqlite');
    const db = await freshDatabase('sqlite', folder);
    try {
      const before = await check(folder, db.url);
      const sql = /search on title \(FTS5 trigram table Note_title_trigram, kept current by its triggers\): missing: run (.*)$/m.exec(before)?.[1];
      assert.ok(sql, before);
      assert.ok(sql.startsWith(`CREATE VIRTUAL TABLE "Note_title_trigram" USING fts5("title", content='Note', content_rowid='id', tokenize='trigram'); `), sql);
      assert.ok(sql.includes(`CREATE TRIGGER "Note_title_trigram_ai" AFTER INSERT ON "Note" BEGIN INSERT INTO "Note_title_trigram"(rowid, "title") VALUES (new."id", new."title"); END;`), sql);
      assert.ok(sql.includes(`CREATE TRIGGER "Note_title_trigram_ad" AFTER DELETE ON "Note" BEGIN INSERT INTO "Note_title_trigram"("Note_title_trigram", rowid, "title") VALUES ('delete', old."id", old."title"); END;`), sql);
      assert.ok(sql.includes(`CREATE TRIGGER "Note_title_trigram_au" AFTER UPDATE OF "title", "id" ON "Note" BEGIN`), sql);
      assert.ok(sql.endsWith(`INSERT INTO "Note_title_trigram"("Note_title_trigram") VALUES ('rebuild');`), sql);
      const file = new Database(db.name);
      file.exec(sql);
      file.exec(`INSERT INTO "Note" (title, body) VALUES ('a Trigram title', 'b')`);
      const found = file.prepare(`SELECT rowid AS id FROM "Note_title_trigram" WHERE "Note_title_trigram" MATCH '"trigram"'`).all();
      file.close();
      assert.equal(found.length, 1);
      assert.match(await check(folder, db.url), /search on title \(FTS5 trigram table Note_title_trigram, kept current by its triggers\): served by index Note_title_trigram/);
    } finally {
      await db.cleanup();
    }
  });

  test('says why a model without an Int @id has none', async () => {
    const folder = schemaFolder('sqlite');
    writeFileSync(path.join(folder, 'note.prisma'), NOTE().replace('Int     @id @default(autoincrement())', 'String  @id @default(cuid())'));
    const db = await freshDatabase('sqlite', folder);
    try {
      assert.match(await check(folder, db.url), /search on title: not indexable: SQLite's trigram table \(an FTS5 table\) refers to rows by rowid, which is Note's key only when it is an Int @id/);
    } finally {
      await db.cleanup();
    }
  });
});

describe('check on MariaDB: the FULLTEXT index of a full-text search', { skip: !(await mysqlAvailable()) && 'no MariaDB test server' }, () => {
  test('advises @@fulltext for an @ field, and reads it from information_schema once created', async () => {
    const folder = schemaFolder('mysql');
    const db = await freshDatabase('mysql', folder);
    try {
      assert.match(await check(folder, db.url), /search on body \(full text\): missing: add @@fulltext\(\[body\]\) to model Note/);
      await mysqlAdmin((connection) => connection.query('ALTER TABLE `Note` ADD FULLTEXT INDEX `Note_body_idx` (`body`)'), db.name);
      assert.match(await check(folder, db.url), /search on body \(full text\): served by index Note_body_idx/);
    } finally {
      await db.cleanup();
    }
  });
});
