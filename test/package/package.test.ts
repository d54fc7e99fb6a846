// The package as a user gets it: `npm pack`, installed into fresh apps — an ES module app, a CommonJS app made by
// `npm init -y` (with the README's .mjs server), a TypeScript app compiled by tsc under strict settings — where plain
// `node` serves the README's examples (copied from examples/) and the bin's --help, check and serve work. The peers
// are installed once from the npm registry into tmp/package-test (better-sqlite3 builds from source) and reused.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applySchema, readSchemaFiles } from '../../scripts/db/apply-schema.ts';
import { appEnv, assertLoginPage, badEngines, baseInstall, copyInstall, pack, root, run, startServer, work, type Tarball } from './support/package-fixture.ts';

const EXAMPLES = path.join(root, 'examples');
const CREDENTIALS = { ADMIN_USERNAME: 'package-test', ADMIN_PASSWORD: 'package-test-password' };
/** What may be in the tarball: the `files` whitelist of package.json (npm adds package.json). */
const WHITELIST = /^(dist\/.+\.(js|d\.ts|d\.ts\.map)|views\/.+|bin\/prisma-admin-site\.mjs|src\/auth\/admin-models\.prisma|README\.md|LICENSE|package\.json)$/;
/** Drivers and tools a SQLite app must not get from installing prisma-admin-site. */
const NOT_FOR_SQLITE = ['pg', 'mariadb', '@prisma/adapter-pg', '@prisma/adapter-mariadb', 'mysql'];
/**
 * Packages whose `engines` say Node 22 that npm still installs on Node 20: cookie@2 comes with fastify 5 itself
 * (light-my-request) as well as @fastify/cookie, @prisma/streams-local with the prisma CLI. Nothing else may warn.
 */
const KNOWN_BAD_ENGINES = ['@prisma/streams-local', 'cookie'];

const runDir = path.join(work, `run-${process.pid}`);
let tarball: Tarball;
let installed: string;

before(async () => {
  rmSync(runDir, { recursive: true, force: true });
  const [packed, base] = await Promise.all([pack(path.join(runDir, 'pack')), baseInstall()]);
  tarball = packed;
  assert.deepEqual(badEngines(base.output).filter((name) => !KNOWN_BAD_ENGINES.includes(name)), [], base.output);
  installed = path.join(runDir, 'installed');
  copyInstall(base.dir, installed);
  const before = new Set(packagesIn(path.join(installed, 'node_modules')));
  const result = await run('npm', ['install', '--no-audit', '--no-fund', tarball.file], { cwd: installed, timeoutMs: 10 * 60_000 });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.deepEqual(badEngines(result.stdout + result.stderr).filter((name) => !KNOWN_BAD_ENGINES.includes(name)), [], result.stderr);
  const added = packagesIn(path.join(installed, 'node_modules')).filter((name) => !before.has(name));
  writeFileSync(path.join(runDir, 'added-packages.txt'), `${added.join('\n')}\n`);
  for (const name of ['tsx', 'esbuild', 'typescript', 'prisma', '@prisma/studio-core', 'better-sqlite3']) assert.ok(!added.includes(name), `installing the tarball added ${name}`);
}, { timeout: 20 * 60_000 });

after(() => rmSync(runDir, { recursive: true, force: true }));

test('the tarball holds only the whitelist: compiled code, views, the bin, the admin models, README, LICENSE', () => {
  const outside = tarball.files.filter((file) => !WHITELIST.test(file));
  assert.deepEqual(outside, []);
  for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'views/admin/base.eta', 'views/static/admin.css', 'LICENSE', 'src/auth/admin-models.prisma']) {
    assert.ok(tarball.files.includes(file), `${file} is in the tarball`);
  }
  assert.ok(!tarball.files.some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')), 'no TypeScript sources');
  const stated = /The tarball is about (\d+) kB/.exec(readFileSync(path.join(root, 'README.md'), 'utf8'));
  assert.ok(stated, 'README states the tarball size');
  assert.ok(Math.abs(Number(stated[1]) - tarball.size / 1000) < 60, `README says ${stated[1]} kB, the tarball is ${Math.round(tarball.size / 1000)} kB`);
});

test('a SQLite app gets no driver it does not use, and none of the dev tools', () => {
  const present = packagesIn(path.join(installed, 'node_modules'));
  for (const name of NOT_FOR_SQLITE) assert.ok(!present.includes(name), `${name} is installed`);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'node_modules/prisma-admin-site/package.json'), 'utf8')) as Record<string, Record<string, string>>;
  assert.deepEqual(Object.keys(manifest.dependencies ?? {}).filter((name) => /^(pg|mariadb|better-sqlite3|tsx|esbuild|prisma|fastify|@prisma\/(client|adapter-.*))$/.test(name)), []);
});

describe('an ES module app ("type": "module")', () => {
  let app: string;
  before(async () => {
    app = await makeApp('esm', { type: 'module' });
    copyFileSync(path.join(EXAMPLES, 'server.mjs'), path.join(app, 'server.mjs'));
    copyFileSync(path.join(EXAMPLES, 'admin.config.mts'), path.join(app, 'admin.config.mts'));
  });

  test("plain node serves the README's server example (server.mjs) and its login page", { timeout: 120_000 }, async () => {
    await servesLogin(app, process.execPath, ['server.mjs']);
  });

  test('the bin: --help, check with prisma.config.ts, serve with an .mts --config', { timeout: 240_000 }, async () => {
    const help = await run(process.execPath, [bin(app), '--help'], { cwd: app });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: prisma-admin-site <command>/);
    const check = await run(process.execPath, [bin(app), 'check'], { cwd: app });
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /schema prisma\/schema\.prisma \(schema of prisma\.config\.ts\), database URL from datasource\.url of prisma\.config\.ts/);
    const served = await servesLogin(app, process.execPath, [bin(app), 'serve', '--port', '0', '--config', 'admin.config.mts']);
    assert.match(served, /Generating the Prisma client/);
    assert.match(served, /configured by admin\.config\.mts/);
  });
});

describe('a CommonJS app made by `npm init -y`, with the .mjs server', () => {
  let app: string;
  before(async () => {
    app = await makeApp('cjs', 'npm init -y');
    assert.equal((JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as { type?: string }).type ?? 'commonjs', 'commonjs');
    copyFileSync(path.join(EXAMPLES, 'server.mjs'), path.join(app, 'server.mjs'));
  });

  test("plain node serves the README's server example and its login page", { timeout: 120_000 }, async () => {
    await servesLogin(app, process.execPath, ['server.mjs']);
  });

  test('the bin: check and serve with --schema and --url', { timeout: 240_000 }, async () => {
    const flags = ['--schema', 'prisma/schema.prisma', '--url', 'file:./dev.db'];
    const check = await run(process.execPath, [bin(app), 'check', ...flags], { cwd: app });
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /All \d+ tables present/);
    await servesLogin(app, process.execPath, [bin(app), 'serve', '--port', '0', ...flags]);
  });

  test('a driver the app did not install is named, with the npm command that installs it', async () => {
    const result = await run(process.execPath, [bin(app), 'createsuperuser', '--url', 'postgresql://app@127.0.0.1:5432/app', '--username', 'someone'], { cwd: app, input: 'a long enough password\n' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^Error: PostgreSQL databases need the package pg, which is not installed\. Run: npm install @prisma\/adapter-pg pg$/m);
  });
});

describe('a TypeScript app compiled by tsc (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes, skipLibCheck: false)', () => {
  let app: string;
  before(async () => {
    const compilerOptions = {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'dist', rootDir: 'src',
      strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false, types: ['node'],
    };
    // The tsconfig comes first: Prisma's generator reads it to pick the import extensions of the client it writes.
    const files = { 'tsconfig.json': `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n` };
    app = await makeApp('ts', { type: 'module' }, { provider: 'prisma-client', output: '../src/generated/prisma' }, files);
    for (const file of ['server.ts', 'lists.ts', 'forms.ts', 'rich-cells.ts']) copyFileSync(path.join(EXAMPLES, file), path.join(app, 'src', file));
  });

  test("the README's examples compile, and plain node serves the compiled server", { timeout: 240_000 }, async () => {
    const tsc = await run(process.execPath, [path.join(app, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: app });
    assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr);
    await servesLogin(app, process.execPath, ['dist/server.js']);
  });
});

/** A new app folder with the installed packages, the examples' schema (and its client generated), a database and a prisma.config.ts. */
async function makeApp(
  name: string,
  manifest: object | 'npm init -y',
  generator = { provider: 'prisma-client-js', output: '../generated/prisma' },
  files: Record<string, string> = {},
): Promise<string> {
  const app = path.join(runDir, name);
  copyInstall(installed, app);
  rmSync(path.join(app, 'package.json'));
  rmSync(path.join(app, 'package-lock.json'), { force: true });
  if (manifest === 'npm init -y') {
    const init = await run('npm', ['init', '-y'], { cwd: app });
    assert.equal(init.code, 0, init.stderr);
  } else {
    writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: `app-${name}`, private: true, ...manifest }, null, 2)}\n`);
  }
  mkdirSync(path.join(app, 'prisma'));
  mkdirSync(path.join(app, 'src'));
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(app, file), content);
  const block = `generator client {\n  provider = "${generator.provider}"\n  output   = "${generator.output}"\n}\n\n`;
  writeFileSync(path.join(app, 'prisma/schema.prisma'), block + readFileSync(path.join(EXAMPLES, 'blog.prisma'), 'utf8'));
  writeFileSync(
    path.join(app, 'prisma.config.ts'),
    "import { defineConfig } from 'prisma/config';\n\nexport default defineConfig({\n  schema: 'prisma/schema.prisma',\n  datasource: { url: 'file:./dev.db' },\n});\n",
  );
  const generate = await run(process.execPath, [path.join(app, 'node_modules/prisma/build/index.js'), 'generate'], { cwd: app });
  assert.equal(generate.code, 0, generate.stdout + generate.stderr);
  await applySchema(readSchemaFiles(path.join(app, 'prisma/schema.prisma')), `file:${path.join(app, 'dev.db')}`);
  return app;
}

function bin(app: string): string {
  return path.join(app, 'node_modules/.bin/prisma-admin-site');
}

/** Starts the command in the app (port 0, the environment superuser), checks its login page, stops it; returns its output. */
async function servesLogin(app: string, command: string, args: string[]): Promise<string> {
  const server = await startServer(command, args, { cwd: app, env: appEnv({ ...CREDENTIALS, PORT: '0' }) });
  try {
    await assertLoginPage(server.adminUrl);
    return server.output();
  } finally {
    await server.stop();
  }
}

/** Every package name in a node_modules folder (scoped ones as @scope/name), nested ones included. */
function packagesIn(modules: string): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.name.startsWith('@')) {
        for (const scoped of readdirSync(path.join(dir, entry.name))) {
          names.add(`${entry.name}/${scoped}`);
          walk(path.join(dir, entry.name, scoped, 'node_modules'));
        }
      } else {
        names.add(entry.name);
        walk(path.join(dir, entry.name, 'node_modules'));
      }
    }
  };
  walk(modules);
  return [...names].sort();
}
