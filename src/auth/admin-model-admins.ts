// How the admin shows its own models: users and the audit log for superusers only; sessions, login counters and
// permission rows never (permissions are edited on each user's permissions page).
import type { FastifyRequest } from 'fastify';
import type { AdminClient, SaveModelArgs } from '../admin/form-options.ts';
import { ModelAdmin, type ModelAdminClass } from '../admin/model-admin.ts';
import { ValidationError } from '../forms/validation-error.ts';
import { usernameProblem } from './username.ts';

const isSuperuser = (request: FastifyRequest) => Boolean(request.adminUser?.isSuperuser);

export class AdminUserAdmin extends ModelAdmin {
  listDisplay = ['username', 'isSuperuser', 'isActive', 'lastLogin'];
  listFilter = ['isSuperuser', 'isActive', 'lastLogin'];
  searchFields = ['username'];
  ordering = ['username'];
  fields = ['username', 'passwordHash', 'isActive', 'isSuperuser', 'lastLogin', 'createdAt'];
  readonlyFields = ['lastLogin', 'createdAt'];
  passwordFields = ['passwordHash'];
  labels = { passwordHash: 'Password', isSuperuser: 'Superuser status', isActive: 'Active' };

  /** The username format the model documents, on every save through the admin. */
  saveModel(client: AdminClient, args: SaveModelArgs): Promise<Record<string, unknown>> {
    const problem = typeof args.data.username === 'string' ? usernameProblem(args.data.username) : null;
    if (problem) throw new ValidationError({ username: problem });
    return super.saveModel(client, args);
  }

  hasViewPermission(request: FastifyRequest) { return isSuperuser(request); }
  hasAddPermission(request: FastifyRequest) { return isSuperuser(request); }
  hasChangePermission(request: FastifyRequest) { return isSuperuser(request); }
  hasDeletePermission(request: FastifyRequest, record?: Record<string, unknown>) {
    // Nobody deletes their own account from under themselves.
    return isSuperuser(request) && (!record || String(record.id) !== request.adminUser?.id);
  }
}

export class AdminLogEntryAdmin extends ModelAdmin {
  listDisplay = ['actionTime', 'username', 'model', 'objectRepr', 'action'];
  listFilter = ['actionTime'];
  searchFields = ['username', 'model', 'objectRepr'];
  ordering = ['-actionTime'];
  labels = { objectRepr: 'Record', actionTime: 'Time' };

  // The log is evidence: it can be read, never written or erased through the admin.
  hasViewPermission(request: FastifyRequest) { return isSuperuser(request); }
  hasAddPermission() { return false; }
  hasChangePermission() { return false; }
  hasDeletePermission() { return false; }
}

class InternalAdmin extends ModelAdmin {
  hidden = true;
  hasViewPermission() { return false; }
  hasAddPermission() { return false; }
  hasChangePermission() { return false; }
  hasDeletePermission() { return false; }
}

export const BUILT_IN_ADMINS: Record<string, ModelAdminClass> = {
  AdminUser: AdminUserAdmin,
  AdminLogEntry: AdminLogEntryAdmin,
  AdminSession: InternalAdmin,
  AdminUserPermission: InternalAdmin,
  AdminLoginThrottle: InternalAdmin,
  AdminImportJob: InternalAdmin,
  AdminJob: InternalAdmin,
};
