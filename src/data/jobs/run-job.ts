// Runs a started job's work after its request has been answered: a heartbeat while it runs (so a job whose process
// died shows as stopped, job-store.ts isStale), progress as the work reports it, and its outcome at the end. Progress
// and heartbeat writes that fail are logged, never the run's failure.
import { nextTurn } from '../next-turn.ts';
import { HEARTBEAT_MS, type JobOutcome, type JobStore } from './job-store.ts';

export type ReportProgress = (done: number, update?: { total?: number; message?: string }) => Promise<void>;

export interface JobEnd {
  status: 'done' | 'failed';
  outcome: JobOutcome;
}

interface Log {
  error(details: object, message: string): void;
}

/** Starts `work` without waiting for it; the returned promise (for tests and shutdown) settles when the job has ended. */
export function runInBackground(store: JobStore, id: string, log: Log, work: (progress: ReportProgress) => Promise<JobEnd>, failed: (error: unknown) => JobOutcome): Promise<void> {
  const logged = (what: string) => (error: unknown) => log.error({ err: error, job: id }, what);
  const heartbeat = setInterval(() => void store.touch(id).catch(logged('job heartbeat failed')), HEARTBEAT_MS);
  heartbeat.unref();
  const progress: ReportProgress = async (done, update) => {
    await store.progress(id, done, update).catch(logged('job progress failed'));
    // Lets the process answer its other requests (this job's page among them) and run the heartbeat.
    await nextTurn();
  };
  return (async () => {
    let end: JobEnd;
    try {
      end = await work(progress);
    } catch (error) {
      logged('job failed')(error);
      end = { status: 'failed', outcome: failed(error) };
    } finally {
      clearInterval(heartbeat);
    }
    await store.finish(id, end.status, end.outcome).catch(logged('job outcome not recorded'));
  })();
}
