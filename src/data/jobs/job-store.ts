// A long run (an import's confirm, a bulk action or edit over many rows) as a job: its status, progress and outcome
// kept where every instance and worker process can read them, so that any of them can answer the job's page. The run
// itself is one transaction in the process that started it; the job is written outside it (see job-store-for.ts for
// where, per database).
import { randomBytes } from 'node:crypto';

export type JobKind = 'import' | 'bulk';
export type JobStatus = 'running' | 'done' | 'failed';
export type JobLevel = 'success' | 'info' | 'warning' | 'error';

export interface JobRecord {
  id: string;
  kind: JobKind;
  /** The Prisma model the run writes. */
  model: string;
  /** Who started it: only they see its page. */
  userId: string;
  status: JobStatus;
  /** Rows done of rows in all (total may grow when a run finds more rows than it counted). */
  done: number;
  total: number;
  /** While running, what it is doing ("Checking the rows…"); once ended, the outcome's text. */
  message: string;
  level: JobLevel | null;
  /** Where the outcome's link goes (a URL of this admin, made by the admin). */
  backUrl: string;
  createdAt: Date;
  /** The heartbeat: the running process touches it every HEARTBEAT_MS. */
  updatedAt: Date;
}

export type NewJob = Pick<JobRecord, 'id' | 'kind' | 'model' | 'userId' | 'total' | 'message' | 'backUrl'>;

export interface JobOutcome {
  level: JobLevel;
  message: string;
  backUrl: string;
}

export interface JobStore {
  /**
   * Records the job as running: true when this call owns the run. False when a job of this id is running (a double
   * submit) or has ended well; a failed or stale one is started again (its form submitted again after a failure).
   */
  start(job: NewJob): Promise<boolean>;
  /** Rows done (and the total, the running text when given); also the heartbeat. */
  progress(id: string, done: number, update?: { total?: number; message?: string }): Promise<void>;
  /** The heartbeat alone. */
  touch(id: string): Promise<void>;
  finish(id: string, status: 'done' | 'failed', outcome: JobOutcome): Promise<void>;
  find(id: string): Promise<JobRecord | null>;
}

/** How often a running job's process says it is alive. */
export const HEARTBEAT_MS = 2_000;
/** A running job whose heartbeat is older than this died with its process (killed, crashed, redeployed). */
export const STALE_AFTER_MS = 30_000;
/** Jobs older than this are deleted when a new one starts. */
export const KEEP_JOBS_MS = 24 * 3600_000;

export function newJobId(): string {
  return randomBytes(24).toString('base64url');
}

export function isJobId(id: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(id);
}

/** A running job that stopped beating: its process is gone, and its transaction with it. */
export function isStale(job: JobRecord, now = Date.now()): boolean {
  return job.status === 'running' && now - job.updatedAt.getTime() > STALE_AFTER_MS;
}
