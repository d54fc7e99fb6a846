// Who is logged in, and where users come from: the admin's own models in the user's database, or a single superuser
// from the environment when the schema has no admin models.
import type { LoginThrottle } from './login-throttle.ts';

export type PermissionAction = 'view' | 'add' | 'change' | 'delete';
export const PERMISSION_ACTIONS: PermissionAction[] = ['view', 'add', 'change', 'delete'];

export interface AdminUser {
  id: string;
  username: string;
  isSuperuser: boolean;
  /** `Model.action` strings, e.g. `Post.change`. Superusers have every permission without these. */
  permissions: Set<string>;
}

/**
 * A refused login says only that: a wrong password, an unknown or inactive user and a locked-out username look the
 * same to the person trying (Django's answer), so that the answer tells nothing about the account.
 */
export type LoginResult =
  | { ok: true; user: AdminUser }
  | { ok: false; reason: 'invalid' };

export interface AuthBackend {
  /** 'database' when users live in the AdminUser table, 'environment' for the single ADMIN_USERNAME superuser. */
  readonly kind: 'database' | 'environment';
  /** `clientAddress`: the connection's address; wrong passwords lock the username for that address only. */
  authenticate(username: string, password: string, clientAddress?: string): Promise<LoginResult>;
  /** Where login attempts are counted (the login rate limit uses it too); none: the rate limit counts per process. */
  readonly throttle?: LoginThrottle;
  /** A new session (a fresh random token every time: no fixation). */
  startSession(user: AdminUser, maxAgeSeconds: number): Promise<string>;
  userForSession(token: string): Promise<AdminUser | null>;
  endSession(token: string): Promise<void>;
  /** `keepSession`: the current session token, which stays valid; the user's other sessions end. */
  changePassword(user: AdminUser, oldPassword: string, newPassword: string, keepSession?: string): Promise<'ok' | 'wrong-password' | 'unsupported'>;
}
