// What the package test builds on: the packed tarball, the peer dependencies an app installs (installed once from the
// npm registry into a cache folder, since better-sqlite3 builds from source here), and processes it runs in the apps.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
/**
 * Outside the repository, so that the apps' Node resolution cannot walk up into this repository's node_modules (and
 * find a package the app did not install). `PACKAGE_TEST_CACHE` moves it; the base install is reused across runs.
 */
export const work = process.env.PACKAGE_TEST_CACHE ?? path.join(tmpdir(), 'prisma-admin-site-package-test');

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; its stdin gets `input` and is then closed (nothing waits on it). */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { cwd: options.cwd, env: options.env ?? appEnv(), timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      if (error && typeof error.code !== 'number') return reject(Object.assign(error, { stdout, stderr }));
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

/** A clean environment for the apps: no DATABASE_URL of ours; this machine's schema-engine workaround for `prisma generate`. */
export function appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, NO_COLOR: '1' };
  for (const name of ['DATABASE_URL', 'NODE_OPTIONS', 'TSX_TSCONFIG_PATH', 'PRISMA_ADMIN_CACHE_DIR', 'npm_config_prefix']) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('npm_') || name.startsWith('NODE_TEST')) delete env[name];
  return { ...env, ...extra };
}

export interface Tarball {
  file: string;
  size: number;
  files: string[];
}

/** `npm pack` of the repository (its prepack builds dist/). */
export async function pack(into: string): Promise<Tarball> {
  mkdirSync(into, { recursive: true });
  const result = await run('npm', ['pack', '--json', '--pack-destination', into], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } });
  if (result.code !== 0) throw new Error(`npm pack failed:\n${result.stdout}\n${result.stderr}`);
  const json = result.stdout.slice(result.stdout.search(/^\[/m));
  const [entry] = JSON.parse(json) as { filename: string; size: number; files: { path: string }[] }[];
  return { file: path.join(into, entry.filename), size: entry.size, files: entry.files.map((f) => f.path) };
}

/**
 * The peers an app installs beside prisma-admin-site for SQLite (and what the test's TypeScript app compiles with), at
 * the versions this repository is tested with: installed once into a folder keyed by them and by Node's version.
 */
export async function baseInstall(): Promise<{ dir: string; output: string }> {
  // @types/better-sqlite3: the adapter's .d.ts imports better-sqlite3's types, which a tsc with skipLibCheck: false checks.
  const names = ['fastify', '@prisma/client', 'prisma', '@prisma/adapter-better-sqlite3', 'tsx', 'typescript', '@types/node', '@types/better-sqlite3'];
  const dependencies = Object.fromEntries(names.map((name) => [name, installedVersion(name)]));
  const manifest = { name: 'package-test-base', private: true, dependencies, allowScripts: { 'better-sqlite3': true, esbuild: true, prisma: false, '@prisma/engines': false } };
  const key = createHash('sha256').update(JSON.stringify(manifest)).update(process.version).digest('hex').slice(0, 16);
  const dir = path.join(work, `base-${key}`);
  if (existsSync(path.join(dir, '.complete'))) return { dir, output: readFileSync(path.join(dir, '.install-output'), 'utf8') };
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const result = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: staging, timeoutMs: 15 * 60_000 });
  if (result.code !== 0) throw new Error(`Installing the peers failed:\n${result.stdout}\n${result.stderr}`);
  const output = result.stdout + result.stderr;
  writeFileSync(path.join(staging, '.install-output'), output);
  writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return { dir, output };
}

/** The exact version of a package in this repository's node_modules. */
function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Copies a folder's package.json, lock file and node_modules into a new one. */
export function copyInstall(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of ['package.json', 'package-lock.json', 'node_modules']) {
    if (existsSync(path.join(from, name))) cpSync(path.join(from, name), path.join(to, name), { recursive: true, verbatimSymlinks: true });
  }
}

/** The packages npm warned about with EBADENGINE in its output. */
export function badEngines(output: string): string[] {
  return [...new Set([...output.matchAll(/EBADENGINE\s+package: '([^']+)@[^@']+'/g)].map((m) => m[1]!))].sort();
}

export interface Server {
  /** The admin's URL as the process printed it (`Admin: <url>`). */
  adminUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a process that prints `Admin: <url>` once it listens. */
export function startServer(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${args.join(' ')} printed no "Admin:" line in time:\n${output}`)), 120_000);
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Admin: (http\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ adminUrl: match[1]!.replace(/\/?$/, '/'), output: () => output, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`${args.join(' ')} exited (${code}) before serving:\n${output}`)));
  });
}

/** The login page answers, as the admin renders it. */
export async function assertLoginPage(adminUrl: string): Promise<string> {
  const response = await fetch(new URL('login', adminUrl));
  const body = await response.text();
  if (response.status !== 200 || !/name="password"/.test(body)) throw new Error(`The login page answered ${response.status}:\n${body.slice(0, 500)}`);
  return body;
}
