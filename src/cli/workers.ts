// `serve --workers N`: N processes of node's cluster module answer on one port (the primary hands each connection to
// the next free worker). Workers share nothing in memory: sessions, login throttling and import jobs live in the
// database already. The primary restarts a worker that dies, and on SIGTERM or SIGINT stops them all gracefully.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { CliError } from './cli-error.ts';

const MAX_WORKERS = 256;
/**
 * V8's young generation per worker, in MiB (--max-semi-space-size): a list page allocates a few MiB of short-lived
 * objects (rows, cells, the page's HTML), and with V8's default the scavenger ran so often that it was 15% of the
 * page's CPU; bench/RESULTS.md has the A/B. A --max-semi-space-size of the user's (NODE_OPTIONS or node's own
 * arguments) wins.
 */
export const WORKER_SEMI_SPACE_MIB = 32;
/** How long a stopping worker may finish its requests before it is killed. */
const STOP_GRACE_MS = 30_000;

interface ListeningMessage {
  prismaAdminServe: 'listening';
  port: number;
}

/** `--workers` as given, else one per CPU (as gunicorn users set `-w`). */
export function workersOption(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1 || count > MAX_WORKERS) throw new CliError(`--workers must be a number from 1 to ${MAX_WORKERS}, not “${text}”.`);
  return count;
}

/** Whether this process is a worker started by `runWorkers`. */
export function isServeWorker(): boolean {
  return cluster.isWorker;
}

/** A worker tells the primary that it listens (and on which port, for --port 0). */
export function reportListening(port: number): void {
  const message: ListeningMessage = { prismaAdminServe: 'listening', port };
  process.send?.(message);
}

/** A stopped worker closes its channel to the primary, which otherwise keeps the process alive. */
export function leaveCluster(): void {
  if (cluster.isWorker && process.connected) process.disconnect();
}

/** Resolves when this worker should stop: SIGTERM or SIGINT, or its primary is gone. */
export function workerStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    process.once('disconnect', () => resolve());
  });
}

export interface PrimaryHooks {
  /** Once every first worker listens. */
  onReady(port: number): void;
  /** Resolves when the primary is asked to stop. */
  stopSignal: Promise<void>;
}

/**
 * Forks `count` workers of this same command and supervises them until the stop signal; resolves with the exit
 * code: 0 after a graceful stop, 1 when a worker failed before it ever listened (its error is on stderr).
 */
export function runWorkers(count: number, hooks: PrimaryHooks): Promise<number> {
  return new Promise((resolve) => {
    const listening = new Set<Worker>();
    let ready = false;
    let stopping = false;
    let exitCode = 0;

    const stopAll = (code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      }, STOP_GRACE_MS).unref();
      finishIfDone();
    };
    const finishIfDone = () => {
      if (stopping && Object.keys(cluster.workers ?? {}).length === 0) resolve(exitCode);
    };
    const fork = () => {
      const worker = cluster.fork();
      worker.on('message', (message: Partial<ListeningMessage>) => {
        if (message?.prismaAdminServe !== 'listening') return;
        listening.add(worker);
        if (!ready && listening.size === count) {
          ready = true;
          hooks.onReady(message.port ?? 0);
        }
      });
    };

    cluster.on('exit', (worker, code, signal) => {
      const hadListened = listening.delete(worker);
      if (stopping) return finishIfDone();
      if (!hadListened) return stopAll(1);
      console.error(`Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`);
      fork();
    });
    void hooks.stopSignal.then(() => stopAll(0));
    cluster.setupPrimary({ execArgv: workerExecArgv() });
    for (let i = 0; i < count; i++) fork();
  });
}

/** The workers' node arguments: the primary's, with the young generation's size unless the user set one. */
export function workerExecArgv(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => /^--max[-_]semi[-_]space[-_]size\b/.test(arg));
  return given ? execArgv : [...execArgv, `--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`];
}
