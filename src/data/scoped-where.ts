// Every query of a model goes through its admin's getQueryset(request): what it excludes does not exist for the request.
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';

type Where = Record<string, unknown>;

export function scopedWhere(admin: ResolvedModelAdmin, request: FastifyRequest, where: Where | undefined): Where {
  const scope = admin.admin.getQueryset(request);
  const parts = [where, scope].filter((w): w is Where => !!w && Object.keys(w).length > 0);
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0] : { AND: parts };
}
