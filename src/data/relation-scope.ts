// The records a relation field may point at for one request: what the related model's admin lets the request see
// (its getQueryset), narrowed by the field's `limitChoicesTo` and the owner's `getRelationChoicesWhere` hook. Choices,
// autocomplete, labels of current values and the validation of submitted ids all use this one where.
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { scopedWhere } from './scoped-where.ts';

type Where = Record<string, unknown>;

/** A ModelAdmin or an InlineModelAdmin: whoever shows the relation field. */
export interface RelationChoicesOwner {
  limitChoicesTo?: Record<string, Where>;
  getRelationChoicesWhere?(request: FastifyRequest, fieldName: string): Where | undefined;
}

/**
 * `related`: the related model's admin (undefined when the model is not in the admin); `hook`: false for list filters,
 * which apply the scope and `limitChoicesTo` only (as Django's relation filter applies `limit_choices_to`).
 */
export function relationChoicesWhere(request: FastifyRequest, owner: RelationChoicesOwner | undefined, fieldName: string, related: ResolvedModelAdmin | undefined, options: { hook?: boolean } = {}): Where {
  const narrowing = [owner?.limitChoicesTo?.[fieldName], options.hook === false ? undefined : owner?.getRelationChoicesWhere?.(request, fieldName)]
    .filter((w): w is Where => !!w && Object.keys(w).length > 0);
  const where = narrowing.length === 0 ? undefined : narrowing.length === 1 ? narrowing[0] : { AND: narrowing };
  if (related) return scopedWhere(related, request, where);
  return where ?? {};
}

/** `a AND b`, leaving out empty wheres. */
export function andWhere(...wheres: (Where | undefined)[]): Where {
  const parts = wheres.filter((w): w is Where => !!w && Object.keys(w).length > 0);
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0] : { AND: parts };
}
