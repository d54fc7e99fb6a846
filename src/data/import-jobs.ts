// The AdminImportJob table: an uploaded import file kept between its preview and its confirm, where every instance of
// the admin can read it. Its id is the confirm's idempotency token (see claimImportJob).
import { randomBytes } from 'node:crypto';
import { delegateIn, type PrismaClientLike } from './delegates.ts';

export interface ImportJob {
  id: string;
  model: string;
  userId: string;
  format: string;
  filename: string;
  content: Uint8Array;
  status: string;
  written: number;
}

const jobs = (client: PrismaClientLike) => delegateIn(client, 'AdminImportJob');

export async function createImportJob(client: PrismaClientLike, job: Pick<ImportJob, 'model' | 'userId' | 'format' | 'filename' | 'content'>): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  await jobs(client).create({ data: { ...job, id, status: 'preview' } });
  return id;
}

/** The job, when it is this user's import of this model (anyone else's token is no token). */
export async function findImportJob(client: PrismaClientLike, id: string, model: string, userId: string): Promise<ImportJob | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(id)) return null;
  const job = (await jobs(client).findUnique({ where: { id } })) as ImportJob | null;
  return job && job.model === model && job.userId === userId ? job : null;
}

/**
 * Marks the job done inside the confirm's transaction `tx`, before any row is written: true for the first confirm. A
 * second one (double click, back button, another instance) waits for the first's row lock and then finds it done;
 * if the first rolls back, the job is still a preview and can be confirmed again.
 */
export async function claimImportJob(tx: PrismaClientLike, id: string): Promise<boolean> {
  const { count } = await jobs(tx).updateMany({ where: { id, status: 'preview' }, data: { status: 'done' } });
  return count === 1;
}

export async function recordImportWritten(tx: PrismaClientLike, id: string, written: number): Promise<void> {
  await jobs(tx).updateMany({ where: { id }, data: { written } });
}

/** Jobs older than a day are left-over previews (or done ones): deleted when a new upload comes in. */
export async function deleteOldImportJobs(client: PrismaClientLike): Promise<void> {
  await jobs(client).deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 3600_000) } } });
}
