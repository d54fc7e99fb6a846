// Who is logged in, and where users come from: the admin's own models in the user's database, or a single superuser
// from the environment when the schema has no admin models.

export type PermissionAction = 'view' | 'add' | 'change' | 'delete';
export const PERMISSION_ACTIONS: PermissionAction[] = ['view', 'add', 'change', 'delete'];

export interface AdminUser {
  id: string;
  username: string;
  isSuperuser: boolean;
  /** `Model.action` strings, e.g. `Post.change`. Superusers have every permission without these. */
  permissions: Set<string>;
}

export type LoginResult =
  | { ok: true; user: AdminUser }
  | { ok: false; reason: 'invalid' | 'locked'; retryAfterSeconds?: number };

export interface AuthBackend {
  /** 'database' when users live in the AdminUser table, 'environment' for the single ADMIN_USERNAME superuser. */
  readonly kind: 'database' | 'environment';
  authenticate(username: string, password: string): Promise<LoginResult>;
  /** A new session (a fresh random token every time: no fixation). */
  startSession(user: AdminUser, maxAgeSeconds: number): Promise<string>;
  userForSession(token: string): Promise<AdminUser | null>;
  endSession(token: string): Promise<void>;
  /** `keepSession`: the current session token, which stays valid; the user's other sessions end. */
  changePassword(user: AdminUser, oldPassword: string, newPassword: string, keepSession?: string): Promise<'ok' | 'wrong-password' | 'unsupported'>;
}
