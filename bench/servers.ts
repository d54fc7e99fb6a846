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
  /** The processes that serve its requests (CPU per request and memory add them up): with workers, the primary too. */
  pids(): number[];
  /** The benchmark's routes of each process that answers requests (bench/control.ts); none for Django. */
  controls: string[];
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The admin's and the baseline's server: with `workers` > 1 a cluster of that many workers behind one port, started by
 * `serve --workers`'s machinery (bench/server.ts).
 */
export async function startServer(mode: 'admin' | 'baseline', url: string, workers = 1): Promise<RunningServer> {
  const child = fork(path.join(root, 'bench/server.ts'), [mode, url, String(workers)], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--expose-gc', '--no-deprecation'],
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The ${mode} server did not start within 60 s`)), 60_000);
    child.once('message', (message: Partial<ReadyMessage>) => {
      clearTimeout(timer);
      if (message.ready && message.pids && message.controls) resolve(message as ReadyMessage);
      else reject(new Error(`The ${mode} server did not report its port`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The ${mode} server exited with code ${code} before it was ready`));
    });
  });
  return {
    mode,
    base: `http://127.0.0.1:${ready.ready}`,
    databaseUrl: url,
    pid: child.pid!,
    pids: () => ready.pids,
    controls: ready.controls,
    child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.disconnect();
      setTimeout(() => child.kill('SIGTERM'), 5_000).unref();
    }),
  };
}

interface ReadyMessage {
  ready: number;
  pids: number[];
  controls: string[];
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

/** Resident set size of processes together in bytes, or null when one cannot be read. */
export function rssOfAll(pids: number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const rss = rssOf(pid);
    if (rss === null) return null;
    total += rss;
  }
  return total;
}

/** Samples the processes' RSS together every `everyMs` until stopped; returns the peak and the last sample. */
export function sampleRss(pids: number[], everyMs = 100): { stop(): { peak: number | null; last: number | null } } {
  let peak: number | null = null;
  let last: number | null = null;
  const take = () => {
    last = rssOfAll(pids);
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

/** Every serving process's memory after a full GC, added up. */
export async function serverMemory(server: RunningServer): Promise<{ rss: number; heapUsed: number }> {
  const each = await Promise.all(server.controls.map(async (base) => (await (await fetch(`${base}/__bench/memory`)).json()) as { rss: number; heapUsed: number }));
  return { rss: each.reduce((sum, m) => sum + m.rss, 0), heapUsed: each.reduce((sum, m) => sum + m.heapUsed, 0) };
}

/** The SQL statements the server runs for `work` (one request, nothing else in flight). */
export async function recordQueries(server: RunningServer, work: () => Promise<unknown>): Promise<string[]> {
  // Every worker records: the request goes to whichever is free.
  for (const base of server.controls) await fetch(`${base}/__bench/record`, { method: 'POST' });
  await work();
  // Anything a response leaves running (none expected) gets a moment to finish.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const sql: string[] = [];
  for (const base of server.controls) sql.push(...((await (await fetch(`${base}/__bench/recorded`)).json()) as { sql: string[] }).sql);
  return sql;
}

/**
 * Waits until the server has finished the requests a load run left behind (autocannon stops with requests in flight,
 * which the server still serves): until its SQL statement count stops moving for half a second, 60 s at most.
 */
export async function waitIdle(server: RunningServer): Promise<void> {
  const totalOf = async (base: string) => ((await (await fetch(`${base}/__bench/queries`)).json()) as { total: number }).total;
  const total = async () => (await Promise.all(server.controls.map(totalOf))).reduce((sum, n) => sum + n, 0);
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
