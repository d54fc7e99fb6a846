// Who may run a list action: the action names the permission it needs (change unless it says otherwise).
import type { FastifyRequest } from 'fastify';
import type { AdminAction } from './actions.ts';
import type { ResolvedModelAdmin } from './resolve-model-admin.ts';

/** May the request run the action (on this record, when given)? */
export function mayRun(admin: ResolvedModelAdmin, request: FastifyRequest, action: AdminAction, record?: Record<string, unknown>): boolean {
  switch (action.permission ?? 'change') {
    case 'view':
      return admin.admin.hasViewPermission(request, record);
    case 'add':
      return admin.admin.hasAddPermission(request);
    case 'change':
      return admin.admin.hasChangePermission(request, record);
    case 'delete':
      return admin.admin.hasDeletePermission(request, record);
  }
}
