// Django's model permissions: view, add, change, delete per model; superusers have all; change implies view.
import type { AdminUser, PermissionAction } from './types.ts';

export function hasModelPermission(user: AdminUser | null, modelName: string, action: PermissionAction): boolean {
  if (!user) return false;
  if (user.isSuperuser) return true;
  if (user.permissions.has(`${modelName}.${action}`)) return true;
  return action === 'view' && user.permissions.has(`${modelName}.change`);
}
