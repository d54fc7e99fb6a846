// The admin's URLs (Django's urls.py): one route per page kind, resolved to a model by its URL name.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { changelistView } from '../views/changelist.ts';
import { detailView, downloadView } from '../views/detail.ts';
import { storedFileView } from '../views/file-download.ts';
import { deleteView, deleteConfirmedView, deleteSelectedView } from '../views/delete.ts';
import { actionView } from '../views/actions.ts';
import { recordActionView } from '../views/actions-record.ts';
import { exportView } from '../views/export/export-view.ts';
import { addView, changeView } from '../views/form-page.ts';
import { indexView } from '../views/index-page.ts';
import { importView } from '../views/import-page.ts';
import { jobView } from '../views/job-page.ts';
import { isJobId } from '../data/jobs/job-store.ts';
import { autocompleteView } from '../views/autocomplete.ts';
import { markdownPreviewView } from '../views/markdown-preview.ts';
import { historyView } from '../views/history.ts';
import { modelPageView, sitePageView } from '../views/custom-page.ts';
import { userPermissionsView } from '../views/user-permissions.ts';
import type { AdminContext } from '../admin/context.ts';
import { badRequest, forbidden, notFound } from './errors.ts';
import { MALFORMED_URL_PATH } from './malformed-url.ts';
import { loginView, logoutView, passwordChangeView } from '../views/login.ts';
import { hasRecordPages, readOnlyReason } from '../admin/read-only.ts';
import { modelLabelPlural } from '../schema/lookup.ts';

function modelPermission(admin: ResolvedModelAdmin, request: FastifyRequest, permission: Permission): boolean {
  switch (permission) {
    case 'view':
      return admin.admin.hasViewPermission(request);
    case 'add':
      return admin.admin.hasAddPermission(request);
    case 'change':
      return admin.admin.hasChangePermission(request);
    case 'delete':
      return admin.admin.hasDeletePermission(request);
  }
}

/** Per client IP; a locked-out person gets a 429 page that says when to try again. */
function loginRateLimit(max: number) {
  return {
    max,
    timeWindow: '1 minute',
    // The socket's address, not request.ip: X-Forwarded-For is written by the client and would reset the limit.
    keyGenerator: (request: FastifyRequest) => request.socket.remoteAddress ?? request.ip,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Too many login attempts from your address. Try again in ${context.after}.`,
    }),
  };
}

type ModelParams = { model: string };
type Permission = 'view' | 'add' | 'change' | 'delete';
type RecordParams = { model: string; id: string };
type RecordHandler = (request: FastifyRequest<{ Params: RecordParams & { field: string } }>, reply: FastifyReply) => Promise<unknown>;

/** `/admin/post/a%2Fb/change?x` → model `post`, id `a/b`, page `change`; `…/download/<field>` names a field. */
export function recordTarget(prefix: string, url: string): { model: string; id: string; page: string; field?: string } | null {
  const path = url.split('?')[0].slice(prefix.length);
  const segments = path.split('/');
  // ['', model, id, page, field?]
  if (segments.length < 4 || segments.length > 5 || segments[0] !== '' || !segments[2]) return null;
  try {
    const [model, id, page, field] = segments.slice(1).map((s) => decodeURIComponent(s));
    if ((page === 'download' || page === 'thumbnail') !== (field !== undefined)) return null;
    return { model, id, page, field };
  } catch {
    return null;
  }
}

export function registerRoutes(app: FastifyInstance, ctx: AdminContext, options: { loginAttemptsPerMinute: number }): void {
  // Resolves the model of the URL and checks the user's model permission before the view runs; views check the
  // per-record hooks themselves once they have the record.
  // `writes`: the page writes (or leads to writing), and read-only models (views, models without a record key) refuse
  // it; 'keyed' pages need only rows that can be addressed (actions on selected rows).
  const withModel =
    <P extends ModelParams>(permission: Permission, view: (ctx: AdminContext, req: FastifyRequest<{ Params: P }>, reply: FastifyReply, admin: ResolvedModelAdmin) => Promise<unknown>, writes: boolean | 'keyed' = permission === 'add' || permission === 'delete') =>
    async (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => {
      const admin = ctx.models.get((request.params as ModelParams).model);
      if (!admin) return notFound(ctx, request, reply, 'There is no such model in this admin.');
      if (!modelPermission(admin, request, permission)) return forbidden(ctx, request, reply);
      const readOnly = writes === 'keyed' ? (hasRecordPages(admin.model) ? null : readOnlyReason(admin.model)) : writes ? readOnlyReason(admin.model) : null;
      if (readOnly) return badRequest(ctx, request, reply, `${modelLabelPlural(admin.model)} are read-only in this admin: ${readOnly}.`);
      return view(ctx, request, reply, admin);
    };

  app.all(MALFORMED_URL_PATH, (request, reply) => badRequest(ctx, request, reply, 'The address of this page is malformed (a % escape that does not decode). Check the link.'));
  app.get('/login', (request, reply) => loginView(ctx, request, reply));
  app.post('/login', { config: { rateLimit: loginRateLimit(options.loginAttemptsPerMinute) } }, (request, reply) => loginView(ctx, request, reply));
  app.post('/logout', (request, reply) => logoutView(ctx, request, reply));
  app.get('/password', (request, reply) => passwordChangeView(ctx, request, reply));
  app.post('/password', (request, reply) => passwordChangeView(ctx, request, reply));
  app.get('/', (request, reply) => indexView(ctx, request, reply));
  app.get<{ Params: { path: string } }>('/pages/:path', (request, reply) => sitePageView(ctx, request, reply));
  app.get<{ Params: { model: string; path: string } }>('/pages/:model/:path', (request, reply) => modelPageView(ctx, request, reply));
  if (ctx.auth.kind === 'database') {
    app.get<{ Params: { id: string } }>('/adminuser/:id/permissions', (request, reply) => userPermissionsView(ctx, request, reply));
    app.post<{ Params: { id: string } }>('/adminuser/:id/permissions', (request, reply) => userPermissionsView(ctx, request, reply));
  }
  app.get<{ Params: ModelParams }>('/:model', (request, reply) => reply.redirect(`${ctx.prefix}/${encodeURIComponent(request.params.model)}/`, 301));
  app.get<{ Params: ModelParams }>('/:model/', withModel('view', changelistView));
  app.get<{ Params: ModelParams }>('/:model/autocomplete', withModel('view', autocompleteView));
  // The add or change permission (the preview belongs to those forms), checked by the view.
  app.post<{ Params: ModelParams }>('/:model/markdown-preview', (request, reply) => markdownPreviewView(ctx, request, reply));
  app.get<{ Params: ModelParams }>('/:model/export', withModel('view', exportView));
  app.post<{ Params: ModelParams }>('/:model/action', withModel('view', actionView, 'keyed'));
  app.post<{ Params: ModelParams }>('/:model/delete-selected', withModel('delete', deleteSelectedView));
  app.get<{ Params: ModelParams }>('/:model/add', withModel('add', addView));
  app.post<{ Params: ModelParams }>('/:model/add', withModel('add', addView));
  app.get<{ Params: ModelParams }>('/:model/import', withModel('add', importView));
  app.post<{ Params: ModelParams }>('/:model/import', withModel('add', importView));
  // Record pages: `/<model>/<id>/<page>`. One wildcard route reads the id from the raw URL itself, so ids of any
  // length (fastify caps named parameters at 100 characters) and with any characters round-trip.
  const recordPages: Record<string, { GET?: RecordHandler; POST?: RecordHandler }> = {
    '': { GET: withModel('view', detailView) },
    change: { GET: withModel('view', changeView), POST: withModel('view', changeView, true) },
    delete: { GET: withModel('delete', deleteView), POST: withModel('delete', deleteConfirmedView) },
    history: { GET: withModel('view', historyView) },
    action: { POST: withModel('view', recordActionView, 'keyed') },
    download: { GET: withModel('view', (c, req: FastifyRequest<{ Params: RecordParams & { field: string } }>, rep, admin) => admin.fileFields.has(req.params.field) ? storedFileView(c, req, rep, admin, 'file') : downloadView(c, req, rep, admin)) },
    thumbnail: { GET: withModel('view', (c, req: FastifyRequest<{ Params: RecordParams & { field: string } }>, rep, admin) => storedFileView(c, req, rep, admin, 'thumbnail')) },
  };
  const recordPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = recordTarget(ctx.prefix, request.url);
    const handler = target && recordPages[target.page]?.[request.method as 'GET' | 'POST'];
    if (!target || !handler) return notFound(ctx, request, reply, 'There is no such page in this admin.');
    Object.assign(request.params as object, { model: target.model, id: target.id, field: target.field });
    return handler(request as FastifyRequest<{ Params: RecordParams & { field: string } }>, reply);
  };
  app.route({ method: ['GET', 'POST'], url: '/:model/*', handler: recordPage });
  // A long run's page. Its id is a token no record page is named like: `/<model>/jobs/change` is the change page of
  // the record "jobs". Only who started the job sees it (jobView); they needed the model's add or view permission.
  app.get<{ Params: RecordParams }>('/:model/jobs/:id', async (request, reply) => {
    if (!isJobId(request.params.id)) return recordPage(request, reply);
    const admin = ctx.models.get(request.params.model);
    if (!admin) return notFound(ctx, request, reply, 'There is no such model in this admin.');
    if (!admin.admin.hasViewPermission(request) && !admin.admin.hasAddPermission(request)) return forbidden(ctx, request, reply);
    return jobView(ctx, request, reply, admin);
  });
}
