// How `serve` gets its Prisma client: the schema copy it generates from (the person's generators replaced by ours,
// Prisma 6 connection URLs dropped, every line kept in place), database URLs (driver, description, redaction,
// agreement with the schema's provider), and the cache of generated clients (generated once, reused while the schema
// is unchanged, generated again when it changes).
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ClientSetupError } from '../../src/client/client-error.ts';
import { assertUrlFitsSchema, parseDatabaseUrl, redactUrl } from '../../src/client/database-url.ts';
import { mariadbConnectionString, pgConnection } from '../../src/client/driver-adapter.ts';
import { clientPreviewFeatures, topLevelBlocks, withoutDatasourceUrls, withoutGenerators } from '../../src/client/schema-for-client.ts';
import { freshDatabase } from './support/cli-fixture.ts';
import { cliEnv, hasStackTrace, runCli, startServe } from './support/cli-process.ts';

const SCHEMA = `// A project schema of the Prisma 6 era.
generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views", "strictUndefinedChecks"]
  output          = "../node_modules/.prisma/client" // a } in a comment
}

generator erd {
  provider = "prisma-erd-generator"
  theme    = "a } in a string {"
}

datasource db {
  provider  = "sqlite"
  url       = env("DATABASE_URL")
  directUrl = "file:./direct.db"
}

/// A model with "generator" in its doc comment.
model Note {
  id   Int    @id @default(autoincrement())
  text String @default("generator x { }")
}
`;

describe('the schema copy for prisma generate', () => {
  test('top-level blocks are found past braces in comments and strings', () => {
    assert.deepEqual(topLevelBlocks(SCHEMA).map((b) => b.keyword), ['generator', 'generator', 'datasource', 'model']);
  });

  test('generators and datasource URLs are blanked; every other line stays where it was', () => {
    const { files, removed } = withoutDatasourceUrls([{ path: 'schema.prisma', content: SCHEMA }]);
    assert.deepEqual(removed.sort(), ['directUrl', 'url']);
    const [copy] = withoutGenerators(files);
    assert.equal(copy.content.split('\n').length, SCHEMA.split('\n').length);
    assert.doesNotMatch(copy.content, /^generator|prisma-erd-generator|prisma-client-js|env\("DATABASE_URL"\)|direct\.db/m);
    assert.match(copy.content, /provider {2}= "sqlite"/);
    assert.match(copy.content, /text String @default\("generator x \{ \}"\)/);
    assert.equal(copy.content.split('\n').indexOf('model Note {'), SCHEMA.split('\n').indexOf('model Note {'));
  });

  test("the client generators' preview features are kept", () => {
    const { files } = withoutDatasourceUrls([{ path: 'schema.prisma', content: SCHEMA }]);
    assert.deepEqual(clientPreviewFeatures(files), ['strictUndefinedChecks', 'views']);
  });
});

describe('database URLs', () => {
  test('each provider: where it points, without the password', () => {
    const pg = parseDatabaseUrl('postgresql://app:s%40cret@db.internal:5433/shop?schema=sales&connection_limit=3');
    assert.equal(pg.provider, 'postgresql');
    assert.equal(pg.describe, 'PostgreSQL at db.internal:5433, database "shop", schema "sales"');
    assert.equal(pg.pgSchema, 'sales');
    assert.deepEqual(pgConnection(pg.url), { connectionString: 'postgresql://app:s%40cret@db.internal:5433/shop', max: 3 });
    assert.equal(parseDatabaseUrl('postgres://localhost/x').describe, 'PostgreSQL at localhost:5432, database "x"');
    const my = parseDatabaseUrl('mysql://root@127.0.0.1/shop');
    assert.equal(my.describe, 'MySQL/MariaDB at 127.0.0.1:3306, database "shop"');
    assert.match(mariadbConnectionString(my.url), /^mariadb:\/\/root@127\.0\.0\.1\/shop\?connectTimeout=5000&acquireTimeout=6000$/);
    assert.equal(parseDatabaseUrl('mariadb://u:p@h:3307/d').provider, 'mysql');
    const lite = parseDatabaseUrl('file:./prisma/dev.db?connection_limit=1');
    assert.equal(lite.sqliteFile, path.resolve('prisma/dev.db'));
  });

  test('passwords are redacted, also ones with @ or / in them', () => {
    assert.equal(redactUrl('postgresql://app:secret@host/db'), 'postgresql://app:***@host/db');
    assert.equal(redactUrl('mysql://app:p@ss/word@host:3306/db'), 'mysql://app:***@host:3306/db');
    assert.equal(redactUrl('postgresql://app@host/db'), 'postgresql://app@host/db');
    assert.equal(redactUrl('file:./dev.db'), 'file:./dev.db');
  });

  test('unsupported URLs and providers say what is supported', () => {
    assert.throws(() => parseDatabaseUrl('mongodb+srv://cluster/app'), /MongoDB is not supported/);
    assert.throws(() => parseDatabaseUrl('prisma+postgres://accelerate.prisma-data.net/?api_key=x'), /direct URL/);
    assert.throws(() => parseDatabaseUrl('file:'), /names no database file/);
    assert.throws(() => parseDatabaseUrl('mysql://root@localhost'), /names no database/);
    assert.throws(() => assertUrlFitsSchema('mysql', parseDatabaseUrl('postgresql://u:hidden@h/d')), (error: Error) => {
      assert.ok(error instanceof ClientSetupError);
      assert.match(error.message, /provider is "mysql", but the URL is for PostgreSQL \(postgresql:\/\/u:\*\*\*@h\/d\)/);
      return true;
    });
    assert.throws(() => assertUrlFitsSchema('cockroachdb', parseDatabaseUrl('postgresql://h/d')), /not supported by `prisma-admin-site serve` yet/);
  });
});

describe('the cache of generated clients', () => {
  test('generated once, reused while the schema is unchanged, generated again when it changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pa-cli-cache-'));
    try {
      const schemaPath = path.join(dir, 'schema.prisma');
      writeFileSync(schemaPath, SCHEMA);
      const db = await databaseFor(dir);
      const cacheDir = path.join(dir, 'cache');
      const env = cliEnv({ PRISMA_ADMIN_CACHE_DIR: cacheDir });
      const serveOnce = async () => {
        const serve = await startServe(['--schema', schemaPath, '--url', db.url], { env });
        const response = await fetch(`${serve.origin}/admin/login`);
        assert.equal(response.status, 200);
        assert.equal(await serve.stop(), 0);
        return serve.output();
      };
      const first = await serveOnce();
      assert.match(first, /Generating the Prisma client for this schema/);
      assert.match(first, /Note: ignoring (url, directUrl|directUrl, url) in the schema's datasource block/);
      assert.match(first, new RegExp(`Prisma client: generated into ${cacheDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[0-9a-f]{20}`));
      const [entry] = readdirSync(cacheDir);
      assert.ok(existsSync(path.join(cacheDir, entry, 'client', 'index.js')));
      assert.ok(lstatSync(path.join(cacheDir, entry, 'node_modules')).isSymbolicLink(), 'a cache outside node_modules links the runtime');
      assert.ok(!existsSync(path.join(dir, 'node_modules')), "the person's generator output was not written");

      const second = await serveOnce();
      assert.match(second, new RegExp(`Prisma client: reused from .*${entry}`));
      assert.doesNotMatch(second, /Generating the Prisma client/);

      writeFileSync(schemaPath, SCHEMA.replace('/// A model with', '/// Changed: a model with'));
      const third = await serveOnce();
      assert.match(third, /Prisma client: generated into/);
      assert.equal(readdirSync(cacheDir).length, 2);
      await db.cleanup();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when prisma generate fails, its own message is shown, with what to do when offline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pa-cli-cache-'));
    try {
      const schemaPath = path.join(dir, 'schema.prisma');
      writeFileSync(schemaPath, SCHEMA);
      const db = await databaseFor(dir);
      // Without this machine's workaround, Prisma's CLI tries to download its schema engine (there is no network here).
      const env = cliEnv({ PRISMA_ADMIN_CACHE_DIR: path.join(dir, 'cache'), PRISMA_SCHEMA_ENGINE_BINARY: undefined });
      const result = await runCli(['serve', '--schema', schemaPath, '--url', db.url], { env });
      const downloadable = !/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|binaries/.test(result.stderr) && result.code !== 1;
      if (downloadable) return; // a machine with network access downloads the engine: nothing to check here
      assert.equal(result.code, 1);
      assert.match(result.stderr, /`prisma generate` failed \(exit code \d+\) while preparing the Prisma client/);
      assert.match(result.stderr, /Run `npx prisma generate` once while online/);
      assert.ok(!hasStackTrace(result.stderr), result.stderr);
      await db.cleanup();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A SQLite database with the tables of SCHEMA (created from a copy without its Prisma 6 URL lines). */
async function databaseFor(dir: string) {
  const applied = path.join(dir, 'applied.prisma');
  writeFileSync(applied, withoutDatasourceUrls([{ path: applied, content: SCHEMA }]).files[0].content);
  return freshDatabase('sqlite', applied);
}
