// A cluster worker of bench/server.ts tells its primary where its control routes (bench/control.ts) are; the primary
// collects them, and the worker's pid, for the benchmark (which adds up CPU over every process and asks each worker).
import cluster from 'node:cluster';

interface ControlMessage {
  benchControl: string;
}

/** In a worker, before it reports listening (messages from one worker arrive in order). */
export function reportControl(base: string): void {
  const message: ControlMessage = { benchControl: base };
  process.send?.(message);
}

/** In the primary: the control URLs and pids of the workers that reported theirs (a restarted worker replaces none). */
export function collectControls(): { urls(): string[]; pids(): number[] } {
  const byPid = new Map<number, string>();
  cluster.on('message', (worker, message: Partial<ControlMessage>) => {
    if (typeof message?.benchControl === 'string' && worker.process.pid) byPid.set(worker.process.pid, message.benchControl);
  });
  cluster.on('exit', (worker) => {
    if (worker.process.pid) byPid.delete(worker.process.pid);
  });
  return { urls: () => [...byPid.values()], pids: () => [...byPid.keys()] };
}
