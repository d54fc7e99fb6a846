// Starts the benchmarked servers as child processes (NODE_ENV=production) and samples their resident memory.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './data.ts';

export interface RunningServer {
  mode: 'admin' | 'baseline' | 'django';
  base: string;
  /** The database it serves (its statements are waited for after a run: waitDatabaseIdle). */
  databaseUrl: string;
  pid: number;
  /** The processes that serve its requests (CPU per request adds them up). */
  pids(): number[];
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(mode: 'admin' | 'baseline', url: string): Promise<RunningServer> {
  const child = fork(path.join(root, 'bench/server.ts'), [mode, url], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--expose-gc', '--no-deprecation'],
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The ${mode} server did not start within 60 s`)), 60_000);
    child.once('message', (message: { ready?: number }) => {
      clearTimeout(timer);
      if (message.ready) resolve(message.ready);
      else reject(new Error(`The ${mode} server did not report its port`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The ${mode} server exited with code ${code} before it was ready`));
    });
  });
  return {
    mode,
    base: `http://127.0.0.1:${port}`,
    databaseUrl: url,
    pid: child.pid!,
    pids: () => [child.pid!],
    child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.disconnect();
      setTimeout(() => child.kill('SIGTERM'), 5_000).unref();
    }),
  };
}

/** User + system CPU time of processes so far, in ms (Linux /proc; clock ticks of 10 ms), or null elsewhere. */
export function cpuMsOf(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are the 14th and 15th fields of the line; fields[0] here is the 3rd (state).
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10;
  } catch {
    return null;
  }
}

/** Resident set size of a process in bytes (Linux /proc), or null elsewhere. */
export function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak and the last sample. */
export function sampleRss(pid: number, everyMs = 100): { stop(): { peak: number | null; last: number | null } } {
  let peak: number | null = null;
  let last: number | null = null;
  const take = () => {
    last = rssOf(pid);
    if (last !== null && (peak === null || last > peak)) peak = last;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak, last };
    },
  };
}

export async function serverMemory(server: RunningServer): Promise<{ rss: number; heapUsed: number }> {
  const response = await fetch(`${server.base}/__bench/memory`);
  return (await response.json()) as { rss: number; heapUsed: number };
}

/** The SQL statements the server runs for `work` (one request, nothing else in flight). */
export async function recordQueries(server: RunningServer, work: () => Promise<unknown>): Promise<string[]> {
  await fetch(`${server.base}/__bench/record`, { method: 'POST' });
  await work();
  // Anything a response leaves running (none expected) gets a moment to finish.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const response = await fetch(`${server.base}/__bench/recorded`);
  return ((await response.json()) as { sql: string[] }).sql;
}

/**
 * Waits until the server has finished the requests a load run left behind (autocannon stops with requests in flight,
 * which the server still serves): until its SQL statement count stops moving for half a second, 60 s at most.
 */
export async function waitIdle(server: RunningServer): Promise<void> {
  const total = async () => ((await (await fetch(`${server.base}/__bench/queries`)).json()) as { total: number }).total;
  const deadline = Date.now() + 60_000;
  let last = await total();
  let still = 0;
  while (still < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await total();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}
