// The CLI configured the way Prisma 7 projects are: prisma.config.ts (read by Prisma's own loader) names the schema and
// the database when no --schema/--url is given, `init` makes a single-file schema's folder the schema and points the
// config at it, and createsuperuser takes both the username and the password from piped stdin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { datasourceBlock, freshDatabase, type FreshDatabase } from './support/cli-fixture.ts';
import { BIN, cliEnv, runCli } from './support/cli-process.ts';

/** The admin's own models that `init` adds (AdminUser, ...). */
const ADMIN_MODEL_COUNT = (readFileSync(new URL('../../src/auth/admin-models.prisma', import.meta.url), 'utf8').match(/^model /gm) ?? []).length;
const root = fileURLToPath(new URL('../..', import.meta.url));
const MODELS = 'model Post {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n';

/** A Prisma 7 project: prisma/schema.prisma, a prisma.config.ts reading DATABASE_URL, this repo's node_modules. */
function project(config: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pa-cli-project-'));
  mkdirSync(path.join(dir, 'prisma'));
  writeFileSync(path.join(dir, 'prisma/schema.prisma'), `${datasourceBlock('sqlite')}\n${MODELS}`);
  writeFileSync(path.join(dir, 'prisma.config.ts'), config);
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const CONFIG = `import { defineConfig, env } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  datasource: { url: env('DATABASE_URL') },
});
`;

describe('prisma.config.ts and init', () => {
  let db: FreshDatabase;
  const cleanups: (() => void)[] = [];
  before(async () => {
    const models = mkdtempSync(path.join(tmpdir(), 'pa-cli-models-'));
    cleanups.push(() => rmSync(models, { recursive: true, force: true }));
    writeFileSync(path.join(models, 'schema.prisma'), `${datasourceBlock('sqlite')}\n${MODELS}`);
    writeFileSync(path.join(models, 'prisma-admin-site.prisma'), readFileSync(path.join(root, 'src/auth/admin-models.prisma'), 'utf8'));
    db = await freshDatabase('sqlite', models);
  });
  after(async () => {
    await db?.cleanup();
    for (const cleanup of cleanups) cleanup();
  });

  test('with no --schema/--url, check uses the schema and datasource URL of prisma.config.ts, and says so', async () => {
    const app = project(CONFIG);
    cleanups.push(app.cleanup);
    const result = await runCli(['check'], { cwd: app.dir, env: cliEnv({ DATABASE_URL: db.url }) });
    assert.match(result.stdout, /Using {5}schema prisma\/schema\.prisma \(schema of prisma\.config\.ts\), database URL from datasource\.url of prisma\.config\.ts/);
    assert.match(result.stdout, /valid \(sqlite, 1 model\)/);
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  test("a config that cannot load (its env() has no value) is named, with what to do; --url then goes past it", async () => {
    const app = project(CONFIG);
    cleanups.push(app.cleanup);
    const result = await runCli(['check'], { cwd: app.dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Could not load prisma\.config\.ts: .*DATABASE_URL.*or pass --schema and --url/);
    const both = await runCli(['check', '--schema', 'prisma/schema.prisma', '--url', db.url], { cwd: app.dir });
    assert.match(both.stdout, /schema prisma\/schema\.prisma \(--schema\), database URL from --url/);
  });

  for (const args of [[], ['--schema', 'prisma'], ['--schema', 'prisma/schema.prisma']]) {
    test(`init ${args.join(' ') || '(no options)'} on a single-file schema: its folder becomes the schema, prisma.config.ts points at it, check finds the admin's models`, async () => {
      const app = project(CONFIG);
      cleanups.push(app.cleanup);
      const env = cliEnv({ DATABASE_URL: db.url });
      const init = await runCli(['init', ...args], { cwd: app.dir, env });
      assert.equal(init.code, 0, init.stdout + init.stderr);
      assert.ok(existsSync(path.join(app.dir, 'prisma/prisma-admin-site.prisma')));
      assert.ok(existsSync(path.join(app.dir, 'prisma/schema.prisma')), 'the schema file stays where it was');
      assert.match(readFileSync(path.join(app.dir, 'prisma.config.ts'), 'utf8'), /schema: 'prisma',/);
      assert.match(init.stdout, /Updated prisma\.config\.ts: schema: 'prisma'/);

      const check = await runCli(['check'], { cwd: app.dir, env });
      assert.match(check.stdout, /Using {5}schema prisma \(schema of prisma\.config\.ts\)/);
      assert.match(check.stdout, new RegExp(`valid \\(sqlite, ${ADMIN_MODEL_COUNT + 1} models\\)`), 'Post and the admin\'s models');
      assert.match(check.stdout, /Users {5}the admin's models/);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      const again = await runCli(['init'], { cwd: app.dir, env });
      assert.match(again.stdout, /already there and up to date/);
    });
  }

  test('init adds `schema` to a prisma.config.ts that names none; with no config, the folder is still found', async () => {
    const app = project("import { defineConfig } from 'prisma/config';\n\nexport default defineConfig({\n  datasource: { url: process.env.DATABASE_URL ?? '' },\n});\n");
    cleanups.push(app.cleanup);
    const init = await runCli(['init'], { cwd: app.dir });
    assert.equal(init.code, 0, init.stderr);
    assert.match(readFileSync(path.join(app.dir, 'prisma.config.ts'), 'utf8'), /defineConfig\(\{\n {2}schema: 'prisma',\n {2}datasource/);

    rmSync(path.join(app.dir, 'prisma.config.ts'));
    const check = await runCli(['check', '--url', db.url], { cwd: app.dir });
    assert.match(check.stdout, /schema prisma \(the folder of prisma\/schema\.prisma, which holds prisma-admin-site\.prisma\)/);
    assert.equal(check.code, 0, check.stdout + check.stderr);
  });

  test('init refuses a folder that holds other .prisma files, which would join the schema', async () => {
    const app = project(CONFIG);
    cleanups.push(app.cleanup);
    writeFileSync(path.join(app.dir, 'prisma/old-backup.prisma'), MODELS);
    const init = await runCli(['init'], { cwd: app.dir });
    assert.equal(init.code, 1);
    assert.match(init.stderr, /prisma also holds prisma\/old-backup\.prisma, which would become part of the schema\. Move prisma\/schema\.prisma into a folder of its own/);
    assert.ok(!existsSync(path.join(app.dir, 'prisma/prisma-admin-site.prisma')));
  });
});

describe('createsuperuser with piped stdin', () => {
  test('the username and the password both on stdin (no --username): created, exit 0', async () => {
    const models = mkdtempSync(path.join(tmpdir(), 'pa-cli-models-'));
    writeFileSync(path.join(models, 'schema.prisma'), `${datasourceBlock('sqlite')}\n${MODELS}`);
    writeFileSync(path.join(models, 'prisma-admin-site.prisma'), readFileSync(path.join(root, 'src/auth/admin-models.prisma'), 'utf8'));
    const db = await freshDatabase('sqlite', models);
    try {
      const result = await runWithStdin(['createsuperuser', '--url', db.url], 'piped-admin\nA long piped password 42\n');
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /Superuser “piped-admin” created\./);
      const sqlite = new Database(db.name, { readonly: true });
      assert.deepEqual(sqlite.prepare('SELECT username, isSuperuser FROM AdminUser').all(), [{ username: 'piped-admin', isSuperuser: 1 }]);
      sqlite.close();

      const noPassword = await runWithStdin(['createsuperuser', '--url', db.url], 'another-admin\n');
      assert.equal(noPassword.code, 1);
      assert.match(noPassword.stderr, /^Error: /m);
    } finally {
      await db.cleanup();
      rmSync(models, { recursive: true, force: true });
    }
  });
});

function runWithStdin(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(), cwd: tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
