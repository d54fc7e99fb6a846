// What a person sees when something is wrong: `prisma-admin-site serve` / `check` exit non-zero with one clear message
// (no stack trace) for a missing or invalid schema, an unsupported provider, a URL of another database, an
// unreachable server (host and port named, password never printed), missing tables, a port in use, missing
// credentials and a bad config; and `--help` for each command.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { postgresAvailable, POSTGRES_ADMIN_URL } from '../support/databases.ts';
import { FIXTURES, freshDatabase, mysqlAvailable, writeFixtureSchema, type FixtureSchema, type FreshDatabase } from './support/cli-fixture.ts';
import { cliEnv, hasStackTrace, runCli, startServe, type CliResult } from './support/cli-process.ts';
import { HttpBrowser } from './support/http-browser.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const INVALID = path.join(root, 'test/fixtures/schemas/invalid');
const CONFIG = path.join(FIXTURES, 'config');

/** Exit code 1, the message on stderr, and no stack trace anywhere. */
function assertFails(result: CliResult, pattern: RegExp) {
  const all = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.code, 1, `exit code 1, got ${result.code}:\n${all}`);
  assert.match(result.stderr, pattern);
  assert.ok(!hasStackTrace(all), `no stack trace:\n${all}`);
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pgUp = await postgresAvailable();
const mysqlUp = await mysqlAvailable();

describe('prisma-admin-site --help and usage', () => {
  test('each command has --help, exit code 0', async () => {
    const main = await runCli(['--help']);
    assert.equal(main.code, 0);
    for (const command of ['serve', 'check', 'init', 'createsuperuser']) assert.match(main.stdout, new RegExp(`^  ${command}\\b`, 'm'));
    for (const command of ['serve', 'check', 'init', 'createsuperuser']) {
      const result = await runCli([command, '--help']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^Usage: prisma-admin-site ${command}`));
    }
    assert.match((await runCli(['serve', '--help'])).stdout, /--schema[\s\S]*--url[\s\S]*--config[\s\S]*--port[\s\S]*--host[\s\S]*--prefix/);
  });

  test('no command, an unknown command, an unknown option: exit code 1 and what to do', async () => {
    assert.equal((await runCli([])).code, 1);
    assertFails(await runCli(['server']), /Unknown command “server”/);
    assertFails(await runCli(['serve', '--prot', '3000']), /Unknown option --prot\. Options: --schema, --url/);
    assertFails(await runCli(['serve', '--port', 'abc', '--schema', 'x']), /--port must be a number/);
  });
});

describe('prisma-admin-site serve / check: errors', () => {
  let schema: FixtureSchema;
  let db: FreshDatabase;
  before(async () => {
    schema = writeFixtureSchema('sqlite');
    db = await freshDatabase('sqlite', schema.path);
  });
  after(async () => {
    await db?.cleanup();
    schema?.cleanup();
  });

  test('the schema path does not exist', async () => {
    for (const command of ['serve', 'check']) {
      assertFails(await runCli([command, '--schema', 'no/such/schema.prisma', '--url', db.url]), /Prisma schema not found: no\/such\/schema\.prisma does not exist/);
    }
  });

  test("an invalid schema: Prisma's message with the file and line", async () => {
    const result = await runCli(['serve', '--schema', path.join(INVALID, 'syntax-error.prisma'), '--url', db.url]);
    assertFails(result, /Invalid Prisma schema:[\s\S]*syntax-error\.prisma:8/);
    assertFails(await runCli(['check', '--schema', path.join(INVALID, 'multi-file-error'), '--url', db.url]), /Invalid Prisma schema:[\s\S]*\.prisma:\d+/);
  });

  test('MongoDB: not supported, said so', async () => {
    assertFails(await runCli(['serve', '--schema', path.join(INVALID, 'mongodb.prisma'), '--url', 'mongodb://localhost/app']), /mongodb provider, which prisma-admin-site does not support/);
    assertFails(await runCli(['serve', '--schema', schema.path, '--url', 'mongodb://localhost/app']), /MongoDB is not supported/);
  });

  test("the URL is for another database than the schema's provider", async () => {
    const result = await runCli(['serve', '--schema', schema.path, '--url', 'postgresql://app:pa55word@127.0.0.1:5432/app']);
    assertFails(result, /datasource provider is "sqlite", but the URL is for PostgreSQL/);
    assert.ok(!result.stderr.includes('pa55word'), 'the password is not printed');
    assertFails(await runCli(['check', '--schema', schema.path, '--url', 'sqlserver://localhost:1433;database=app']), /SQL Server is not supported/);
    assertFails(await runCli(['check', '--schema', schema.path, '--url', 'ftp://example.com/db']), /Unsupported database URL "ftp:\.\.\."/);
    assertFails(await runCli(['check', '--schema', schema.path], { cwd: schema.dir }), /Pass --url <database URL> \(or set DATABASE_URL\)/);
  });

  test('PostgreSQL unreachable: host and port named, the password never printed', { skip: !pgUp && 'no PostgreSQL test server' }, async () => {
    const pgSchema = writeFixtureSchema('postgresql');
    try {
      const port = await closedPort();
      const secret = 'n0t-Printed!';
      for (const command of ['serve', 'check']) {
        const result = await runCli([command, '--schema', pgSchema.path, '--url', `postgresql://postgres:${encodeURIComponent(secret)}@127.0.0.1:${port}/app`]);
        assertFails(result, new RegExp(`Cannot reach the PostgreSQL server at 127\\.0\\.0\\.1:${port}: the connection was refused`));
        assert.ok(!`${result.stdout}${result.stderr}`.includes(secret) && !`${result.stdout}${result.stderr}`.includes(encodeURIComponent(secret)), 'no password');
      }
      const server = new URL(POSTGRES_ADMIN_URL);
      const missingDb = await runCli(['check', '--schema', pgSchema.path, '--url', `postgresql://${server.username}@${server.host}/pa_cli_no_such_database`]);
      assertFails(missingDb, /has no database "pa_cli_no_such_database"/);
    } finally {
      pgSchema.cleanup();
    }
  });

  test('MariaDB unreachable, or a database that does not exist', { skip: !mysqlUp && 'no MariaDB test server' }, async () => {
    const mysqlSchema = writeFixtureSchema('mysql');
    try {
      const port = await closedPort();
      const result = await runCli(['check', '--schema', mysqlSchema.path, '--url', `mysql://root:s3cret@127.0.0.1:${port}/app`]);
      assertFails(result, new RegExp(`Cannot reach the MySQL/MariaDB server at 127\\.0\\.0\\.1:${port}`));
      assert.ok(!result.stderr.includes('s3cret'));
      assertFails(await runCli(['check', '--schema', mysqlSchema.path, '--url', 'mysql://root@127.0.0.1:3306/pa_cli_no_such_database']), /has no database "pa_cli_no_such_database"/);
    } finally {
      mysqlSchema.cleanup();
    }
  });

  test('a SQLite file that does not exist', async () => {
    assertFails(await runCli(['serve', '--schema', schema.path, '--url', 'file:./no/such/dev.db']), /SQLite database file .*no\/such\/dev\.db does not exist[\s\S]*prisma migrate deploy/);
  });

  test('tables missing: named, with the commands that create them; check reports each table', async () => {
    const empty = await freshDatabase('sqlite', schema.path, { apply: false });
    try {
      const serve = await runCli(['serve', '--schema', schema.path, '--url', empty.url]);
      assertFails(serve, /lacks 12 tables of the schema:\n {2}- Sample \(table of Sample\)\n {2}- Author[\s\S]*\n {2}- _PostToTag \(join table of Post ↔ Tag\)\n[\s\S]*prisma migrate deploy[\s\S]*prisma db push/);
      const check = await runCli(['check', '--schema', schema.path, '--url', empty.url]);
      assert.equal(check.code, 1);
      assert.match(check.stdout, /MISSING {2}Sample/);
      assert.match(check.stdout, /MISSING {2}_PostToTag/);
    } finally {
      await empty.cleanup();
    }
  });

  test('check: every table present → exit code 0 and a report', async () => {
    const result = await runCli(['check', '--schema', schema.path, '--url', db.url]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Schema .*: valid \(sqlite, 11 models\)/);
    assert.match(result.stdout, /Database {2}SQLite file .*: connected/);
    assert.match(result.stdout, /present {2}PostCategory/);
    assert.match(result.stdout, /All 12 tables present\./);
    // Without admin classes every list is ordered by its primary key, which its own index serves.
    assert.match(result.stdout, /List orders \(an index with the order and the primary key keeps deep pages fast\)\n(  indexed  .*\n)+/);
    assert.doesNotMatch(result.stdout, /no index/);
  });

  test('no ADMIN_USERNAME / ADMIN_PASSWORD for a schema without the admin models', async () => {
    const result = await runCli(['serve', '--schema', schema.path, '--url', db.url], { env: cliEnv({ ADMIN_USERNAME: undefined, ADMIN_PASSWORD: undefined }) });
    assertFails(result, /needs ADMIN_USERNAME and ADMIN_PASSWORD/);
  });

  test('the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      assertFails(await runCli(['serve', '--schema', schema.path, '--url', db.url, '--port', String(port)]), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('--config: a typo names the valid fields; a missing file; a default export that is no AdminSite', async () => {
    assertFails(await runCli(['check', '--schema', schema.path, '--url', db.url, '--config', path.join(CONFIG, 'typo.config.ts')]), /SampleAdmin\.listDisplay: "cuont" is not a field of Sample\. Valid names: .*count/);
    assertFails(await runCli(['serve', '--schema', schema.path, '--url', db.url, '--config', 'no-such.config.ts']), /Config module not found: no-such\.config\.ts/);
    assertFails(await runCli(['check', '--schema', schema.path, '--url', db.url, '--config', path.join(CONFIG, 'not-a-site.config.mjs')]), /is not an AdminSite/);
  });

  test('--config in a CommonJS package: a .ts module is refused with the name to give it; the .mts works', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pa-cli-cjs-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), '{ "name": "a-commonjs-project" }');
      const source = `import { AdminSite } from ${JSON.stringify(pathToFileURL(path.join(root, 'src/index.ts')).href)};\nexport default new AdminSite({ title: 'mts' });\n`;
      writeFileSync(path.join(dir, 'admin.config.ts'), source);
      writeFileSync(path.join(dir, 'admin.config.mts'), source);
      assertFails(await runCli(['check', '--schema', schema.path, '--url', db.url, '--config', path.join(dir, 'admin.config.ts')]), /is in a CommonJS package[\s\S]*Rename it to admin\.config\.mts/);
      const mts = await runCli(['check', '--schema', schema.path, '--url', db.url, '--config', path.join(dir, 'admin.config.mts')]);
      assert.equal(mts.code, 0, mts.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--config: a TypeScript module configures the served admin; a JavaScript function module works too', async () => {
    const check = await runCli(['check', '--schema', schema.path, '--url', db.url, '--config', path.join(CONFIG, 'function.config.mjs')]);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /Config .*function\.config\.mjs: valid/);

    const serve = await startServe(['--schema', schema.path, '--url', db.url, '--config', path.join(CONFIG, 'admin.config.ts'), '--prefix', '/back-office']);
    try {
      assert.match(serve.output(), /configured by .*admin\.config\.ts/);
      assert.match(serve.adminUrl, /\/back-office\/$/);
      const browser = await new HttpBrowser(serve.origin, '/back-office').login();
      const index = await browser.get('/back-office/');
      assert.match(index.body, /Configured by --config/);
      const list = await browser.get('/back-office/sample/');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /<th scope="col"[^>]*>\s*<a [^>]*>Label/);
    } finally {
      assert.equal(await serve.stop(), 0);
    }
  });
});
