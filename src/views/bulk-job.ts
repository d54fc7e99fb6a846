// A confirmed bulk run (an action, or "Edit selected"): over at most runAsJobAbove rows inside the request, with its
// message on the list; over more as a job (job-page.ts) whose page shows rows done and ends with the same message.
// Either way one transaction (actions-run.ts): the job's rows are seen by others only once all of them are written.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { BulkSelection } from '../data/bulk-selection.ts';
import { isJobId, newJobId } from '../data/jobs/job-store.ts';
import { selectionSize } from '../data/selection-size.ts';
import type { SubmittedForm } from '../forms/types.ts';
import { forbidden } from '../http/errors.ts';
import { formText } from '../http/form-body.ts';
import { runsAsJob, startJob } from './job-page.ts';

/** Where the run goes back to (actions-flow.ts ActionPlace). */
interface Place {
  cancelUrl: string;
  back(level: 'success' | 'warning' | 'error', text: string): unknown;
}

/** What a run ended with: its message for the list, or that the user may change none of the rows. */
export type RunOutcome = { level: 'success' | 'warning' | 'error'; text: string } | 'forbidden';

const FORBIDDEN_TEXT = 'You may not change any of the selected rows. Nothing was changed.';

export async function runOrStartJob(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, form: SubmittedForm, selection: BulkSelection, place: Place, label: string, run: (onBatch?: (done: number) => Promise<void>) => Promise<RunOutcome>) {
  const total = await selectionSize(ctx, admin, request, selection);
  if (!(await runsAsJob(ctx, total))) {
    const outcome = await run();
    return outcome === 'forbidden' ? forbidden(ctx, request, reply) : place.back(outcome.level, outcome.text);
  }
  const token = formText(form, '_job') ?? '';
  return startJob(ctx, request, reply, admin, {
    id: isJobId(token) ? token : newJobId(), kind: 'bulk', total, backUrl: place.cancelUrl,
    message: `${label}: running over ${total.toLocaleString('en-US')} rows…`,
    async work(progress) {
      const outcome = await run((done) => progress(done));
      if (outcome === 'forbidden') return { status: 'failed', outcome: { level: 'error', message: FORBIDDEN_TEXT, backUrl: place.cancelUrl } };
      return { status: outcome.level === 'success' ? 'done' : 'failed', outcome: { level: outcome.level, message: outcome.text, backUrl: place.cancelUrl } };
    },
    failed: (error) => ({ level: 'error', message: `${label} failed (${(error as Error)?.message?.split('\n').filter(Boolean).pop() ?? String(error)}). Nothing was changed.`, backUrl: place.cancelUrl }),
  });
}
