// A saved admin user whose credentials or powers shrank loses every session, as Django logs a user out everywhere when
// their password changes: a new password (through the Users form, not only the user's own password page), a lost
// superuser status, a deactivation. Run with the save's client, so the sessions end in the save's transaction.
import type { FastifyRequest } from 'fastify';
import { tokenHash } from '../auth/database-backend.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { SESSION_COOKIE } from '../http/security/session.ts';
import type { ModelMeta } from '../schema/types.ts';

type Row = Record<string, unknown>;

export async function endSessionsAfterUserSave(ctx: AdminContext, request: FastifyRequest, client: PrismaClientLike, model: ModelMeta, before: Row, after: Row): Promise<void> {
  if (model.name !== 'AdminUser' || ctx.auth.kind !== 'database' || after.id === undefined) return;
  const newPassword = after.passwordHash !== undefined && after.passwordHash !== before.passwordHash;
  const demoted = before.isSuperuser === true && after.isSuperuser === false;
  const deactivated = before.isActive !== false && after.isActive === false;
  if (!newPassword && !demoted && !deactivated) return;
  // A person setting their own password keeps this browser's session (as on the password page); losing powers does not.
  const own = String(after.id) === request.adminUser?.id && !demoted && !deactivated;
  const keep = own ? request.cookies[SESSION_COOKIE] : undefined;
  await delegateIn(client, 'AdminSession').deleteMany({ where: { userId: after.id, ...(keep ? { NOT: { tokenHash: tokenHash(keep) } } : {}) } });
}
