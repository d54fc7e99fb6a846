// Picks where users come from: the admin's own models when the schema has them, else the environment's superuser.
import type { SchemaMeta } from '../schema/types.ts';
import { DatabaseAuthBackend } from './database-backend.ts';
import { DatabaseLoginThrottle } from './login-throttle.ts';
import { EnvironmentAuthBackend } from './environment-backend.ts';
import { sessionLookupFor } from './session-lookup.ts';
import type { AuthBackend } from './types.ts';

export const ADMIN_MODELS = ['AdminUser', 'AdminUserPermission', 'AdminSession', 'AdminLogEntry', 'AdminLoginThrottle', 'AdminImportJob', 'AdminJob'] as const;

export function hasAdminModels(schema: SchemaMeta): boolean {
  const names = new Set(schema.models.map((m) => m.name));
  return ['AdminUser', 'AdminUserPermission', 'AdminSession'].every((n) => names.has(n));
}

export function hasAuditLog(schema: SchemaMeta): boolean {
  return hasAdminModels(schema) && schema.models.some((m) => m.name === 'AdminLogEntry');
}

/** True when the schema has the AdminLoginThrottle model: login attempts are counted in the database. */
export function hasLoginThrottle(schema: SchemaMeta): boolean {
  return schema.models.some((m) => m.name === 'AdminLoginThrottle');
}

/** True when the schema has the AdminImportJob model, where an import keeps its file between preview and confirm. */
export function hasImportJobs(schema: SchemaMeta): boolean {
  return schema.models.some((m) => m.name === 'AdminImportJob');
}

export function authBackendFor(schema: SchemaMeta, prisma: unknown, postgresSchema?: string): AuthBackend {
  if (hasAdminModels(schema)) {
    const throttle = hasLoginThrottle(schema) ? new DatabaseLoginThrottle((prisma as { adminLoginThrottle: ConstructorParameters<typeof DatabaseLoginThrottle>[0] }).adminLoginThrottle) : undefined;
    return new DatabaseAuthBackend(prisma as ConstructorParameters<typeof DatabaseAuthBackend>[0], { lookup: sessionLookupFor(schema, postgresSchema), throttle, provider: schema.provider });
  }
  return EnvironmentAuthBackend.fromEnvironment();
}
