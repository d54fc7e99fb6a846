// Jobs in the AdminJob table (PostgreSQL, MySQL/MariaDB): written through the admin's client outside the run's
// transaction, on a row that transaction never touches, so that every write commits at once and no row lock of the
// run holds it back; any instance reads them.
import { delegateIn, type PrismaClientLike } from '../delegates.ts';
import { KEEP_JOBS_MS, STALE_AFTER_MS, type JobOutcome, type JobRecord, type JobStore, type NewJob } from './job-store.ts';

/** MySQL's String is VARCHAR(191). */
const MYSQL_TEXT = 191;

export class DatabaseJobStore implements JobStore {
  constructor(private readonly prisma: PrismaClientLike, private readonly maxText = Infinity) {}

  static for(prisma: PrismaClientLike, provider: string): DatabaseJobStore {
    return new DatabaseJobStore(prisma, provider === 'mysql' ? MYSQL_TEXT : Infinity);
  }

  private get jobs() {
    return delegateIn(this.prisma, 'AdminJob');
  }

  private text(text: string): string {
    return text.length > this.maxText ? `${text.slice(0, this.maxText - 1)}…` : text;
  }

  async start(job: NewJob): Promise<boolean> {
    await this.jobs.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_JOBS_MS) } } });
    const running = { status: 'running', done: 0, total: job.total, message: this.text(job.message), level: null, backUrl: job.backUrl };
    try {
      await this.jobs.create({ data: { ...running, id: job.id, kind: job.kind, model: job.model, userId: job.userId } });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002') throw error;
    }
    const again = await this.jobs.updateMany({
      where: { id: job.id, userId: job.userId, OR: [{ status: 'failed' }, { status: 'running', updatedAt: { lt: new Date(Date.now() - STALE_AFTER_MS) } }] },
      data: { ...running, updatedAt: new Date() },
    });
    return again.count === 1;
  }

  async progress(id: string, done: number, update: { total?: number; message?: string } = {}): Promise<void> {
    const data: Record<string, unknown> = { done, updatedAt: new Date() };
    if (update.total !== undefined) data.total = update.total;
    if (update.message !== undefined) data.message = this.text(update.message);
    await this.jobs.updateMany({ where: { id, status: 'running' }, data });
  }

  async touch(id: string): Promise<void> {
    await this.jobs.updateMany({ where: { id, status: 'running' }, data: { updatedAt: new Date() } });
  }

  async finish(id: string, status: 'done' | 'failed', outcome: JobOutcome): Promise<void> {
    await this.jobs.updateMany({ where: { id }, data: { status, level: outcome.level, message: this.text(outcome.message), backUrl: outcome.backUrl, updatedAt: new Date() } });
  }

  async find(id: string): Promise<JobRecord | null> {
    return (await this.jobs.findUnique({ where: { id } })) as JobRecord | null;
  }
}
