// Jobs in the AdminJob table (PostgreSQL, MySQL/MariaDB): written through the admin's client outside the run's
// transaction, on a row that transaction never touches, so that every write commits at once and no row lock of the
// run holds it back; any instance reads them.
import type { FieldMeta, ModelMeta } from '../../schema/types.ts';
import { delegateIn, type PrismaClientLike } from '../delegates.ts';
import { KEEP_JOBS_MS, STALE_AFTER_MS, type JobOutcome, type JobRecord, type JobStore, type NewJob } from './job-store.ts';

/** The characters a MySQL column of this String field holds, at up to 4 bytes (utf8mb4) each. */
function mysqlChars(field: FieldMeta | undefined): number {
  const native = field?.kind === 'scalar' ? field.nativeType : null;
  switch (native?.name) {
    case 'VarChar':
    case 'Char':
      return Number(native.args[0]) || 191;
    case 'TinyText':
      return 63;
    case 'Text':
      return 16_383;
    case 'MediumText':
      return 4_194_303;
    case 'LongText':
      return Infinity;
    default:
      // A String without a native type is VARCHAR(191) (models written before init gave these fields TEXT).
      return 191;
  }
}

/** How long a job's message and link back may be: unbounded but on MySQL, where the column's type says. */
export interface JobTextLimits {
  message: number;
  backUrl: number;
}

export class DatabaseJobStore implements JobStore {
  constructor(private readonly prisma: PrismaClientLike, private readonly limits: JobTextLimits = { message: Infinity, backUrl: Infinity }) {}

  /** `model`: the schema's AdminJob, whose columns bound the texts on MySQL. */
  static for(prisma: PrismaClientLike, provider: string, model?: ModelMeta): DatabaseJobStore {
    if (provider !== 'mysql') return new DatabaseJobStore(prisma);
    const field = (name: string) => model?.fields.find((f) => f.name === name);
    return new DatabaseJobStore(prisma, { message: mysqlChars(field('message')), backUrl: mysqlChars(field('backUrl')) });
  }

  private get jobs() {
    return delegateIn(this.prisma, 'AdminJob');
  }

  private text(text: string): string {
    return text.length > this.limits.message ? `${text.slice(0, this.limits.message - 1)}…` : text;
  }

  /** A link too long for its column is left out: the job page then links to the model's list. */
  private link(url: string): string {
    return url.length > this.limits.backUrl ? '' : url;
  }

  async start(job: NewJob): Promise<boolean> {
    await this.jobs.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_JOBS_MS) } } });
    const running = { status: 'running', done: 0, total: job.total, message: this.text(job.message), level: null, backUrl: this.link(job.backUrl) };
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
    await this.jobs.updateMany({ where: { id }, data: { status, level: outcome.level, message: this.text(outcome.message), backUrl: this.link(outcome.backUrl), updatedAt: new Date() } });
  }

  async find(id: string): Promise<JobRecord | null> {
    return (await this.jobs.findUnique({ where: { id } })) as JobRecord | null;
  }
}
