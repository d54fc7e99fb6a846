// Django's admin as a column of the benchmark: bench/django/ (the blog's tables as unmanaged models, PostAdmin set up
// like the demo's) served by gunicorn with 2 sync workers and persistent database connections, on the same database.
// A sync worker takes one request at a time from the shared socket (so both workers share the load, whatever the
// connections) and answers it with `Connection: close`: the load client opens a connection per request for it
// (bench/connection-close.ts says why autocannon needed help there). gthread workers would keep connections alive, but
// a kept connection stays with the worker that accepted it (one worker took all 8 and the other idled), and gunicorn
// closes a connection beyond worker-connections − threads kept ones anyway.
// Debian's python3-django, gunicorn and python3-psycopg2 (CI does not run the benchmark, so the script checks for them
// itself and, as root, installs them; otherwise it prints the command and leaves the column out).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { postgresConnectionString, sqliteFileOfUrl } from '../scripts/db/apply-schema.ts';
import { BENCH_LOGIN, root } from './data.ts';
import type { RunningServer } from './servers.ts';

const PYTHON = '/usr/bin/python3';
const GUNICORN = '/usr/bin/gunicorn';
export const DJANGO_PACKAGES = ['python3-django', 'gunicorn', 'python3-psycopg2'];
export const DJANGO_INSTALL = `apt-get update && apt-get install -y ${DJANGO_PACKAGES.join(' ')}`;
const projectDir = path.join(root, 'bench/django');
/** The deployment: two sync workers, each serving one request at a time. */
export const DJANGO_WORKERS = 2;
export const GUNICORN_WORKERS = ['--workers', String(DJANGO_WORKERS)];


/** Whether Debian's Django, gunicorn and psycopg2 are there (ensureDjango installs them as root). */
export function djangoInstalled(): boolean {
  const check = spawnSync(PYTHON, ['-c', 'import django, psycopg2, gunicorn; print(django.get_version())'], { encoding: 'utf8' });
  return check.status === 0 && spawnSync(GUNICORN, ['--version']).status === 0;
}

/** Django's version, installing Debian's packages first where they are missing and this is root; null without them. */
export function ensureDjango(): string | null {
  if (!djangoInstalled() && process.getuid?.() === 0) {
    console.log(`Django's admin column: installing ${DJANGO_PACKAGES.join(', ')} (${DJANGO_INSTALL})`);
    spawnSync('sh', ['-c', `${DJANGO_INSTALL} >/dev/null`], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!djangoInstalled()) {
    console.log(`Django's admin column left out: Debian's ${DJANGO_PACKAGES.join(', ')} are missing. Install them with:\n  ${DJANGO_INSTALL}`);
    return null;
  }
  const django = execFileSync(PYTHON, ['-c', 'import django; print(django.get_version())'], { encoding: 'utf8' }).trim();
  const gunicorn = execFileSync(GUNICORN, ['--version'], { encoding: 'utf8' }).trim().replace(/^.*?(\d[\d.]*).*$/s, '$1');
  return `Django ${django}, gunicorn ${gunicorn}`;
}

/** Django's DATABASES entry for a benchmark database URL. */
function databaseOf(url: string): Record<string, unknown> {
  if (url.startsWith('file:')) return { ENGINE: 'django.db.backends.sqlite3', NAME: sqliteFileOfUrl(url) };
  const u = new URL(postgresConnectionString(url));
  return {
    ENGINE: 'django.db.backends.postgresql',
    NAME: decodeURIComponent(u.pathname.slice(1)),
    USER: decodeURIComponent(u.username) || 'postgres',
    PASSWORD: decodeURIComponent(u.password),
    HOST: u.hostname,
    PORT: u.port || '5432',
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** gunicorn's master and its workers (CPU per request counts them all). */
export function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...children.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

const djangoEnv = (url: string) => ({ ...process.env, BENCH_DJANGO_DATABASE: JSON.stringify(databaseOf(url)), DJANGO_SETTINGS_MODULE: 'benchsite.settings', PYTHONDONTWRITEBYTECODE: '1' });

/**
 * The SQL statements Django's admin runs for a page (bench/django/record_queries.py: Django's test client in a
 * process of its own, the second of two requests), as the benchmark's check records the admin's.
 */
export function djangoQueries(url: string, pagePath: string): string[] {
  const run = spawnSync(PYTHON, ['record_queries.py', BENCH_LOGIN.username, pagePath], { cwd: projectDir, env: djangoEnv(url), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Recording Django's queries failed: ${run.stderr.slice(-2000)}`);
  return (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { sql: string[] }).sql;
}

export async function startDjango(url: string): Promise<RunningServer> {
  const env = djangoEnv(url);
  const setup = spawnSync(PYTHON, ['setup_bench.py', BENCH_LOGIN.username, BENCH_LOGIN.password], { cwd: projectDir, env, encoding: 'utf8' });
  if (setup.status !== 0) throw new Error(`Django's setup failed: ${setup.stderr.slice(-2000)}`);
  const port = await freePort();
  const child = spawn(GUNICORN, [...GUNICORN_WORKERS, '--bind', `127.0.0.1:${port}`, '--log-level', 'warning', 'benchsite.wsgi:application'], { cwd: projectDir, env, stdio: ['ignore', 'inherit', 'inherit'] });
  // gunicorn does not notice its parent go (the Node servers do, by IPC): a run that ends or is stopped stops it too.
  const orphaned = () => child.kill('SIGTERM');
  const stopped = (signal: NodeJS.Signals) => () => {
    orphaned();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onSignal = { SIGINT: stopped('SIGINT'), SIGTERM: stopped('SIGTERM') };
  process.once('exit', orphaned);
  for (const [signal, handler] of Object.entries(onSignal)) process.once(signal, handler);
  child.once('exit', () => {
    process.off('exit', orphaned);
    for (const [signal, handler] of Object.entries(onSignal)) process.off(signal, handler);
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gunicorn exited with code ${child.exitCode}`);
    const up = await fetch(`${base}/django/admin/login/`).then((r) => r.status === 200, () => false);
    if (up && processTree(child.pid!).length >= 3) break;
    if (Date.now() > deadline) throw new Error('gunicorn did not answer within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    mode: 'django',
    base,
    databaseUrl: url,
    pid: child.pid!,
    pids: () => processTree(child.pid!),
    controls: [],
    child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** Logs in to Django's admin like a browser; returns the Cookie header (csrftoken and sessionid). */
export async function logInDjango(base: string): Promise<string> {
  const page = await fetch(`${base}/django/admin/login/`);
  const csrf = /csrftoken=([^;]+)/.exec(page.headers.getSetCookie().join('; '))?.[1];
  const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf || !token) throw new Error('Django\'s login page has no CSRF token');
  const response = await fetch(`${base}/django/admin/login/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: `csrftoken=${csrf}`, 'content-type': 'application/x-www-form-urlencoded', referer: `${base}/django/admin/login/` },
    body: new URLSearchParams({ username: BENCH_LOGIN.username, password: BENCH_LOGIN.password, csrfmiddlewaretoken: token, next: '/django/admin/' }).toString(),
  });
  const session = /sessionid=([^;]+)/.exec(response.headers.getSetCookie().join('; '))?.[1];
  if (response.status !== 302 || !session) throw new Error(`Django's login failed with status ${response.status}`);
  return `csrftoken=${csrf}; sessionid=${session}`;
}
