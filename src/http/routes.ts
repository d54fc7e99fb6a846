// The admin's URLs (Django's urls.py): one route per page kind, resolved to a model by its URL name.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { changelistView } from '../views/changelist.ts';
import { detailView, downloadView } from '../views/detail.ts';
import { deleteView, deleteConfirmedView, bulkActionView, deleteSelectedView } from '../views/delete.ts';
import { addView, changeView } from '../views/form-page.ts';
import { indexView } from '../views/index-page.ts';
import { autocompleteView } from '../views/autocomplete.ts';
import type { AdminContext } from './context.ts';
import { notFound } from './errors.ts';

type ModelParams = { model: string };
type RecordParams = { model: string; id: string };

export function registerRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const withModel =
    <P extends ModelParams>(view: (ctx: AdminContext, req: FastifyRequest<{ Params: P }>, reply: FastifyReply, admin: ResolvedModelAdmin) => Promise<unknown>) =>
    async (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => {
      const admin = ctx.models.get((request.params as ModelParams).model);
      if (!admin) return notFound(ctx, request, reply, 'There is no such model in this admin.');
      return view(ctx, request, reply, admin);
    };

  app.get('/', (request, reply) => indexView(ctx, request, reply));
  app.get<{ Params: ModelParams }>('/:model', (request, reply) => reply.redirect(`${ctx.prefix}/${encodeURIComponent(request.params.model)}/`, 301));
  app.get<{ Params: ModelParams }>('/:model/', withModel(changelistView));
  app.get<{ Params: ModelParams }>('/:model/autocomplete', withModel(autocompleteView));
  app.post<{ Params: ModelParams }>('/:model/action', withModel(bulkActionView));
  app.post<{ Params: ModelParams }>('/:model/delete-selected', withModel(deleteSelectedView));
  app.get<{ Params: ModelParams }>('/:model/add', withModel(addView));
  app.post<{ Params: ModelParams }>('/:model/add', withModel(addView));
  app.get<{ Params: RecordParams }>('/:model/:id/', withModel(detailView));
  app.get<{ Params: RecordParams & { field: string } }>('/:model/:id/download/:field', withModel(downloadView));
  app.get<{ Params: RecordParams }>('/:model/:id/change', withModel(changeView));
  app.post<{ Params: RecordParams }>('/:model/:id/change', withModel(changeView));
  app.get<{ Params: RecordParams }>('/:model/:id/delete', withModel(deleteView));
  app.post<{ Params: RecordParams }>('/:model/:id/delete', withModel(deleteConfirmedView));
}
