// A long run's page (`<prefix>/<model>/jobs/<id>`): rows done of rows in all as a <progress> bar, refreshed by the
// browser every second (a `Refresh` header and <meta http-equiv="refresh">, no script needed) while the job runs,
// then its outcome with the link back. Only the user who started the job sees it; a job whose process died says so instead of running forever.
// startJob is how a view hands a run over: it records the job, starts the work and answers with the page's address.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { isJobId, isStale, type JobKind, type JobOutcome, type JobRecord } from '../data/jobs/job-store.ts';
import { jobStoreFor } from '../data/jobs/job-store-for.ts';
import { runInBackground, type JobEnd, type ReportProgress } from '../data/jobs/run-job.ts';
import { notFound } from '../http/errors.ts';
import { addMessage } from '../http/flash.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { modelLabelPlural } from '../schema/lookup.ts';

export const STOPPED_MESSAGE = 'The server stopped during the run (it was restarted or crashed); nothing was written: its transaction was rolled back. Run it again.';

export interface JobStart {
  id: string;
  kind: JobKind;
  total: number;
  /** What the page says while the job runs before its first progress. */
  message: string;
  /** The link of the outcome when the work does not give its own. */
  backUrl: string;
  work(progress: ReportProgress): Promise<JobEnd>;
  /** The outcome of an unexpected error (logged). */
  failed(error: unknown): JobOutcome;
}

export function jobUrl(ctx: AdminContext, admin: ResolvedModelAdmin, id: string): string {
  return `${urlsOf(ctx).list(admin)}jobs/${id}`;
}

/** True when a run over `rows` rows goes to a job page (and the database has somewhere to keep jobs). */
export async function runsAsJob(ctx: AdminContext, rows: number): Promise<boolean> {
  return rows > ctx.runAsJobAbove && (await jobStoreFor(ctx)) !== null;
}

/**
 * Records the job and starts its work after this answer, a 303 to its page. A second submit of the same job id (a
 * double click, the back button) finds it running or done and is sent to the same page: the work runs once.
 */
export async function startJob(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, job: JobStart): Promise<FastifyReply> {
  const store = (await jobStoreFor(ctx))!;
  const userId = request.adminUser?.id ?? '';
  if (await store.start({ id: job.id, kind: job.kind, model: admin.model.name, userId, total: job.total, message: job.message, backUrl: job.backUrl })) {
    void runInBackground(store, job.id, request.log, job.work, job.failed);
  }
  return reply.redirect(jobUrl(ctx, admin, job.id), 303);
}

/** The job of this id while it runs (not stale), if any. */
export async function findRunningJob(ctx: AdminContext, id: string): Promise<JobRecord | null> {
  const store = await jobStoreFor(ctx);
  const job = store && isJobId(id) ? await store.find(id) : null;
  return job && job.status === 'running' && !isStale(job) ? job : null;
}

type JobRequest = FastifyRequest<{ Params: { model: string; id: string } }>;

export async function jobView(ctx: AdminContext, request: JobRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const store = await jobStoreFor(ctx);
  const id = request.params.id;
  const job = store && isJobId(id) ? await store.find(id) : null;
  // Anyone else's job is no job: its address alone shows nothing.
  if (!job || job.model !== admin.model.name || job.userId !== (request.adminUser?.id ?? '')) return notFound(ctx, request, reply, 'There is no such job (jobs are kept for a day, and only who started one sees it).');
  const shown = isStale(job) ? { ...job, status: 'failed' as const, level: 'error' as const, message: STOPPED_MESSAGE } : job;
  const running = shown.status === 'running';
  if (!running && (request.query as { back?: string }).back === '1') {
    addMessage(request, reply, ctx.prefix, { level: shown.level ?? 'info', text: shown.message });
    return reply.redirect(shown.backUrl || urlsOf(ctx).list(admin), 303);
  }
  const label = modelLabelPlural(admin.model);
  // The refresh also goes as a `Refresh` header, which browsers treat as the meta tag: a base.eta of the project's own
  // that lacks the tag still refreshes the page (a browser that has the header ignores the tag).
  if (running) reply.header('refresh', '1');
  const title = `${job.kind === 'import' ? 'Import' : 'Change'} ${label.toLowerCase()}${running ? ': running' : ''}`;
  return renderPage(ctx, request, reply, 'job', {
    running,
    job: shown,
    total: Math.max(shown.total, shown.done, 1),
    countText: countText(shown),
    backLink: `${jobUrl(ctx, admin, job.id)}?back=1`,
    backLabel: shown.backUrl.startsWith(`${urlsOf(ctx).list(admin)}import`) ? 'Back to the import' : 'Back to the list',
    refreshSeconds: running ? 1 : null,
  }, {
    title,
    model: admin,
    breadcrumbs: [{ label: 'Home', url: urlsOf(ctx).index() }, { label, url: urlsOf(ctx).list(admin) }, { label: running ? 'Running' : 'Ended' }],
  });
}

function countText(job: JobRecord): string {
  const percent = job.total > 0 ? Math.floor((100 * Math.min(job.done, job.total)) / job.total) : 0;
  return `${job.done.toLocaleString('en-US')} of ${job.total.toLocaleString('en-US')} rows (${percent}%)`;
}
