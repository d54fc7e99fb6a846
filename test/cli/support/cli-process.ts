// Runs the real command, `node bin/prisma-admin-site.mjs ...`, as a person would: a one-shot run (exit code and output),
// or a `serve` process on a free port (--port 0; the URL is read from what it prints) that the test stops.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = path.join(root, 'bin/prisma-admin-site.mjs');

export const CLI_CREDENTIALS = { username: 'cli-tests', password: 'cli-tests-password' };

/**
 * The environment of a CLI run: the superuser of ADMIN_USERNAME / ADMIN_PASSWORD, and the schema-engine workaround
 * of this machine (Prisma's CLI wants that binary before `generate`, and cannot download it here; a normal machine
 * downloads it once). Never DATABASE_URL from the test runner's own environment.
 */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    ADMIN_USERNAME: CLI_CREDENTIALS.username,
    ADMIN_PASSWORD: CLI_CREDENTIALS.password,
    NODE_ENV: 'test',
  };
  delete env.DATABASE_URL;
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command to its end. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? root, env: options.env ?? cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`prisma-admin-site ${args.join(' ')} did not finish in time.\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ServeProcess {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The admin's URL as printed, e.g. `http://127.0.0.1:41234/admin/`. */
  adminUrl: string;
  child: ChildProcess;
  /** Everything printed so far. */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `prisma-admin-site serve <args> --port 0` and resolves once it prints its URL; rejects if it exits first.
 * It serves in one process (`--workers 1`) unless the args say otherwise: the tests of workers do.
 */
export function startServe(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ServeProcess> {
  const withWorkers = args.includes('--workers') ? args : [...args, '--workers', '1'];
  const withPort = withWorkers.includes('--port') ? withWorkers : [...withWorkers, '--port', '0'];
  const child = spawn(process.execPath, [BIN, 'serve', ...withPort], { cwd: root, env: options.env ?? cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in time:\n${output}`));
    }, options.timeoutMs ?? 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Admin: (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const adminUrl = match[1];
      resolve({
        origin: new URL(adminUrl).origin,
        adminUrl,
        child,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with code ${code} before it served:\n${output}`));
    });
  });
}

/** A message printed by the CLI has no stack trace lines. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[(:]\d+/m.test(text) || /node:internal/.test(text);
}
